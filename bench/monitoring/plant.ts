// Planting a pattern into the year: a host client is drawn until the planned requests fit it, that is,
// until, together with what the client already has, they meet no rule's definition but the one being
// planted (the guards below restate each definition from the rule parameters, erring on the safe side).
// A decoy, a near miss on purpose, must meet none at all.
import { periodWindow } from '../../src/core/benefits/limits';
import { robustSpread } from '../../src/core/monitoring/chance';
import { defaultRuleSet, type RuleKind } from '../../src/core/monitoring/rules';
import { type Draft, type Ledger, type Request, type Settlement, settle, typeLimits } from './activity';
import { type Client, dateOf, type Firm, YEAR_DAYS } from './firm';
import type { Random } from './random';

/** What a planted pattern (or decoy) should (or should not) raise: any of `keys`, or an alert about any of `requestIds`. */
export interface Label {
  rule: RuleKind;
  variant: string;
  keys: string[];
  requestIds: string[];
}

export const requestIdOf = (id: number) => `R${String(id + 1).padStart(7, '0')}`;

export interface Planned {
  draft: Draft;
  how?: Settlement;
}

const P = defaultRuleSet;
/** The rules whose definitions the guards restate; the others cannot fire on ordinary requests. */
type Guarded = 'structuring' | 'cumulative_limit' | 'frequency_spike' | 'revenue_outlier' | 'new_client';

export class Planter {
  readonly labels: Label[] = [];
  readonly decoys: Label[] = [];
  readonly firm: Firm;
  /** Clients hosting a pattern or decoy: one each, so that no two plantings blur each other. */
  readonly used = new Set<number>();
  private readonly taken = new Set<string>();
  private readonly blackoutClients: Set<number>;
  /** Each department's peers at the start of each week, from the background (see `peerSpreads`). */
  readonly peers: (PeerSpread | null)[][];
  /** The firm's requests submitted before each day: the season the spike rule measures a client against. */
  private readonly submittedBefore: number[];

  constructor(
    readonly ledger: Ledger,
    readonly rng: Random,
  ) {
    this.firm = ledger.firm;
    this.blackoutClients = new Set(ledger.blackouts.map((b) => b.client));
    this.peers = peerSpreads(ledger);
    this.submittedBefore = [0];
    const perDay = Array.from({ length: YEAR_DAYS }, () => 0);
    for (const r of ledger.requests) if (r.submitted < YEAR_DAYS) perDay[r.submitted]! += 1;
    for (const n of perDay) this.submittedBefore.push(this.submittedBefore.at(-1)! + n);
  }

  /** The firm's requests per day over the spike rule's recent days against its baseline's, on `day`. */
  season(day: number): number {
    const { recentDays, baselineDays } = P.frequency_spike.params;
    const before = (d: number) => this.submittedBefore[Math.min(YEAR_DAYS, Math.max(0, d))]!;
    const recent = before(day + 1) - before(day - recentDays + 1);
    const baseline = before(day - recentDays + 1) - before(day - recentDays - baselineDays + 1);
    return recent > 0 && baseline > 0 ? (recent * baselineDays) / (baseline * recentDays) : 1;
  }

  /**
   * Finds an unused client for which `make` plans requests that pass the guards (all of them for a
   * decoy; all but the planted rule's own otherwise), adds them and returns them.
   */
  place(rule: RuleKind, decoy: boolean, make: (client: number) => Planned[] | null): { client: number; requests: Request[] } {
    const { clients } = this.firm;
    const refused = new Map<string, number>();
    for (let attempt = 0; attempt < 20_000; attempt += 1) {
      const client = this.rng.int(0, clients.length - 1);
      if (this.used.has(client) || this.blackoutClients.has(client)) continue;
      const plan = make(client);
      const against = plan ? this.refusal(client, plan, decoy ? null : rule) : 'unsuitable';
      if (against) {
        refused.set(against, (refused.get(against) ?? 0) + 1);
        continue;
      }
      this.used.add(client);
      return { client, requests: this.commit(plan!) };
    }
    throw new Error(`No client can host a ${decoy ? 'decoy' : 'pattern'} of ${rule} (refused: ${JSON.stringify(Object.fromEntries(refused))}): the firm is too small for this many`);
  }

