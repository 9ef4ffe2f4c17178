import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { permissionsOf, roles } from '../../core/access';
import { TEST_PASSWORD } from '../../../test/support/constants';
import { useTestApp } from '../../../test/support/test-app';
import { installAccessControl } from '../access/access';
import { queryRows } from '../db/database';

const testApp = useTestApp();

describe('health and docs', () => {
  it('reports status, database kind and version without signing in', async () => {
    const res = await testApp().anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: process.env.PROBITY_TEST_DB, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('serves an OpenAPI document that lists every API route', async () => {
    const res = await testApp().anonymous.get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const { method, url } of testApp().app.routeAccess) {
      const path = url.replace(/:(\w+)/g, '{$1}');
      expect(spec.paths[path]?.[method.toLowerCase()], `${method} ${url}`).toBeDefined();
    }
    expect((await testApp().anonymous.get('/api/docs')).statusCode).toBeLessThan(400);
  });
});

describe('error shape', () => {
  it('answers validation failures with 400, the failing fields, in the caller’s language', async () => {
    const zh = await testApp().anonymous.post('/api/auth/login', { username: 'x' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '请求内容不符合要求，请检查标出的字段。', fields: [{ path: 'password', in: 'body', message: expect.any(String) }] },
    });
    const en = await testApp().anonymous.post('/api/auth/login', { username: 'x' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.json().error.message).toBe('The request is invalid; check the fields listed.');
  });

  it('answers malformed JSON, wrong content types and unknown routes in the same shape', async () => {
    const { anonymous } = testApp();
    const malformed = await anonymous.request('POST', '/api/auth/login', { body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_REQUEST');
    const form = await anonymous.request('POST', '/api/auth/login', { body: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const missing = await anonymous.get('/api/no-such-thing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({ code: 'ROUTE_NOT_FOUND', message: '接口不存在：GET /api/no-such-thing' });
  });

  it('never leaks a stack trace', async () => {
    const admin = await testApp().signIn('admin');
    const res = await admin.get('/api/users/not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('sets a request id and protective headers on every answer', async () => {
    const res = await testApp().anonymous.get('/api/health');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('access control', () => {
  it('refuses to start with an API route that does not declare its access', async () => {
    const app = Fastify();
    installAccessControl(app, testApp().database.db, testApp().config);
    expect(() => app.get('/api/forgotten', async () => 'open')).toThrow(/does not declare its access/);
  });

  it('asks for sign-in on every non-public route', async () => {
    for (const { method, url, access } of testApp().app.routeAccess) {
      if (access === 'public') continue;
      const res = await testApp().anonymous.request(method as 'GET', url.replace(/:id/g, '00000000-0000-4000-8000-000000000000'), { body: {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('gives 403 and changes nothing when a role lacks the permission, route by route', async () => {
    const { db } = testApp().database;
    const auditCount = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_entries`))[0]!.n;
    // One demo user per single role; the seeded `staff` has only the staff role.
    const holders: Record<string, string> = { admin: 'admin', compliance: 'compliance', auditor: 'auditor', staff: 'staff', finance: 'gao.peng', manager: 'wu.jing', director: 'staff', mediator: 'staff' };
    let denied = 0;
    for (const role of roles) {
      const session = await testApp().signIn(holders[role]!);
      const me = (await session.get('/api/auth/me')).json().user;
      const held = new Set(permissionsOf(me.roles));
      const before = await auditCount();
      for (const { method, url, access } of testApp().app.routeAccess) {
        if (access === 'public' || access === 'authenticated' || held.has(access)) continue;
        const res = await session.request(method as 'GET', url.replace(/:id/g, me.id), { body: { displayName: 'x', roles: ['admin'], active: false, username: 'intruder', password: TEST_PASSWORD } });
        expect(res.statusCode, `${role} ${method} ${url}`).toBe(403);
        expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(access) });
        denied += 1;
      }
      expect(await auditCount(), role).toBe(before);
    }
    expect(denied).toBeGreaterThan(10);
  });
});
