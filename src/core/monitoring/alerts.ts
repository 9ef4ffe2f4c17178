// What a rule raises: the facts that fired it (requests, amounts, dates, path), the figures behind
// its sentence, and a key under which alerts about the same pattern are merged.
import type { PeriodKind } from '../benefits/limits';
import type { BlackoutFact } from './events';
import type { RuleKind } from './rules';

/** A request an alert is about, as it stood when the alert was raised. Amounts in CNY minor units. */
export interface AlertRequestFact {
  requestId: string;
  ref: string;
  amountCnyMinor: number;
  benefitDate: string;
  /** The day it was submitted (or, for approvals, approved). */
  day: string;
  requesterId: string;
  departmentId: string;
  recipientId: string;
  clientId: string | null;
}

export type AlertReason =
  | {
      rule: 'structuring';
      scope: 'recipient' | 'client';
      /** Who split, and what: absent from alerts raised before the rule asked for one requester and one kind. */
      requesterId?: string;
      benefitType?: string;
      count: number;
      totalMinor: number;
      thresholdMinor: number;
      windowDays: number;
    }
  | {
      rule: 'cumulative_limit';
      scope: 'recipient' | 'client';
      benefitType: string;
      period: PeriodKind;
      periodStart: string;
      totalMinor: number;
      limitMinor: number;
      departments: { departmentId: string; amountMinor: number }[];
    }
  | {
      rule: 'frequency_spike';
      recentDays: number;
      recentCount: number;
      recentMinor: number;
      baselineCount: number;
      baselineMinor: number;
      factor: number;
      /** The firm's recent activity against its baseline (10,000 = as usual), and the chance of the spike by accident, per million. */
      seasonBasisPoints?: number;
      chancePerMillion?: number;
    }
  | { rule: 'public_official'; amountMinor: number }
  | { rule: 'related_party'; role: 'requester' | 'approver'; userId: string; path: string }
  | {
      rule: 'revenue_outlier';
      peerBy: 'department' | 'service_line';
      peerGroup: string;
      ratioBasisPoints: number;
      peerMedianBasisPoints: number;
      /** Robust standard deviations above the peers; absent from alerts raised before the rule measured them. */
      deviations?: number;
      peers: number;
      benefitsMinor: number;
      revenueMinor: number;
    }
  | { rule: 'blackout'; blackout: BlackoutFact }
  | { rule: 'approver_affinity'; approverId: string; requesterId: string; count: number; total: number; distinctRequesters: number; windowDays: number }
  | { rule: 'payment_mismatch'; problem: 'late'; days: number; maxDays: number; approvedOn: string; paidOn: string }
  | { rule: 'payment_mismatch'; problem: 'short'; paidMinor: number; approvedMinor: number; toleranceBasisPoints: number }
  | { rule: 'new_client'; clientSince: string; days: number; withinDays: number };

export interface AlertSubject {
  clientId: string | null;
  recipientId: string | null;
  /** The staff member the pattern is about (requester, approver), when it is about one. */
  userId: string | null;
  departmentId: string | null;
}

export interface AlertCandidate {
  rule: RuleKind;
  /** Alerts with the same key are about the same pattern: an open one absorbs the new facts. */
  key: string;
  /** 0–100: the rule's weight times how strongly it fired. */
  score: number;
  subject: AlertSubject;
  requests: AlertRequestFact[];
  reason: AlertReason;
  /** The event that fired it. */
  seq: number;
  day: string;
}

/** How many requests an alert keeps as its facts (the newest); the figures cover them all. */
export const MAX_ALERT_REQUESTS = 50;

/** An alert already raised under a key, as far as merging needs it. */
export interface ExistingAlert {
  open: boolean;
  requestIds: readonly string[];
}

export type MergeDecision = { action: 'new' } | { action: 'merge'; index: number } | { action: 'duplicate' };

/**
 * What to do with a candidate given the alerts already raised under its key: an open one absorbs it;
 * facts all already judged in a closed one (dismissed or escalated) are not raised again; anything
 * new opens a new alert.
 */
export function decideMerge(existing: readonly ExistingAlert[], candidate: Pick<AlertCandidate, 'requests'>): MergeDecision {
  const open = existing.findIndex((a) => a.open);
  if (open >= 0) return { action: 'merge', index: open };
  const ids = candidate.requests.map((r) => r.requestId);
  return existing.some((a) => ids.every((id) => a.requestIds.includes(id))) ? { action: 'duplicate' } : { action: 'new' };
}

/** The requests of both, the newest fact of each request kept, newest first, at most MAX_ALERT_REQUESTS. */
export function mergeRequests(held: readonly AlertRequestFact[], incoming: readonly AlertRequestFact[]): AlertRequestFact[] {
  const byId = new Map<string, AlertRequestFact>();
  for (const fact of [...held, ...incoming]) byId.set(fact.requestId, fact);
  // Refs are numbered in order, so within a day the later ref is the newer request.
  return [...byId.values()].sort((a, b) => (a.day === b.day ? b.ref.localeCompare(a.ref) : a.day < b.day ? 1 : -1)).slice(0, MAX_ALERT_REQUESTS);
}

/** Score from a rule's weight and a strength between 0 and 1 (floored at 0.6: a fired rule is never trivial). */
export const scoreOf = (weight: number, strength: number) => Math.round(weight * Math.min(1, Math.max(0.6, strength)));

/** An alert as the in-memory book keeps it: the first candidate, grown by the ones merged into it. */
export interface BookedAlert extends AlertCandidate {
  open: boolean;
  /** How many candidates it absorbed, itself included. */
  hits: number;
  firstSeq: number;
}

/** Folds a candidate into an alert under the same key: newest figures, union of facts, highest score. */
export function absorb(alert: BookedAlert, candidate: AlertCandidate): void {
  alert.requests = mergeRequests(alert.requests, candidate.requests);
  alert.reason = candidate.reason;
  alert.subject = candidate.subject;
  alert.score = Math.max(alert.score, candidate.score);
  alert.seq = candidate.seq;
  alert.day = candidate.day;
  alert.hits += 1;
}

/** The alerts raised so far, merged by key as the database merges them; for replays (preview, benchmark). */
export class AlertBook {
  readonly alerts: BookedAlert[] = [];
  private readonly byKey = new Map<string, BookedAlert[]>();

  /** Adds a candidate; returns the alert it opened or grew, or null for facts already judged. */
  add(candidate: AlertCandidate): BookedAlert | null {
    const held = this.byKey.get(candidate.key) ?? [];
    const decision = decideMerge(
      held.map((a) => ({ open: a.open, requestIds: a.requests.map((r) => r.requestId) })),
      candidate,
    );
    if (decision.action === 'duplicate') return null;
    if (decision.action === 'merge') {
      absorb(held[decision.index]!, candidate);
      return held[decision.index]!;
    }
    const alert: BookedAlert = { ...candidate, open: true, hits: 1, firstSeq: candidate.seq };
    held.push(alert);
    this.byKey.set(candidate.key, held);
    this.alerts.push(alert);
    return alert;
  }
}
