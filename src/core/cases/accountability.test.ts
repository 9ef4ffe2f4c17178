import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../access';
import {
  accountabilityActions,
  allowedSanctionEvents,
  checkSanction,
  checkViolation,
  mayAct,
  sanctionDaysOverdue,
  sanctionEventTypes,
  sanctionStates,
  sanctionTransition,
  violationStatus,
  type AccountabilityAction,
  type SanctionEvent,
  type SanctionEventType,
  type SanctionState,
  type Violation,
} from './accountability';

const today = '2025-06-10';
const violation: Violation = {
  personId: 'u1',
  rule: '《利益冲突管理办法》第十二条',
  finding: '未申报配偶在客户处任职,并参与该客户审计',
  foundOn: '2025-06-01',
  serious: true,
};

describe('checkViolation', () => {
  it('needs who, which rule and the finding, on a day that has come', () => {
    expect(checkViolation(violation, today)).toEqual([]);
    expect(checkViolation({ ...violation, personId: '', rule: ' ', finding: '' }, today)).toEqual(['PERSON_REQUIRED', 'RULE_REQUIRED', 'FINDING_REQUIRED']);
    expect(checkViolation({ ...violation, foundOn: '2025-06-31' }, today)).toEqual(['INVALID_DATE']);
    expect(checkViolation({ ...violation, foundOn: '2025-06-11' }, today)).toEqual(['FOUND_IN_FUTURE']);
  });
});

describe('checkSanction', () => {
  const decidedOn = '2025-06-10';

  it('accepts each kind with what it needs', () => {
    expect(checkSanction({ kind: 'warning', decidedOn }, violation)).toEqual([]);
    expect(checkSanction({ kind: 'training', decidedOn, dueOn: '2025-07-10' }, violation)).toEqual([]);
    expect(checkSanction({ kind: 'pay_consequence', decidedOn, amount: { amountMinor: 2000_00, currency: 'CNY' } }, violation)).toEqual([]);
    expect(checkSanction({ kind: 'dismissal', decidedOn }, violation)).toEqual([]);
  });

  it('no sanction without a finding; dismissal only for a serious violation', () => {
    expect(checkSanction({ kind: 'warning', decidedOn }, { finding: ' ', serious: false })).toEqual(['FINDING_REQUIRED']);
    expect(checkSanction({ kind: 'dismissal', decidedOn }, { finding: '', serious: true })).toEqual(['FINDING_REQUIRED']);
    expect(checkSanction({ kind: 'dismissal', decidedOn }, { ...violation, serious: false })).toEqual(['SERIOUS_VIOLATION_REQUIRED']);
  });

  it('training needs a due date on or after the decision', () => {
    expect(checkSanction({ kind: 'training', decidedOn }, violation)).toEqual(['DUE_DATE_REQUIRED']);
    expect(checkSanction({ kind: 'training', decidedOn, dueOn: '2025-06-09' }, violation)).toEqual(['DUE_BEFORE_DECIDED']);
    expect(checkSanction({ kind: 'training', decidedOn, dueOn: 'next month' }, violation)).toEqual(['INVALID_DATE']);
    expect(checkSanction({ kind: 'training', decidedOn: '2025/06/10', dueOn: '2025-07-10' }, violation)).toEqual(['INVALID_DATE']);
  });

  it('a pay consequence names a positive whole amount', () => {
    expect(checkSanction({ kind: 'pay_consequence', decidedOn }, violation)).toEqual(['AMOUNT_REQUIRED']);
    for (const amountMinor of [0, -100, 10.5, Number.NaN]) {
      expect(checkSanction({ kind: 'pay_consequence', decidedOn, amount: { amountMinor, currency: 'CNY' } }, violation)).toEqual(['INVALID_AMOUNT']);
    }
    expect(checkSanction({ kind: 'pay_consequence', decidedOn, amount: { amountMinor: 100, currency: 'yuan' } }, violation)).toEqual(['INVALID_AMOUNT']);
  });

  it('knows the firm’s kinds, and a kind of its own must be described', () => {
    expect(checkSanction({ kind: 'demotion', decidedOn }, violation)).toEqual(['UNKNOWN_SANCTION']);
    expect(checkSanction({ kind: 'demotion', decidedOn }, violation, { sanctionKinds: ['warning', 'demotion'] })).toEqual(['DESCRIPTION_REQUIRED']);
    expect(checkSanction({ kind: 'demotion', decidedOn, description: '降级一档' }, violation, { sanctionKinds: ['demotion'] })).toEqual([]);
    expect(checkSanction({ kind: 'warning', decidedOn }, violation, { sanctionKinds: ['demotion'] })).toEqual(['UNKNOWN_SANCTION']);
  });
});

