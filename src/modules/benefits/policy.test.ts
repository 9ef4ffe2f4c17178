import { chinaToday } from '../../core/calendar';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { queryRows } from '../../platform/db/database';
import { DEMO_POLICY_TYPES } from './policy.demo';
import { blackoutsOf, currentMatrix, delegationsOn, getBenefitSettings, policyInForceOn } from './policy.service';

const testApp = useTestApp();
const db = () => testApp().database.db;
const signIn = (username: string) => testApp().signIn(username);

const count = async (table: string) => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
const auditCount = () => count('audit_entries');
const userId = async (username: string) => (await queryRows<{ id: string }>(db(), sql`select id from users where username = ${username}`))[0]!.id;
const departmentId = async (code: string) => (await queryRows<{ id: string }>(db(), sql`select id from departments where code = ${code}`))[0]!.id;
const clientId = async (name: string) =>
  (await queryRows<{ id: string }>(db(), sql`select c.id from clients c join parties p on p.id = c.party_id where p.primary_name = ${name}`))[0]!.id;

const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const today = chinaToday();

const put = (session: Client, url: string, body: object) => session.request('PUT', url, { body });
const validMatrix = (note: string) => ({
  rules: [
    { id: 'small', benefitTypes: '*', departmentIds: '*', maxAmountMinor: 500_000, steps: [{ kind: 'department_manager' }] },
    { id: 'rest', benefitTypes: '*', departmentIds: '*', maxAmountMinor: null, steps: [{ kind: 'department_manager' }, { kind: 'role', role: 'compliance' }] },
  ],
  escalationRoles: ['compliance'],
  note,
});

