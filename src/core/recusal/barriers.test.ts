import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chainSkipReason,
  chainSkipText,
  explainRestriction,
  isRestricted,
  isWalledOff,
  restrictedClientIds,
  restrictionsFor,
  restrictionsOf,
  unresolvedClientSets,
  type InformationBarrier,
  type RecusalRecord,
} from './barriers';

const TODAY = '2025-06-15';
const recusal = (over: Partial<RecusalRecord> = {}): RecusalRecord => ({ id: 'R1', userId: 'u1', status: 'approved', clientIds: ['C1'], ...over });
const barrier = (over: Partial<InformationBarrier> = {}): InformationBarrier => ({ id: 'B1', name: '鼎盛并购项目', status: 'active', clientIds: ['C2'], walledOffUserIds: ['u1'], ...over });
const sets = new Map([['group', ['C3', 'C4']]]);

describe('recusals', () => {
  it.each<[string, Partial<RecusalRecord>, boolean]>([
    ['approved, open-ended', {}, true],
    ['approved, within its dates', { startsOn: '2025-01-01', endsOn: '2025-12-31' }, true],
    ['approved, starting today', { startsOn: TODAY }, true],
    ['approved, ending today', { endsOn: TODAY }, true],
    ['approved, starting tomorrow', { startsOn: '2025-06-16' }, false],
    ['approved, ended yesterday', { endsOn: '2025-06-14' }, false],
    ['requested, not yet approved', { status: 'requested' }, false],
    ['rejected', { status: 'rejected' }, false],
    ['withdrawn', { status: 'withdrawn' }, false],
    ['revoked', { status: 'revoked' }, false],
    ['revoked from today', { status: 'revoked', revokedOn: TODAY }, false],
    ['revoked from tomorrow (still in force today)', { status: 'revoked', revokedOn: '2025-06-16' }, true],
    ['of another user', { userId: 'u2' }, false],
  ])('%s: restricts = %s', (_name, over, restricts) => {
    expect(isRestricted('u1', 'C1', [recusal(over)], [], TODAY)).toBe(restricts);
    expect(chainSkipReason('u1', 'C1', [recusal(over)], [], TODAY)).toBe(restricts ? 'recused' : null);
    expect(isWalledOff('u1', 'C1', [], TODAY)).toBe(false);
  });

  it('names clients directly and through a set', () => {
    expect([...restrictedClientIds('u1', [recusal({ clientIds: ['C1'], clientSetIds: ['group'] })], [], TODAY, sets)].sort()).toEqual(['C1', 'C3', 'C4']);
  });
});

describe('information barriers', () => {
  it.each<[string, Partial<InformationBarrier>, boolean]>([
    ['active, open-ended', {}, true],
    ['active, within its dates', { startsOn: '2025-06-01', endsOn: '2025-06-30' }, true],
    ['not yet begun', { startsOn: '2025-07-01' }, false],
    ['ended', { endsOn: '2025-06-14' }, false],
    ['revoked', { status: 'revoked' }, false],
    ['revoked from next week', { status: 'revoked', revokedOn: '2025-06-22' }, true],
    ['walling off someone else', { walledOffUserIds: ['u2', 'u3'] }, false],
  ])('%s: walls off = %s', (_name, over, walled) => {
    expect(isWalledOff('u1', 'C2', [barrier(over)], TODAY)).toBe(walled);
    expect(isRestricted('u1', 'C2', [], [barrier(over)], TODAY)).toBe(walled);
    expect(chainSkipReason('u1', 'C2', [], [barrier(over)], TODAY)).toBe(walled ? 'walled_off' : null);
  });

  it('covers every member of a client set, and nothing for an unresolved set', () => {
    const wall = barrier({ clientIds: [], clientSetIds: ['group', 'gone'] });
    expect([...restrictedClientIds('u1', [], [wall], TODAY, sets)].sort()).toEqual(['C3', 'C4']);
    expect(isWalledOff('u1', 'C4', [wall], TODAY, sets)).toBe(true);
    expect(isWalledOff('u1', 'C4', [wall], TODAY)).toBe(false);
    expect(unresolvedClientSets([recusal({ clientSetIds: ['group', 'other'] })], [wall], sets)).toEqual(['gone', 'other']);
  });
});

describe('several records', () => {
  const recusals = [recusal({ id: 'R2', clientIds: ['C1', 'C2'], endsOn: '2025-12-31' }), recusal({ id: 'R1', clientIds: ['C1'] }), recusal({ id: 'R0', clientIds: ['C9'], status: 'withdrawn' })];
  const barriers = [barrier({ id: 'B1', clientIds: ['C2'], clientSetIds: ['group'] }), barrier({ id: 'B0', clientIds: ['C3'], endsOn: '2025-01-01' })];

  it('list each record for each client once, by client, recusals first', () => {
    expect(restrictionsOf('u1', recusals, barriers, TODAY, sets).map((r) => `${r.clientId} ${r.cause} ${r.recordId}`)).toEqual([
      'C1 recused R1',
      'C1 recused R2',
      'C2 recused R2',
      'C2 walled_off B1',
      'C3 walled_off B1',
      'C4 walled_off B1',
    ]);
    expect([...restrictedClientIds('u1', recusals, barriers, TODAY, sets)]).toEqual(['C1', 'C2', 'C3', 'C4']);
  });

  it('skip in approval chains as recused before walled off', () => {
    expect(chainSkipReason('u1', 'C2', recusals, barriers, TODAY, sets)).toBe('recused');
    expect(chainSkipReason('u1', 'C3', recusals, barriers, TODAY, sets)).toBe('walled_off');
    expect(chainSkipReason('u1', 'C9', recusals, barriers, TODAY, sets)).toBeNull();
    expect(chainSkipReason('u2', 'C1', recusals, barriers, TODAY, sets)).toBeNull();
  });

  it('still restrict when one of two records for the same client ends', () => {
    expect(restrictionsFor('u1', 'C1', recusals, barriers, '2026-01-01', sets).map((r) => r.recordId)).toEqual(['R1']);
    expect(isRestricted('u1', 'C2', recusals, barriers, '2026-01-01', sets)).toBe(true);
  });
});

