// One planting per rule: the pattern the rule is for, in a few variants, and near misses (decoys) that sit
// just outside its parameters. Amounts in fen; days from 1 January.
import type { BenefitType } from '../../src/core/benefits/policy';
import { binomialTail } from '../../src/core/monitoring/chance';
import { defaultRuleSet, type RuleKind } from '../../src/core/monitoring/rules';
import { type Draft, ordinaryAmount, ordinaryBenefitDay, relationPath, type Request } from './activity';
import { YEAR_DAYS } from './firm';
import { type Planned, type Planter, requestIdOf } from './plant';

const yuan = (amount: number) => Math.round(amount * 100);
const P = defaultRuleSet;
const THRESHOLD = P.structuring.params.thresholdMinor;
const QUARTER_STARTS = [0, 90, 181, 273];

type Planting = (p: Planter, i: number) => void;

/** What each rule's planting makes: `plant` the pattern (its i-th instance), `decoy` a near miss, if the rule has an edge to miss. */
export const plantings: Record<RuleKind, { plant: Planting; decoy: Planting | null }> = {
  structuring: { plant: (p, i) => structuring(p, i % 2 ? 'client' : 'recipient'), decoy: (p, i) => structuring(p, (['spread', 'under', 'at_threshold'] as const)[i % 3]!) },
  cumulative_limit: {
    plant: (p, i) => cumulative(p, (['recipient_quarter_gift', 'recipient_year_hospitality', 'client_year_other'] as const)[i % 3]!),
    decoy: (p, i) => cumulative(p, (['quarter_just_under', 'across_quarters'] as const)[i % 2]!),
  },
  frequency_spike: { plant: (p) => spike(p, 'spike'), decoy: (p, i) => spike(p, i % 2 ? 'before_baseline' : 'three_in_window') },
  public_official: { plant: (p, i) => publicOfficial(p, i % 2 ? 'client_contact' : 'unaffiliated'), decoy: null },
  related_party: {
    plant: (p, i) => related(p, (['requester_path', 'approver_path', 'related_event_requester', 'related_event_approver'] as const)[i % 4]!),
    decoy: (p) => related(p, 'related_after_withdrawal'),
  },
  revenue_outlier: { plant: (p) => revenueOutlier(p), decoy: null },
  blackout: { plant: (p, i) => blackout(p, i % 2 ? 'retroactive' : 'inside'), decoy: (p, i) => blackout(p, i % 2 ? 'retro_withdrawn' : 'retro_day_after') },
  approver_affinity: { plant: (p) => affinity(p, 10), decoy: (p) => affinity(p, P.approver_affinity.params.minCount - 1) },
  payment_mismatch: {
    plant: (p, i) => payment(p, (['late', 'short', 'over'] as const)[i % 3]!),
    decoy: (p, i) => payment(p, i % 2 ? 'short_edge' : 'late_edge'),
  },
  new_client: { plant: (p) => newClient(p, 'within'), decoy: (p, i) => newClient(p, i % 2 ? 'just_under' : 'day_after') },
};

// ---- drafting helpers -------------------------------------------------------------------------------

function requesterOf(p: Planter, department: number): number {
  const { firm, rng } = p;
  return firm.requestersByDepartment[department]![firm.requesterPickers[department]!.pick(rng)]!;
}

const contactsOf = (p: Planter, client: number) => p.firm.clients[client]!.contacts.filter((r) => !p.firm.recipients[r]!.official);

/** An ordinary request to a client, with the given facts fixed. */
function draft(p: Planter, client: number, fixed: Partial<Draft> & { submitted: number }): Draft {
  const { firm, rng } = p;
  const c = firm.clients[client]!;
  const type: BenefitType = fixed.type ?? rng.pick(['gift', 'hospitality'] as const);
  const department = fixed.department ?? (rng.chance(0.5) ? c.department : firm.departmentPicker.pick(rng));
  return {
    client,
    recipient: rng.pick(contactsOf(p, client)),
    requester: requesterOf(p, department),
    department,
    type,
    amountMinor: ordinaryAmount(type, c.revenueMinor, rng),
    benefitDay: ordinaryBenefitDay(type, fixed.submitted, rng),
    ...fixed,
  };
}

