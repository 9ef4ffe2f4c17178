// The rules' definitions restated over the generated year itself (not the engine's windows), to judge
// an alert that no planted label explains: either the background meets the rule there by itself (the
// rule is noisy on ordinary activity) or the rule does not hold there (the engine erred). Each check
// reads the year as it stood at the end of the day the alert was first raised.
import { periodWindow } from '../../src/core/benefits/limits';
import type { BookedAlert } from '../../src/core/monitoring/alerts';
import { amountChanceBound, binomialTail, robustSpread } from '../../src/core/monitoring/chance';
import { defaultRuleSet, ruleKinds, type RuleKind } from '../../src/core/monitoring/rules';
import { type Ledger, type Request, typeLimits } from './activity';
import { dateOf, YEAR_DAYS } from './firm';
import type { RuleScore } from './score';

const P = defaultRuleSet;

interface Judged {
  holds: boolean;
  figures: Record<string, number>;
}

export class Reference {
  private readonly byRecipient = new Map<string, Request[]>();
  private readonly byClient = new Map<string, Request[]>();
  private readonly approvals = new Map<string, { day: number; requester: number }[]>();
  private readonly clientIndex = new Map<string, number>();
  private readonly userIndex = new Map<string, number>();
  /** The firm's requests (all of them, as the firm's season counts them) and their amounts submitted before each day. */
  private readonly firmCountBefore: number[] = [0];
  private readonly firmMinorBefore: number[] = [0];
  private readonly ratiosOn = new Map<number, Map<number, number[]>>();
  private readonly bySubmission: Request[];
  private readonly byEnding: Request[];
  private readonly sums = new Map<number, number>();
  private submittedUpTo = 0;
  private endedUpTo = 0;
  private sumsDay = -1;

