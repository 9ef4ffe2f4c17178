// The rule engine: folds monitoring events, in order, into windowed aggregates and judges each event
// against the rule set as it arrives. Pure and in memory; the monitoring module keeps one per process
// as a cache of the event log, and the benchmark and the rule preview run their own.
import { periodWindow } from '../benefits/limits';
import { dayNumber } from '../cases/dates';
import { scoreOf, type AlertCandidate, type AlertReason, type AlertRequestFact, type AlertSubject, MAX_ALERT_REQUESTS } from './alerts';
import type { BenefitFacts, MonitoringEvent } from './events';
import type { RuleKind, RuleSet } from './rules';
import { amountChanceBound, binomialTail, robustSpread } from './chance';
import { DailyTally, KeyedWindow, SlidingWindow, type WindowEntry } from './windows';

/** A request the engine has seen, with who approved it so far. */
interface Tracked {
  facts: BenefitFacts;
  fact: AlertRequestFact;
  live: boolean;
  approvers: string[];
  /** The seq of the event that first showed it: requests found in several windows sort by it. */
  order: number;
  /** The running totals it counts toward, so that ending it touches only those. */
  totals: RunningTotal[];
  /** The day it entered the firm's tallies, if it did. */
  firmDay: number | null;
}

interface RunningTotal {
  total: number;
  requests: Tracked[];
}

interface PeerGroup {
  /** Each client's benefits over its year, in basis points of its revenue. */
  ratios: Map<string, number>;
  /** Centre and spread of the logarithms of the ratios above zero, and how many there were, as last computed. */
  centre: number | null;
  spread: number;
  counted: number;
  changes: number;
}

const YEAR_DAYS = 365;
/**
 * The least spread of peers' log ratios a client is measured against: when most peers have the same
 * ratio the MAD is nought, and a client a little above them would be endless deviations away.
 */
const MIN_LOG_SPREAD = Math.LN2 / 2;

function windowOf<T>(map: Map<string, SlidingWindow<T>>, key: string, days: number): SlidingWindow<T> {
  let window = map.get(key);
  if (!window) map.set(key, (window = new SlidingWindow<T>(days)));
  return window;
}

const newest = (tracked: Iterable<Tracked>): AlertRequestFact[] => {
  const facts = [...tracked].map((t) => t.fact);
  return facts.slice(Math.max(0, facts.length - MAX_ALERT_REQUESTS)).reverse();
};

export class MonitoringEngine {
  private readonly tracked = new Map<string, Tracked>();
  private readonly byRecipient = new Map<string, SlidingWindow<Tracked>>();
  private readonly byClient = new Map<string, SlidingWindow<Tracked>>();
  private readonly clientYear = new Map<string, SlidingWindow<Tracked>>();
  private readonly splitByRecipient = new Map<string, SlidingWindow<Tracked>>();
  private readonly splitByClient = new Map<string, SlidingWindow<Tracked>>();
  private readonly spikeRecent = new Map<string, SlidingWindow<Tracked>>();
  private readonly spikeWide = new Map<string, SlidingWindow<Tracked>>();
  /** The whole firm's requests over the spike's recent and whole windows: the season every client shares. */
  private readonly firmRecent: DailyTally;
  private readonly firmWide: DailyTally;
  private readonly totals = new Map<string, RunningTotal>();
  private readonly peers = new Map<string, PeerGroup>();
  /** Clients judged outliers when last judged, so the sweep raises only those who newly stand out. */
  private readonly outliers = new Set<string>();
  /** Each peer group's centre and spread at the last sweep. */
  private readonly sweptSpreads = new Map<string, string>();
  private readonly clientRevenue = new Map<string, { revenue: number; group: string | null }>();
  private readonly approvals = new Map<string, KeyedWindow<AlertRequestFact>>();
  private readonly lookback: number;
  /** Whether a sweep has run since the revenue rule's warm-up ended. */
  private warmedUp = false;
  /** The first day of the log the engine was given: before it, it knows nothing. */
  private origin: number | null = null;
  /** The last event folded in. */
  lastSeq = 0;

