// A staff member's disclosure of an interest and the decision on it (seed 六、七), the clearance that
// follows, and the long-term tracking of closed cases (seed 十六: 建立利益冲突的长期跟踪机制).
import { permissionsOf, type Role } from '../access';
import { addDays, addMonths, daysBetween, isCalendarDate } from './dates';
import { checkMitigation, type CaseState, type MitigationPlan } from './lifecycle';
import { disclosureDecisions, mitigationKinds, type DisclosureDecision } from './taxonomy';

/** What a rejected staff member must do: give up the interest, or leave the engagement. */
export const rejectionActions = ['end_interest', 'leave_engagement'] as const;
export type RejectionAction = (typeof rejectionActions)[number];

export interface DisclosureDecisionInput {
  decision: DisclosureDecision;
  /** The reasons, kept in the audit trail. */
  comment: string;
  decidedOn: string;
  /** cleared_with_conditions: the mitigations the staff member must keep to. */
  conditions?: readonly MitigationPlan[];
  /** cleared_with_conditions: the last day the clearance holds. */
  expiresOn?: string;
  /** rejected: what must happen, and by when. */
  requiredAction?: RejectionAction;
  actionDueOn?: string;
}

export type DisclosureIssue =
  | 'UNKNOWN_DECISION'
  | 'COMMENT_REQUIRED'
  | 'INVALID_DATE'
  | 'CONDITIONS_REQUIRED'
  | 'CONDITIONS_NOT_ALLOWED' // conditions on "no conflict" or "rejected" would never be followed up
  | 'INVALID_CONDITION'
  | 'EXPIRY_REQUIRED'
  | 'EXPIRY_NOT_ALLOWED'
  | 'EXPIRY_NOT_FUTURE'
  | 'EXPIRY_TOO_FAR'
  | 'ACTION_REQUIRED'
  | 'ACTION_DUE_NOT_FUTURE';

export interface DisclosureOptions {
  /** The longest a clearance may run before it is looked at again. */
  maxClearanceMonths?: number;
  /** The firm's active mitigation kinds. */
  mitigationKinds?: readonly string[];
}

export const DEFAULT_MAX_CLEARANCE_MONTHS = 12;

/** Every fault of a disclosure decision, in a stable order; empty when it may be recorded. */
export function checkDisclosureDecision(input: DisclosureDecisionInput, options: DisclosureOptions = {}): DisclosureIssue[] {
  const issues: DisclosureIssue[] = [];
  if (!(disclosureDecisions as readonly string[]).includes(input.decision)) return ['UNKNOWN_DECISION'];
  if (!input.comment?.trim()) issues.push('COMMENT_REQUIRED');
  if (!isCalendarDate(input.decidedOn)) return [...issues, 'INVALID_DATE'];
  const conditions = input.conditions ?? [];
  if (input.decision === 'cleared_with_conditions') {
    if (conditions.length === 0) issues.push('CONDITIONS_REQUIRED');
    const known = options.mitigationKinds ?? mitigationKinds;
    if (conditions.some((plan) => checkMitigation(plan, known) !== null)) issues.push('INVALID_CONDITION');
    if (input.expiresOn === undefined) issues.push('EXPIRY_REQUIRED');
    else if (!isCalendarDate(input.expiresOn)) issues.push('INVALID_DATE');
    else if (input.expiresOn <= input.decidedOn) issues.push('EXPIRY_NOT_FUTURE');
    else if (input.expiresOn > addMonths(input.decidedOn, options.maxClearanceMonths ?? DEFAULT_MAX_CLEARANCE_MONTHS)) issues.push('EXPIRY_TOO_FAR');
  } else {
    if (conditions.length > 0) issues.push('CONDITIONS_NOT_ALLOWED');
    if (input.expiresOn !== undefined) issues.push('EXPIRY_NOT_ALLOWED');
  }
  if (input.decision === 'rejected') {
    if (!input.requiredAction || !rejectionActions.includes(input.requiredAction) || input.actionDueOn === undefined) issues.push('ACTION_REQUIRED');
    else if (!isCalendarDate(input.actionDueOn)) issues.push('INVALID_DATE');
    else if (input.actionDueOn <= input.decidedOn) issues.push('ACTION_DUE_NOT_FUTURE');
  }
  return issues;
}

/** Compliance reviews disclosures; nobody decides on their own. */
export const mayDecideDisclosure = (userRoles: readonly Role[], { isDeclarant }: { isDeclarant: boolean }) =>
  !isDeclarant && permissionsOf(userRoles).includes('declarations.review');

export interface Clearance {
  issuedOn: string;
  /** The last day the clearance holds. */
  expiresOn: string;
}

export type ClearanceStatus = 'active' | 'expiring' | 'expired';

export const DEFAULT_EXPIRING_WITHIN_DAYS = 30;
export const DEFAULT_REMINDER_DAYS = [30, 7, 1] as const;

