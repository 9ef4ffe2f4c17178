import { describe, expect, it } from 'vitest';
import {
  computeApprovalChain,
  selectAuthorityRule,
  validateAuthorityMatrix,
  type AuthorityMatrix,
  type AuthorityRule,
  type ChainRequest,
  type Delegation,
  type DirectorySnapshot,
  type DirectoryUser,
  type StepSpec,
} from './approval-chain';

const yuan = (amount: number) => ({ amountMinor: Math.round(amount * 100), currency: 'CNY' });
const manager: StepSpec = { kind: 'department_manager' };
const compliance: StepSpec = { kind: 'role', role: 'compliance' };
const director: StepSpec = { kind: 'role', role: 'director' };
const rule = (id: string, maxYuan: number | null, steps: StepSpec[], scope: Partial<AuthorityRule> = {}): AuthorityRule => ({
  id,
  benefitTypes: '*',
  departmentIds: '*',
  maxAmountMinor: maxYuan === null ? null : maxYuan * 100,
  currency: 'CNY',
  steps,
  ...scope,
});

// The example, plus rules for hospitality and the sales department to show precedence.
const matrix: AuthorityMatrix = [
  rule('any-large', null, [manager, compliance, director]),
  rule('any-mid', 20_000, [{ ...manager, skippableOnLowRisk: true }, compliance]),
  rule('any-small', 2_000, [manager]),
  rule('sales-mid', 20_000, [manager, { kind: 'user', userId: 'sales.head' }], { departmentIds: ['sales'] }),
  rule('hosp-mid', 20_000, [manager, { kind: 'role', role: 'finance' }], { benefitTypes: ['hospitality'] }),
  rule('hosp-sales-mid', 20_000, [manager, { kind: 'role', role: 'finance' }, compliance], { benefitTypes: ['hospitality'], departmentIds: ['sales'] }),
  rule('gift-ops-mid', 20_000, [manager, compliance], { benefitTypes: ['gift'], departmentIds: ['ops'] }),
  rule('gift-ops-mid-later', 20_000, [director], { benefitTypes: ['gift'], departmentIds: ['ops'] }),
  rule('points-tiny', 500, [{ ...manager, skippableOnLowRisk: true }], { benefitTypes: ['points'] }),
];

const user = (id: string, more: Partial<DirectoryUser> = {}): DirectoryUser => ({ id, active: true, roles: [], departmentId: null, managerOf: [], ...more });
const users: DirectoryUser[] = [
  user('zhang.staff', { roles: ['staff'], departmentId: 'sales' }),
  user('li.mgr', { roles: ['manager'], departmentId: 'sales', managerOf: ['sales'] }),
  user('wu.mgr', { roles: ['manager'], departmentId: 'ops', managerOf: ['ops'] }),
  user('sales.head', { roles: ['manager'], departmentId: 'sales' }),
  user('chen.comp', { roles: ['compliance'] }),
  user('zhao.comp', { roles: ['compliance'] }),
  user('sun.dir', { roles: ['director'] }),
  user('zhou.fin', { roles: ['finance'] }),
];
const dir = (more: Partial<DirectorySnapshot> = {}): DirectorySnapshot => ({ users, delegations: [], today: '2025-03-12', ...more });
const request = (more: Partial<ChainRequest> = {}): ChainRequest => ({
  requesterId: 'zhang.staff',
  departmentId: 'sales',
  benefitType: 'gift',
  amount: yuan(1_000),
  risk: 'medium',
  ...more,
});

/** The chain as "rule: approvers | approvers", short enough for a table. */
function summary(result: ReturnType<typeof computeApprovalChain>): string {
  if (!result.ok) return result.code;
  return `${result.ruleId}: ${result.steps.map((s) => s.approverIds.join(',')).join(' | ')}`;
}