  constructor(readonly rules: RuleSet) {
    this.lookback = Math.max(rules.related_party.params.lookbackDays, rules.blackout.params.lookbackDays);
    const spike = rules.frequency_spike.params;
    this.firmRecent = new DailyTally(spike.recentDays);
    this.firmWide = new DailyTally(spike.recentDays + spike.baselineDays);
  }

  /** Folds one event in and returns what it fires. Events must come in `seq` order. */
  apply(event: MonitoringEvent): AlertCandidate[] {
    const day = dayNumber(event.day);
    this.origin ??= day;
    this.lastSeq = event.seq;
    const fired: AlertCandidate[] = [];
    const raise = (rule: RuleKind, key: string, strength: number, subject: AlertSubject, requests: AlertRequestFact[], reason: AlertReason) => {
      const config = this.rules[rule];
      if (config.enabled) fired.push({ rule, key: `${rule}:${key}`, score: scoreOf(config.weight, strength), subject, requests, reason, seq: event.seq, day: event.day });
    };
    switch (event.kind) {
      case 'submitted': {
        const known = this.tracked.get(event.benefit.requestId);
        const t = this.track(event.benefit, event.day);
        if (known) this.resubmitted(t, day, raise);
        else this.submitted(t, day, raise);
        break;
      }
      case 'approved': {
        const t = this.track(event.benefit, event.day);
        t.approvers.push(event.approverId);
        this.approved(t, event.approverId, event.approverPath, day, raise);
        break;
      }
      case 'paid': {
        const t = this.track(event.benefit, event.day);
        const days = dayNumber(event.paidOn) - dayNumber(event.approvedOn);
        const { maxDaysAfterApproval } = this.rules.payment_mismatch.params;
        if (days > maxDaysAfterApproval)
          raise('payment_mismatch', `late:${t.fact.requestId}`, 0.6 + (0.4 * (days - maxDaysAfterApproval)) / maxDaysAfterApproval, subjectOf(t), [t.fact], {
            rule: 'payment_mismatch',
            problem: 'late',
            days,
            maxDays: maxDaysAfterApproval,
            approvedOn: event.approvedOn,
            paidOn: event.paidOn,
          });
        break;
      }
      case 'closed': {
        const t = this.track(event.benefit, event.day);
        const { toleranceBasisPoints } = this.rules.payment_mismatch.params;
        const gap = Math.abs(event.paidCnyMinor - event.approvedCnyMinor);
        if (event.paidCnyMinor > 0 && gap * 10_000 > toleranceBasisPoints * event.approvedCnyMinor)
          raise('payment_mismatch', `short:${t.fact.requestId}`, 0.6 + gap / Math.max(1, event.approvedCnyMinor), subjectOf(t), [t.fact], {
            rule: 'payment_mismatch',
            problem: 'short',
            paidMinor: event.paidCnyMinor,
            approvedMinor: event.approvedCnyMinor,
            toleranceBasisPoints,
          });
        break;
      }
      case 'ended':
        this.ended(this.track(event.benefit, event.day));
        break;
      case 'related':
        this.related(event.userId, event.partyId, event.clientId, event.path, day, raise);
        break;
      case 'blackout': {
        const window = this.byClient.get(event.clientId);
        if (!window) break;
        const inside = this.within(window, day, this.rules.blackout.params.lookbackDays).filter(
          (t) => t.live && t.facts.benefitDate >= event.blackout.startsOn && t.facts.benefitDate <= event.blackout.endsOn,
        );
        if (inside.length > 0) raise('blackout', event.blackout.id, 1, subjectOf(inside[0]!), newest(inside), { rule: 'blackout', blackout: event.blackout });
        break;
      }
    }
    return fired;
  }

