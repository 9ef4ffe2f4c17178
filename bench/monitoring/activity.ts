// The year's benefit requests as compact records (who, whom, what, when, and how each was approved,
// paid and closed), and the background: ordinary activity drawn from the firm's habits. Ordinary
// means the policy is followed (no public officials, no benefits in a known blackout, payments on time
// and for the approved amount, new clients get only small welcome gifts in their first month), while
// amounts, timing and who gives to whom vary as they do in a firm: busy and quiet clients,
// festival gift waves, weekends, cross-selling departments.
import type { BenefitType } from '../../src/core/benefits/policy';
import { DEMO_POLICY_TYPES } from '../../src/modules/benefits/policy.demo';
import { periodWindow } from '../../src/core/benefits/limits';
import { dateOf, type Firm, YEAR_DAYS } from './firm';
import { Random, WeightedPicker } from './random';

const yuan = (amount: number) => Math.round(amount * 100);

export interface Request {
  id: number;
  client: number | null;
  recipient: number;
  requester: number;
  department: number;
  type: BenefitType;
  amountMinor: number;
  /** Days from 1 January, like every day below. */
  submitted: number;
  benefitDay: number;
  approvers: number[];
  approvedDays: number[];
  /** Per approval step, how the approver is linked to the recipient; null when no step is. */
  approverPaths: (string | null)[] | null;
  requesterPath: string | null;
  endedDay: number | null;
  paidDay: number | null;
  paidMinor: number;
  closedDay: number | null;
  /** The blackout known at submission that covers the benefit date. */
  blackout: number | null;
}

export interface Blackout {
  id: string;
  client: number;
  declared: number;
  starts: number;
  ends: number;
  reason: string;
}

/** A relationship recorded during the year: a staff member linked to a recipient. */
export interface Relation {
  day: number;
  user: number;
  recipient: number;
  path: string;
}

export class Ledger {
  readonly requests: Request[] = [];
  readonly blackouts: Blackout[] = [];
  readonly relations: Relation[] = [];
  /** Request ids of each client, in the order added. */
  readonly byClient: number[][];
  /** Request ids of each recipient with no client. */
  private readonly byUnattached = new Map<number, number[]>();
  /** Who approved which requests, indexed up to `approvalsIndexed`. */
  private readonly approvals = new Map<number, Request[]>();
  private approvalsIndexed = 0;

  constructor(readonly firm: Firm) {
    this.byClient = firm.clients.map(() => []);
  }

  add(request: Omit<Request, 'id'>): Request {
    const r = { ...request, id: this.requests.length };
    this.requests.push(r);
    if (r.client !== null) this.byClient[r.client]!.push(r.id);
    else listOf(this.byUnattached, r.recipient).push(r.id);
    return r;
  }

  /** The requests `user` approved (or is to approve) a step of. */
  approvedBy(user: number): readonly Request[] {
    for (; this.approvalsIndexed < this.requests.length; this.approvalsIndexed += 1) {
      const r = this.requests[this.approvalsIndexed]!;
      for (const a of new Set(r.approvers)) listOf(this.approvals, a).push(r);
    }
    return this.approvals.get(user) ?? [];
  }

  addBlackout(blackout: Omit<Blackout, 'id'>): Blackout {
    const b = { ...blackout, id: `BL${String(this.blackouts.length + 1).padStart(5, '0')}` };
    this.blackouts.push(b);
    return b;
  }

  /** Events a request gives inside the year. */
  eventCount(r: Request): number {
    const inYear = (day: number | null) => (day !== null && day < YEAR_DAYS ? 1 : 0);
    return 1 + r.approvedDays.filter((d) => d < YEAR_DAYS).length + inYear(r.endedDay) + inYear(r.paidDay) + inYear(r.closedDay);
  }

  get eventTotal(): number {
    let total = this.relations.length + this.blackouts.filter((b) => b.declared < YEAR_DAYS).length;
    for (const r of this.requests) total += this.eventCount(r);
    return total;
  }