  /** Adds the planned requests as they are settled: approved, paid and closed on time unless the plan says otherwise. */
  commit(plan: Planned[]): Request[] {
    return plan.map(({ draft, how }) => this.ledger.add(settle(draft, this.firm, this.rng, { end: null, ...how })));
  }

  /** Marks a client as taken without planting into it. */
  reserve(client: number): boolean {
    if (this.used.has(client) || this.blackoutClients.has(client)) return false;
    this.used.add(client);
    return true;
  }

  /** Takes something by name (an official, a slot) once: false when already taken. */
  take(name: string): boolean {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    return true;
  }

  record(label: Label, decoy: boolean): void {
    (decoy ? this.decoys : this.labels).push(label);
  }

  /** Whether the plan, added to the client's requests, stays clear of every guarded rule but `except`. */
  fits(client: number, plan: Planned[], except: RuleKind | null): boolean {
    return this.refusal(client, plan, except) === null;
  }

  /** The first guarded rule (but `except`) the plan would meet in the client, or null. */
  private refusal(client: number, plan: Planned[], except: RuleKind | null): Guarded | null {
    const existing = this.ledger.byClient[client]!.map((id) => this.ledger.requests[id]!);
    const all = [...existing, ...plan.map((p) => p.draft)];
    const drafts = plan.map((p) => p.draft);
    const checks: Record<Guarded, () => boolean> = {
      structuring: () => drafts.every((d) => structuringClear(all, d)),
      cumulative_limit: () => drafts.every((d) => cumulativeClear(all, d)),
      frequency_spike: () => drafts.every((d) => spikeClear(all, d, this.firm.clients[client]!.since)),
      revenue_outlier: () => revenueClear(all, drafts, this.firm.clients[client]!, this.peers),
      new_client: () => drafts.every((d) => newClientClear(d, this.firm.clients[client]!.since)),
    };
    return (Object.keys(checks) as Guarded[]).find((rule) => rule !== except && !checks[rule]()) ?? null;
  }
}

type Fact = Pick<Draft, 'recipient' | 'requester' | 'type' | 'amountMinor' | 'submitted' | 'benefitDay'>;

/**
 * No 13 days around the request hold two or more requests under the threshold by its requester, of its
 * type, that reach it together: not for its client, so not for its recipient either.
 */
function structuringClear(all: readonly Fact[], d: Fact): boolean {
  const { thresholdMinor, windowDays, minCount } = P.structuring.params;
  if (d.amountMinor >= thresholdMinor) return true;
  const near = all.filter((r) => r.requester === d.requester && r.type === d.type && r.amountMinor < thresholdMinor && Math.abs(r.submitted - d.submitted) < windowDays);
  return near.length < minCount || near.reduce((s, r) => s + r.amountMinor, 0) < thresholdMinor;
}

/** The recipient's period total and the client's year total of the type stay under the alerting share of the limits. */
function cumulativeClear(all: readonly Fact[], d: Fact): boolean {
  const limits = typeLimits(d.type);
  const share = P.cumulative_limit.params.ratioBasisPoints;
  const under = (rs: Fact[], period: 'month' | 'quarter' | 'year', limitMinor: number) => {
    const from = periodWindow(dateOf(d.benefitDay), period).from;
    const total = rs.filter((r) => r.type === d.type && periodWindow(dateOf(r.benefitDay), period).from === from).reduce((s, r) => s + r.amountMinor, 0);
    return total * 10_000 < share * limitMinor;
  };
  const recipient = limits.perRecipientPerPeriod;
  if (recipient && !under(all.filter((r) => r.recipient === d.recipient), recipient.period, recipient.amountMinor)) return false;
  return !limits.perClientPerYear || under([...all], 'year', limits.perClientPerYear.amountMinor);
}

