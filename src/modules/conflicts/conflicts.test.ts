import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { queryRows } from '../../platform/db/database';
import { PartyIndex } from './party-index';

const testApp = useTestApp();

type Hit = { party: { id: string; name: string; staff: unknown; client: unknown }; score: number; reasons: { code: string; text: string }[]; paths: { target: string; text: string; steps: { type: string; party: { name: string } }[] }[] };
type Result = { level: string; hits: Hit[] };

const checks = async () => (await queryRows<{ n: number }>(testApp().database.db, sql`select count(*)::int as n from conflict_checks`))[0]!.n;
const check = (session: Client, body: object, locale = 'zh-CN') => session.post('/api/conflict-checks', body, { 'accept-language': locale });
const hitNamed = (result: Result, name: string) => result.hits.find((h) => h.party.name === name);

describe('conflict checks', () => {
  it('find a traditional-script name, walk to the staff member and the client, and save what was found', async () => {
    const compliance = await testApp().signIn('compliance');
    const res = await check(compliance, { subjects: [{ name: '張建華', kind: 'person' }], purpose: '新客户承接' });
    expect(res.statusCode, res.body).toBe(201);
    const saved = res.json();
    expect(saved).toMatchObject({ ref: expect.stringMatching(/^CC-\d{4}-\d{6}$/), mode: 'fuzzy', hops: 2, purpose: '新客户承接', level: 'likely', checkedBy: { username: 'compliance' } });
    const hit = hitNamed(saved.results[0], '张建华')!;
    expect(hit.score).toBe(1);
    expect(hit.reasons.map((r) => r.code)).toContain('TRADITIONAL_SIMPLIFIED');
    expect(hit.reasons.find((r) => r.code === 'TRADITIONAL_SIMPLIFIED')!.text).toBe('繁体与简体写法一致');
    const paths = hit.paths.map((p) => p.text);
    expect(paths).toContain('张建华 —配偶— 李娜（员工）');
    expect(paths).toContain('张建华 —董事→ 上海鼎盛精密机械股份有限公司（客户）');

    // The saved check reads back as it ran, in the reader's language, for its author and for auditors.
    const again = (await compliance.get(`/api/conflict-checks/${saved.id}`, { 'accept-language': 'en' })).json();
    expect(hitNamed(again.results[0], '张建华')!.paths.map((p) => p.text)).toContain('张建华 —spouse— 李娜 (staff)');
    const auditor = await testApp().signIn('auditor');
    expect((await auditor.get(`/api/conflict-checks/${saved.id}`)).statusCode).toBe(200);
    const all = (await auditor.get('/api/conflict-checks?scope=all&q=張建華')).json();
    expect(all.items[0]).toMatchObject({ ref: saved.ref, subjects: ['張建華'], level: 'likely' });
    const trail = (await auditor.get(`/api/audit?entityType=conflict_check&entityId=${saved.id}`)).json();
    expect(trail.items[0]).toMatchObject({ action: 'conflict.check' });

    // Nobody may change it, not even through the database.
    await expect(queryRows(testApp().database.db, sql`update conflict_checks set level = 'none' where id = ${saved.id}`)).rejects.toThrow();
  });

  it('match pinyin and English renderings, and identifiers whatever the name', async () => {
    const compliance = await testApp().signIn('compliance');
    const pinyin = (await check(compliance, { subjects: [{ name: 'ZHANG Jianhua' }, { name: 'Shanghai Dingsheng Precision Machinery Co., Ltd.', kind: 'org' }], hops: 1 })).json();
    expect(hitNamed(pinyin.results[0], '张建华')!.reasons.map((r) => r.code)).toContain('PINYIN');
    expect(pinyin.results[1].hits[0].party.name).toBe('上海鼎盛精密机械股份有限公司');
    expect(pinyin.results[1].hits[0].party.client).toMatchObject({ status: 'active' });

    const dingsheng = (await compliance.get(`/api/registry/parties?q=${encodeURIComponent('上海鼎盛精密机械')}`)).json().items[0];
    const uscc = (await compliance.get(`/api/registry/parties/${dingsheng.id}`)).json().identifiers.find((i: { scheme: string }) => i.scheme === 'uscc').value;
    const byId = (await check(compliance, { subjects: [{ name: '完全不同的名称有限公司', kind: 'org', identifiers: [{ scheme: 'uscc', value: uscc.toLowerCase() }] }], hops: 0 })).json();
    expect(byId.results[0].hits[0]).toMatchObject({ party: { id: dingsheng.id }, score: 1, paths: [] });
    expect(byId.results[0].hits[0].reasons[0]).toMatchObject({ code: 'IDENTIFIER', text: '统一社会信用代码一致' });
  });

  it('find a party the moment it is registered, in this process and in another', async () => {
    const compliance = await testApp().signIn('compliance');
    const other = new PartyIndex(testApp().database.db);
    await other.start();
    const name = '宁波远景新材料科技有限公司';
    expect((await check(compliance, { subjects: [{ name, kind: 'org' }], mode: 'exact' })).json().results[0].hits).toEqual([]);
    const created = (await compliance.post('/api/registry/parties', { kind: 'org', name })).json();
    const found = (await check(compliance, { subjects: [{ name, kind: 'org' }], mode: 'exact' })).json().results[0];
    expect(found.hits.map((h: Hit) => h.party.id)).toEqual([created.id]);
    await other.catchUp();
    expect(other.names.search({ name, kind: 'org' }, { top: 5, mode: 'exact' }).map((h) => h.partyId)).toEqual([created.id]);

    expect((await compliance.post(`/api/registry/parties/${created.id}/end`, { reason: '重复登记' })).statusCode).toBe(200);
    expect((await check(compliance, { subjects: [{ name, kind: 'org' }], mode: 'exact' })).json().results[0].hits).toEqual([]);
    await other.catchUp();
    expect(other.names.search({ name, kind: 'org' }, { top: 5, mode: 'exact' })).toEqual([]);
    other.stop();
  });

  it('follow the firm’s default mode until a check asks otherwise', async () => {
    const compliance = await testApp().signIn('compliance');
    const before = (await compliance.get('/api/conflict-checks/settings')).json();
    expect(before).toEqual({ defaultMode: 'fuzzy', defaultHops: 2, minScore: 0.5 });
    const put = await compliance.request('PUT', '/api/conflict-checks/settings', { body: { defaultMode: 'exact', defaultHops: 1, minScore: 0.6 } });
    expect(put.statusCode, put.body).toBe(200);
    const exact = (await check(compliance, { subjects: [{ name: 'Zhang Jianhua', kind: 'person' }] })).json();
    expect(exact).toMatchObject({ mode: 'exact', hops: 1, level: 'none', hitCount: 0 });
    const fuzzy = (await check(compliance, { subjects: [{ name: 'Zhang Jianhua', kind: 'person' }], mode: 'fuzzy' })).json();
    expect(hitNamed(fuzzy.results[0], '张建华')).toBeDefined();
    const staff = await testApp().signIn('staff');
    expect((await staff.request('PUT', '/api/conflict-checks/settings', { body: before })).statusCode).toBe(403);
    const admin = await testApp().signIn('admin');
    expect((await admin.request('PUT', '/api/conflict-checks/settings', { body: before })).json()).toEqual(before);
  });

  it('come with the demo firm’s history already filled in', async () => {
    const compliance = await testApp().signIn('compliance');
    const history = (await compliance.get('/api/conflict-checks?q=%E9%BC%8E%E7%9B%9B')).json();
    expect(history.items).toEqual([expect.objectContaining({ subjects: ['上海鼎盛精密机械股份有限公司'], level: 'likely', purpose: '2026 年度财务报表审计续约' })]);
  });

  it('offer type-ahead suggestions without saving them', async () => {
    const staff = await testApp().signIn('staff');
    const saved = await checks();
    const res = await staff.get(`/api/conflict-checks/suggestions?name=${encodeURIComponent('zhang jianhua')}&kind=person`, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(200);
    const top = res.json().hits.find((h: Hit) => h.party.name === '张建华');
    expect(top.reasons.find((r: { code: string }) => r.code === 'PINYIN').text).toBe('The pinyin matches the Chinese name');
    expect(res.json().indexSize).toBeGreaterThan(1000);
    expect(await checks()).toBe(saved);
  });

  it('refuse what a role may not do and bad input, changing nothing', async () => {
    const [admin, staff, auditor, compliance] = (await Promise.all(['admin', 'staff', 'auditor', 'compliance'].map((u) => testApp().signIn(u)))) as [Client, Client, Client, Client];
    const saved = await checks();
    const body = { subjects: [{ name: '王志刚', kind: 'person' }] };
    // The administrator runs the system, not checks; the auditor reads checks, never runs them.
    expect((await check(admin, body)).statusCode).toBe(403);
    expect((await check(auditor, body)).statusCode).toBe(403);
    expect((await admin.get('/api/conflict-checks')).statusCode).toBe(403);
    expect((await admin.get('/api/conflict-checks/suggestions?name=x')).statusCode).toBe(403);
    for (const bad of [{ subjects: [] }, { subjects: [{ name: '' }] }, { subjects: [{ name: 'x', kind: 'robot' }] }, { subjects: [{ name: 'x' }], hops: 9 }, { subjects: [{ name: 'x' }], mode: 'loose' }]) {
      const res = await check(compliance, bad, 'en');
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await checks()).toBe(saved);

    const mine = (await check(staff, body)).json();
    expect(mine.results[0].hits.some((h: Hit) => h.paths.some((p) => p.text === '王志刚 —兄弟姐妹— 王强（员工）'))).toBe(true);
    expect((await (await testApp().signIn('zhang.wei')).get(`/api/conflict-checks/${mine.id}`)).statusCode).toBe(404);
    expect((await staff.get('/api/conflict-checks?scope=all')).statusCode).toBe(403);
    expect((await staff.get('/api/conflict-checks')).json().items.map((c: { id: string }) => c.id)).toContain(mine.id);
    expect((await auditor.get(`/api/conflict-checks/${mine.id}`)).statusCode).toBe(200);
  });
});