/** `total` split into `parts` amounts, each between lo and hi. */
function split(p: Planter, total: number, parts: number, lo: number, hi: number): number[] {
  for (;;) {
    const weights = Array.from({ length: parts }, () => 1 + p.rng.float());
    const sum = weights.reduce((a, b) => a + b, 0);
    const amounts = weights.map((w) => Math.floor((total * w) / sum));
    amounts[parts - 1]! += total - amounts.reduce((a, b) => a + b, 0);
    if (amounts.every((a) => a >= lo && a <= hi)) return amounts;
  }
}

/** Distinct departments, the client's own first. */
function departments(p: Planter, client: number, count: number): number[] {
  const chosen = new Set([p.firm.clients[client]!.department]);
  while (chosen.size < count) chosen.add(p.firm.departmentPicker.pick(p.rng));
  return [...chosen];
}

const ids = (requests: readonly Request[]) => requests.map((r) => requestIdOf(r.id));
const clientId = (p: Planter, client: number) => p.firm.clients[client]!.id;
const recipientId = (p: Planter, recipient: number) => p.firm.recipients[recipient]!.id;
const userId = (p: Planter, user: number) => p.firm.users[user]!.id;

// ---- the rules -------------------------------------------------------------------------------------

/** One requester's requests of one kind under the approval threshold for one recipient (or one client) within days, reaching it together. */
function structuring(p: Planter, variant: 'recipient' | 'client' | 'spread' | 'under' | 'at_threshold'): void {
  const decoy = variant !== 'recipient' && variant !== 'client';
  const { rng } = p;
  const { client, requests } = p.place('structuring', decoy, (client) => {
    const contacts = contactsOf(p, client);
    if (variant === 'client' && contacts.length < 2) return null;
    const s = rng.int(5, 340);
    const k = variant === 'spread' || variant === 'at_threshold' ? 2 : rng.int(2, 3);
    const amounts =
      variant === 'spread'
        ? [rng.int(yuan(2_600), yuan(4_900)), rng.int(yuan(2_600), yuan(4_900))]
        : variant === 'under'
          ? split(p, THRESHOLD - 1, k, yuan(1_000), THRESHOLD - 1)
          : variant === 'at_threshold'
            ? [THRESHOLD, rng.int(yuan(1_000), yuan(4_900))]
            : split(p, rng.int(yuan(5_200), k === 2 ? yuan(9_500) : yuan(13_500)), k, yuan(1_200), THRESHOLD - 1);
    const days = variant === 'spread' ? [s, s + P.structuring.params.windowDays] : [s, s + rng.int(0, 3), s + rng.int(2, 6)].slice(0, k).sort((a, b) => a - b);
    const recipient = rng.pick(contacts);
    const type = rng.pick(['hospitality', 'discount'] as const);
    const first = draft(p, client, { submitted: s });
    return amounts.map((amountMinor, i) => ({
      draft: draft(p, client, {
        submitted: days[i]!,
        type,
        amountMinor,
        recipient: variant === 'client' ? contacts[i % contacts.length]! : recipient,
        requester: first.requester,
        department: first.department,
      }),
    }));
  });
  const r = requests[0]!;
  const byRequester = `:${userId(p, r.requester)}:${r.type}`;
  const clientKey = `structuring:client:${clientId(p, client)}${byRequester}`;
  const recipientKey = `structuring:recipient:${recipientId(p, r.recipient)}${byRequester}`;
  const keys = variant === 'client' ? [clientKey] : variant === 'recipient' ? [recipientKey] : [clientKey, recipientKey];
  p.record({ rule: 'structuring', variant, keys, requestIds: ids(requests) }, decoy);
}