/** Once the client has been watched for a full baseline, no 59 days around the request hold as many requests as a spike needs. */
function spikeClear(all: readonly Fact[], d: Fact, since: number): boolean {
  const { recentDays, baselineDays, minRecentCount } = P.frequency_spike.params;
  const watchedFrom = Math.max(0, since) + recentDays + baselineDays - 1;
  if (d.submitted + recentDays - 1 < watchedFrom) return true;
  return all.filter((r) => Math.abs(r.submitted - d.submitted) < recentDays).length < minRecentCount;
}

/**
 * Once the engine has warmed up, at the end of every week from the plan's first request on, the client's
 * ratio (every request counted, withdrawn or not) stays under the rule's floor or half a deviation short of
 * standing out against its peers as they were at the start of that week.
 */
function revenueClear(all: readonly Fact[], drafts: readonly Fact[], client: Client, peers: (PeerSpread | null)[][]): boolean {
  const { minDeviations, minRatioBasisPoints, minPeers, warmUpDays } = P.revenue_outlier.params;
  const from = Math.max(warmUpDays, Math.min(...drafts.map((d) => d.submitted)));
  const bySubmission = [...all].sort((a, b) => a.submitted - b.submitted);
  let sum = 0;
  let next = 0;
  for (let week = Math.floor(from / 7); week * 7 < YEAR_DAYS; week += 1) {
    for (; next < bySubmission.length && bySubmission[next]!.submitted < (week + 1) * 7; next += 1) sum += bySubmission[next]!.amountMinor;
    const ratio = Math.round((sum * 10_000) / client.revenueMinor);
    const group = peers[client.department]![week];
    if (!group || group.peers < minPeers || ratio < minRatioBasisPoints) continue;
    if (deviations(ratio, group) >= minDeviations - 0.5) return false;
  }
  return true;
}

/** A department's clients' benefits-to-revenue ratios above zero: the centre and spread of their logarithms, and how many. */
export interface PeerSpread {
  centre: number;
  spread: number;
  peers: number;
}

/** How far a ratio (basis points) stands above its peers, in robust standard deviations. */
const deviations = (ratio: number, group: PeerSpread) => (Math.log(ratio) - group.centre) / Math.max(group.spread, 1e-6);

/** Each department's peers at the start of each week, as the engine sees them: requests submitted before it and not ended by then. */
function peerSpreads(ledger: Ledger): (PeerSpread | null)[][] {
  const { clients, departments } = ledger.firm;
  const withClient = ledger.requests.filter((r) => r.client !== null);
  const submitted = [...withClient].sort((a, b) => a.submitted - b.submitted);
  const ended = withClient.filter((r) => r.endedDay !== null).sort((a, b) => a.endedDay! - b.endedDay!);
  const sums = new Map<number, number>();
  const add = (r: Request, sign: number) => sums.set(r.client!, (sums.get(r.client!) ?? 0) + sign * r.amountMinor);
  const spreads: (PeerSpread | null)[][] = departments.map(() => []);
  let nextSubmitted = 0;
  let nextEnded = 0;
  for (let week = 0; week * 7 < YEAR_DAYS; week += 1) {
    for (; nextSubmitted < submitted.length && submitted[nextSubmitted]!.submitted < week * 7; nextSubmitted += 1) add(submitted[nextSubmitted]!, 1);
    for (; nextEnded < ended.length && ended[nextEnded]!.endedDay! < week * 7; nextEnded += 1) add(ended[nextEnded]!, -1);
    const logs: number[][] = departments.map(() => []);
    for (const [client, sum] of sums) {
      const ratio = Math.round((sum * 10_000) / clients[client]!.revenueMinor);
      if (ratio > 0) logs[clients[client]!.department]!.push(Math.log(ratio));
    }
    logs.forEach((list, d) => {
      const found = robustSpread(list);
      spreads[d]!.push(found && { ...found, peers: list.length });
    });
  }
  return spreads;
}

function newClientClear(d: Fact, since: number): boolean {
  const { withinDays, minAmountMinor } = P.new_client.params;
  return d.amountMinor < minAmountMinor || d.submitted - since > withinDays;
}

export const inYear = (day: number) => Math.min(YEAR_DAYS - 1, day);