describe('explainRestriction', () => {
  const [recused, walled] = restrictionsOf('u1', [recusal({ startsOn: '2025-01-01', endsOn: '2025-12-31' })], [barrier({ startsOn: '2025-03-01' })], TODAY);

  it('says why in Chinese and English', () => {
    expect(explainRestriction(recused!, 'zh-CN', '上海鼎盛精密机械股份有限公司')).toBe('已回避（回避记录 R1，2025-01-01 至 2025-12-31）：不得查看、检索、导出、编辑或审批客户「上海鼎盛精密机械股份有限公司」的任何记录');
    expect(explainRestriction(recused!, 'en', 'Dingsheng')).toBe('Recused (recusal R1, 2025-01-01 to 2025-12-31): may not list, read, search, export, edit or approve anything of the client Dingsheng');
    expect(explainRestriction(walled!, 'zh-CN')).toBe('受信息隔离墙「鼎盛并购项目」限制（自 2025-03-01 起）：不得查看、检索、导出、编辑或审批客户「C2」的任何记录');
    expect(explainRestriction({ ...walled!, name: null, startsOn: null, endsOn: '2025-09-30' }, 'en')).toBe(
      'Behind the information barrier "B1" (until 2025-09-30): may not list, read, search, export, edit or approve anything of the client C2',
    );
    expect(explainRestriction({ ...recused!, startsOn: null, endsOn: null }, 'zh-CN')).toContain('未设结束日期');
    expect(chainSkipText('recused', 'zh-CN')).toBe('已回避该客户，审批跳过');
    expect(chainSkipText('walled_off', 'en')).toBe('Behind an information barrier for this client: skipped');
  });
});

describe('access decision properties', () => {
  const day = fc.option(fc.constantFrom('2025-01-01', '2025-06-14', TODAY, '2025-06-16', '2026-01-01'), { nil: null });
  const users = ['u1', 'u2', 'u3'];
  const clientIds = fc.uniqueArray(fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5'), { maxLength: 3 });
  const setIds = fc.uniqueArray(fc.constantFrom('group', 'gone'), { maxLength: 2 });
  const recusalArb = fc.record({
    id: fc.constantFrom('R1', 'R2', 'R3'),
    userId: fc.constantFrom(...users),
    status: fc.constantFrom('requested', 'approved', 'rejected', 'withdrawn', 'revoked' as const),
    clientIds,
    clientSetIds: setIds,
    startsOn: day,
    endsOn: day,
    revokedOn: day,
  });
  const barrierArb = fc.record({
    id: fc.constantFrom('B1', 'B2'),
    name: fc.constant(null),
    status: fc.constantFrom('active', 'revoked' as const),
    clientIds,
    clientSetIds: setIds,
    walledOffUserIds: fc.uniqueArray(fc.constantFrom(...users), { maxLength: 3 }),
    startsOn: day,
    endsOn: day,
    revokedOn: day,
  });
  const records = fc.record({ recusals: fc.array(recusalArb, { maxLength: 6 }), barriers: fc.array(barrierArb, { maxLength: 4 }), user: fc.constantFrom(...users), client: fc.constantFrom('C1', 'C3', 'C5') });

  it('agree with each other: restricted set, per-client checks and the chain skip reason', () => {
    fc.assert(
      fc.property(records, ({ recusals, barriers, user, client }) => {
        const restricted = restrictedClientIds(user, recusals, barriers, TODAY, sets);
        const reason = chainSkipReason(user, client, recusals, barriers, TODAY, sets);
        expect(isRestricted(user, client, recusals, barriers, TODAY, sets)).toBe(restricted.has(client));
        expect(reason !== null).toBe(restricted.has(client));
        expect(isWalledOff(user, client, barriers, TODAY, sets)).toBe(restrictedClientIds(user, [], barriers, TODAY, sets).has(client));
        if (reason === 'walled_off') expect(restrictedClientIds(user, recusals, [], TODAY, sets).has(client)).toBe(false);
        // Only an approved (or not yet effectively revoked) recusal, or a barrier naming the user, can restrict.
        const possible = recusals.some((r) => r.userId === user && (r.status === 'approved' || r.status === 'revoked')) || barriers.some((b) => b.walledOffUserIds.includes(user));
        if (!possible) expect(restricted.size).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('do not depend on the order of records', () => {
    fc.assert(
      fc.property(records, ({ recusals, barriers, user }) => {
        expect(restrictionsOf(user, [...recusals].reverse(), [...barriers].reverse(), TODAY, sets)).toEqual(restrictionsOf(user, recusals, barriers, TODAY, sets));
      }),
      { numRuns: 300 },
    );
  });

  it('never restrict on a day outside a record’s dates', () => {
    fc.assert(
      fc.property(records, ({ recusals, barriers, user }) => {
        for (const r of restrictionsOf(user, recusals, barriers, TODAY, sets)) {
          if (r.startsOn) expect(r.startsOn <= TODAY).toBe(true);
          if (r.endsOn) expect(r.endsOn >= TODAY).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