/** Several departments each giving to one recipient or client, together reaching 80 % of a per-period limit. */
function cumulative(p: Planter, variant: 'recipient_quarter_gift' | 'recipient_year_hospitality' | 'client_year_other' | 'quarter_just_under' | 'across_quarters'): void {
  const decoy = variant === 'quarter_just_under' || variant === 'across_quarters';
  const { rng } = p;
  let key = '';
  let nextKey = '';
  const { requests } = p.place('cumulative_limit', decoy, (client) => {
    const recipient = rng.pick(contactsOf(p, client));
    const give = (type: BenefitType, submitted: number, amountMinor: number, department: number, benefitDay: number, to = recipient): Planned => ({
      draft: draft(p, client, { type, submitted, amountMinor, department, requester: requesterOf(p, department), benefitDay, recipient: to }),
    });
    switch (variant) {
      case 'recipient_quarter_gift':
      case 'quarter_just_under': {
        const q = rng.int(0, 3);
        const start = QUARTER_STARTS[q]!;
        const end = (QUARTER_STARTS[q + 1] ?? YEAR_DAYS) - 1;
        const s1 = rng.int(start, end - 40);
        const days = [s1, s1 + rng.int(10, 16)];
        days.push(days[1]! + rng.int(10, 16));
        const amounts = variant === 'quarter_just_under' ? split(p, yuan(4_000) - 1, 3, yuan(1_200), yuan(1_500)) : [0, 1, 2].map(() => rng.int(yuan(1_350), yuan(1_950)));
        key = `recipient:${recipientId(p, recipient)}:gift:${dateOfQuarter(q)}`;
        return departments(p, client, 3).map((d, i) => give('gift', days[i]!, amounts[i]!, d, Math.min(end, days[i]! + rng.int(0, 5))));
      }
      case 'across_quarters': {
        const q = rng.int(0, 2);
        const boundary = QUARTER_STARTS[q + 1]! - 1;
        const days = [boundary - 25, boundary - 5, boundary + 6, boundary + 26];
        key = `recipient:${recipientId(p, recipient)}:gift:${dateOfQuarter(q)}`;
        nextKey = `recipient:${recipientId(p, recipient)}:gift:${dateOfQuarter(q + 1)}`;
        const ds = departments(p, client, 4);
        return days.map((day, i) => give('gift', day, rng.int(yuan(1_350), yuan(1_950)), ds[i]!, day));
      }
      case 'recipient_year_hospitality': {
        const days = [rng.int(5, 200)];
        while (days.length < 3) days.push(days.at(-1)! + rng.int(35, 60));
        key = `recipient:${recipientId(p, recipient)}:hospitality:${dateOfQuarter(0)}`;
        return departments(p, client, 3).map((d, i) => give('hospitality', days[i]!, rng.int(yuan(5_500), yuan(6_500)), d, days[i]! + rng.int(1, 10)));
      }
      case 'client_year_other': {
        const contacts = contactsOf(p, client);
        const ds = departments(p, client, 3);
        const plan: Planned[] = [];
        for (let i = 0, day = rng.int(3, 30); i < 9; i += 1, day += rng.int(32, 38)) plan.push(give('other', day, rng.int(yuan(900), yuan(1_000)), ds[i % 3]!, day, rng.pick(contacts)));
        key = `client:${clientId(p, client)}:other:${dateOfQuarter(0)}`;
        return plan;
      }
    }
  });
  const keys = [key, nextKey].filter(Boolean).map((k) => `cumulative_limit:${k}`);
  p.record({ rule: 'cumulative_limit', variant, keys, requestIds: ids(requests) }, decoy);
}

const dateOfQuarter = (q: number) => `2026-${String(q * 3 + 1).padStart(2, '0')}-01`;

/** The most requests a planted spike may take: a client that would need more is left for a quieter one. */
const MAX_SPIKE = 14;
/** How many times less likely by chance than the rule requires a planted spike is made, so that what the rest of the year adds cannot hide it. */
const SPIKE_MARGIN = 100;