  /**
   * Judges what only the passing of time or the other clients change: each client's benefits over the
   * last year against its peers', with the peer medians recomputed from scratch.
   */
  sweep(dayText: string, seq: number): AlertCandidate[] {
    const fired: AlertCandidate[] = [];
    if (!this.rules.revenue_outlier.enabled) return fired;
    const day = dayNumber(dayText);
    // Only what moved is judged again: a client whose year lost old benefits, or whose peers' median
    // changed; and only a client whose own figures moved, or who newly stands out, raises anything.
    const moved = new Set<string>();
    for (const [clientId, window] of this.clientYear) {
      const before = window.sum;
      window.advance(day);
      if (window.sum !== before) {
        this.recordRatio(clientId, window);
        moved.add(clientId);
      }
    }
    const judged = new Set(moved);
    // The first sweep after the warm-up judges everyone: who stood out during it was not yet told.
    if (!this.warmedUp && day - (this.origin ?? day) >= this.rules.revenue_outlier.params.warmUpDays) {
      this.warmedUp = true;
      for (const clientId of this.clientYear.keys()) judged.add(clientId);
    }
    const { minDeviations, minRatioBasisPoints } = this.rules.revenue_outlier.params;
    for (const [key, group] of this.peers) {
      const before = this.sweptSpreads.get(key);
      this.refreshSpread(group, true);
      const now = `${group.centre}:${group.spread}`;
      this.sweptSpreads.set(key, now);
      if (before === now || group.centre === null) continue;
      // A moved group is judged again where it matters: whoever now clears the bar, and whoever stood out.
      const bar = Math.max(minRatioBasisPoints, Math.exp(group.centre + minDeviations * Math.max(group.spread, MIN_LOG_SPREAD)) * (1 - 1e-9));
      for (const [clientId, ratio] of group.ratios) if (ratio >= bar || this.outliers.has(clientId)) judged.add(clientId);
    }
    for (const clientId of judged) {
      const found = this.outlier(clientId, day);
      const known = this.outliers.has(clientId);
      if (!found) this.outliers.delete(clientId);
      else if (moved.has(clientId) || !known) {
        this.outliers.add(clientId);
        fired.push({ ...found, key: `revenue_outlier:${clientId}`, score: scoreOf(this.rules.revenue_outlier.weight, found.strength), seq, day: dayText });
      }
    }
    return fired;
  }

  private track(facts: BenefitFacts, dayText: string): Tracked {
    const known = this.tracked.get(facts.requestId);
    if (known) {
      known.facts = facts;
      return known;
    }
    const fact: AlertRequestFact = {
      requestId: facts.requestId,
      ref: facts.ref,
      amountCnyMinor: facts.amountCnyMinor,
      benefitDate: facts.benefitDate,
      day: dayText,
      requesterId: facts.requesterId,
      departmentId: facts.departmentId,
      recipientId: facts.recipientId,
      clientId: facts.clientId,
    };
    const t: Tracked = { facts, fact, live: true, approvers: [], order: this.lastSeq, totals: [], firmDay: null };
    this.tracked.set(facts.requestId, t);
    return t;
  }

  private submitted(t: Tracked, day: number, raise: Raise): void {
    const f = t.facts;
    const amount = f.amountCnyMinor;
    const recipientWindow = windowOf(this.byRecipient, f.recipientId, this.lookback);
    recipientWindow.advance(day, this.forget);
    recipientWindow.add(day, amount, t);
    if (f.clientId) {
      const clientWindow = windowOf(this.byClient, f.clientId, this.lookback);
      clientWindow.advance(day);
      clientWindow.add(day, amount, t);
    }

    this.firmRecent.advance(day);
    this.firmWide.advance(day);
    this.firmRecent.add(day, amount);
    this.firmWide.add(day, amount);
    t.firmDay = day;

    this.structuring(t, day, raise);
    this.cumulative(t, raise);
    if (f.clientId) this.spike(t, day, raise);
    if (f.clientId) this.revenue(t, day, raise);
    this.judgeFacts(t, day, raise);
  }

  /**
   * A request submitted again (returned and resubmitted, or re-approved after a material change): it is
   * one request, so the windows that count requests keep it once; it counts toward the limits again if
   * its return had released it, and what its facts alone say is judged afresh (alerts merge by key).
   */
  private resubmitted(t: Tracked, day: number, raise: Raise): void {
    if (!t.live) {
      t.live = true;
      this.cumulative(t, raise);
    }
    this.judgeFacts(t, day, raise);
  }

