// The conflict case state machine (seed document 四: 报告 → 调查 → 评估 → 处理, then 十六: 长期跟踪).
// `transition` decides which moves a state allows and whether the move carries what it needs;
// `mayMove` decides who may make it. Every move carries a comment, so the audit trail says why.
import type { Role } from '../access';
import { addDays, daysBetween, isCalendarDate } from './dates';
import { mitigationKinds, severities } from './taxonomy';

export const caseStates = ['reported', 'investigating', 'assessed', 'resolution_decided', 'mitigations_in_effect', 'monitoring', 'closed'] as const;
export type CaseState = (typeof caseStates)[number];
export type OpenCaseState = Exclude<CaseState, 'closed'>;

export const caseEventTypes = [
  'start_investigation',
  'assess',
  'decide_resolution',
  'put_mitigations_in_effect',
  'start_monitoring',
  'close',
  'close_no_conflict', // found unfounded, or no conflict after all
  'reinvestigate', // new facts on an open case: back to investigation
  'reopen', // a closed case: a review found a mitigation failing, or new facts
] as const;
export type CaseEventType = (typeof caseEventTypes)[number];

/** What a case's resolution puts in place. Who recuses or sits behind a barrier, and which clients are told or left. */
export interface MitigationPlan {
  kind: string;
  description?: string;
  staffIds?: readonly string[];
  clientIds?: readonly string[];
}

type Commented<T> = T & { comment: string };
export type CaseEvent = Commented<
  | { type: 'start_investigation' | 'put_mitigations_in_effect' }
  | { type: 'assess'; severity: string; impact: string; assessment: string }
  | { type: 'decide_resolution'; mitigations: readonly MitigationPlan[] }
  /** The review dates of monitoring; for `close`, those of the long-term tracking that follows. */
  | { type: 'start_monitoring' | 'close'; reviewDates: readonly string[] }
  | { type: 'close_no_conflict'; finding: string }
  | { type: 'reinvestigate' | 'reopen'; reason: string }
>;

export interface MitigationProgress {
  kind: string;
  inEffect: boolean;
}

export interface CaseTransitionContext {
  /** Today in Asia/Shanghai; review dates must fall after it. Needed for start_monitoring and close. */
  today?: string;
  /** The firm's active severity codes; the built-in ones when absent. */
  severities?: readonly string[];
  /** The firm's active mitigation kinds; the built-in ones when absent. */
  mitigationKinds?: readonly string[];
  /** Where each decided mitigation stands. Needed for put_mitigations_in_effect. */
  mitigations?: readonly MitigationProgress[];
}

export type CaseRefusal =
  | 'ILLEGAL_TRANSITION'
  | 'COMMENT_REQUIRED'
  | 'SEVERITY_REQUIRED'
  | 'UNKNOWN_SEVERITY'
  | 'IMPACT_REQUIRED'
  | 'ASSESSMENT_REQUIRED'
  | 'MITIGATION_REQUIRED'
  | 'UNKNOWN_MITIGATION'
  | 'MITIGATION_NEEDS_STAFF'
  | 'MITIGATION_NEEDS_CLIENT'
  | 'MITIGATION_NEEDS_DESCRIPTION'
  | 'MITIGATIONS_PENDING'
  | 'REVIEW_DATE_REQUIRED'
  | 'INVALID_DATE'
  | 'REVIEW_DATE_NOT_FUTURE'
  | 'FINDING_REQUIRED'
  | 'REASON_REQUIRED';

/**
 * Whether a refusal is about the case as it stands (another user may have moved it, a mitigation is not
 * yet in place: a conflict, 409) or about what was sent (invalid input, 400).
 */
export const refusalKind = (code: CaseRefusal): 'conflict' | 'invalid' =>
  code === 'ILLEGAL_TRANSITION' || code === 'MITIGATIONS_PENDING' ? 'conflict' : 'invalid';

export type CaseTransitionResult =
  | {
      ok: true;
      from: CaseState;
      state: CaseState;
      event: CaseEventType;
      /** The review dates, in order and without repeats, for start_monitoring and close. */
      reviewDates?: string[];
    }
  /** `index`: the mitigation or review date at fault. */
  | { ok: false; code: CaseRefusal; from: CaseState; event: CaseEventType; index?: number };

const moves: Readonly<Record<CaseState, Partial<Record<CaseEventType, CaseState>>>> = {
  reported: { start_investigation: 'investigating' },
  investigating: { assess: 'assessed', close_no_conflict: 'closed' },
  // An assessment may be revised until a resolution is decided; a resolution until it takes effect
  // (a client refusing consent sends the firm back to choose another mitigation).
  assessed: { assess: 'assessed', decide_resolution: 'resolution_decided', close_no_conflict: 'closed', reinvestigate: 'investigating' },
  resolution_decided: { decide_resolution: 'resolution_decided', put_mitigations_in_effect: 'mitigations_in_effect', reinvestigate: 'investigating' },
  mitigations_in_effect: { start_monitoring: 'monitoring', reinvestigate: 'investigating' },
  monitoring: { close: 'closed', reinvestigate: 'investigating' },
  closed: { reopen: 'investigating' },
};