/** Small benefits to one client from several departments within 20 days, far beyond its trailing rate and the season's. */
function spike(p: Planter, variant: 'spike' | 'three_in_window' | 'before_baseline'): void {
  const decoy = variant !== 'spike';
  const { rng } = p;
  const { recentDays, baselineDays, minRecentCount } = P.frequency_spike.params;
  const watched = recentDays + baselineDays - 1;
  const { client, requests } = p.place('frequency_spike', decoy, (client) => {
    const c = p.firm.clients[client]!;
    const s = variant === 'before_baseline' ? rng.int(30, 150) : rng.int(Math.max(0, c.since) + watched + 6, YEAR_DAYS - 21);
    if (s > YEAR_DAYS - 21) return null;
    const draws = Array.from({ length: variant === 'spike' ? MAX_SPIKE : variant === 'three_in_window' ? minRecentCount - 1 : 6 }, () => s + rng.int(0, 20));
    const count = variant === 'spike' ? spikeCount(p, client, draws) : draws.length;
    if (count === null) return null;
    return draws
      .slice(0, count)
      .sort((a, b) => a - b)
      .map((submitted) => {
        const type = rng.pick(['gift', 'gift', 'points', 'other'] as const);
        return { draft: draft(p, client, { submitted, type, amountMinor: yuan(rng.int(150, 600)) }) };
      });
  });
  p.record({ rule: 'frequency_spike', variant, keys: [`frequency_spike:${clientId(p, client)}`], requestIds: ids(requests) }, decoy);
}

/**
 * How many of the drawn days (the first ones) make a spike that the rule, seeing the client's requests
 * on the last of them against the baseline before and the firm's season, cannot put down to chance even
 * with the margin; null if all of them do not.
 */
function spikeCount(p: Planter, client: number, draws: readonly number[]): number | null {
  const { recentDays, baselineDays, factor, minRecentCount, maxChancePerMillion } = P.frequency_spike.params;
  // Counted as the rule counts them: a request withdrawn since still counts.
  const history = p.ledger.byClient[client]!.map((id) => p.ledger.requests[id]!.submitted);
  for (let count = minRecentCount; count <= draws.length; count += 1) {
    const last = Math.max(...draws.slice(0, count));
    const recent = count + history.filter((d) => d <= last && d > last - recentDays).length;
    const baseline = history.filter((d) => d <= last - recentDays && d > last - recentDays - baselineDays).length;
    const season = p.season(last);
    const byCount = (recent * baselineDays) / (Math.max(baseline, 1) * recentDays * season);
    const share = (recentDays * season) / (recentDays * season + baselineDays);
    if (byCount >= factor && binomialTail(recent + baseline, recent, share) * SPIKE_MARGIN <= maxChancePerMillion / 1_000_000) return count;
  }
  return null;
}

/** A benefit to a public official: an official of a bureau, or a contact of a state-owned client who holds office. */
function publicOfficial(p: Planter, variant: 'unaffiliated' | 'client_contact'): void {
  const { rng, firm } = p;
  const gift = (submitted: number): Partial<Draft> & { submitted: number } => {
    const type = rng.pick(['gift', 'hospitality'] as const);
    return { submitted, type, amountMinor: type === 'gift' ? yuan(rng.int(300, 1_500)) : yuan(rng.int(800, 3_000)) };
  };
  const officeHolders = firm.recipients.flatMap((r, i) => (r.official && r.client !== null ? [i] : []));
  if (variant === 'client_contact') {
    for (const recipient of officeHolders) {
      const client = firm.recipients[recipient]!.client!;
      if (!p.reserve(client)) continue;
      const plan = Array.from({ length: rng.int(1, 2) }, () => ({ draft: { ...draft(p, client, gift(rng.int(5, 340))), recipient } }));
      if (!p.fits(client, plan, 'public_official')) continue;
      const requests = p.commit(plan);
      p.record({ rule: 'public_official', variant, keys: [`public_official:${recipientId(p, recipient)}`], requestIds: ids(requests) }, false);
      return;
    }
  }
  // A bureau's official: no client, so nothing else of the client's can be touched.
  const recipient = firm.officials.find((r) => p.take(`official:${r}`));
  if (recipient === undefined) throw new Error('No public official left to plant a benefit for');
  const department = firm.departmentPicker.pick(rng);
  const requests = p.commit(
    Array.from({ length: rng.int(1, 2) }, () => {
      const fixed = gift(rng.int(5, 340));
      return { draft: { client: null, recipient, requester: requesterOf(p, department), department, type: fixed.type!, amountMinor: fixed.amountMinor!, submitted: fixed.submitted, benefitDay: fixed.submitted + rng.int(0, 7) } };
    }),
  );
  p.record({ rule: 'public_official', variant: 'unaffiliated', keys: [`public_official:${recipientId(p, recipient)}`], requestIds: ids(requests) }, false);
}