  /** The rules that need nothing but the request's own facts. */
  private judgeFacts(t: Tracked, day: number, raise: Raise): void {
    const f = t.facts;
    const amount = f.amountCnyMinor;
    const subject = subjectOf(t);
    if (f.recipientPublicOfficial && amount >= this.rules.public_official.params.minAmountMinor)
      raise('public_official', f.recipientId, 1, subject, [t.fact], { rule: 'public_official', amountMinor: amount });
    if (f.requesterPath) raise('related_party', `${f.requesterId}:${f.recipientId}`, 1, subject, [t.fact], { rule: 'related_party', role: 'requester', userId: f.requesterId, path: f.requesterPath });
    if (f.blackout) raise('blackout', f.blackout.id, 1, subject, [t.fact], { rule: 'blackout', blackout: f.blackout });
    if (f.clientId && f.clientSince) {
      const { withinDays, minAmountMinor } = this.rules.new_client.params;
      const days = day - dayNumber(f.clientSince);
      if (days <= withinDays && amount >= minAmountMinor)
        raise('new_client', f.clientId, 0.6 + (0.4 * (withinDays - Math.max(0, days))) / Math.max(1, withinDays), subject, [t.fact], {
          rule: 'new_client',
          clientSince: f.clientSince,
          days,
          withinDays,
        });
    }
  }

  private structuring(t: Tracked, day: number, raise: Raise): void {
    const { windowDays, thresholdMinor, minCount } = this.rules.structuring.params;
    const f = t.facts;
    if (!this.rules.structuring.enabled || f.amountCnyMinor >= thresholdMinor) return;
    let recipientSet: string | null = null;
    const scopes: ['recipient' | 'client', string | null, Map<string, SlidingWindow<Tracked>>][] = [
      ['recipient', f.recipientId, this.splitByRecipient],
      ['client', f.clientId, this.splitByClient],
    ];
    for (const [scope, id, windows] of scopes) {
      if (!id) continue;
      // A split is one requester's one benefit in parts: requests by others, or of other kinds, are not its parts.
      const window = windowOf(windows, `${id}:${f.requesterId}:${f.benefitType}`, windowDays);
      window.advance(day);
      window.add(day, f.amountCnyMinor, t);
      if (window.count < minCount || window.sum < thresholdMinor) continue;
      const members = [...window.items()].map((e) => e.item);
      const set = members.map((m) => m.fact.requestId).join(',');
      // The client's split is the recipient's: one alert for the same facts.
      if (scope === 'client' && set === recipientSet) continue;
      recipientSet = scope === 'recipient' ? set : recipientSet;
      raise('structuring', `${scope}:${id}:${f.requesterId}:${f.benefitType}`, 0.6 + (0.4 * (window.sum - thresholdMinor)) / thresholdMinor, subjectOf(t), newest(members), {
        rule: 'structuring',
        scope,
        requesterId: f.requesterId,
        benefitType: f.benefitType,
        count: window.count,
        totalMinor: window.sum,
        thresholdMinor,
        windowDays,
      });
    }
  }

  private cumulative(t: Tracked, raise: Raise): void {
    if (!this.rules.cumulative_limit.enabled) return;
    const f = t.facts;
    const { ratioBasisPoints: ratio, minDepartments } = this.rules.cumulative_limit.params;
    const limits: ['recipient' | 'client', string | null, { amountMinor: number; period: 'month' | 'quarter' | 'year' } | null][] = [
      ['recipient', f.recipientId, f.limits.recipientPeriod],
      ['client', f.clientId, f.limits.clientYear === null ? null : { amountMinor: f.limits.clientYear, period: 'year' }],
    ];
    for (const [scope, id, limit] of limits) {
      if (!id || !limit || limit.amountMinor <= 0) continue;
      const periodStart = periodWindow(f.benefitDate, limit.period).from;
      const key = `${scope}:${id}:${f.benefitType}:${periodStart}`;
      let running = this.totals.get(key);
      if (!running) this.totals.set(key, (running = { total: 0, requests: [] }));
      running.total += f.amountCnyMinor;
      running.requests.push(t);
      t.totals.push(running);
      if (running.total * 10_000 < ratio * limit.amountMinor) continue;
      const departments = new Map<string, number>();
      for (const r of running.requests) departments.set(r.facts.departmentId, (departments.get(r.facts.departmentId) ?? 0) + r.facts.amountCnyMinor);
      // What one department gives alone its own approvers see at request time; the rule is for several together.
      if (departments.size < minDepartments) continue;
      raise('cumulative_limit', key, running.total / limit.amountMinor, subjectOf(t), newest(running.requests), {
        rule: 'cumulative_limit',
        scope,
        benefitType: f.benefitType,
        period: limit.period,
        periodStart,
        totalMinor: running.total,
        limitMinor: limit.amountMinor,
        departments: [...departments].map(([departmentId, amountMinor]) => ({ departmentId, amountMinor })).sort((a, b) => b.amountMinor - a.amountMinor),
      });
    }
  }