describe('computeApprovalChain: requests and their chains', () => {
  it.each<[string, Partial<ChainRequest>, string]>([
    ['small gift', {}, 'any-small: li.mgr'],
    ['exactly ¥2,000 is still small', { amount: yuan(2_000) }, 'any-small: li.mgr'],
    ['one fen over ¥2,000', { amount: yuan(2_000.01) }, 'sales-mid: li.mgr | sales.head'],
    ['¥2,000.01 in ops', { amount: yuan(2_000.01), departmentId: 'ops', benefitType: 'cash_rebate' }, 'any-mid: wu.mgr | chen.comp,zhao.comp'],
    ['¥20,000 in ops', { amount: yuan(20_000), departmentId: 'ops', benefitType: 'discount' }, 'any-mid: wu.mgr | chen.comp,zhao.comp'],
    ['¥20,000.01 in ops', { amount: yuan(20_000.01), departmentId: 'ops', benefitType: 'discount' }, 'any-large: wu.mgr | chen.comp,zhao.comp | sun.dir'],
    ['a large sales gift', { amount: yuan(100_000) }, 'any-large: li.mgr | chen.comp,zhao.comp | sun.dir'],
    ['a mid sales gift: the department rule', { amount: yuan(5_000) }, 'sales-mid: li.mgr | sales.head'],
    ['mid hospitality in ops: the type rule', { amount: yuan(5_000), departmentId: 'ops', benefitType: 'hospitality' }, 'hosp-mid: wu.mgr | zhou.fin'],
    ['mid hospitality in sales: type and department', { amount: yuan(5_000), benefitType: 'hospitality' }, 'hosp-sales-mid: li.mgr | zhou.fin | chen.comp,zhao.comp'],
    ['small hospitality in sales: the narrower band wins', { amount: yuan(800), benefitType: 'hospitality' }, 'any-small: li.mgr'],
    ['mid gift in ops: the earlier of two equal rules', { amount: yuan(5_000), departmentId: 'ops' }, 'gift-ops-mid: wu.mgr | chen.comp,zhao.comp'],
    ['tiny points: the narrowest band', { amount: yuan(100), benefitType: 'points' }, 'points-tiny: li.mgr'],
    ['a dollar amount', { amount: { amountMinor: 100_00, currency: 'USD' } }, 'CURRENCY_MISMATCH'],
    ['a zero amount', { amount: yuan(0) }, 'INVALID_AMOUNT'],
    ['a fractional fen', { amount: { amountMinor: 10.5, currency: 'CNY' } }, 'INVALID_AMOUNT'],
  ])('%s', (_, more, expected) => {
    expect(summary(computeApprovalChain(matrix, request(more), dir()))).toBe(expected);
  });

  it('has no rule when the matrix covers nothing', () => {
    expect(computeApprovalChain([matrix[2] as AuthorityRule], request({ amount: yuan(3_000) }), dir())).toEqual({ ok: false, code: 'NO_MATCHING_RULE' });
  });

  it('returns each step with its spec and order', () => {
    const chain = computeApprovalChain(matrix, request({ amount: yuan(100_000) }), dir());
    expect(chain).toEqual({
      ok: true,
      ruleId: 'any-large',
      routing: [],
      steps: [
        { order: 1, spec: manager, approverIds: ['li.mgr'], skipped: [] },
        { order: 2, spec: compliance, approverIds: ['chen.comp', 'zhao.comp'], skipped: [] },
        { order: 3, spec: director, approverIds: ['sun.dir'], skipped: [] },
      ],
    });
  });
});

describe('selectAuthorityRule precedence', () => {
  const pick = (more: Partial<ChainRequest>) => selectAuthorityRule(matrix, request(more))?.id;

  it('narrowest band first, then type over department over any, then matrix order', () => {
    expect(pick({ amount: yuan(800), benefitType: 'hospitality' })).toBe('any-small');
    expect(pick({ amount: yuan(5_000), benefitType: 'hospitality' })).toBe('hosp-sales-mid');
    expect(pick({ amount: yuan(5_000), benefitType: 'hospitality', departmentId: 'ops' })).toBe('hosp-mid');
    expect(pick({ amount: yuan(5_000), benefitType: 'gift', departmentId: 'sales' })).toBe('sales-mid');
    expect(pick({ amount: yuan(5_000), benefitType: 'gift', departmentId: 'ops' })).toBe('gift-ops-mid');
    expect(pick({ amount: yuan(5_000), benefitType: 'discount', departmentId: 'ops' })).toBe('any-mid');
  });

  it('a type-only rule beats a department-only rule in the same band', () => {
    const two = [rule('dept', 20_000, [manager], { departmentIds: ['sales'] }), rule('type', 20_000, [manager], { benefitTypes: ['gift'] })];
    expect(selectAuthorityRule(two, request({ amount: yuan(5_000) }))?.id).toBe('type');
    expect(selectAuthorityRule([...two].reverse(), request({ amount: yuan(5_000) }))?.id).toBe('type');
  });
});