describe('benefit policy', () => {
  it('is readable by any member of staff: the policy in force, the matrix, the settings and the blackouts', async () => {
    const staff = await testApp().signIn('staff');
    const policy = (await staff.get('/api/benefits/policy')).json();
    expect(policy.current).toMatchObject({ version: 1, effectiveFrom: '2026-01-01', currency: 'CNY', createdBy: null });
    expect(policy.current.types.gift).toEqual({
      perItem: { amountMinor: 200_000, severity: 'hard' },
      perRecipientPerPeriod: { amountMinor: 500_000, severity: 'soft', period: 'quarter' },
      perClientPerYear: { amountMinor: 5_000_000, severity: 'hard' },
      revenueShare: null,
      cashLike: false,
      requiredEvidence: ['photo'],
      allowedForPublicOfficials: false,
      deMinimisMinor: 20_000,
    });
    expect(policy.current.types.cash_rebate).toMatchObject({ cashLike: true, revenueShare: { basisPoints: 50, severity: 'hard' }, requiredEvidence: ['contract_clause'] });
    expect(policy.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await staff.get('/api/benefits/policy/versions/1')).json()).toEqual(policy.current);
    const missing = await staff.get('/api/benefits/policy/versions/99');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('POLICY_VERSION_NOT_FOUND');

    const matrix = (await staff.get('/api/benefits/matrix')).json();
    expect(matrix).toMatchObject({ version: 1, escalationRoles: ['compliance', 'director'] });
    expect(matrix.rules.map((r: { id: string }) => r.id)).toEqual(['up-to-2k', 'up-to-20k', 'above-20k', 'cash-rebate-up-to-2k']);
    expect(matrix.rules[0].steps).toEqual([{ kind: 'department_manager', skippableOnLowRisk: false }]);

    expect((await staff.get('/api/benefits/settings')).json()).toEqual({ reminderAfterHours: 24, attachmentMaxMb: 10 });
    const blackouts = (await staff.get('/api/benefits/blackouts')).json().items;
    expect(blackouts).toHaveLength(1);
    expect(blackouts[0]).toMatchObject({ client: { name: '苏州瑞丰医疗器械有限公司' }, startsOn: '2026-11-16', endsOn: '2027-01-15', liftedAt: null });

    // Earlier matrices are for those who set them and for audit.
    expect((await staff.get('/api/benefits/matrix/versions')).statusCode).toBe(403);
  });

  it('gets a new version from compliance: a new row beside the old, audited, in force from its date', async () => {
    const compliance = await testApp().signIn('compliance');
    const from = addDays(today, 31);
    const types = { ...DEMO_POLICY_TYPES, gift: { ...DEMO_POLICY_TYPES.gift, perItem: { amountMinor: 150_000, severity: 'hard' } } };
    const res = await compliance.post('/api/benefits/policy/versions', { effectiveFrom: from, types, note: '礼品单价上限下调至 ¥1,500' });
    expect(res.statusCode, res.body).toBe(201);
    const published = res.json();
    expect(published).toMatchObject({ version: 2, effectiveFrom: from, note: '礼品单价上限下调至 ¥1,500', createdBy: { displayName: '林晓雯' } });
    expect(published.types.gift.perItem.amountMinor).toBe(150_000);

    // Version 1 stays in force until then, unchanged.
    const overview = (await compliance.get('/api/benefits/policy')).json();
    expect(overview.current.version).toBe(1);
    expect(overview.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await compliance.get('/api/benefits/policy/versions/1')).json().types.gift.perItem.amountMinor).toBe(200_000);

    expect(await policyInForceOn(db(), '2025-12-31')).toBeNull();
    expect((await policyInForceOn(db(), today))?.version).toBe(1);
    expect((await policyInForceOn(db(), addDays(from, -1)))?.version).toBe(1);
    const inForce = await policyInForceOn(db(), from);
    expect(inForce).toMatchObject({ version: 2, effectiveFrom: from, currency: 'CNY' });
    expect(inForce!.types.gift.perItem).toEqual({ amountMinor: 150_000, severity: 'hard' });

    // Two versions from the same day: the later one wins.
    const same = await compliance.post('/api/benefits/policy/versions', { effectiveFrom: from, types: DEMO_POLICY_TYPES });
    expect(same.json().version).toBe(3);
    expect((await policyInForceOn(db(), addDays(from, 10)))?.version).toBe(3);

    const auditor = await testApp().signIn('auditor');
    const trail = (await auditor.get('/api/audit?entityType=benefit_policy&entityId=2')).json();
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({ action: 'benefit.policy.publish', actor: expect.objectContaining({ username: 'compliance' }) });

    // Published versions are evidence: not even the database changes them.
    await expect(queryRows(db(), sql`update benefit_policy_versions set note = 'x' where version = 1`)).rejects.toThrow();
    await expect(queryRows(db(), sql`delete from benefit_policy_versions where version = 2`)).rejects.toThrow();
  });

  it('refuses a back-dated version and malformed limits, changing nothing', async () => {
    const compliance = await testApp().signIn('compliance');
    const [versions, audit] = [await count('benefit_policy_versions'), await auditCount()];
    const publish = (body: object) => compliance.post('/api/benefits/policy/versions', { effectiveFrom: addDays(today, 60), types: DEMO_POLICY_TYPES, ...body });

    const backdated = await publish({ effectiveFrom: addDays(today, -1) });
    expect(backdated.statusCode).toBe(400);
    expect(backdated.json().error).toMatchObject({ code: 'POLICY_BACKDATED', fields: [{ path: 'effectiveFrom', code: 'POLICY_BACKDATED' }] });
    expect(backdated.json().error.message).toContain(today);

    const gift = DEMO_POLICY_TYPES.gift;
    const { other: _omitted, ...withoutOther } = DEMO_POLICY_TYPES;
    const bad: [string, object][] = [
      ['negative limit', { types: { ...DEMO_POLICY_TYPES, gift: { ...gift, perItem: { amountMinor: -100, severity: 'hard' } } } }],
      ['zero limit', { types: { ...DEMO_POLICY_TYPES, gift: { ...gift, perItem: { amountMinor: 0, severity: 'hard' } } } }],
      ['fractional fen', { types: { ...DEMO_POLICY_TYPES, gift: { ...gift, perClientPerYear: { amountMinor: 100.5, severity: 'hard' } } } }],
      ['unsafe integer', { types: { ...DEMO_POLICY_TYPES, gift: { ...gift, perClientPerYear: { amountMinor: 2 ** 53, severity: 'hard' } } } }],
      ['unknown type', { types: { ...DEMO_POLICY_TYPES, bribe: gift } }],
      ['missing type', { types: withoutOther }],
      ['unknown severity', { types: { ...DEMO_POLICY_TYPES, gift: { ...gift, perItem: { amountMinor: 100, severity: 'lenient' } } } }],
      ['unknown evidence', { types: { ...DEMO_POLICY_TYPES, gift: { ...gift, requiredEvidence: ['selfie'] } } }],
      ['de minimis above the item limit', { types: { ...DEMO_POLICY_TYPES, gift: { ...gift, deMinimisMinor: 300_000 } } }],
      ['revenue share above 100%', { types: { ...DEMO_POLICY_TYPES, cash_rebate: { ...DEMO_POLICY_TYPES.cash_rebate, revenueShare: { basisPoints: 10_001, severity: 'hard' } } } }],
      ['impossible date', { effectiveFrom: '2027-02-30' }],
    ];
    for (const [what, body] of bad) {
      const res = await publish(body);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toBe('VALIDATION_FAILED');
    }
    const fractional = await publish(bad[2]![1]);
    expect(fractional.json().error.fields[0].path).toBe('types.gift.perClientPerYear.amountMinor');

    expect(await count('benefit_policy_versions')).toBe(versions);
    expect(await auditCount()).toBe(audit);
  });

  it('lets only benefits.configure change anything: staff, finance and auditors get 403 and nothing changes', async () => {
    const client = await clientId('上海鼎盛精密机械股份有限公司');
    const writes: [string, string, object][] = [
      ['POST', '/api/benefits/policy/versions', { effectiveFrom: addDays(today, 90), types: DEMO_POLICY_TYPES }],
      ['POST', '/api/benefits/matrix', validMatrix('x')],
      ['POST', '/api/benefits/blackouts', { clientId: client, startsOn: today, endsOn: addDays(today, 5), reason: '招标' }],
      ['PUT', '/api/benefits/settings', { reminderAfterHours: 1, attachmentMaxMb: 1 }],
    ];
    const tables = ['benefit_policy_versions', 'authority_matrix_versions', 'benefit_blackouts', 'audit_entries'];
    // Signed in first: a sign-in is itself audited.
    const sessions = await Promise.all(['staff', 'finance', 'auditor', 'manager'].map(async (username) => [username, await testApp().signIn(username)] as const));
    const before = await Promise.all(tables.map(count));
    for (const [username, session] of sessions) {
      for (const [method, url, body] of writes) {
        const res = await session.request(method as 'POST', url, { body });
        expect(res.statusCode, `${username} ${method} ${url}`).toBe(403);
        expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('benefits.configure') });
      }
    }
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(await getBenefitSettings(db())).toEqual({ reminderAfterHours: 24, attachmentMaxMb: 10 });
  });
});