  private spike(t: Tracked, day: number, raise: Raise): void {
    if (!this.rules.frequency_spike.enabled) return;
    const { recentDays, baselineDays, factor, minRecentCount, maxChancePerMillion } = this.rules.frequency_spike.params;
    const clientId = t.facts.clientId!;
    const recent = windowOf(this.spikeRecent, clientId, recentDays);
    const wide = windowOf(this.spikeWide, clientId, recentDays + baselineDays);
    recent.advance(day);
    wide.advance(day);
    recent.add(day, t.facts.amountCnyMinor, t);
    wide.add(day, t.facts.amountCnyMinor, t);
    // Only a client watched for the whole baseline has one.
    const baselineStart = day - recentDays - baselineDays + 1;
    const since = Math.max(this.origin ?? day, t.facts.clientSince ? dayNumber(t.facts.clientSince) : Number.MIN_SAFE_INTEGER);
    if (since > baselineStart || recent.count < minRecentCount) return;
    const pastCount = wide.count - recent.count;
    const pastMinor = wide.sum - recent.sum;
    // The season: how busy the whole firm is lately against its own baseline. Festival gift waves lift
    // every client together; only what rises beyond them is a client's own spike.
    const season = (recentPart: number, whole: number) => (whole > recentPart && recentPart > 0 ? (recentPart * baselineDays) / ((whole - recentPart) * recentDays) : 1);
    // The client itself is left out of the firm, or a client big enough would dampen its own spike.
    const countSeason = season(this.firmRecent.count - recent.count, this.firmWide.count - wide.count);
    const amountSeason = season(this.firmRecent.sum - recent.sum, this.firmWide.sum - wide.sum);
    const byCount = (recent.count * baselineDays) / (Math.max(pastCount, 1) * recentDays * countSeason);
    const byAmount = pastMinor > 0 ? (recent.sum * baselineDays) / (pastMinor * recentDays * amountSeason) : 0;
    // The share of the whole window the recent days would hold if nothing but the season moved.
    const recentShare = (s: number) => (recentDays * s) / (recentDays * s + baselineDays);
    const alpha = maxChancePerMillion / 1_000_000;
    let strength = 0;
    let chance = 1;
    let seasonOf = countSeason;
    if (byCount >= factor) {
      const p = binomialTail(wide.count, recent.count, recentShare(countSeason));
      if (p <= alpha) [strength, chance] = [byCount, p];
    }
    if (byAmount >= factor && byAmount > strength) {
      const amounts = [...wide.items()].map((e) => e.amount);
      const p = amountChanceBound(amounts, recentShare(amountSeason), recent.sum);
      if (p <= alpha) [strength, chance, seasonOf] = [byAmount, p, amountSeason];
    }
    if (strength === 0) return;
    const members = [...(this.byClient.get(clientId)?.since(day - recentDays + 1) ?? [])].map((e) => e.item).reverse();
    raise('frequency_spike', clientId, strength / (2 * factor), subjectOf(t), newest(members), {
      rule: 'frequency_spike',
      recentDays,
      recentCount: recent.count,
      recentMinor: recent.sum,
      baselineCount: Math.round((pastCount * recentDays * 10) / baselineDays) / 10,
      baselineMinor: Math.round((pastMinor * recentDays) / baselineDays),
      factor,
      seasonBasisPoints: Math.round(seasonOf * 10_000),
      chancePerMillion: Math.max(0.01, Math.round(chance * 100_000_000) / 100),
    });
  }

