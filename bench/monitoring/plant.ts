// Planting a pattern into the year: a host client is drawn until the planned requests fit it, that is,
// until, together with what the client already has, they meet no rule's definition but the one being
// planted (the guards below restate each definition from the rule parameters, erring on the safe side).
// A decoy, a near miss on purpose, must meet none at all.
import { periodWindow } from '../../src/core/benefits/limits';
import { defaultRuleSet, type RuleKind } from '../../src/core/monitoring/rules';
import { median } from '../../src/core/monitoring/windows';
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
  /** Each department's median benefits-to-revenue ratio (basis points) at the start of each week, from the background. */
  private readonly peerMedians: number[][];

  constructor(
    readonly ledger: Ledger,
    readonly rng: Random,
  ) {
    this.firm = ledger.firm;
    this.blackoutClients = new Set(ledger.blackouts.map((b) => b.client));
    this.peerMedians = peerMedians(ledger);
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
      revenue_outlier: () => revenueClear(all, drafts, this.firm.clients[client]!, this.peerMedians),
      new_client: () => drafts.every((d) => newClientClear(d, this.firm.clients[client]!.since)),
    };
    return (Object.keys(checks) as Guarded[]).find((rule) => rule !== except && !checks[rule]()) ?? null;
  }
}

type Fact = Pick<Draft, 'recipient' | 'type' | 'amountMinor' | 'submitted' | 'benefitDay'>;

/** No 13 days around the request hold two or more requests under the threshold that reach it, for its recipient or its client. */
function structuringClear(all: readonly Fact[], d: Fact): boolean {
  const { thresholdMinor, windowDays } = P.structuring.params;
  if (d.amountMinor >= thresholdMinor) return true;
  const near = all.filter((r) => r.amountMinor < thresholdMinor && Math.abs(r.submitted - d.submitted) < windowDays);
  const reaches = (rs: Fact[]) => rs.length >= P.structuring.params.minCount && rs.reduce((s, r) => s + r.amountMinor, 0) >= thresholdMinor;
  return !reaches(near) && !reaches(near.filter((r) => r.recipient === d.recipient));
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
 * From the plan's first request on, each time the client's ratio grows it stays under the rule's floor or
 * under three times (the rule says four) its peers' median at the start of that week.
 */
function revenueClear(all: readonly Fact[], drafts: readonly Fact[], client: Client, medians: number[][]): boolean {
  const { factor, minRatioBasisPoints } = P.revenue_outlier.params;
  const from = Math.min(...drafts.map((d) => d.submitted));
  const days = [...new Set(all.map((r) => r.submitted).filter((d) => d >= from))];
  return days.every((day) => {
    const ratio = (all.reduce((s, r) => s + (r.submitted <= day ? r.amountMinor : 0), 0) * 10_000) / client.revenueMinor;
    return ratio < minRatioBasisPoints || ratio < (factor - 1) * medians[client.department]![Math.floor(day / 7)]!;
  });
}

function peerMedians(ledger: Ledger): number[][] {
  const { clients, departments } = ledger.firm;
  const byWeek = ledger.requests.filter((r) => r.client !== null).sort((a, b) => a.submitted - b.submitted);
  const sums = new Map<number, number>();
  const medians: number[][] = departments.map(() => []);
  let next = 0;
  for (let week = 0; week * 7 < YEAR_DAYS; week += 1) {
    for (; next < byWeek.length && byWeek[next]!.submitted < week * 7; next += 1) sums.set(byWeek[next]!.client!, (sums.get(byWeek[next]!.client!) ?? 0) + byWeek[next]!.amountMinor);
    const ratios: number[][] = departments.map(() => []);
    for (const [client, sum] of sums) ratios[clients[client]!.department]!.push((sum * 10_000) / clients[client]!.revenueMinor);
    ratios.forEach((list, d) => medians[d]!.push(median(list) ?? 0));
  }
  return medians;
}

function newClientClear(d: Fact, since: number): boolean {
  const { withinDays, minAmountMinor } = P.new_client.params;
  return d.amountMinor < minAmountMinor || d.submitted - since > withinDays;
}

export const inYear = (day: number) => Math.min(YEAR_DAYS - 1, day);