describe('authority matrix', () => {
  it('refuses an invalid matrix with every problem named, and keeps the one in force', async () => {
    const admin = await testApp().signIn('admin');
    const [versions, audit] = [await count('authority_matrix_versions'), await auditCount()];
    const inactive = (await admin.post('/api/users', { username: 'former.approver', displayName: '离职审批人', roles: ['manager'], password: 'Correct-Horse-9' })).json().user;
    expect(inactive.id).toBeDefined();
    expect((await admin.patch(`/api/users/${inactive.id}`, { active: false })).statusCode).toBe(200);
    const auditAfterSetup = await auditCount();
    expect(auditAfterSetup).toBeGreaterThan(audit);

    const res = await admin.post('/api/benefits/matrix', {
      rules: [
        { id: 'a', benefitTypes: '*', departmentIds: '*', maxAmountMinor: 100_000, steps: [{ kind: 'role', role: 'ceo' }] },
        { id: 'a', benefitTypes: ['gift'], departmentIds: '*', maxAmountMinor: 0, steps: [] },
        { id: 'b', benefitTypes: [], departmentIds: ['00000000-0000-4000-8000-000000000000'], maxAmountMinor: null, steps: [{ kind: 'user', userId: inactive.id }, { kind: 'user', userId: '00000000-0000-4000-8000-000000000001' }] },
      ],
      escalationRoles: ['compliance', 'board'],
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('MATRIX_INVALID');
    expect(error.message).toBe(`审批权限矩阵有 ${error.details.problems.length} 处问题，未保存。`);
    expect(error.details.problems).toEqual(
      expect.arrayContaining([
        { code: 'DUPLICATE_ID', ruleId: 'a' },
        { code: 'NO_STEPS', ruleId: 'a' },
        { code: 'INVALID_BAND', ruleId: 'a' },
        { code: 'EMPTY_SCOPE', ruleId: 'b' },
        { code: 'NO_CATCH_ALL' },
        { code: 'UNKNOWN_ROLE', ruleId: 'a', role: 'ceo' },
        { code: 'UNKNOWN_ROLE', role: 'board' },
        { code: 'INACTIVE_USER', ruleId: 'b', userId: inactive.id },
        { code: 'UNKNOWN_USER', ruleId: 'b', userId: '00000000-0000-4000-8000-000000000001' },
        { code: 'UNKNOWN_DEPARTMENT', ruleId: 'b', departmentId: '00000000-0000-4000-8000-000000000000' },
      ]),
    );
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { path: 'rules.1.id', code: 'MATRIX_DUPLICATE_ID', message: '规则编号重复。' },
        { path: 'rules', code: 'MATRIX_NO_CATCH_ALL', message: expect.stringContaining('兜底规则') },
        { path: 'escalationRoles', code: 'MATRIX_UNKNOWN_ROLE', message: '未知的角色。' },
      ]),
    );
    expect(await count('authority_matrix_versions')).toBe(versions);
    expect(await auditCount()).toBe(auditAfterSetup);
    expect((await currentMatrix(db()))?.version).toBe(1);

    // Shapes the editor cannot send are refused before any of that.
    const shape = await admin.post('/api/benefits/matrix', { rules: [{ id: 'x', benefitTypes: ['bribe'], departmentIds: '*', maxAmountMinor: 1.5, steps: [{ kind: 'anyone' }] }] });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('publishes a valid matrix as a new version; earlier versions stay readable to compliance and audit', async () => {
    const compliance = await testApp().signIn('compliance');
    const wuJing = await userId('wu.jing');
    const tax = await departmentId('TAX');
    const body = validMatrix('税务部礼品单列');
    body.rules.push({ id: 'tax-gifts', benefitTypes: ['gift'] as never, departmentIds: [tax] as never, maxAmountMinor: 500_000, steps: [{ kind: 'user', userId: wuJing } as never] });
    const res = await compliance.post('/api/benefits/matrix', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, escalationRoles: ['compliance'], note: '税务部礼品单列', createdBy: { displayName: '林晓雯' } });
    expect(res.json().rules[0]).toEqual({ ...body.rules[0], currency: 'CNY' });

    expect((await compliance.get('/api/benefits/matrix')).json().version).toBe(2);
    expect(await currentMatrix(db())).toMatchObject({ version: 2, escalationRoles: ['compliance'] });

    const auditor = await testApp().signIn('auditor');
    const list = (await auditor.get('/api/benefits/matrix/versions')).json().items;
    expect(list.map((v: { version: number; ruleCount: number }) => [v.version, v.ruleCount])).toEqual([
      [2, 3],
      [1, 4],
    ]);
    expect((await auditor.get('/api/benefits/matrix/versions/1')).json().rules).toHaveLength(4);
    expect((await auditor.get('/api/benefits/matrix/versions/7')).statusCode).toBe(404);
    const trail = (await auditor.get('/api/audit?entityType=authority_matrix&entityId=2')).json();
    expect(trail.items[0]).toMatchObject({ action: 'benefit.matrix.publish' });
    await expect(queryRows(db(), sql`update authority_matrix_versions set note = 'x'`)).rejects.toThrow();

    // Put the demo matrix back for the preview below.
    const demo = (await auditor.get('/api/benefits/matrix/versions/1')).json();
    expect((await compliance.post('/api/benefits/matrix', { rules: demo.rules, escalationRoles: demo.escalationRoles })).json().version).toBe(3);
  });

  it('previews the chain the matrix gives a request, following delegations', async () => {
    const xuLei = await testApp().signIn('xu.lei');
    const tax = await departmentId('TAX');
    const [wuJing, shenHong] = [await userId('wu.jing'), await userId('shen.hong')];
    const preview = (body: object) => xuLei.post('/api/benefits/matrix/preview', { benefitType: 'gift', departmentId: tax, currency: 'CNY', ...body });

    const small = (await preview({ amount: '1500.00' })).json();
    expect(small).toMatchObject({ matrixVersion: 3, ruleId: 'up-to-2k', problem: null });
    expect(small.steps).toEqual([{ order: 1, spec: { kind: 'department_manager', skippableOnLowRisk: false }, approvers: [{ id: wuJing, displayName: '吴静' }], skipped: [], escalatedTo: null }]);

    const rebate = (await preview({ amount: '1500', benefitType: 'cash_rebate' })).json();
    expect(rebate.ruleId).toBe('cash-rebate-up-to-2k');
    expect(rebate.steps.map((s: { spec: unknown }) => s.spec)).toEqual([{ kind: 'department_manager', skippableOnLowRisk: false }, { kind: 'role', role: 'compliance' }]);
    const large = (await preview({ amount: '20,000.01' })).json();
    expect(large.ruleId).toBe('above-20k');
    expect(large.steps).toHaveLength(3);

    for (const amount of ['12.345', '0', '-5', 'abc']) {
      const res = await preview({ amount });
      expect(res.statusCode, amount).toBe(400);
      expect(res.json().error.code, amount).toBe('INVALID_AMOUNT');
    }

    // wu.jing away: shen.hong stands in.
    const away = await testApp().signIn('wu.jing');
    const created = await away.post('/api/benefits/delegations', { toUserId: shenHong, startsOn: today, endsOn: addDays(today, 3), reason: '年假' });
    expect(created.statusCode, created.body).toBe(201);
    const delegated = (await preview({ amount: '1500' })).json();
    expect(delegated.steps[0].approvers).toEqual([{ id: shenHong, displayName: '沈宏' }]);
    expect(delegated.steps[0].skipped).toEqual([{ user: { id: wuJing, displayName: '吴静' }, reason: 'delegated', text: '已委托他人代为审批', deputy: { id: shenHong, displayName: '沈宏' } }]);
    expect((await away.post(`/api/benefits/delegations/${created.json().id}/revoke`)).statusCode).toBe(200);

    // Only those who may request see a preview.
    const auditor = await testApp().signIn('auditor');
    expect((await auditor.post('/api/benefits/matrix/preview', { benefitType: 'gift', departmentId: tax, amount: '1' })).statusCode).toBe(403);
  });
});

