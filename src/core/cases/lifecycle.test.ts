import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../access';
import { addDays } from './dates';
import {
  allowedEvents,
  caseEventTypes,
  caseStates,
  consentOutcome,
  defaultSlaDays,
  escalationTarget,
  isCaseState,
  isOverdue,
  mayMove,
  overdue,
  refusalKind,
  stageDueDate,
  stageNotice,
  transition,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type CaseTransitionContext,
  type MitigationPlan,
} from './lifecycle';

const today = '2025-06-10';
const comment = '已核实';

// One representative event of each type, carrying everything its move needs.
const sample: Record<CaseEventType, CaseEvent> = {
  start_investigation: { type: 'start_investigation', comment },
  assess: { type: 'assess', comment, severity: 'high', impact: '客户A与客户B在同一并购交易中对立', assessment: '项目经理与B存在亲属关系,影响独立性' },
  decide_resolution: { type: 'decide_resolution', comment, mitigations: [{ kind: 'recusal', staffIds: ['s1'] }] },
  put_mitigations_in_effect: { type: 'put_mitigations_in_effect', comment },
  start_monitoring: { type: 'start_monitoring', comment, reviewDates: ['2025-09-10'] },
  close: { type: 'close', comment, reviewDates: ['2025-12-10'] },
  close_no_conflict: { type: 'close_no_conflict', comment, finding: '经查两家公司无关联关系' },
  reinvestigate: { type: 'reinvestigate', comment, reason: '发现新的股权关系' },
  reopen: { type: 'reopen', comment, reason: '复查发现回避未执行' },
};
const context: CaseTransitionContext = { today, mitigations: [{ kind: 'recusal', inEffect: true }] };

// The whole machine, written out independently of the implementation's table.
const expected: Record<CaseState, Partial<Record<CaseEventType, CaseState>>> = {
  reported: { start_investigation: 'investigating' },
  investigating: { assess: 'assessed', close_no_conflict: 'closed' },
  assessed: { assess: 'assessed', decide_resolution: 'resolution_decided', close_no_conflict: 'closed', reinvestigate: 'investigating' },
  resolution_decided: { decide_resolution: 'resolution_decided', put_mitigations_in_effect: 'mitigations_in_effect', reinvestigate: 'investigating' },
  mitigations_in_effect: { start_monitoring: 'monitoring', reinvestigate: 'investigating' },
  monitoring: { close: 'closed', reinvestigate: 'investigating' },
  closed: { reopen: 'investigating' },
};

const pairs = caseStates.flatMap((state) => caseEventTypes.map((event) => [state, event] as const));

describe('transition: every state against every event', () => {
  it('covers all pairs', () => {
    expect(pairs).toHaveLength(7 * 9);
  });

  it.each(pairs)('%s + %s', (state, event) => {
    const result = transition(state, sample[event], context);
    const to = expected[state][event];
    if (to) expect(result).toMatchObject({ ok: true, from: state, state: to, event });
    else expect(result).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', from: state, event });
  });

  it('allowedEvents lists exactly the legal events', () => {
    for (const state of caseStates) expect(allowedEvents(state)).toEqual(caseEventTypes.filter((e) => expected[state][e]));
  });

  it('every state can be left, and every state is reachable from reported', () => {
    for (const state of caseStates) expect(allowedEvents(state).length).toBeGreaterThan(0);
    const reached = new Set<CaseState>(['reported']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const state of [...reached]) for (const to of Object.values(expected[state])) if (!reached.has(to)) (reached.add(to), (grew = true));
    }
    expect([...reached].sort()).toEqual([...caseStates].sort());
  });

  it('an illegal move is refused before its content is looked at, and is a conflict', () => {
    expect(transition('closed', { type: 'assess', comment: '', severity: '', impact: '', assessment: '' })).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', from: 'closed', event: 'assess' });
    expect(refusalKind('ILLEGAL_TRANSITION')).toBe('conflict');
    expect(refusalKind('MITIGATIONS_PENDING')).toBe('conflict');
    expect(refusalKind('COMMENT_REQUIRED')).toBe('invalid');
  });

  it('knows its states', () => {
    expect(isCaseState('monitoring')).toBe(true);
    expect(isCaseState('archived')).toBe(false);
  });
});

describe('every move needs a comment', () => {
  it.each(pairs.filter(([state, event]) => expected[state][event]))('%s + %s', (state, event) => {
    for (const blank of ['', '   ', '\n\t']) {
      expect(transition(state, { ...sample[event], comment: blank }, context)).toEqual({ ok: false, code: 'COMMENT_REQUIRED', from: state, event });
    }
  });
});