describe('who may not approve', () => {
  it('skips the requester and escalates, preferring a role not yet in the chain', () => {
    const own = computeApprovalChain(matrix, request({ requesterId: 'li.mgr' }), dir());
    expect(own).toMatchObject({ ok: true, steps: [{ approverIds: ['chen.comp', 'zhao.comp'], escalatedTo: 'compliance', skipped: [{ userId: 'li.mgr', reason: 'self' }] }] });
    // compliance is already a step of the mid chain, so the manager's step goes to a director.
    const mid = computeApprovalChain(matrix, request({ requesterId: 'wu.mgr', departmentId: 'ops', benefitType: 'discount', amount: yuan(5_000) }), dir());
    expect(summary(mid)).toBe('any-mid: sun.dir | chen.comp,zhao.comp');
    expect(mid.ok && mid.steps[0]).toMatchObject({ escalatedTo: 'director', skipped: [{ userId: 'wu.mgr', reason: 'self' }] });
    // With both escalation roles already steps, the configured order decides.
    expect(summary(computeApprovalChain(matrix, request({ requesterId: 'li.mgr', amount: yuan(50_000) }), dir()))).toBe(
      'any-large: chen.comp,zhao.comp | chen.comp,zhao.comp | sun.dir',
    );
  });

  it('a compliance officer requesting is not among the compliance approvers', () => {
    const chain = computeApprovalChain(matrix, request({ requesterId: 'chen.comp', departmentId: 'ops', amount: yuan(5_000), benefitType: 'discount' }), dir());
    expect(chain.ok && chain.steps[1]).toMatchObject({ approverIds: ['zhao.comp'], skipped: [{ userId: 'chen.comp', reason: 'self' }] });
  });

  it('skips approvers related to the recipient to another holder of the role', () => {
    const chain = computeApprovalChain(matrix, request({ amount: yuan(50_000), relatedUserIds: ['zhao.comp'] }), dir());
    expect(chain.ok && chain.steps[1]).toMatchObject({ approverIds: ['chen.comp'], skipped: [{ userId: 'zhao.comp', reason: 'related' }] });
  });

  it('a related manager escalates', () => {
    const chain = computeApprovalChain(matrix, request({ relatedUserIds: ['li.mgr'] }), dir());
    expect(chain.ok && chain.steps[0]).toMatchObject({ approverIds: ['chen.comp', 'zhao.comp'], escalatedTo: 'compliance', skipped: [{ userId: 'li.mgr', reason: 'related' }] });
  });

  it('an inactive manager never means approval: the step escalates', () => {
    const gone = users.map((u) => (u.id === 'li.mgr' ? { ...u, active: false } : u));
    const chain = computeApprovalChain(matrix, request(), dir({ users: gone }));
    expect(chain).toMatchObject({ ok: true, steps: [{ order: 1, spec: manager, approverIds: ['chen.comp', 'zhao.comp'], escalatedTo: 'compliance', skipped: [{ userId: 'li.mgr', reason: 'inactive' }] }] });
  });

  it('a missing named approver escalates and is recorded', () => {
    const withoutHead = users.filter((u) => u.id !== 'sales.head');
    const chain = computeApprovalChain(matrix, request({ amount: yuan(5_000) }), dir({ users: withoutHead }));
    // sales-mid has no compliance step, so compliance is tried first.
    expect(chain.ok && chain.steps[1]).toMatchObject({ approverIds: ['chen.comp', 'zhao.comp'], escalatedTo: 'compliance' });
    expect(chain.ok && chain.steps[1]?.skipped).toEqual([{ userId: 'sales.head', reason: 'missing' }]);
  });

  it('a department without a manager escalates with nobody to skip', () => {
    const chain = computeApprovalChain(matrix, request({ departmentId: 'legal' }), dir());
    expect(chain).toMatchObject({ ok: true, steps: [{ approverIds: ['chen.comp', 'zhao.comp'], escalatedTo: 'compliance', skipped: [] }] });
  });

  it('follows the configured escalation roles in order', () => {
    const chain = computeApprovalChain(matrix, request({ departmentId: 'legal' }), dir(), { escalationRoles: ['finance', 'director'] });
    expect(chain.ok && chain.steps[0]).toMatchObject({ approverIds: ['zhou.fin'], escalatedTo: 'finance' });
  });

  it('refuses when nobody at all is eligible, naming the step', () => {
    const related = ['chen.comp', 'zhao.comp', 'sun.dir'];
    const chain = computeApprovalChain(matrix, request({ requesterId: 'li.mgr', relatedUserIds: related }), dir());
    expect(chain).toEqual({
      ok: false,
      code: 'NO_ELIGIBLE_APPROVER',
      step: {
        order: 1,
        spec: manager,
        skipped: [
          { userId: 'li.mgr', reason: 'self' },
          { userId: 'chen.comp', reason: 'related' },
          { userId: 'zhao.comp', reason: 'related' },
          { userId: 'sun.dir', reason: 'related' },
        ],
      },
    });
  });

  it('refuses rather than leave a later step empty', () => {
    const chain = computeApprovalChain(matrix, request({ amount: yuan(50_000), relatedUserIds: ['chen.comp', 'zhao.comp', 'sun.dir'] }), dir());
    expect(chain).toMatchObject({ ok: false, code: 'NO_ELIGIBLE_APPROVER', step: { order: 2, spec: compliance } });
  });
});