/** The requester or an approver linked to the recipient: known at submission or approval, or recorded later. */
function related(p: Planter, variant: 'requester_path' | 'approver_path' | 'related_event_requester' | 'related_event_approver' | 'related_after_withdrawal'): void {
  const decoy = variant === 'related_after_withdrawal';
  const { rng, firm, ledger } = p;
  let relationDay = 0;
  const { requests } = p.place('related_party', decoy, (client) => {
    const submitted = rng.int(5, 300);
    const d = draft(p, client, { submitted, amountMinor: yuan(rng.int(200, 990)) });
    relationDay = Math.min(YEAR_DAYS - 1, submitted + rng.int(10, 60));
    // The near miss: the only request linking the two was withdrawn before the relationship was recorded.
    if (decoy && ledger.involved(d.requester, d.recipient, relationDay)) return null;
    const path = relationPath(rng);
    const manager = rng.pick(firm.managers[d.department]!);
    if (variant === 'requester_path') return [{ draft: { ...d, requesterPath: path } }];
    if (variant === 'approver_path') return [{ draft: { ...d, approverPaths: [path] }, how: { manager } }];
    return [{ draft: d, how: { manager, ...(decoy ? { end: 'withdrawn' as const } : {}) } }];
  });
  const r = requests[0]!;
  const user = variant === 'approver_path' || variant === 'related_event_approver' ? r.approvers[0]! : r.requester;
  if (variant === 'related_event_requester' || variant === 'related_event_approver' || decoy) {
    const after = Math.max(r.approvedDays[0] ?? r.submitted, r.endedDay ?? r.submitted) + 1;
    ledger.relations.push({ day: Math.min(YEAR_DAYS - 1, Math.max(after, relationDay)), user, recipient: r.recipient, path: relationPath(rng) });
  }
  p.record({ rule: 'related_party', variant, keys: [`related_party:${userId(p, user)}:${recipientId(p, r.recipient)}`], requestIds: ids(requests) }, decoy);
}

/** How far above its peers a planted client's ratio is sized, in robust standard deviations of their logarithms: the rule asks for minDeviations. */
const OUTLIER_DEVIATIONS = [3.6, 4.2] as const;

/** A small client given a dinner, a discount and a sponsorship within days, together worth far more of its revenue than its peers get. */
function revenueOutlier(p: Planter): void {
  const { rng } = p;
  const { warmUpDays } = P.revenue_outlier.params;
  const { client, requests } = p.place('revenue_outlier', false, (client) => {
    const c = p.firm.clients[client]!;
    if (c.revenueMinor < yuan(100_000) || c.revenueMinor > yuan(600_000)) return null;
    // Once the engine has warmed up, and early enough that three requests within days make no spike (the spike rule watches no one before day 209).
    const days = [rng.int(warmUpDays + 5, warmUpDays + 35)];
    while (days.length < 3) days.push(days.at(-1)! + rng.int(2, 10));
    const last = days.at(-1)!;
    // The peers at the end of the last request's week: they only gain as the year goes on.
    const peers = p.peers[c.department]![Math.floor(last / 7) + 1];
    if (!peers) return null;
    const z = OUTLIER_DEVIATIONS[0] + (OUTLIER_DEVIATIONS[1] - OUTLIER_DEVIATIONS[0]) * rng.float();
    const given = p.ledger.byClient[client]!.map((id) => p.ledger.requests[id]!).filter((r) => r.submitted <= last && (r.endedDay === null || r.endedDay > last));
    const total = Math.ceil((Math.exp(peers.centre + z * peers.spread) * c.revenueMinor) / 10_000) - given.reduce((s, r) => s + r.amountMinor, 0);
    const hospitality = rng.int(yuan(2_000), yuan(4_900));
    const sponsorship = Math.round(Math.min(yuan(120_000), (total - hospitality) * (0.3 + 0.3 * rng.float())) / yuan(100)) * yuan(100);
    const discount = total - hospitality - sponsorship;
    if (sponsorship < yuan(3_000) || discount < yuan(1_000) || discount > yuan(200_000)) return null;
    const parts = [
      ['hospitality', hospitality],
      ['discount', discount],
      ['sponsorship', sponsorship],
    ] as const;
    return parts.map(([type, amountMinor], i) => ({ draft: draft(p, client, { submitted: days[i]!, type, amountMinor }) }));
  });
  p.record({ rule: 'revenue_outlier', variant: 'ratio', keys: [`revenue_outlier:${clientId(p, client)}`], requestIds: ids(requests) }, false);
}