export function allowedEvents(state: CaseState): CaseEventType[] {
  return caseEventTypes.filter((event) => moves[state][event] !== undefined);
}

export function isCaseState(value: string): value is CaseState {
  return (caseStates as readonly string[]).includes(value);
}

const filled = (text: unknown) => typeof text === 'string' && text.trim() !== '';

// What a built-in mitigation must name to be enforceable: recusal and barriers act on staff (access
// control reads them), consent and exit on clients. Anything else must say what it is.
const needs: Record<string, 'staff' | 'client' | 'description'> = {
  recusal: 'staff',
  information_barrier: 'staff',
  disclosure_consent: 'client',
  decline_or_exit: 'client',
};

/** The first fault of a mitigation plan, or null. */
export function checkMitigation(plan: MitigationPlan, known: readonly string[]): CaseRefusal | null {
  if (!known.includes(plan.kind)) return 'UNKNOWN_MITIGATION';
  const need = needs[plan.kind] ?? 'description';
  if (need === 'staff' && !(plan.staffIds?.length)) return 'MITIGATION_NEEDS_STAFF';
  if (need === 'client' && !(plan.clientIds?.length)) return 'MITIGATION_NEEDS_CLIENT';
  if (need === 'description' && !filled(plan.description)) return 'MITIGATION_NEEDS_DESCRIPTION';
  return null;
}

export function transition(state: CaseState, event: CaseEvent, context: CaseTransitionContext = {}): CaseTransitionResult {
  const refuse = (code: CaseRefusal, index?: number): CaseTransitionResult => ({ ok: false, code, from: state, event: event.type, ...(index !== undefined && { index }) });
  const to = moves[state][event.type];
  if (!to) return refuse('ILLEGAL_TRANSITION');
  if (!filled(event.comment)) return refuse('COMMENT_REQUIRED');
  const move = (reviewDates?: string[]): CaseTransitionResult => ({ ok: true, from: state, state: to, event: event.type, ...(reviewDates && { reviewDates }) });

  switch (event.type) {
    case 'assess':
      if (!filled(event.severity)) return refuse('SEVERITY_REQUIRED');
      if (!(context.severities ?? severities).includes(event.severity)) return refuse('UNKNOWN_SEVERITY');
      if (!filled(event.impact)) return refuse('IMPACT_REQUIRED');
      if (!filled(event.assessment)) return refuse('ASSESSMENT_REQUIRED');
      return move();
    case 'decide_resolution': {
      if (event.mitigations.length === 0) return refuse('MITIGATION_REQUIRED');
      const known = context.mitigationKinds ?? mitigationKinds;
      for (const [index, plan] of event.mitigations.entries()) {
        const fault = checkMitigation(plan, known);
        if (fault) return refuse(fault, index);
      }
      return move();
    }
    case 'put_mitigations_in_effect': {
      // A caller that forgets the progress has a bug; it is not a refusal to show a user.
      if (!context.mitigations) throw new TypeError('put_mitigations_in_effect needs the mitigations’ progress');
      const pending = context.mitigations.findIndex((m) => !m.inEffect);
      if (context.mitigations.length === 0 || pending >= 0) return refuse('MITIGATIONS_PENDING', pending >= 0 ? pending : undefined);
      return move();
    }
    case 'start_monitoring':
    case 'close': {
      if (!context.today || !isCalendarDate(context.today)) throw new TypeError(`${event.type} needs today’s date`);
      const { today } = context;
      if (event.reviewDates.length === 0) return refuse('REVIEW_DATE_REQUIRED');
      for (const [index, date] of event.reviewDates.entries()) {
        if (!isCalendarDate(date)) return refuse('INVALID_DATE', index);
        if (date <= today) return refuse('REVIEW_DATE_NOT_FUTURE', index);
      }
      return move([...new Set(event.reviewDates)].sort());
    }
    case 'close_no_conflict':
      return filled(event.finding) ? move() : refuse('FINDING_REQUIRED');
    case 'reinvestigate':
    case 'reopen':
      return filled(event.reason) ? move() : refuse('REASON_REQUIRED');
    default:
      return move();
  }
}

/** Whether every named client has consented; one refusal ends the hope of consent. */
export function consentOutcome(clientIds: readonly string[], answers: Readonly<Record<string, 'given' | 'refused' | undefined>>): 'given' | 'refused' | 'pending' {
  if (clientIds.some((id) => answers[id] === 'refused')) return 'refused';
  return clientIds.length > 0 && clientIds.every((id) => answers[id] === 'given') ? 'given' : 'pending';
}