describe('recused and walled-off approvers', () => {
  const kept = (entries: [string, 'recused' | 'walled_off'][]) => ({ restrictedUsers: new Map(entries) });

  it.each(['recused', 'walled_off'] as const)('a %s manager is skipped with the cause and the step escalates', (cause) => {
    const chain = computeApprovalChain(matrix, request(kept([['li.mgr', cause]])), dir());
    expect(chain).toMatchObject({ ok: true, steps: [{ spec: manager, approverIds: ['chen.comp', 'zhao.comp'], escalatedTo: 'compliance', skipped: [{ userId: 'li.mgr', reason: cause }] }] });
  });

  it('leaves a restricted holder of a role out and keeps the others', () => {
    const chain = computeApprovalChain(matrix, request({ amount: yuan(50_000), ...kept([['zhao.comp', 'walled_off']]) }), dir());
    expect(summary(chain)).toBe('any-large: li.mgr | chen.comp | sun.dir');
    expect(chain.ok && chain.steps[1]?.skipped).toEqual([{ userId: 'zhao.comp', reason: 'walled_off' }]);
  });

  it('skips restricted people on the escalation role too, and goes on to the next role', () => {
    const chain = computeApprovalChain(matrix, request(kept([['li.mgr', 'walled_off'], ['chen.comp', 'recused'], ['zhao.comp', 'walled_off']])), dir());
    expect(chain).toMatchObject({
      ok: true,
      steps: [
        {
          approverIds: ['sun.dir'],
          escalatedTo: 'director',
          skipped: [
            { userId: 'li.mgr', reason: 'walled_off' },
            { userId: 'chen.comp', reason: 'recused' },
            { userId: 'zhao.comp', reason: 'walled_off' },
          ],
        },
      ],
    });
  });

  it('refuses when everyone who could approve is kept out of the client', () => {
    const everyone = kept([['li.mgr', 'walled_off'], ['chen.comp', 'recused'], ['zhao.comp', 'recused'], ['sun.dir', 'walled_off']]);
    expect(computeApprovalChain(matrix, request(everyone), dir())).toMatchObject({ ok: false, code: 'NO_ELIGIBLE_APPROVER', step: { order: 1, spec: manager } });
  });

  it('a restricted manager cannot pass the request to a deputy, and a restricted deputy is skipped in turn', () => {
    const away: Delegation = { fromUserId: 'li.mgr', toUserId: 'wu.mgr', from: '2025-03-10', to: '2025-03-14' };
    const walled = computeApprovalChain(matrix, request(kept([['li.mgr', 'walled_off']])), dir({ delegations: [away] }));
    expect(walled.ok && walled.steps[0]).toMatchObject({ approverIds: ['chen.comp', 'zhao.comp'], skipped: [{ userId: 'li.mgr', reason: 'walled_off' }] });
    const deputyRecused = computeApprovalChain(matrix, request(kept([['wu.mgr', 'recused']])), dir({ delegations: [away] }));
    expect(deputyRecused.ok && deputyRecused.steps[0]).toMatchObject({
      escalatedTo: 'compliance',
      skipped: [
        { userId: 'li.mgr', reason: 'delegated', deputyId: 'wu.mgr' },
        { userId: 'wu.mgr', reason: 'recused' },
      ],
    });
  });

  it('names the requester and a relation before a restriction', () => {
    const chain = computeApprovalChain(matrix, request({ requesterId: 'li.mgr', relatedUserIds: ['chen.comp'], ...kept([['li.mgr', 'walled_off'], ['chen.comp', 'recused']]) }), dir());
    expect(chain.ok && chain.steps[0]?.skipped).toEqual([
      { userId: 'li.mgr', reason: 'self' },
      { userId: 'chen.comp', reason: 'related' },
    ]);
  });
});