/** A benefit dated inside a client's blackout, known at submission or declared afterwards; decoys just outside or withdrawn. */
function blackout(p: Planter, variant: 'inside' | 'retroactive' | 'retro_day_after' | 'retro_withdrawn'): void {
  const decoy = variant === 'retro_day_after' || variant === 'retro_withdrawn';
  const { rng, ledger } = p;
  let window = { declared: 0, starts: 0, ends: 0 };
  const { client, requests } = p.place('blackout', decoy, (client) => {
    if (variant === 'inside') {
      const declared = rng.int(10, 300);
      const starts = declared + rng.int(0, 10);
      window = { declared, starts, ends: starts + rng.int(14, 45) };
      const submitted = declared + rng.int(1, 5);
      return [{ draft: draft(p, client, { submitted, amountMinor: yuan(rng.int(200, 990)), benefitDay: Math.max(starts, submitted) + rng.int(0, 5) }) }];
    }
    const submitted = rng.int(10, 280);
    const d = draft(p, client, { submitted, amountMinor: yuan(rng.int(200, 990)) });
    const y = d.benefitDay;
    const starts = variant === 'retro_day_after' ? y + 1 : y - rng.int(0, 10);
    window = { declared: Math.min(YEAR_DAYS - 1, submitted + rng.int(8, 60)), starts, ends: Math.max(y, starts) + rng.int(3, 30) };
    // A decoy's window must hold none of the client's other benefits, or the rule would rightly fire.
    if (decoy && ledger.byClient[client]!.some((id) => ledger.requests[id]!.benefitDay >= window.starts && ledger.requests[id]!.benefitDay <= window.ends)) return null;
    return [{ draft: d, how: variant === 'retro_withdrawn' ? { end: 'withdrawn' as const } : {} }];
  });
  const b = ledger.addBlackout({ client, ...window, reason: '客户审计服务招标期' });
  if (variant === 'inside') requests[0]!.blackout = ledger.blackouts.length - 1;
  p.record({ rule: 'blackout', variant, keys: [`blackout:${b.id}`], requestIds: ids(requests) }, decoy);
}

/** Deputies' stretches not yet used: a deputy approves rarely, so a stretch can be dominated by one requester. */
const slotsOf = new WeakMap<Planter, { deputy: number; from: number; to: number }[]>();