// Who may make each move: compliance (利益冲突管理部门) runs the case; the responsible person it names
// may do the legwork — write the assessment, report the mitigations in place, send the case back for
// more investigation — but deciding, closing and reopening stay with compliance.
const movers: Readonly<Record<CaseEventType, { roles: readonly Role[]; responsible: boolean }>> = {
  start_investigation: { roles: ['compliance'], responsible: false },
  assess: { roles: ['compliance'], responsible: true },
  decide_resolution: { roles: ['compliance'], responsible: false },
  put_mitigations_in_effect: { roles: ['compliance'], responsible: true },
  start_monitoring: { roles: ['compliance'], responsible: false },
  close: { roles: ['compliance'], responsible: false },
  close_no_conflict: { roles: ['compliance'], responsible: false },
  reinvestigate: { roles: ['compliance'], responsible: true },
  reopen: { roles: ['compliance'], responsible: false },
};

export interface MoverContext {
  /** The user is the case's responsible person. */
  isResponsible: boolean;
  /** The user is named in the case (a party, the conflicted staff member): they may not handle it, whatever their role. */
  isInvolved?: boolean;
}

export function mayMove(userRoles: readonly Role[], event: CaseEventType, { isResponsible, isInvolved = false }: MoverContext): boolean {
  if (isInvolved) return false;
  const rule = movers[event];
  return (rule.responsible && isResponsible) || userRoles.some((role) => rule.roles.includes(role));
}

/** Days allowed in each stage before it is overdue, in calendar days; null: no deadline. */
export type SlaDays = Readonly<Record<OpenCaseState, number | null>>;

// Calendar days, not working days: the statutory holidays and make-up working days (调休) change every
// year, so a working-day deadline would need a calendar the firm maintains.
export const defaultSlaDays: SlaDays = {
  reported: 3, // triage: open an investigation or hand it on
  investigating: 30,
  assessed: 10, // decide a resolution
  resolution_decided: 30, // put the mitigations in place, get consents
  mitigations_in_effect: 7, // set the review dates
  monitoring: 180, // then close into long-term tracking
};

/** The day a stage is due: entered on plus its SLA; null for a closed case or a stage without one. */
export function stageDueDate(state: CaseState, enteredOn: string, slaDays: Partial<SlaDays> = defaultSlaDays): string | null {
  if (state === 'closed') return null;
  const days = slaDays[state] !== undefined ? slaDays[state] : defaultSlaDays[state];
  if (days === null) return null;
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`Not a number of days for ${state}: ${days}`);
  return addDays(enteredOn, days);
}

export interface Stage {
  state: CaseState;
  enteredOn: string;
  /** A due date set on the case; when absent the stage's SLA gives it. */
  dueOn?: string | null;
}

const dueOnOf = (stage: Stage, slaDays?: Partial<SlaDays>) => (stage.dueOn !== undefined ? stage.dueOn : stageDueDate(stage.state, stage.enteredOn, slaDays));

/** Whole days past the due date; 0 when on time or without a deadline. Work due on a day may be done that day. */
export function overdue(today: string, stage: Stage, slaDays?: Partial<SlaDays>): number {
  const dueOn = dueOnOf(stage, slaDays);
  return dueOn === null ? 0 : Math.max(0, daysBetween(dueOn, today));
}

export const isOverdue = (today: string, stage: Stage, slaDays?: Partial<SlaDays>) => overdue(today, stage, slaDays) > 0;

/** Who an overdue stage goes to: the head of compliance (seed 十八: 明确责任主体). */
export const escalationTarget = (today: string, stage: Stage, slaDays?: Partial<SlaDays>): 'head_of_compliance' | null =>
  isOverdue(today, stage, slaDays) ? 'head_of_compliance' : null;

export type StageNotice =
  | { kind: 'none' }
  | { kind: 'reminder'; to: 'responsible'; dueOn: string; daysLeft: number }
  | { kind: 'escalation'; to: 'head_of_compliance'; dueOn: string; daysOverdue: number };

/**
 * What today's reminder job sends for a stage: a reminder to the responsible person on each of the
 * days `remindDaysBefore` the due date (the day itself is 0), an escalation every day once overdue.
 */
export function stageNotice(today: string, stage: Stage, options: { slaDays?: Partial<SlaDays>; remindDaysBefore?: readonly number[] } = {}): StageNotice {
  const dueOn = dueOnOf(stage, options.slaDays);
  if (dueOn === null) return { kind: 'none' };
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft < 0) return { kind: 'escalation', to: 'head_of_compliance', dueOn, daysOverdue: -daysLeft };
  return (options.remindDaysBefore ?? [3, 0]).includes(daysLeft) ? { kind: 'reminder', to: 'responsible', dueOn, daysLeft } : { kind: 'none' };
}