  /** Whether `user` asked for or approved a request to the recipient or its client that still counted on `day`. */
  involved(user: number, recipient: number, day: number): boolean {
    const client = this.firm.recipients[recipient]!.client;
    const ids = client === null ? (this.byUnattached.get(recipient) ?? []) : this.byClient[client]!;
    for (const id of ids) {
      const r = this.requests[id]!;
      if (r.submitted > day || (r.endedDay !== null && r.endedDay <= day)) continue;
      if (r.requester === user || r.approvers.some((a, i) => a === user && r.approvedDays[i]! <= day)) return true;
    }
    return false;
  }
}

function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

export const typeLimits = (type: BenefitType) => DEMO_POLICY_TYPES[type];

// Spring Festival 2026 falls on 17 February, Mid-Autumn on 25 September: gifts go out in the weeks before.
const GIFT_WAVES: [number, number][] = [
  [26, 46],
  [248, 267],
];
const HOLIDAYS: [number, number][] = [
  [0, 2],
  [46, 54],
  [273, 279],
];
const MONTH_FACTOR = [1.15, 1.0, 0.95, 0.95, 0.9, 1.0, 0.8, 0.8, 1.15, 0.9, 1.0, 1.25];
const inRange = (day: number, ranges: [number, number][]) => ranges.some(([a, b]) => day >= a && day <= b);

/** How busy each day of the year is: months, weekends, holidays and the gift waves before festivals. */
export function dayWeights(): number[] {
  const weights: number[] = [];
  for (let day = 0; day < YEAR_DAYS; day += 1) {
    const date = dateOf(day);
    const month = Number(date.slice(5, 7));
    // 2026-01-01 is a Thursday.
    const weekday = (day + 3) % 7;
    let w = MONTH_FACTOR[month - 1]! * (weekday >= 5 ? 0.25 : 1);
    if (inRange(day, HOLIDAYS)) w *= 0.15;
    if (inRange(day, GIFT_WAVES)) w *= 1.6;
    weights.push(w);
  }
  return weights;
}

const TYPES: BenefitType[] = ['gift', 'hospitality', 'points', 'other', 'discount', 'cash_rebate', 'sponsorship'];
const TYPE_WEIGHTS = [0.38, 0.32, 0.09, 0.07, 0.07, 0.03, 0.04];
const WAVE_TYPE_WEIGHTS = [0.64, 0.2, 0.05, 0.04, 0.04, 0.01, 0.02];
/** Terms, rebates and sponsorship go rather to the bigger clients: their weights scale with the client's size. */
const COMMERCIAL = new Set(['discount', 'cash_rebate', 'sponsorship']);
function typePickers(): { size: number; ordinary: WeightedPicker; wave: WeightedPicker }[] {
  return [0.4, 0.6, 1, 1.6, 2.5].map((size) => {
    const scaled = (weights: number[]) => weights.map((w, i) => (COMMERCIAL.has(TYPES[i]!) ? w * size : w));
    return { size, ordinary: new WeightedPicker(scaled(TYPE_WEIGHTS)), wave: new WeightedPicker(scaled(WAVE_TYPE_WEIGHTS)) };
  });
}

/**
 * An ordinary amount for a type, in fen, within what the policy lets through without a fight. Bigger
 * clients get somewhat bigger dinners, gifts and terms.
 */
export function ordinaryAmount(type: BenefitType, revenueMinor: number, rng: Random): number {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const size = (power: number) => clamp((revenueMinor / yuan(600_000)) ** power, 0.4, 3);
  switch (type) {
    case 'gift':
      return yuan(Math.round(clamp(rng.logNormal(350 * size(0.2), 0.6), 50, 2_000)));
    case 'hospitality':
      return Math.round(clamp(rng.logNormal(yuan(1_100) * size(0.25), 0.6), yuan(100), yuan(12_000)));
    case 'points':
      return yuan(Math.round(clamp(rng.logNormal(250, 0.5), 20, 1_000)));
    case 'other':
      return yuan(Math.round(clamp(rng.logNormal(300, 0.5), 20, 1_000)));
    case 'discount':
      return yuan(Math.round(clamp(rng.logNormal(6_000 * size(0.3), 0.6), 500, 200_000)));
    case 'cash_rebate':
      return yuan(Math.round(clamp(rng.logNormal(4_000 * size(0.3), 0.6), 200, 100_000)));
    case 'sponsorship':
      return yuan(Math.round(clamp(rng.logNormal(15_000 * size(0.2), 0.6), 3_000, 100_000)) / 100) * 100;
  }
}