describe('sanctionTransition: every state against every event', () => {
  const context = { kind: 'warning', decidedOn: '2025-06-01', today };
  const sample: Record<SanctionEventType, SanctionEvent> = {
    complete: { type: 'complete', comment: '已书面警告', completedOn: '2025-06-05' },
    waive: { type: 'waive', comment: '复核', reason: '复核后认定情节轻微' },
  };
  // Written out independently of the implementation's table.
  const expected: Record<SanctionState, Partial<Record<SanctionEventType, SanctionState>>> = {
    planned: { complete: 'completed', waive: 'waived' },
    completed: {},
    waived: {},
  };
  const pairs = sanctionStates.flatMap((state) => sanctionEventTypes.map((event) => [state, event] as const));

  it('covers all pairs', () => {
    expect(pairs).toHaveLength(3 * 2);
  });

  it.each(pairs)('%s + %s', (state, event) => {
    const to = expected[state][event];
    const result = sanctionTransition(state, sample[event], context);
    if (to) expect(result).toEqual({ ok: true, from: state, state: to, event });
    else expect(result).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', from: state, event });
    expect(allowedSanctionEvents(state)).toEqual(sanctionEventTypes.filter((e) => expected[state][e]));
  });

  it('every move needs a comment; waiving needs a reason', () => {
    expect(sanctionTransition('planned', { ...sample.complete, comment: ' ' }, context)).toMatchObject({ ok: false, code: 'COMMENT_REQUIRED' });
    expect(sanctionTransition('planned', { type: 'waive', comment: '复核', reason: '' }, context)).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });

  it('completion is dated between the decision and today', () => {
    const complete = (completedOn: string) => sanctionTransition('planned', { type: 'complete', comment: '已完成', completedOn }, context);
    expect(complete('2025-05-31')).toMatchObject({ ok: false, code: 'COMPLETED_BEFORE_DECIDED' });
    expect(complete('2025-06-11')).toMatchObject({ ok: false, code: 'COMPLETED_IN_FUTURE' });
    expect(complete('2025-06-32')).toMatchObject({ ok: false, code: 'INVALID_DATE' });
    expect(complete('2025-06-01')).toMatchObject({ ok: true });
    expect(complete(today)).toMatchObject({ ok: true });
  });

  it('a dismissal is carried out only after the trade union was told the reasons', () => {
    const dismissal = { ...context, kind: 'dismissal' };
    const complete = (unionNotifiedOn?: string) =>
      sanctionTransition('planned', { type: 'complete', comment: '已解除', completedOn: '2025-06-08', ...(unionNotifiedOn !== undefined && { unionNotifiedOn }) }, dismissal);
    expect(complete()).toMatchObject({ ok: false, code: 'UNION_NOTICE_REQUIRED' });
    expect(complete('2025-06-09')).toMatchObject({ ok: false, code: 'UNION_NOTICE_AFTER_DISMISSAL' });
    expect(complete('2025-6-1')).toMatchObject({ ok: false, code: 'INVALID_DATE' });
    expect(complete('2025-06-03')).toMatchObject({ ok: true, state: 'completed' });
    expect(complete('2025-06-08')).toMatchObject({ ok: true, state: 'completed' });
    expect(sanctionTransition('planned', { type: 'complete', comment: '已解除', completedOn: '2025-06-08' }, { ...dismissal, hasTradeUnion: false })).toMatchObject({ ok: true });
  });
});

describe('follow-up', () => {
  it('a planned sanction past its due date is overdue; a settled one never', () => {
    expect(sanctionDaysOverdue(today, { state: 'planned', dueOn: '2025-06-10' })).toBe(0);
    expect(sanctionDaysOverdue(today, { state: 'planned', dueOn: '2025-06-07' })).toBe(3);
    expect(sanctionDaysOverdue(today, { state: 'completed', dueOn: '2025-06-07' })).toBe(0);
    expect(sanctionDaysOverdue(today, { state: 'planned' })).toBe(0);
  });

  it('a violation is settled once every sanction is completed or waived', () => {
    expect(violationStatus([])).toBe('no_sanction');
    expect(violationStatus([{ state: 'completed' }, { state: 'planned' }])).toBe('open');
    expect(violationStatus([{ state: 'completed' }, { state: 'waived' }])).toBe('settled');
  });
});

describe('mayAct', () => {
  // Written out independently: who may take each action, for an ordinary sanction and for the two special ones.
  const expected: Record<AccountabilityAction, Record<'warning' | 'dismissal' | 'pay_consequence', readonly Role[]>> = {
    record_violation: { warning: ['compliance'], dismissal: ['compliance'], pay_consequence: ['compliance'] },
    decide_sanction: { warning: ['compliance', 'director'], dismissal: ['director'], pay_consequence: ['compliance', 'director'] },
    waive_sanction: { warning: ['compliance', 'director'], dismissal: ['director'], pay_consequence: ['compliance', 'director'] },
    complete_sanction: { warning: ['compliance'], dismissal: ['compliance'], pay_consequence: ['compliance', 'finance'] },
  };
  const cases = accountabilityActions.flatMap((action) => (['warning', 'dismissal', 'pay_consequence'] as const).flatMap((kind) => roles.map((role) => [action, kind, role] as const)));

  it.each(cases)('%s %s by %s', (action, kind, role) => {
    expect(mayAct([role], action, { kind, isSubject: false })).toBe(expected[action][kind].includes(role));
    expect(mayAct([role], action, { kind, isSubject: true })).toBe(false);
  });
});