  constructor(private readonly ledger: Ledger) {
    const { firm } = ledger;
    const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const r of ledger.requests) {
      push(this.byRecipient, firm.recipients[r.recipient]!.id, r);
      if (r.client !== null) push(this.byClient, firm.clients[r.client]!.id, r);
      r.approvers.forEach((a, i) => push(this.approvals, firm.users[a]!.id, { day: r.approvedDays[i]!, requester: r.requester }));
    }
    firm.clients.forEach((c, i) => this.clientIndex.set(c.id, i));
    firm.users.forEach((u, i) => this.userIndex.set(u.id, i));
    const perDay = Array.from({ length: YEAR_DAYS }, () => ({ count: 0, minor: 0 }));
    for (const r of ledger.requests.filter((r) => r.submitted < YEAR_DAYS)) {
      perDay[r.submitted]!.count += 1;
      perDay[r.submitted]!.minor += r.amountMinor;
    }
    for (const { count, minor } of perDay) {
      this.firmCountBefore.push(this.firmCountBefore.at(-1)! + count);
      this.firmMinorBefore.push(this.firmMinorBefore.at(-1)! + minor);
    }
    const withClient = ledger.requests.filter((r) => r.client !== null);
    this.bySubmission = [...withClient].sort((a, b) => a.submitted - b.submitted);
    this.byEnding = withClient.filter((r) => r.endedDay !== null).sort((a, b) => a.endedDay! - b.endedDay!);
  }

  /**
   * Whether the rule holds for the alert's key on `day` (days from 1 January), with the figures that
   * decide it; revenue outliers must be asked in order of days.
   */
  judge(rule: RuleKind, key: string, day: number): Judged {
    const parts = key.split(':').slice(1);
    switch (rule) {
      case 'structuring':
        return this.structuring(parts[0] === 'client' ? this.byClient : this.byRecipient, parts[1]!, parts[2]!, parts[3] as Request['type'], day);
      case 'cumulative_limit':
        return this.cumulative(parts[0] as 'recipient' | 'client', parts[1]!, parts[2] as Request['type'], parts.slice(3).join(':'), day);
      case 'frequency_spike':
        return this.spike(parts[0]!, day);
      case 'revenue_outlier':
        return this.revenueOutlier(parts[0]!, day);
      case 'approver_affinity':
        return this.affinity(parts[0]!, parts[1]!, day);
      default:
        // The other rules cannot fire on background: what they alert on is planted, so a miss is the engine's.
        return { holds: false, figures: {} };
    }
  }

  /** One requester's requests of one type, each under the threshold, within the window and reaching it together: for any type. */
  private structuring(index: Map<string, Request[]>, id: string, requesterId: string, type: Request['type'], day: number): Judged {
    const { thresholdMinor, windowDays, minCount } = P.structuring.params;
    const requester = this.userIndex.get(requesterId);
    const parts = (index.get(id) ?? []).filter((r) => r.requester === requester && r.type === type && r.amountMinor < thresholdMinor && r.submitted <= day && r.submitted > day - windowDays);
    const totalMinor = parts.reduce((s, r) => s + r.amountMinor, 0);
    return { holds: parts.length >= minCount && totalMinor >= thresholdMinor, figures: { count: parts.length, totalMinor } };
  }

  /** The running total of the type in the period, of requests still standing, reaches the share of the limit, given by enough departments. */
  private cumulative(scope: 'recipient' | 'client', id: string, type: Request['type'], periodStart: string, day: number): Judged {
    const { ratioBasisPoints, minDepartments } = P.cumulative_limit.params;
    const policy = typeLimits(type);
    const limit = scope === 'recipient' ? policy.perRecipientPerPeriod : policy.perClientPerYear && { ...policy.perClientPerYear, period: 'year' as const };
    if (!limit) return { holds: false, figures: {} };
    const counted = ((scope === 'client' ? this.byClient : this.byRecipient).get(id) ?? []).filter(
      (r) => r.type === type && r.submitted <= day && !(r.endedDay !== null && r.endedDay < day) && periodWindow(dateOf(r.benefitDay), limit.period).from === periodStart,
    );
    const totalMinor = counted.reduce((s, r) => s + r.amountMinor, 0);
    const departments = new Set(counted.map((r) => r.department)).size;
    return {
      holds: totalMinor * 10_000 >= ratioBasisPoints * limit.amountMinor && departments >= minDepartments,
      figures: { totalMinor, limitMinor: limit.amountMinor, departments },
    };
  }

  /**
   * The client's last recentDays against the baselineDays before, both against the firm's own requests
   * over the same days (the season), by count (every request submitted) or by amount (those still
   * standing): a factor or more above the baseline's rate, and at most maxChancePerMillion likely by chance.
   */
  private spike(clientId: string, day: number): Judged {
    const { recentDays, baselineDays, factor, minRecentCount, maxChancePerMillion } = P.frequency_spike.params;
    const client = this.ledger.firm.clients[this.clientIndex.get(clientId)!]!;
    if (Math.max(0, client.since) > day - recentDays - baselineDays + 1) return { holds: false, figures: { watchedSince: Math.max(0, client.since) } };
    const wide = (this.byClient.get(clientId) ?? []).filter((r) => r.submitted <= day && r.submitted > day - recentDays - baselineDays);
    const isRecent = (r: Request) => r.submitted > day - recentDays;
    const standing = (r: Request) => (r.endedDay !== null && r.endedDay < day ? 0 : r.amountMinor);
    const recentCount = wide.filter(isRecent).length;
    const recentMinor = wide.filter(isRecent).reduce((s, r) => s + standing(r), 0);
    const pastCount = wide.length - recentCount;
    const pastMinor = wide.reduce((s, r) => s + standing(r), 0) - recentMinor;
    const firm = (before: number[]) => {
      const at = (d: number) => before[Math.max(0, d)]!;
      const recent = at(day + 1) - at(day - recentDays + 1);
      const past = at(day - recentDays + 1) - at(day - recentDays - baselineDays + 1);
      return past > 0 && recent > 0 ? (recent * baselineDays) / (past * recentDays) : 1;
    };
    const countSeason = firm(this.firmCountBefore);
    const amountSeason = firm(this.firmMinorBefore);
    const share = (season: number) => (recentDays * season) / (recentDays * season + baselineDays);
    const byCount = (recentCount * baselineDays) / (Math.max(pastCount, 1) * recentDays * countSeason);
    const byAmount = pastMinor > 0 ? (recentMinor * baselineDays) / (pastMinor * recentDays * amountSeason) : 0;
    const countChance = binomialTail(wide.length, recentCount, share(countSeason));
    const amountChance = amountChanceBound(wide.map(standing), share(amountSeason), recentMinor);
    const alpha = maxChancePerMillion / 1_000_000;
    return {
      holds: recentCount >= minRecentCount && ((byCount >= factor && countChance <= alpha) || (byAmount >= factor && amountChance <= alpha)),
      figures: { recentCount, pastCount, countSeason, byCount, countChancePerMillion: countChance * 1_000_000, byAmount, amountChancePerMillion: amountChance * 1_000_000 },
    };
  }

  /**
   * Each department's clients' ratios (basis points of revenue) from the benefits submitted up to `day`
   * and not ended before it; the year is shorter than the rule's year-long window, so nothing leaves it.
   */
  private ratios(day: number): Map<number, number[]> {
    let byDepartment = this.ratiosOn.get(day);
    if (byDepartment) return byDepartment;
    if (this.sumsDay > day) throw new Error('Ratios are read in order of days');
    this.sumsDay = day;
    const { clients } = this.ledger.firm;
    const add = (r: Request, sign: number) => this.sums.set(r.client!, (this.sums.get(r.client!) ?? 0) + sign * r.amountMinor);
    for (; this.submittedUpTo < this.bySubmission.length && this.bySubmission[this.submittedUpTo]!.submitted <= day; this.submittedUpTo += 1) add(this.bySubmission[this.submittedUpTo]!, 1);
    for (; this.endedUpTo < this.byEnding.length && this.byEnding[this.endedUpTo]!.endedDay! < day; this.endedUpTo += 1) add(this.byEnding[this.endedUpTo]!, -1);
    byDepartment = new Map();
    for (const [client, sum] of this.sums) {
      const c = clients[client]!;
      const list = byDepartment.get(c.department) ?? [];
      list.push(Math.round((sum * 10_000) / c.revenueMinor));
      byDepartment.set(c.department, list);
    }
    this.ratiosOn.clear();
    this.ratiosOn.set(day, byDepartment);
    return byDepartment;
  }

  /**
   * The client's ratio against its department's peers with a ratio above zero: minDeviations or more
   * robust standard deviations (median and MAD of the logarithms) above them, at least the floor, among
   * enough peers, once the engine has watched warmUpDays.
   */
  private revenueOutlier(clientId: string, day: number): Judged {
    const { minDeviations, minRatioBasisPoints, minPeers, warmUpDays } = P.revenue_outlier.params;
    const index = this.clientIndex.get(clientId)!;
    const client = this.ledger.firm.clients[index]!;
    const ratios = this.ratios(day).get(client.department) ?? [];
    const ratio = Math.round(((this.sums.get(index) ?? 0) * 10_000) / client.revenueMinor);
    const logs = ratios.filter((r) => r > 0).map(Math.log);
    const peers = robustSpread(logs);
    const deviations = peers && ratio > 0 ? (Math.log(ratio) - peers.centre) / Math.max(peers.spread, 1e-6) : 0;
    return {
      holds: day >= warmUpDays && logs.length >= minPeers && ratio >= minRatioBasisPoints && deviations >= minDeviations,
      figures: { ratioBasisPoints: ratio, peerMedianBasisPoints: peers ? Math.round(Math.exp(peers.centre)) : 0, spread: peers?.spread ?? 0, deviations, peers: logs.length },
    };
  }

  private affinity(approverId: string, requesterId: string, day: number): Judged {
    const { windowDays, minCount, minShareBasisPoints, minDistinctRequesters } = P.approver_affinity.params;
    const inWindow = (this.approvals.get(approverId) ?? []).filter((a) => a.day <= day && a.day > day - windowDays);
    const requester = this.ledger.firm.users.findIndex((u) => u.id === requesterId);
    const count = inWindow.filter((a) => a.requester === requester).length;
    const distinct = new Set(inWindow.map((a) => a.requester)).size;
    return { holds: count >= minCount && distinct >= minDistinctRequesters && count * 10_000 >= minShareBasisPoints * inWindow.length, figures: { count, total: inWindow.length, distinct } };
  }
}

export interface Unplanted {
  /** Alerts on background that meets the rule by itself. */
  meets: BookedAlert[];
  /** Alerts where the year does not meet the rule on the day they opened, with the year's figures. */
  notMet: { alert: BookedAlert; figures: Record<string, number> }[];
}

/** Judges the alerts that hit no planted pattern and no decoy, each on the day it opened. */
export function judgeUnplanted(ledger: Ledger, scores: Record<RuleKind, RuleScore>, openedOn: (alert: BookedAlert) => number): Record<RuleKind, Unplanted> {
  const reference = new Reference(ledger);
  const background = ruleKinds.flatMap((rule) => scores[rule].unmatched.filter((a) => !scores[rule].decoyAlerts.has(a)));
  const judged = Object.fromEntries(ruleKinds.map((rule): [RuleKind, Unplanted] => [rule, { meets: [], notMet: [] }])) as Record<RuleKind, Unplanted>;
  for (const alert of background.sort((a, b) => openedOn(a) - openedOn(b))) {
    const { holds, figures } = reference.judge(alert.rule, alert.key, openedOn(alert));
    if (holds) judged[alert.rule].meets.push(alert);
    else judged[alert.rule].notMet.push({ alert, figures });
  }
  return judged;
}