/** When the benefit takes place relative to its submission: most are approved ahead, some registered after. */
export function ordinaryBenefitDay(type: BenefitType, submitted: number, rng: Random): number {
  switch (type) {
    case 'gift':
      return submitted + rng.int(0, 10);
    case 'hospitality':
      return rng.chance(0.75) ? submitted + rng.int(1, 14) : submitted - rng.int(0, 5);
    case 'points':
    case 'other':
      return submitted + rng.int(0, 3);
    default:
      return submitted + rng.int(5, 40);
  }
}

/** The approval steps of the demo authority matrix: manager; compliance above ¥2,000 (or any cash rebate); director above ¥20,000. */
export function chainOf(type: BenefitType, amountMinor: number): ('manager' | 'compliance' | 'director')[] {
  const steps: ('manager' | 'compliance' | 'director')[] = ['manager'];
  if (amountMinor > yuan(2_000) || type === 'cash_rebate') steps.push('compliance');
  if (amountMinor > yuan(20_000)) steps.push('director');
  return steps;
}

export interface Settlement {
  /** Who approves the manager step; otherwise one of the department's managers (rarely a deputy). */
  manager?: number;
  end?: 'withdrawn' | 'rejected' | null;
  /** Days from the last approval to payment. */
  payDelay?: number;
  /** What is finally paid; the approved amount otherwise. */
  paidMinor?: number;
}

export type Draft = Pick<Request, 'client' | 'recipient' | 'requester' | 'department' | 'type' | 'amountMinor' | 'submitted' | 'benefitDay'> &
  Partial<Pick<Request, 'requesterPath' | 'approverPaths' | 'blackout'>>;

/** Runs a drafted request through approval, payment and closing as the firm usually does, or as told. */
export function settle(draft: Draft, firm: Firm, rng: Random, how: Settlement = {}): Omit<Request, 'id'> {
  const steps = chainOf(draft.type, draft.amountMinor);
  const end = how.end !== undefined ? how.end : rng.chance(0.03) ? 'withdrawn' : rng.chance(0.04 / 0.97) ? 'rejected' : null;
  const rejectedAt = end === 'rejected' ? rng.int(0, steps.length - 1) : -1;
  const approvers: number[] = [];
  const approvedDays: number[] = [];
  let day = draft.submitted;
  let endedDay: number | null = null;
  if (end === 'withdrawn') endedDay = day + rng.int(0, 4);
  else
    for (const [i, step] of steps.entries()) {
      day += rng.int(0, 3);
      if (i === rejectedAt) {
        endedDay = day;
        break;
      }
      const d = draft.department;
      approvers.push(
        step === 'manager' ? (how.manager ?? (rng.chance(0.003) ? rng.pick(firm.deputies[d]!) : rng.pick(firm.managers[d]!))) : step === 'compliance' ? rng.pick(firm.compliance) : rng.pick(firm.directors),
      );
      approvedDays.push(day);
    }
  let paidDay: number | null = null;
  let closedDay: number | null = null;
  let paidMinor = draft.amountMinor;
  if (end === null) {
    const approvedOn = approvedDays.at(-1)!;
    // Hospitality and gifts are paid once they have happened; payment never waits beyond 55 days.
    const delay = how.payDelay ?? Math.min(55, Math.max(0, draft.benefitDay - approvedOn) + rng.int(1, 25));
    paidDay = approvedOn + delay;
    closedDay = paidDay + rng.int(1, 10);
    // Some bills come in slightly under the approved amount, within the 5 % tolerance.
    paidMinor = how.paidMinor ?? (rng.chance(0.04) ? draft.amountMinor - Math.floor(draft.amountMinor * rng.float() * 0.045) : draft.amountMinor);
  }
  return {
    requesterPath: null,
    approverPaths: null,
    blackout: null,
    ...draft,
    approvers,
    approvedDays,
    endedDay,
    paidDay,
    paidMinor,
    closedDay,
  };
}