describe('delegation', () => {
  const away: Delegation = { fromUserId: 'li.mgr', toUserId: 'wu.mgr', from: '2025-03-10', to: '2025-03-14' };
  const firstStep = (today: string, delegations: Delegation[] = [away], more: Partial<ChainRequest> = {}) => {
    const chain = computeApprovalChain(matrix, request(more), dir({ today, delegations }));
    return chain.ok ? chain.steps[0] : chain;
  };

  it.each([
    ['2025-03-09', ['li.mgr'], []],
    ['2025-03-10', ['wu.mgr'], [{ userId: 'li.mgr', reason: 'delegated', deputyId: 'wu.mgr' }]],
    ['2025-03-14', ['wu.mgr'], [{ userId: 'li.mgr', reason: 'delegated', deputyId: 'wu.mgr' }]],
    ['2025-03-15', ['li.mgr'], []],
  ])('on %s the manager step goes to %j', (today, approverIds, skipped) => {
    expect(firstStep(today)).toMatchObject({ approverIds, skipped });
  });

  it('accepts timestamps in the delegation window, comparing the day', () => {
    expect(firstStep('2025-03-14', [{ ...away, from: '2025-03-10T09:00:00Z', to: '2025-03-14T18:00:00Z' }])).toMatchObject({ approverIds: ['wu.mgr'] });
  });

  it('follows a deputy who is away too, and stops at a loop', () => {
    const onward: Delegation = { fromUserId: 'wu.mgr', toUserId: 'sales.head', from: '2025-03-01', to: '2025-03-31' };
    expect(firstStep('2025-03-12', [away, onward])).toMatchObject({ approverIds: ['sales.head'] });
    const back: Delegation = { fromUserId: 'wu.mgr', toUserId: 'li.mgr', from: '2025-03-01', to: '2025-03-31' };
    expect(firstStep('2025-03-12', [away, back])).toMatchObject({ approverIds: ['wu.mgr'] });
  });

  it('a deputy who is the requester, related or inactive is skipped in turn', () => {
    expect(firstStep('2025-03-12', [away], { requesterId: 'wu.mgr' })).toMatchObject({
      approverIds: ['chen.comp', 'zhao.comp'],
      escalatedTo: 'compliance',
      skipped: [
        { userId: 'li.mgr', reason: 'delegated', deputyId: 'wu.mgr' },
        { userId: 'wu.mgr', reason: 'self' },
      ],
    });
    expect(firstStep('2025-03-12', [away], { relatedUserIds: ['wu.mgr'] })).toMatchObject({ skipped: [{ reason: 'delegated' }, { userId: 'wu.mgr', reason: 'related' }] });
    const deputyGone = users.map((u) => (u.id === 'wu.mgr' ? { ...u, active: false } : u));
    const chain = computeApprovalChain(matrix, request(), dir({ delegations: [away], users: deputyGone }));
    expect(chain.ok && chain.steps[0]).toMatchObject({ escalatedTo: 'compliance', skipped: [{ reason: 'delegated' }, { userId: 'wu.mgr', reason: 'inactive' }] });
  });

  it('a manager who may not approve cannot pass the request to a deputy', () => {
    expect(firstStep('2025-03-12', [away], { requesterId: 'li.mgr' })).toMatchObject({ approverIds: ['chen.comp', 'zhao.comp'], skipped: [{ userId: 'li.mgr', reason: 'self' }] });
  });

  it('a deputy who already holds the role is listed once', () => {
    const covering: Delegation = { fromUserId: 'chen.comp', toUserId: 'zhao.comp', from: '2025-03-01', to: '2025-03-31' };
    const chain = computeApprovalChain(matrix, request({ amount: yuan(50_000) }), dir({ delegations: [covering] }));
    expect(chain.ok && chain.steps[1]).toMatchObject({ approverIds: ['zhao.comp'], skipped: [{ userId: 'chen.comp', reason: 'delegated', deputyId: 'zhao.comp' }] });
  });
});

