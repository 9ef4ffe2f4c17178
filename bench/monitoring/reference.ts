// The rules' definitions restated over the generated year itself (not the engine's windows), to judge
// an alert that no planted label explains: either the background meets the rule there by itself (the
// rule is noisy on ordinary activity) or the rule does not hold there (the engine erred). Each check
// reads the year as it stood at the end of the day the alert was first raised.
import { periodWindow } from '../../src/core/benefits/limits';
import { median } from '../../src/core/monitoring/windows';
import type { BookedAlert } from '../../src/core/monitoring/alerts';
import { defaultRuleSet, ruleKinds, type RuleKind } from '../../src/core/monitoring/rules';
import { type Ledger, type Request, typeLimits } from './activity';
import { dateOf } from './firm';
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
  private readonly ratiosOn = new Map<number, Map<number, number[]>>();
  private readonly bySubmission: Request[];
  private readonly sums = new Map<number, number>();
  private summed = 0;
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
    this.bySubmission = ledger.requests.filter((r) => r.client !== null).sort((a, b) => a.submitted - b.submitted);
  }

  /**
   * Whether the rule holds for the alert's key on `day` (days from 1 January), with the figures that
   * decide it; revenue outliers must be asked in order of days.
   */
  judge(rule: RuleKind, key: string, day: number): Judged {
    const parts = key.split(':').slice(1);
    switch (rule) {
      case 'structuring':
        return this.structuring(parts[0] === 'client' ? this.byClient : this.byRecipient, parts[1]!, day);
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

  private structuring(index: Map<string, Request[]>, id: string, day: number): Judged {
    const { thresholdMinor, windowDays, minCount } = P.structuring.params;
    const inWindow = (index.get(id) ?? []).filter((r) => r.amountMinor < thresholdMinor && r.submitted <= day && r.submitted > day - windowDays);
    const totalMinor = inWindow.reduce((s, r) => s + r.amountMinor, 0);
    return { holds: inWindow.length >= minCount && totalMinor >= thresholdMinor, figures: { count: inWindow.length, totalMinor } };
  }

  private cumulative(scope: 'recipient' | 'client', id: string, type: Request['type'], periodStart: string, day: number): Judged {
    const policy = typeLimits(type);
    const limit = scope === 'recipient' ? policy.perRecipientPerPeriod : policy.perClientPerYear && { ...policy.perClientPerYear, period: 'year' as const };
    if (!limit) return { holds: false, figures: {} };
    const counted = ((scope === 'client' ? this.byClient : this.byRecipient).get(id) ?? []).filter(
      (r) => r.type === type && r.submitted <= day && !(r.endedDay !== null && r.endedDay < day) && periodWindow(dateOf(r.benefitDay), limit.period).from === periodStart,
    );
    const totalMinor = counted.reduce((s, r) => s + r.amountMinor, 0);
    return { holds: totalMinor * 10_000 >= P.cumulative_limit.params.ratioBasisPoints * limit.amountMinor, figures: { totalMinor, limitMinor: limit.amountMinor } };
  }

  private spike(clientId: string, day: number): Judged {
    const { recentDays, baselineDays, factor, minRecentCount, minBaselineCount } = P.frequency_spike.params;
    const client = this.ledger.firm.clients[this.clientIndex.get(clientId)!]!;
    if (Math.max(0, client.since) > day - recentDays - baselineDays + 1) return { holds: false, figures: { watchedSince: Math.max(0, client.since) } };
    const requests = this.byClient.get(clientId) ?? [];
    const recent = requests.filter((r) => r.submitted <= day && r.submitted > day - recentDays);
    const baseline = requests.filter((r) => r.submitted <= day - recentDays && r.submitted > day - recentDays - baselineDays);
    const scale = recentDays / baselineDays;
    const sum = (rs: Request[]) => rs.reduce((s, r) => s + r.amountMinor, 0);
    const byCount = recent.length / Math.max(baseline.length * scale, minBaselineCount);
    const baselineMinor = Math.round(sum(baseline) * scale);
    const strength = Math.max(byCount, baselineMinor > 0 ? sum(recent) / baselineMinor : 0);
    return { holds: recent.length >= minRecentCount && strength >= factor, figures: { recentCount: recent.length, baselineCount: baseline.length * scale, strength } };
  }

  /**
   * Each department's clients' ratios (basis points of revenue) from the benefits submitted up to `day`;
   * the year is shorter than the rule's year-long window, so nothing leaves it.
   */
  private ratios(day: number): Map<number, number[]> {
    let byDepartment = this.ratiosOn.get(day);
    if (byDepartment) return byDepartment;
    const { clients } = this.ledger.firm;
    for (; this.summed < this.bySubmission.length && this.bySubmission[this.summed]!.submitted <= day; this.summed += 1) {
      const r = this.bySubmission[this.summed]!;
      this.sums.set(r.client!, (this.sums.get(r.client!) ?? 0) + r.amountMinor);
    }
    if (this.sumsDay > day) throw new Error('Ratios are read in order of days');
    this.sumsDay = day;
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

  private revenueOutlier(clientId: string, day: number): Judged {
    const { factor, minRatioBasisPoints, minPeers } = P.revenue_outlier.params;
    const client = this.ledger.firm.clients[this.clientIndex.get(clientId)!]!;
    const peers = this.ratios(day).get(client.department) ?? [];
    const sum = (this.byClient.get(clientId) ?? []).filter((r) => r.submitted <= day && r.submitted > day - 365).reduce((s, r) => s + r.amountMinor, 0);
    const ratio = Math.round((sum * 10_000) / client.revenueMinor);
    const peerMedian = median(peers) ?? 0;
    return { holds: peers.length >= minPeers && ratio >= minRatioBasisPoints && ratio >= factor * peerMedian, figures: { ratioBasisPoints: ratio, peerMedianBasisPoints: peerMedian, peers: peers.length } };
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