const BLACKOUT_REASONS = ['客户审计服务招标期', '客户年度审计进场期间', '客户采购评标期', '客户上市审核静默期'];

/** Tender and audit periods of some clients, announced ahead: the background keeps its benefits out of them. */
export function backgroundBlackouts(ledger: Ledger, rng: Random): void {
  const { clients } = ledger.firm;
  const count = Math.round(clients.length * 0.012);
  for (let i = 0; i < count; i += 1) {
    const client = rng.int(0, clients.length - 1);
    const starts = rng.int(20, YEAR_DAYS - 5);
    ledger.addBlackout({ client, declared: Math.max(1, starts - rng.int(0, 20)), starts, ends: starts + rng.int(14, 60), reason: rng.pick(BLACKOUT_REASONS) });
  }
}

/** How much of any limit ordinary activity uses at most: staff see the remaining allowance when they ask. */
const ORDINARY_SHARE = 0.7;
/** The most ordinary activity spends on one client in a year, as a share of its revenue (before ORDINARY_SHARE). */
const RELATIONSHIP_BUDGET_BASIS_POINTS = 1_000;

/**
 * What the policy still allows ordinary activity to give: per recipient and period, per client and year,
 * and as a share of the client's revenue, each kept under `ORDINARY_SHARE` of its limit.
 */
class Allowance {
  private readonly used = new Map<string, number>();

  constructor(private readonly firm: Firm) {}

  /** The most that may be given for the request as drafted (at most its amount). */
  room(r: Pick<Request, 'client' | 'recipient' | 'type' | 'benefitDay'>, amountMinor: number): number {
    let room = amountMinor;
    for (const [key, limit] of this.limits(r)) room = Math.min(room, Math.floor(limit * ORDINARY_SHARE) - (this.used.get(key) ?? 0));
    return room;
  }

  take(r: Pick<Request, 'client' | 'recipient' | 'type' | 'benefitDay' | 'amountMinor'>): void {
    // The client's year total of a type answers both its limit and its revenue share: counted once.
    for (const key of new Set(this.limits(r).map(([k]) => k))) this.used.set(key, (this.used.get(key) ?? 0) + r.amountMinor);
  }

  private limits(r: Pick<Request, 'client' | 'recipient' | 'type' | 'benefitDay'>): [string, number][] {
    const policy = typeLimits(r.type);
    const found: [string, number][] = [];
    const date = dateOf(r.benefitDay);
    if (policy.perRecipientPerPeriod) found.push([`r${r.recipient}:${r.type}:${periodWindow(date, policy.perRecipientPerPeriod.period).from}`, policy.perRecipientPerPeriod.amountMinor]);
    if (r.client === null) return found;
    const year = periodWindow(date, 'year').from;
    if (policy.perClientPerYear) found.push([`c${r.client}:${r.type}:${year}`, policy.perClientPerYear.amountMinor]);
    // Nor does the firm spend on a client more than a share of the fees it brings.
    found.push([`c${r.client}:all:${year}`, Math.floor((this.firm.clients[r.client]!.revenueMinor * RELATIONSHIP_BUDGET_BASIS_POINTS) / 10_000)]);
    if (policy.revenueShare) found.push([`c${r.client}:${r.type}:${year}`, Math.floor((this.firm.clients[r.client]!.revenueMinor * policy.revenueShare.basisPoints) / 10_000)]);
    return found;
  }
}