  private revenue(t: Tracked, day: number, raise: Raise): void {
    if (!this.rules.revenue_outlier.enabled) return;
    const f = t.facts;
    const clientId = f.clientId!;
    const { peerBy } = this.rules.revenue_outlier.params;
    this.clientRevenue.set(clientId, { revenue: f.clientRevenueCnyMinor ?? 0, group: peerBy === 'department' ? f.clientDepartmentId : (f.clientServiceLines[0] ?? null) });
    const window = windowOf(this.clientYear, clientId, YEAR_DAYS);
    window.advance(day);
    window.add(day, f.amountCnyMinor, t);
    this.recordRatio(clientId, window);
    const found = this.outlier(clientId, day);
    if (found) {
      this.outliers.add(clientId);
      raise('revenue_outlier', clientId, found.strength, found.subject, found.requests, found.reason);
    } else this.outliers.delete(clientId);
  }

  private recordRatio(clientId: string, window: SlidingWindow<Tracked>): void {
    const info = this.clientRevenue.get(clientId);
    if (!info?.group || info.revenue <= 0) return;
    let group = this.peers.get(info.group);
    if (!group) this.peers.set(info.group, (group = { ratios: new Map(), centre: null, spread: 0, counted: 0, changes: 0 }));
    group.ratios.set(clientId, Math.round((window.sum * 10_000) / info.revenue));
    group.changes += 1;
  }

  private refreshSpread(group: PeerGroup, force = false): void {
    // Nothing changed since the last computation: nothing to recompute, even when forced.
    if (group.changes === 0 && group.centre !== null) return;
    // Recomputed once a tenth of the group has changed: centre and spread move slowly, except in a small group.
    if (force || group.centre === null || group.changes >= Math.max(1, group.ratios.size / 10)) {
      const logs: number[] = [];
      for (const ratio of group.ratios.values()) if (ratio > 0) logs.push(Math.log(ratio));
      const found = robustSpread(logs);
      group.centre = found?.centre ?? null;
      group.spread = found?.spread ?? 0;
      group.counted = logs.length;
      group.changes = 0;
    }
  }

  private outlier(clientId: string, day: number): (Omit<AlertCandidate, 'key' | 'score' | 'seq' | 'day' | 'rule'> & { rule: 'revenue_outlier'; strength: number }) | null {
    const info = this.clientRevenue.get(clientId);
    const group = info?.group ? this.peers.get(info.group) : undefined;
    const window = this.clientYear.get(clientId);
    if (!info?.group || !group || !window) return null;
    const { minDeviations, minRatioBasisPoints, minPeers, peerBy, warmUpDays } = this.rules.revenue_outlier.params;
    // Before the warm-up every year is short, and a single benefit stands out among them.
    if (day - (this.origin ?? day) < warmUpDays || group.ratios.size < minPeers) return null;
    this.refreshSpread(group);
    const ratio = group.ratios.get(clientId) ?? 0;
    if (group.centre === null || group.counted < minPeers || ratio < minRatioBasisPoints || ratio <= 0) return null;
    // Ratios spread over orders of magnitude: they are compared as logarithms, against the peers' median
    // and median absolute deviation, which the outliers themselves barely move.
    const deviations = (Math.log(ratio) - group.centre) / Math.max(group.spread, MIN_LOG_SPREAD);
    if (deviations < minDeviations) return null;
    const members = [...window.items()].map((e) => e.item).filter((m) => m.live);
    if (members.length === 0) return null;
    return {
      rule: 'revenue_outlier',
      strength: deviations / (2 * minDeviations),
      subject: { ...subjectOf(members.at(-1)!), userId: null },
      requests: newest(members),
      reason: {
        rule: 'revenue_outlier',
        peerBy,
        peerGroup: info.group,
        ratioBasisPoints: ratio,
        peerMedianBasisPoints: Math.round(Math.exp(group.centre)),
        deviations: Math.round(deviations * 10) / 10,
        peers: group.counted,
        benefitsMinor: window.sum,
        revenueMinor: info.revenue,
      },
    };
  }