/** One deputy approving `count` requests of one requester within weeks, beside two colleagues' requests. */
function affinity(p: Planter, count: number): void {
  const decoy = count < P.approver_affinity.params.minCount;
  const { rng, firm, ledger } = p;
  let slots = slotsOf.get(p);
  if (!slots) {
    slots = firm.deputies.flat().flatMap((deputy) => [{ deputy, from: 15, to: 70 }, { deputy, from: 230, to: 290 }]);
    for (let i = slots.length - 1; i > 0; i -= 1) {
      const j = rng.int(0, i);
      [slots[i], slots[j]] = [slots[j]!, slots[i]!];
    }
    slotsOf.set(p, slots);
  }
  const { windowDays } = P.approver_affinity.params;
  for (;;) {
    const slot = slots.pop();
    if (!slot) throw new Error('No deputy left to plant an approver affinity for');
    const { deputy } = slot;
    const department = firm.users[deputy]!.department!;
    const s = rng.int(slot.from, slot.to);
    const requester = requesterOf(p, department);
    if (!p.take(`affinity:${deputy}:${requester}`)) continue;
    const others = firm.requestersByDepartment[department]!.filter((u) => u !== requester);
    if (others.length < 2) continue;
    // The deputy's own approvals around the stretch must leave the requester a majority, and none of them be the requester's.
    const around = ledger.approvedBy(deputy).filter((r) => r.submitted >= s - windowDays && r.submitted <= s + 50 + windowDays);
    if (around.filter((r) => r.submitted <= s + 50).length > 6 || around.some((r) => r.requester === requester)) continue;
    const fillers = [others[rng.int(0, others.length - 1)]!];
    while (fillers.length < 2) {
      const other = rng.pick(others);
      if (!fillers.includes(other)) fillers.push(other);
    }
    const small = (client: number, submitted: number, by: number): Planned => ({
      draft: draft(p, client, { submitted, department, requester: by, type: rng.pick(['gift', 'points', 'hospitality'] as const), amountMinor: yuan(rng.int(200, 1_900)) }),
      how: { manager: deputy },
    });
    for (const by of fillers) {
      const submitted = s + rng.int(0, 10);
      p.place('approver_affinity', true, (client) => [small(client, submitted, by)]);
    }
    const days = Array.from({ length: count }, () => s + rng.int(3, 50)).sort((a, b) => a - b);
    const mine = days.flatMap((submitted) => p.place('approver_affinity', decoy, (client) => [small(client, submitted, requester)]).requests);
    p.record({ rule: 'approver_affinity', variant: decoy ? 'five_approvals' : 'dominant_requester', keys: [`approver_affinity:${userId(p, deputy)}:${userId(p, requester)}`], requestIds: ids(mine) }, decoy);
    return;
  }
}

/** Paid long after approval, or settled for other than approved; decoys exactly at the limits. */
function payment(p: Planter, variant: 'late' | 'short' | 'over' | 'late_edge' | 'short_edge'): void {
  const decoy = variant === 'late_edge' || variant === 'short_edge';
  const { rng } = p;
  const { maxDaysAfterApproval, toleranceBasisPoints } = P.payment_mismatch.params;
  const { requests } = p.place('payment_mismatch', decoy, (client) => {
    // Whole yuan, so that 5 % of it is a whole number of fen and the edge decoy sits exactly on the tolerance.
    const d = draft(p, client, { submitted: rng.int(5, 230), type: 'hospitality', amountMinor: yuan(rng.int(200, 4_900)) });
    const approved = d.amountMinor;
    const how =
      variant === 'late'
        ? { payDelay: maxDaysAfterApproval + rng.int(1, 60) }
        : variant === 'late_edge'
          ? { payDelay: maxDaysAfterApproval }
          : variant === 'short'
            ? { paidMinor: Math.round(approved * (0.5 + 0.4 * rng.float())) }
            : variant === 'over'
              ? { paidMinor: Math.round(approved * (1.08 + 0.2 * rng.float())) }
              : { paidMinor: approved - (approved * toleranceBasisPoints) / 10_000 };
    return [{ draft: d, how }];
  });
  const id = requestIdOf(requests[0]!.id);
  const keys = variant === 'late' ? [`payment_mismatch:late:${id}`] : decoy ? [`payment_mismatch:late:${id}`, `payment_mismatch:short:${id}`] : [`payment_mismatch:short:${id}`];
  p.record({ rule: 'payment_mismatch', variant, keys, requestIds: [id] }, decoy);
}

/** A new client given ¥1,000 or more within 30 days of onboarding; decoys a day late or a fen short. */
function newClient(p: Planter, variant: 'within' | 'day_after' | 'just_under'): void {
  const decoy = variant !== 'within';
  const { rng } = p;
  const { withinDays, minAmountMinor } = P.new_client.params;
  const { client, requests } = p.place('new_client', decoy, (client) => {
    const c = p.firm.clients[client]!;
    if (c.since < 1 || c.since > YEAR_DAYS - withinDays - 5) return null;
    const submitted = c.since + (variant === 'day_after' ? withinDays + 1 : rng.int(0, withinDays));
    const amountMinor = variant === 'just_under' ? minAmountMinor - 1 : rng.int(minAmountMinor, yuan(4_000));
    return [{ draft: draft(p, client, { submitted, type: 'hospitality', amountMinor }) }];
  });
  p.record({ rule: 'new_client', variant, keys: [`new_client:${clientId(p, client)}`], requestIds: ids(requests) }, decoy);
}