/**
 * Ordinary requests until the year holds `targetEvents` events. Clients are drawn in proportion to
 * their activity (never those in `spare`), days by the calendar's weights.
 */
export function background(ledger: Ledger, targetEvents: number, rng: Random, spare: ReadonlySet<number> = new Set()): void {
  const { firm } = ledger;
  const clientPicker = new WeightedPicker(firm.clients.map((c, i) => (spare.has(i) ? 0 : c.activity)));
  const dayPicker = new WeightedPicker(dayWeights());
  const pickers = typePickers();
  const allowance = new Allowance(firm);
  // A request withdrawn later still held its share while it was live.
  for (const r of ledger.requests) allowance.take(r);
  const blackoutsOf = new Map<number, [number, number][]>();
  for (const b of ledger.blackouts) blackoutsOf.set(b.client, [...(blackoutsOf.get(b.client) ?? []), [b.starts, b.ends]]);
  let events = ledger.eventTotal;
  while (events < targetEvents) {
    const prospect = rng.chance(0.02);
    const client = prospect ? null : clientPicker.pick(rng);
    const c = client === null ? null : firm.clients[client]!;
    const submitted = dayPicker.pick(rng);
    if (c && submitted <= c.since) continue;
    const size = Math.sqrt((c?.revenueMinor ?? yuan(600_000)) / yuan(600_000));
    const byType = pickers.find((p) => p.size >= size) ?? pickers.at(-1)!;
    const type = TYPES[(inRange(submitted, GIFT_WAVES) ? byType.wave : byType.ordinary).pick(rng)]!;
    let amountMinor = ordinaryAmount(type, c?.revenueMinor ?? yuan(600_000), rng);
    // In its first month a new client gets only a small welcome.
    if (c && submitted - c.since <= 30) amountMinor = Math.min(amountMinor, yuan(999));
    let benefitDay = ordinaryBenefitDay(type, submitted, rng);
    for (const [starts, ends] of (client !== null && blackoutsOf.get(client)) || []) if (benefitDay >= starts && benefitDay <= ends) benefitDay = ends + rng.int(1, 5);
    const department = c && rng.chance(0.55) ? c.department : firm.departmentPicker.pick(rng);
    const requester = firm.requestersByDepartment[department]![firm.requesterPickers[department]!.pick(rng)]!;
    const contacts = c ? c.contacts.filter((p) => !firm.recipients[p]!.official) : [];
    const recipient = c ? (rng.chance(0.4) ? c.contacts[0]! : rng.pick(contacts)) : rng.pick(firm.prospects);
    // What would bring a limit near is cut down to what is left, or not asked for when little is.
    const room = allowance.room({ client, recipient, type, benefitDay }, amountMinor);
    if (room < Math.min(amountMinor, yuan(200))) continue;
    const r = ledger.add(settle({ client, recipient, requester, department, type, amountMinor: room, submitted, benefitDay }, firm, rng));
    allowance.take(r);
    events += ledger.eventCount(r);
  }
}

const PATHS = ['配偶任职于该客户', '同学关系', '前同事', '亲属（表兄弟）', '共同投资人', '曾任该客户财务顾问'];
export const relationPath = (rng: Random) => rng.pick(PATHS);

/**
 * Relationships recorded during the year between staff and recipients they have had nothing to do
 * with (most relationships are): the rule must stay quiet on them.
 */
export function backgroundRelations(ledger: Ledger, count: number, rng: Random): void {
  const { firm } = ledger;
  const staff = firm.users.length;
  const approvers = [...firm.managers.flat(), ...firm.compliance];
  let added = 0;
  while (added < count) {
    const user = rng.chance(0.85) ? rng.int(0, staff - 1) : rng.pick(approvers);
    const recipient = rng.int(0, firm.recipients.length - 1);
    const day = rng.int(1, YEAR_DAYS - 1);
    if (ledger.involved(user, recipient, day)) continue;
    ledger.relations.push({ day, user, recipient, path: relationPath(rng) });
    added += 1;
  }
}