describe('delegations', () => {
  it('an approver names a deputy; someone else’s needs benefits.administer; bad periods are refused; revoked, never deleted', async () => {
    const [manager, deputy, staff, compliance, other] = await Promise.all([signIn('manager'), signIn('shen.hong'), signIn('staff'), signIn('compliance'), signIn('wu.jing')]);
    const [me, shenHong, liangChen, staffId] = [await userId('manager'), await userId('shen.hong'), await userId('liang.chen'), await userId('staff')];
    const from = addDays(today, 10);
    const to = addDays(today, 20);
    const audit = await auditCount();

    const own = await manager.post('/api/benefits/delegations', { toUserId: shenHong, startsOn: from, endsOn: to, reason: '出差' });
    expect(own.statusCode, own.body).toBe(201);
    const delegation = own.json();
    expect(delegation).toMatchObject({ from: { id: me, displayName: '陈志远' }, to: { id: shenHong }, startsOn: from, endsOn: to, reason: '出差', revokedAt: null, createdBy: { id: me } });
    expect(await auditCount()).toBe(audit + 1);
    expect(await delegationsOn(db(), addDays(today, 15))).toEqual(expect.arrayContaining([{ fromUserId: me, toUserId: shenHong, from, to }]));
    expect(await delegationsOn(db(), addDays(today, 21))).not.toEqual(expect.arrayContaining([expect.objectContaining({ fromUserId: me })]));

    const mine = (await manager.get('/api/benefits/delegations')).json().items;
    expect(mine.map((d: { id: string }) => d.id)).toContain(delegation.id);
    expect((await deputy.get('/api/benefits/delegations')).json().items.map((d: { id: string }) => d.id)).toContain(delegation.id);

    const refused: [string, object, number, string][] = [
      ['overlapping', { toUserId: liangChen, startsOn: addDays(today, 20), endsOn: addDays(today, 25) }, 409, 'DELEGATION_OVERLAP'],
      ['ends before it starts', { toUserId: liangChen, startsOn: addDays(today, 40), endsOn: addDays(today, 30) }, 400, 'DATE_ORDER'],
      ['already over', { toUserId: liangChen, startsOn: addDays(today, -10), endsOn: addDays(today, -1) }, 400, 'DELEGATION_IN_PAST'],
      ['to oneself', { toUserId: me, startsOn: addDays(today, 40), endsOn: addDays(today, 41) }, 400, 'DELEGATION_TO_SELF'],
      ['to someone who cannot approve', { toUserId: staffId, startsOn: addDays(today, 40), endsOn: addDays(today, 41) }, 400, 'DELEGATE_CANNOT_APPROVE'],
      ['to nobody', { toUserId: '00000000-0000-4000-8000-000000000009', startsOn: addDays(today, 40), endsOn: addDays(today, 41) }, 400, 'UNKNOWN_USER'],
      ['someone else’s', { fromUserId: liangChen, toUserId: shenHong, startsOn: addDays(today, 40), endsOn: addDays(today, 41) }, 403, 'FORBIDDEN'],
      ['malformed date', { toUserId: liangChen, startsOn: '2026-13-01', endsOn: addDays(today, 41) }, 400, 'VALIDATION_FAILED'],
    ];
    const rows = await count('approval_delegations');
    for (const [what, body, status, code] of refused) {
      const res = await manager.post('/api/benefits/delegations', body);
      expect(res.statusCode, what).toBe(status);
      expect(res.json().error.code, what).toBe(code);
    }
    const notApprover = await staff.post('/api/benefits/delegations', { toUserId: shenHong, startsOn: from, endsOn: to });
    expect(notApprover.statusCode).toBe(403);
    expect(notApprover.json().error.message).toContain('benefits.approve');
    expect((await staff.get('/api/benefits/delegations?scope=all')).statusCode).toBe(403);
    expect(await count('approval_delegations')).toBe(rows);
    expect(await auditCount()).toBe(audit + 1);

    // Compliance arranges one for someone else, and sees everyone's.
    const forOther = await compliance.post('/api/benefits/delegations', { fromUserId: liangChen, toUserId: shenHong, startsOn: from, endsOn: to });
    expect(forOther.statusCode, forOther.body).toBe(201);
    expect(forOther.json()).toMatchObject({ from: { id: liangChen }, createdBy: { displayName: '林晓雯' } });
    const all = (await compliance.get('/api/benefits/delegations?scope=all')).json().items.map((d: { id: string }) => d.id);
    expect(all).toEqual(expect.arrayContaining([delegation.id, forOther.json().id]));

    // Revoking: not by an unrelated approver; by its giver once; kept afterwards.
    expect((await other.post(`/api/benefits/delegations/${delegation.id}/revoke`)).statusCode).toBe(404);
    const revoked = await manager.post(`/api/benefits/delegations/${delegation.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: delegation.id, revokedAt: expect.any(String), revokedBy: { id: me } });
    const again = await manager.post(`/api/benefits/delegations/${delegation.id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DELEGATION_REVOKED');
    expect(await delegationsOn(db(), addDays(today, 15))).not.toEqual(expect.arrayContaining([expect.objectContaining({ fromUserId: me })]));
    expect((await manager.get('/api/benefits/delegations')).json().items.map((d: { id: string }) => d.id)).not.toContain(delegation.id);
    expect((await manager.get('/api/benefits/delegations?includeRevoked=true')).json().items.map((d: { id: string }) => d.id)).toContain(delegation.id);
    const trail = (await compliance.get(`/api/audit?entityType=approval_delegation&entityId=${delegation.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(trail).toEqual(['benefit.delegation.revoke', 'benefit.delegation.create']);

    // The period is free again.
    expect((await manager.post('/api/benefits/delegations', { toUserId: liangChen, startsOn: from, endsOn: to })).statusCode).toBe(201);
  });
});

describe('blackouts', () => {
  it('compliance adds and lifts a client’s blackout window; lifting twice is refused', async () => {
    const compliance = await testApp().signIn('compliance');
    const client = await clientId('上海鼎盛精密机械股份有限公司');
    const body = { clientId: client, startsOn: today, endsOn: addDays(today, 30), reason: '年度审计服务招标期' };

    expect((await compliance.post('/api/benefits/blackouts', { ...body, endsOn: addDays(today, -1) })).json().error.code).toBe('DATE_ORDER');
    const unknown = await compliance.post('/api/benefits/blackouts', { ...body, clientId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('CLIENT_NOT_FOUND');
    expect((await compliance.post('/api/benefits/blackouts', { ...body, reason: '  ' })).statusCode).toBe(400);

    const created = await compliance.post('/api/benefits/blackouts', body);
    expect(created.statusCode, created.body).toBe(201);
    const blackout = created.json();
    expect(blackout).toMatchObject({ client: { id: client, name: '上海鼎盛精密机械股份有限公司' }, startsOn: today, reason: '年度审计服务招标期', createdBy: { displayName: '林晓雯' }, liftedAt: null });
    expect(await blackoutsOf(db(), client)).toEqual([{ clientId: client, from: today, to: addDays(today, 30), reason: '年度审计服务招标期' }]);

    const staff = await testApp().signIn('staff');
    expect((await staff.get(`/api/benefits/blackouts?clientId=${client}`)).json().items.map((b: { id: string }) => b.id)).toEqual([blackout.id]);
    expect((await staff.post(`/api/benefits/blackouts/${blackout.id}/lift`)).statusCode).toBe(403);

    const lifted = await compliance.post(`/api/benefits/blackouts/${blackout.id}/lift`);
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({ liftedAt: expect.any(String), liftedBy: { displayName: '林晓雯' } });
    expect(await blackoutsOf(db(), client)).toEqual([]);
    const twice = await compliance.post(`/api/benefits/blackouts/${blackout.id}/lift`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('BLACKOUT_LIFTED');
    expect((await compliance.post('/api/benefits/blackouts/00000000-0000-4000-8000-000000000000/lift')).statusCode).toBe(404);

    expect((await staff.get(`/api/benefits/blackouts?clientId=${client}`)).json().items).toEqual([]);
    expect((await staff.get(`/api/benefits/blackouts?clientId=${client}&includeLifted=true`)).json().items).toHaveLength(1);
    const trail = (await compliance.get(`/api/audit?entityType=benefit_blackout&entityId=${blackout.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(trail).toEqual(['benefit.blackout.lift', 'benefit.blackout.create']);

    // The seeded tender window is there for the request flow.
    const tender = await blackoutsOf(db(), await clientId('苏州瑞丰医疗器械有限公司'));
    expect(tender).toEqual([expect.objectContaining({ from: '2026-11-16', to: '2027-01-15' })]);
  });
});

describe('benefit settings', () => {
  it('are changed by compliance, audited, and kept within sensible bounds', async () => {
    const compliance = await testApp().signIn('compliance');
    for (const bad of [{ reminderAfterHours: 0, attachmentMaxMb: 10 }, { reminderAfterHours: 24, attachmentMaxMb: 1.5 }, { reminderAfterHours: 24 }]) {
      const res = await put(compliance, '/api/benefits/settings', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const res = await put(compliance, '/api/benefits/settings', { reminderAfterHours: 48, attachmentMaxMb: 20 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ reminderAfterHours: 48, attachmentMaxMb: 20 });
    expect(await getBenefitSettings(db())).toEqual({ reminderAfterHours: 48, attachmentMaxMb: 20 });
    const trail = (await compliance.get('/api/audit?entityType=benefit_settings')).json().items;
    expect(trail[0]).toMatchObject({ action: 'benefit.settings.update', before: { reminderAfterHours: 24, attachmentMaxMb: 10 }, after: { reminderAfterHours: 48, attachmentMaxMb: 20 } });
  });
});
