// Accountability (seed 九.3 对违规行为进行严肃处理, 十八 责任追究): a violation found against a person,
// the sanctions decided for it and whether they were carried out.
import type { Role } from '../access';
import type { Money } from '../money';
import { daysBetween, isCalendarDate } from './dates';
import { sanctionKinds } from './taxonomy';

export interface Violation {
  personId: string;
  /** The rule broken, as the firm cites it (e.g. 《利益冲突管理办法》第十二条). */
  rule: string;
  /** What was established, and on what evidence. */
  finding: string;
  foundOn: string;
  /** A serious breach of the firm's rules: the only ground on which dismissal may follow (劳动合同法 第三十九条). */
  serious: boolean;
  caseId?: string;
}

export type ViolationIssue = 'PERSON_REQUIRED' | 'RULE_REQUIRED' | 'FINDING_REQUIRED' | 'INVALID_DATE' | 'FOUND_IN_FUTURE';

const filled = (text: unknown) => typeof text === 'string' && text.trim() !== '';

export function checkViolation(violation: Violation, today: string): ViolationIssue[] {
  const issues: ViolationIssue[] = [];
  if (!filled(violation.personId)) issues.push('PERSON_REQUIRED');
  if (!filled(violation.rule)) issues.push('RULE_REQUIRED');
  if (!filled(violation.finding)) issues.push('FINDING_REQUIRED');
  if (!isCalendarDate(violation.foundOn)) issues.push('INVALID_DATE');
  else if (violation.foundOn > today) issues.push('FOUND_IN_FUTURE');
  return issues;
}

export interface Sanction {
  kind: string;
  decidedOn: string;
  /** The day it must be carried out by; training needs one (the course must be taken by then). */
  dueOn?: string;
  /** pay_consequence: the amount withheld or fined. */
  amount?: Money;
  /** What the sanction is, for a firm's own kinds. */
  description?: string;
}

export type SanctionIssue =
  | 'UNKNOWN_SANCTION'
  | 'FINDING_REQUIRED'
  | 'SERIOUS_VIOLATION_REQUIRED'
  | 'DUE_DATE_REQUIRED'
  | 'INVALID_DATE'
  | 'DUE_BEFORE_DECIDED'
  | 'AMOUNT_REQUIRED'
  | 'INVALID_AMOUNT'
  | 'DESCRIPTION_REQUIRED';

/** Every fault of a sanction decided for a violation; empty when it may be recorded. */
export function checkSanction(sanction: Sanction, violation: Pick<Violation, 'finding' | 'serious'>, options: { sanctionKinds?: readonly string[] } = {}): SanctionIssue[] {
  const issues: SanctionIssue[] = [];
  if (!(options.sanctionKinds ?? sanctionKinds).includes(sanction.kind)) return ['UNKNOWN_SANCTION'];
  // No sanction without an established finding; dismissal only for a serious one.
  if (!filled(violation.finding)) issues.push('FINDING_REQUIRED');
  if (sanction.kind === 'dismissal' && !violation.serious) issues.push('SERIOUS_VIOLATION_REQUIRED');
  if (!isCalendarDate(sanction.decidedOn)) issues.push('INVALID_DATE');
  if (sanction.dueOn === undefined) {
    if (sanction.kind === 'training') issues.push('DUE_DATE_REQUIRED');
  } else if (!isCalendarDate(sanction.dueOn)) issues.push('INVALID_DATE');
  else if (isCalendarDate(sanction.decidedOn) && sanction.dueOn < sanction.decidedOn) issues.push('DUE_BEFORE_DECIDED');
  if (sanction.kind === 'pay_consequence') {
    const { amount } = sanction;
    if (!amount) issues.push('AMOUNT_REQUIRED');
    else if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor <= 0 || !/^[A-Z]{3}$/.test(amount.currency)) issues.push('INVALID_AMOUNT');
  }
  if (!(sanctionKinds as readonly string[]).includes(sanction.kind) && !filled(sanction.description)) issues.push('DESCRIPTION_REQUIRED');
  return [...new Set(issues)];
}

export const sanctionStates = ['planned', 'completed', 'waived'] as const;
export type SanctionState = (typeof sanctionStates)[number];

export const sanctionEventTypes = ['complete', 'waive'] as const;
export type SanctionEventType = (typeof sanctionEventTypes)[number];

export type SanctionEvent =
  | {
      type: 'complete';
      comment: string;
      completedOn: string;
      /** dismissal: the day the trade union was told the reasons, which must come first (劳动合同法 第四十三条). */
      unionNotifiedOn?: string;
    }
  | { type: 'waive'; comment: string; reason: string };