describe('what each move must carry', () => {
  const assess = (overrides: Partial<Extract<CaseEvent, { type: 'assess' }>>, ctx: CaseTransitionContext = {}) =>
    transition('investigating', { ...(sample.assess as Extract<CaseEvent, { type: 'assess' }>), ...overrides }, ctx);
  const decide = (mitigations: MitigationPlan[], ctx: CaseTransitionContext = {}) => transition('assessed', { type: 'decide_resolution', comment, mitigations }, ctx);

  it('an assessment has a known severity, the impact and the written assessment', () => {
    expect(assess({ severity: ' ' })).toMatchObject({ ok: false, code: 'SEVERITY_REQUIRED' });
    expect(assess({ severity: 'catastrophic' })).toMatchObject({ ok: false, code: 'UNKNOWN_SEVERITY' });
    expect(assess({ severity: 'catastrophic' }, { severities: ['minor', 'catastrophic'] })).toMatchObject({ ok: true });
    expect(assess({ severity: 'low' }, { severities: ['minor', 'catastrophic'] })).toMatchObject({ ok: false, code: 'UNKNOWN_SEVERITY' });
    expect(assess({ impact: '' })).toMatchObject({ ok: false, code: 'IMPACT_REQUIRED' });
    expect(assess({ assessment: '  ' })).toMatchObject({ ok: false, code: 'ASSESSMENT_REQUIRED' });
    expect(transition('assessed', { ...sample.assess, comment: '补充评估' })).toMatchObject({ ok: true, state: 'assessed' });
  });

  it('a resolution names at least one mitigation, each enforceable', () => {
    expect(decide([])).toEqual({ ok: false, code: 'MITIGATION_REQUIRED', from: 'assessed', event: 'decide_resolution' });
    expect(decide([{ kind: 'recusal', staffIds: ['s1'] }, { kind: 'bribe_the_client', description: '?' }])).toEqual({
      ok: false,
      code: 'UNKNOWN_MITIGATION',
      from: 'assessed',
      event: 'decide_resolution',
      index: 1,
    });
    expect(decide([{ kind: 'recusal' }])).toMatchObject({ ok: false, code: 'MITIGATION_NEEDS_STAFF', index: 0 });
    expect(decide([{ kind: 'information_barrier', staffIds: [] }])).toMatchObject({ ok: false, code: 'MITIGATION_NEEDS_STAFF' });
    expect(decide([{ kind: 'disclosure_consent', staffIds: ['s1'] }])).toMatchObject({ ok: false, code: 'MITIGATION_NEEDS_CLIENT' });
    expect(decide([{ kind: 'decline_or_exit' }])).toMatchObject({ ok: false, code: 'MITIGATION_NEEDS_CLIENT' });
    expect(decide([{ kind: 'restructure', description: ' ' }])).toMatchObject({ ok: false, code: 'MITIGATION_NEEDS_DESCRIPTION' });
    expect(
      decide([
        { kind: 'recusal', staffIds: ['s1'] },
        { kind: 'information_barrier', staffIds: ['s1', 's2'] },
        { kind: 'disclosure_consent', clientIds: ['c1', 'c2'] },
        { kind: 'restructure', description: '由其他项目组承接' },
        { kind: 'decline_or_exit', clientIds: ['c2'] },
      ]),
    ).toMatchObject({ ok: true, state: 'resolution_decided' });
  });

  it('a firm’s own mitigation kind is accepted when active, and must say what it is', () => {
    const ctx = { mitigationKinds: ['recusal', 'rotation'] };
    expect(decide([{ kind: 'rotation' }], ctx)).toMatchObject({ ok: false, code: 'MITIGATION_NEEDS_DESCRIPTION' });
    expect(decide([{ kind: 'rotation', description: '更换项目合伙人' }], ctx)).toMatchObject({ ok: true });
    expect(decide([{ kind: 'restructure', description: 'x' }], ctx)).toMatchObject({ ok: false, code: 'UNKNOWN_MITIGATION' });
  });

  it('mitigations take effect only when every one is in place', () => {
    const put = (mitigations: CaseTransitionContext['mitigations']) => transition('resolution_decided', sample.put_mitigations_in_effect, { mitigations });
    expect(put([{ kind: 'recusal', inEffect: true }, { kind: 'disclosure_consent', inEffect: false }])).toEqual({
      ok: false,
      code: 'MITIGATIONS_PENDING',
      from: 'resolution_decided',
      event: 'put_mitigations_in_effect',
      index: 1,
    });
    expect(put([])).toMatchObject({ ok: false, code: 'MITIGATIONS_PENDING' });
    expect(put([{ kind: 'recusal', inEffect: true }, { kind: 'disclosure_consent', inEffect: true }])).toMatchObject({ ok: true, state: 'mitigations_in_effect' });
    expect(() => transition('resolution_decided', sample.put_mitigations_in_effect)).toThrow(TypeError);
  });

  it('monitoring and closing need review dates after today, returned in order without repeats', () => {
    for (const [state, type] of [['mitigations_in_effect', 'start_monitoring'], ['monitoring', 'close']] as const) {
      const go = (reviewDates: string[]) => transition(state, { type, comment, reviewDates }, { today });
      expect(go([])).toMatchObject({ ok: false, code: 'REVIEW_DATE_REQUIRED' });
      expect(go(['2025-09-10', '2025-02-30'])).toMatchObject({ ok: false, code: 'INVALID_DATE', index: 1 });
      expect(go([today])).toMatchObject({ ok: false, code: 'REVIEW_DATE_NOT_FUTURE', index: 0 });
      expect(go(['2025-12-10', '2025-06-11', '2025-12-10'])).toEqual({ ok: true, from: state, state: type === 'close' ? 'closed' : 'monitoring', event: type, reviewDates: ['2025-06-11', '2025-12-10'] });
      expect(() => transition(state, { type, comment, reviewDates: ['2025-12-10'] })).toThrow(TypeError);
    }
  });

  it('closing as no conflict needs the finding; going back needs the reason', () => {
    expect(transition('investigating', { type: 'close_no_conflict', comment, finding: '' })).toMatchObject({ ok: false, code: 'FINDING_REQUIRED' });
    expect(transition('assessed', { type: 'close_no_conflict', comment, finding: '评估后认定不构成冲突' })).toMatchObject({ ok: true, state: 'closed' });
    expect(transition('closed', { type: 'reopen', comment, reason: ' ' })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(transition('monitoring', { type: 'reinvestigate', comment, reason: '' })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });
});

describe('a case from report to long-term tracking and back', () => {
  it('runs the whole way', () => {
    const path: [CaseEvent, CaseState][] = [
      [sample.start_investigation, 'investigating'],
      [sample.assess, 'assessed'],
      [sample.decide_resolution, 'resolution_decided'],
      [sample.put_mitigations_in_effect, 'mitigations_in_effect'],
      [sample.start_monitoring, 'monitoring'],
      [sample.close, 'closed'],
      [sample.reopen, 'investigating'],
      [sample.close_no_conflict, 'closed'],
    ];
    let state: CaseState = 'reported';
    for (const [event, to] of path) {
      const result = transition(state, event, context);
      expect(result).toMatchObject({ ok: true, state: to });
      state = to;
    }
  });
});

describe('consentOutcome', () => {
  it('needs every client’s consent; one refusal decides', () => {
    expect(consentOutcome(['c1', 'c2'], { c1: 'given', c2: 'given' })).toBe('given');
    expect(consentOutcome(['c1', 'c2'], { c1: 'given' })).toBe('pending');
    expect(consentOutcome(['c1', 'c2'], { c2: 'refused' })).toBe('refused');
    expect(consentOutcome([], {})).toBe('pending');
  });
});

describe('mayMove', () => {
  // Written out independently: who may make each move, by role alone and as the responsible person.
  const byRole: Record<CaseEventType, readonly Role[]> = {
    start_investigation: ['compliance'],
    assess: ['compliance'],
    decide_resolution: ['compliance'],
    put_mitigations_in_effect: ['compliance'],
    start_monitoring: ['compliance'],
    close: ['compliance'],
    close_no_conflict: ['compliance'],
    reinvestigate: ['compliance'],
    reopen: ['compliance'],
  };
  const byResponsible: readonly CaseEventType[] = ['assess', 'put_mitigations_in_effect', 'reinvestigate'];

  it.each(caseEventTypes.flatMap((event) => roles.map((role) => [event, role] as const)))('%s by %s', (event, role) => {
    expect(mayMove([role], event, { isResponsible: false })).toBe(byRole[event].includes(role));
    expect(mayMove([role], event, { isResponsible: true })).toBe(byRole[event].includes(role) || byResponsible.includes(event));
    expect(mayMove([role], event, { isResponsible: true, isInvolved: true })).toBe(false);
  });

  it('a manager who is responsible may assess but not close', () => {
    expect(mayMove(['manager'], 'assess', { isResponsible: true })).toBe(true);
    expect(mayMove(['manager'], 'close', { isResponsible: true })).toBe(false);
    expect(mayMove(['manager', 'staff'], 'reopen', { isResponsible: true })).toBe(false);
  });

  it('compliance named in the case may not handle it', () => {
    expect(mayMove(['compliance', 'admin'], 'decide_resolution', { isResponsible: false, isInvolved: true })).toBe(false);
  });

  it('nobody without a role or responsibility may move a case', () => {
    for (const event of caseEventTypes) expect(mayMove([], event, { isResponsible: false })).toBe(false);
  });
});

describe('deadlines', () => {
  it('each open stage is due its SLA days after it was entered; a closed case is not due', () => {
    expect(stageDueDate('reported', '2025-06-10')).toBe('2025-06-13');
    expect(stageDueDate('investigating', '2025-06-10')).toBe('2025-07-10');
    expect(stageDueDate('monitoring', '2025-06-10')).toBe('2025-12-07');
    expect(stageDueDate('closed', '2025-06-10')).toBeNull();
    expect(stageDueDate('investigating', '2025-06-10', { investigating: 14 })).toBe('2025-06-24');
    expect(stageDueDate('assessed', '2025-06-10', { investigating: 14 })).toBe(addDays('2025-06-10', defaultSlaDays.assessed as number));
    expect(stageDueDate('monitoring', '2025-06-10', { monitoring: null })).toBeNull();
    expect(() => stageDueDate('assessed', '2025-06-10', { assessed: -1 })).toThrow(RangeError);
    expect(() => stageDueDate('assessed', '2025-06-10', { assessed: 1.5 })).toThrow(RangeError);
  });

  it('work due on a day is on time that day and overdue the next', () => {
    const stage = { state: 'reported' as const, enteredOn: '2025-06-10' };
    expect(overdue('2025-06-13', stage)).toBe(0);
    expect(isOverdue('2025-06-13', stage)).toBe(false);
    expect(escalationTarget('2025-06-13', stage)).toBeNull();
    expect(overdue('2025-06-14', stage)).toBe(1);
    expect(isOverdue('2025-06-14', stage)).toBe(true);
    expect(escalationTarget('2025-06-14', stage)).toBe('head_of_compliance');
    expect(overdue('2025-06-01', stage)).toBe(0);
  });

  it('a due date set on the case wins over the SLA, and none means never overdue', () => {
    expect(overdue('2025-06-20', { state: 'investigating', enteredOn: '2025-06-10', dueOn: '2025-06-15' })).toBe(5);
    expect(isOverdue('2030-01-01', { state: 'investigating', enteredOn: '2025-06-10', dueOn: null })).toBe(false);
    expect(isOverdue('2030-01-01', { state: 'closed', enteredOn: '2025-06-10' })).toBe(false);
  });

  it('reminds the responsible person before the due date, escalates after it', () => {
    const stage = { state: 'investigating' as const, enteredOn: '2025-06-10', dueOn: '2025-06-20' };
    expect(stageNotice('2025-06-16', stage)).toEqual({ kind: 'none' });
    expect(stageNotice('2025-06-17', stage)).toEqual({ kind: 'reminder', to: 'responsible', dueOn: '2025-06-20', daysLeft: 3 });
    expect(stageNotice('2025-06-20', stage)).toEqual({ kind: 'reminder', to: 'responsible', dueOn: '2025-06-20', daysLeft: 0 });
    expect(stageNotice('2025-06-22', stage)).toEqual({ kind: 'escalation', to: 'head_of_compliance', dueOn: '2025-06-20', daysOverdue: 2 });
    expect(stageNotice('2025-06-19', stage, { remindDaysBefore: [1] })).toMatchObject({ kind: 'reminder', daysLeft: 1 });
    expect(stageNotice('2030-01-01', { state: 'closed', enteredOn: '2025-06-10' })).toEqual({ kind: 'none' });
  });

  it('is overdue exactly when today is past entered-on plus the SLA', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: -500, max: 500 }), (start, sla, offset) => {
        const enteredOn = addDays('2020-01-01', start);
        const dueOn = addDays(enteredOn, sla);
        const todayIs = addDays(dueOn, offset);
        const stage = { state: 'investigating' as const, enteredOn };
        expect(stageDueDate('investigating', enteredOn, { investigating: sla })).toBe(dueOn);
        expect(overdue(todayIs, stage, { investigating: sla })).toBe(Math.max(0, offset));
        expect(isOverdue(todayIs, stage, { investigating: sla })).toBe(offset > 0);
      }),
    );
  });
});