describe('risk routing', () => {
  const mid = { departmentId: 'ops', benefitType: 'discount', amount: yuan(5_000) };

  it('low risk skips a step the rule allows to skip', () => {
    const chain = computeApprovalChain(matrix, request({ ...mid, risk: 'low' }), dir());
    expect(summary(chain)).toBe('any-mid: chen.comp,zhao.comp');
    expect(chain.ok && chain.routing).toEqual([{ kind: 'skipped_low_risk', spec: { kind: 'department_manager', skippableOnLowRisk: true } }]);
    expect(summary(computeApprovalChain(matrix, request({ ...mid, risk: 'medium' }), dir()))).toBe('any-mid: wu.mgr | chen.comp,zhao.comp');
  });

  it('low risk leaves steps that may not be skipped, and never empties the chain', () => {
    expect(summary(computeApprovalChain(matrix, request({ risk: 'low' }), dir()))).toBe('any-small: li.mgr');
    const tiny = computeApprovalChain(matrix, request({ risk: 'low', benefitType: 'points', amount: yuan(100) }), dir());
    expect(tiny).toMatchObject({ ok: true, ruleId: 'points-tiny', routing: [], steps: [{ approverIds: ['li.mgr'] }] });
  });

  it('high risk adds compliance at the end when the chain has none', () => {
    const chain = computeApprovalChain(matrix, request({ risk: 'high' }), dir());
    expect(summary(chain)).toBe('any-small: li.mgr | chen.comp,zhao.comp');
    expect(chain.ok && chain.routing).toEqual([{ kind: 'added_compliance', because: 'high_risk' }]);
  });

  it('a soft-limit breach adds compliance, even on a low-risk request that skipped it', () => {
    const chain = computeApprovalChain(matrix, request({ softLimitBreached: true }), dir());
    expect(summary(chain)).toBe('any-small: li.mgr | chen.comp,zhao.comp');
    expect(chain.ok && chain.routing).toEqual([{ kind: 'added_compliance', because: 'soft_limit' }]);
    const skippable = [rule('s', null, [{ kind: 'role', role: 'compliance', skippableOnLowRisk: true }, director])];
    const low = computeApprovalChain(skippable, request({ risk: 'low', softLimitBreached: true }), dir());
    expect(summary(low)).toBe('s: sun.dir | chen.comp,zhao.comp');
  });

  it('adds nothing when compliance is already a step', () => {
    const chain = computeApprovalChain(matrix, request({ ...mid, risk: 'high', softLimitBreached: true }), dir());
    expect(chain).toMatchObject({ ok: true, routing: [], steps: [{}, { spec: compliance }] });
    expect(chain.ok && chain.steps).toHaveLength(2);
  });

  it('an added compliance step skips a related officer like any other', () => {
    const chain = computeApprovalChain(matrix, request({ risk: 'high', relatedUserIds: ['chen.comp'] }), dir());
    expect(summary(chain)).toBe('any-small: li.mgr | zhao.comp');
  });
});

describe('validateAuthorityMatrix', () => {
  it('accepts the example matrix', () => {
    expect(validateAuthorityMatrix(matrix)).toEqual([]);
  });

  it('names what is wrong', () => {
    const bad = [rule('a', 2_000, []), rule('a', 0, [manager]), rule('b', null, [manager], { benefitTypes: [] })];
    expect(validateAuthorityMatrix(bad)).toEqual([
      { code: 'NO_STEPS', ruleId: 'a' },
      { code: 'DUPLICATE_ID', ruleId: 'a' },
      { code: 'INVALID_BAND', ruleId: 'a' },
      { code: 'EMPTY_SCOPE', ruleId: 'b' },
      { code: 'NO_CATCH_ALL' },
    ]);
  });
});