export interface SanctionContext {
  kind: string;
  decidedOn: string;
  today: string;
  /** Whether the firm has a trade union to notify before a dismissal; true when absent. */
  hasTradeUnion?: boolean;
}

export type SanctionRefusal =
  | 'ILLEGAL_TRANSITION'
  | 'COMMENT_REQUIRED'
  | 'REASON_REQUIRED'
  | 'INVALID_DATE'
  | 'COMPLETED_BEFORE_DECIDED'
  | 'COMPLETED_IN_FUTURE'
  | 'UNION_NOTICE_REQUIRED'
  | 'UNION_NOTICE_AFTER_DISMISSAL';

export type SanctionTransitionResult =
  | { ok: true; from: SanctionState; state: SanctionState; event: SanctionEventType }
  | { ok: false; code: SanctionRefusal; from: SanctionState; event: SanctionEventType };

// Carried out or waived, a sanction is settled; a wrong one is corrected by a new decision, not by editing history.
const moves: Readonly<Record<SanctionState, Partial<Record<SanctionEventType, SanctionState>>>> = {
  planned: { complete: 'completed', waive: 'waived' },
  completed: {},
  waived: {},
};

export const allowedSanctionEvents = (state: SanctionState): SanctionEventType[] => sanctionEventTypes.filter((e) => moves[state][e] !== undefined);

export function sanctionTransition(state: SanctionState, event: SanctionEvent, context: SanctionContext): SanctionTransitionResult {
  const refuse = (code: SanctionRefusal): SanctionTransitionResult => ({ ok: false, code, from: state, event: event.type });
  const to = moves[state][event.type];
  if (!to) return refuse('ILLEGAL_TRANSITION');
  if (!filled(event.comment)) return refuse('COMMENT_REQUIRED');
  if (event.type === 'waive') {
    if (!filled(event.reason)) return refuse('REASON_REQUIRED');
  } else {
    if (!isCalendarDate(event.completedOn)) return refuse('INVALID_DATE');
    if (event.completedOn < context.decidedOn) return refuse('COMPLETED_BEFORE_DECIDED');
    if (event.completedOn > context.today) return refuse('COMPLETED_IN_FUTURE');
    if (context.kind === 'dismissal' && context.hasTradeUnion !== false) {
      if (event.unionNotifiedOn === undefined) return refuse('UNION_NOTICE_REQUIRED');
      if (!isCalendarDate(event.unionNotifiedOn)) return refuse('INVALID_DATE');
      if (event.unionNotifiedOn > event.completedOn) return refuse('UNION_NOTICE_AFTER_DISMISSAL');
    }
  }
  return { ok: true, from: state, state: to, event: event.type };
}

/** Whole days a planned sanction is past its due date; 0 when on time, settled or without one. */
export function sanctionDaysOverdue(today: string, sanction: { state: SanctionState; dueOn?: string }): number {
  if (sanction.state !== 'planned' || sanction.dueOn === undefined) return 0;
  return Math.max(0, daysBetween(sanction.dueOn, today));
}

/** A violation is settled when it has sanctions and none is still planned. */
export function violationStatus(sanctions: readonly { state: SanctionState }[]): 'no_sanction' | 'open' | 'settled' {
  if (sanctions.length === 0) return 'no_sanction';
  return sanctions.some((s) => s.state === 'planned') ? 'open' : 'settled';
}

export const accountabilityActions = ['record_violation', 'decide_sanction', 'complete_sanction', 'waive_sanction'] as const;
export type AccountabilityAction = (typeof accountabilityActions)[number];

// Compliance finds violations and decides the lesser sanctions; ending someone's employment is for a
// director; finance records that a pay consequence was applied in payroll.
function rolesFor(action: AccountabilityAction, kind: string | undefined): readonly Role[] {
  switch (action) {
    case 'record_violation':
      return ['compliance'];
    case 'decide_sanction':
    case 'waive_sanction':
      return kind === 'dismissal' ? ['director'] : ['compliance', 'director'];
    case 'complete_sanction':
      return kind === 'pay_consequence' ? ['compliance', 'finance'] : ['compliance'];
  }
}

/** Whether the user may take the action; nobody acts on a violation of their own. `kind`: the sanction's. */
export function mayAct(userRoles: readonly Role[], action: AccountabilityAction, { kind, isSubject }: { kind?: string; isSubject: boolean }): boolean {
  if (isSubject) return false;
  const allowed = rolesFor(action, kind);
  return userRoles.some((role) => allowed.includes(role));
}