/** Expired from the day after expiresOn: the disclosure returns to compliance for review. */
export function clearanceStatus(clearance: Pick<Clearance, 'expiresOn'>, today: string, expiringWithinDays: number = DEFAULT_EXPIRING_WITHIN_DAYS): ClearanceStatus {
  const left = daysBetween(today, clearance.expiresOn);
  return left < 0 ? 'expired' : left <= expiringWithinDays ? 'expiring' : 'active';
}

/** The days reminders go out, earliest first: `daysBefore` the expiry, none on or before the day it was issued. */
export function clearanceReminderDates(clearance: Clearance, daysBefore: readonly number[] = DEFAULT_REMINDER_DAYS): string[] {
  const dates = daysBefore.map((days) => addDays(clearance.expiresOn, -days)).filter((date) => date > clearance.issuedOn && date <= clearance.expiresOn);
  return [...new Set(dates)].sort();
}

/**
 * The reminder today's job should send, as its days-before-expiry, or null. Only the latest reminder
 * reached is sent, so a job that missed days sends one message rather than a backlog; none once expired.
 */
export function reminderDue(today: string, clearance: Clearance, alreadySent: readonly number[], daysBefore: readonly number[] = DEFAULT_REMINDER_DAYS): number | null {
  if (today > clearance.expiresOn) return null;
  const reached = daysBefore.filter((days) => {
    const date = addDays(clearance.expiresOn, -days);
    return date > clearance.issuedOn && date <= today;
  });
  if (reached.length === 0) return null;
  const latest = Math.min(...reached);
  return alreadySent.includes(latest) ? null : latest;
}

/** Review dates of a closed case: every `cadenceMonths` after closing, counted from the closing day so month ends do not drift. */
export function reviewDates(closedOn: string, cadenceMonths: number, count: number): string[] {
  if (!Number.isSafeInteger(cadenceMonths) || cadenceMonths < 1 || cadenceMonths > 60) throw new RangeError(`Not a review cadence in months: ${cadenceMonths}`);
  if (!Number.isSafeInteger(count) || count < 1 || count > 100) throw new RangeError(`Not a number of reviews: ${count}`);
  return Array.from({ length: count }, (_, i) => addMonths(closedOn, cadenceMonths * (i + 1)));
}

export const reviewOutcomes = ['confirm', 'reopen', 'end_tracking'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

export interface ReviewInput {
  /** confirm: the mitigations still hold; reopen: they do not; end_tracking: nothing left to watch (the engagement or client relationship has ended). */
  outcome: ReviewOutcome;
  reviewedOn: string;
  comment: string;
  /** Why the case is reopened or tracking ends. */
  reason?: string;
}

export interface ReviewSchedule {
  /** Review dates not yet reviewed; the earliest is the one this review answers. */
  pending: readonly string[];
  cadenceMonths: number;
}

export type ReviewResult =
  /** pending: the schedule from here on, never empty. */
  | { ok: true; outcome: 'confirm'; nextReviewOn: string; pending: string[] }
  | { ok: true; outcome: 'reopen' | 'end_tracking'; reason: string }
  | { ok: false; code: 'COMMENT_REQUIRED' | 'REASON_REQUIRED' | 'INVALID_DATE' | 'NOTHING_TO_REVIEW' };

/**
 * A review of a case under monitoring or closed with mitigations. Confirming moves to the next pending
 * date after today's review (a late review covers the dates it passed); when the schedule runs out the
 * reviews continue every `cadenceMonths`, since a recusal or barrier lasts as long as the engagement and
 * tracking only ends by an explicit decision.
 */
export function recordReview(input: ReviewInput, schedule: ReviewSchedule): ReviewResult {
  if (!isCalendarDate(input.reviewedOn) || schedule.pending.some((d) => !isCalendarDate(d))) return { ok: false, code: 'INVALID_DATE' };
  if (!input.comment?.trim()) return { ok: false, code: 'COMMENT_REQUIRED' };
  if (schedule.pending.length === 0) return { ok: false, code: 'NOTHING_TO_REVIEW' };
  if (input.outcome !== 'confirm') {
    const reason = input.reason?.trim();
    return reason ? { ok: true, outcome: input.outcome, reason } : { ok: false, code: 'REASON_REQUIRED' };
  }
  const [, ...later] = [...new Set(schedule.pending)].sort();
  const remaining = later.filter((date) => date > input.reviewedOn);
  const pending = remaining.length > 0 ? remaining : [addMonths(input.reviewedOn, schedule.cadenceMonths)];
  return { ok: true, outcome: 'confirm', nextReviewOn: pending[0] as string, pending };
}

/** The case event a failed review makes: an open case under monitoring goes back to investigation, a closed one is reopened. */
export const eventForFailedReview = (state: Extract<CaseState, 'monitoring' | 'closed'>) => (state === 'closed' ? 'reopen' : 'reinvestigate');

/** Whole days a review is late; 0 when not yet due. */
export const reviewDaysLate = (today: string, nextReviewOn: string) => Math.max(0, daysBetween(nextReviewOn, today));