  private approved(t: Tracked, approverId: string, approverPath: string | null, day: number, raise: Raise): void {
    const f = t.facts;
    if (approverPath) raise('related_party', `${approverId}:${f.recipientId}`, 1, { ...subjectOf(t), userId: approverId }, [t.fact], { rule: 'related_party', role: 'approver', userId: approverId, path: approverPath });
    if (!this.rules.approver_affinity.enabled) return;
    const { windowDays, minCount, minShareBasisPoints, minDistinctRequesters } = this.rules.approver_affinity.params;
    let window = this.approvals.get(approverId);
    if (!window) this.approvals.set(approverId, (window = new KeyedWindow(windowDays)));
    window.add(day, f.requesterId, t.fact);
    const count = window.counts.get(f.requesterId) ?? 0;
    const distinct = window.counts.size;
    if (count < minCount || distinct < minDistinctRequesters || count * 10_000 < minShareBasisPoints * window.total) return;
    raise('approver_affinity', `${approverId}:${f.requesterId}`, (count / window.total) * (distinct / 3), { ...subjectOf(t), userId: approverId, clientId: null, recipientId: null }, window.factsOf(f.requesterId).reverse().slice(0, MAX_ALERT_REQUESTS), {
      rule: 'approver_affinity',
      approverId,
      requesterId: f.requesterId,
      count,
      total: window.total,
      distinctRequesters: distinct,
      windowDays,
    });
  }

  /**
   * The requests of a recipient's or client's log submitted in the last `days` days, oldest first. The
   * log keeps the longest lookback of the rules that read it; each rule looks back its own.
   */
  private within(log: SlidingWindow<Tracked>, day: number, days: number): Tracked[] {
    log.advance(day, this.forget);
    return [...log.since(day - days + 1)].map((e) => e.item).reverse();
  }

  /** A request that left the lookback is no longer followed. */
  private readonly forget = (gone: WindowEntry<Tracked>): void => {
    if (this.tracked.get(gone.item.fact.requestId) === gone.item) this.tracked.delete(gone.item.fact.requestId);
  };

  /** A request rejected, withdrawn or cancelled: no longer a benefit given, so it leaves the totals, the spike and the revenue ratio. */
  private ended(t: Tracked): void {
    if (!t.live) return;
    t.live = false;
    for (const running of t.totals) {
      const at = running.requests.indexOf(t);
      if (at >= 0) {
        running.requests.splice(at, 1);
        running.total -= t.facts.amountCnyMinor;
      }
    }
    t.totals = [];
    // Once, and what was added: a request returned, resubmitted (perhaps for another amount) and ended
    // again passes here each time, while the tallies hold its first submission.
    if (t.firmDay !== null) {
      this.firmRecent.discount(t.firmDay, t.fact.amountCnyMinor);
      this.firmWide.discount(t.firmDay, t.fact.amountCnyMinor);
      t.firmDay = null;
    }
    const clientId = t.facts.clientId;
    if (!clientId) return;
    this.spikeRecent.get(clientId)?.discount(t);
    this.spikeWide.get(clientId)?.discount(t);
    const year = this.clientYear.get(clientId);
    if (year?.discount(t)) this.recordRatio(clientId, year);
  }

  private related(userId: string, partyId: string, clientId: string | null, path: string, day: number, raise: Raise): void {
    const seen = new Set<Tracked>();
    const windows = [this.byRecipient.get(partyId), clientId ? this.byClient.get(clientId) : undefined];
    for (const window of windows) {
      if (!window) continue;
      for (const t of this.within(window, day, this.rules.related_party.params.lookbackDays))
        if (t.live && (t.facts.requesterId === userId || t.approvers.includes(userId))) seen.add(t);
    }
    if (seen.size === 0) return;
    const hits = [...seen].sort((a, b) => a.order - b.order);
    const role = hits.some((t) => t.facts.requesterId === userId) ? 'requester' : 'approver';
    raise('related_party', `${userId}:${partyId}`, 1, { ...subjectOf(hits[0]!), userId }, newest(hits), { rule: 'related_party', role, userId, path });
  }
}

type Raise = (rule: RuleKind, key: string, strength: number, subject: AlertSubject, requests: AlertRequestFact[], reason: AlertReason) => void;

const subjectOf = (t: Tracked): AlertSubject => ({ clientId: t.facts.clientId, recipientId: t.facts.recipientId, userId: t.facts.requesterId, departmentId: t.facts.departmentId });
