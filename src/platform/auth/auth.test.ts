import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../../test/support/constants';
import { client, useTestApp } from '../../../test/support/test-app';

const testApp = useTestApp({ maxFailures: 3, lockMinutes: 15 });

describe('sign-in', () => {
  it('answers 200 with a HttpOnly session cookie and the user', async () => {
    const res = await testApp().anonymous.post('/api/auth/login', { username: 'compliance', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'probity_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user.username).toBe('compliance');
    expect(body.user.roles).toEqual(['compliance']);
    expect(body.user.permissions).toContain('audit.read');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('gives the same 401 for a wrong password and for an unknown user', async () => {
    const wrong = await testApp().anonymous.post('/api/auth/login', { username: 'finance', password: 'not-the-password' });
    const unknown = await testApp().anonymous.post('/api/auth/login', { username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('is case-insensitive on the username', async () => {
    const res = await testApp().anonymous.post('/api/auth/login', { username: ' Auditor ', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('auditor');
  });

  it('locks a username after repeated failures, even with the right password, and the admin reset lifts it', async () => {
    const { anonymous, signIn } = testApp();
    for (let i = 0; i < 3; i += 1) {
      expect((await anonymous.post('/api/auth/login', { username: 'zhang.wei', password: 'wrong-password' })).statusCode).toBe(401);
    }
    const locked = await anonymous.post('/api/auth/login', { username: 'zhang.wei', password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('LOGIN_LOCKED');
    // Unknown usernames lock the same way, so a lock-out does not reveal who exists.
    for (let i = 0; i < 3; i += 1) await anonymous.post('/api/auth/login', { username: 'ghost.user', password: 'x' });
    expect((await anonymous.post('/api/auth/login', { username: 'ghost.user', password: 'x' })).statusCode).toBe(429);

    const admin = await signIn('admin');
    const users = (await admin.get('/api/users?q=zhang.wei')).json();
    expect(users.items[0].lockedUntil).not.toBeNull();
    const reset = await admin.post(`/api/users/${users.items[0].id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const ok = await anonymous.post('/api/auth/login', { username: 'zhang.wei', password: reset.json().temporaryPassword });
    expect(ok.statusCode).toBe(200);
  });

  it('signs out: the session no longer works', async () => {
    const session = await testApp().signIn('staff');
    expect((await session.get('/api/auth/me')).statusCode).toBe(200);
    expect((await session.post('/api/auth/logout')).statusCode).toBe(204);
    const after = await session.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a session past its expiry time', async () => {
    const session = await testApp().signIn('auditor');
    expect((await session.get('/api/auth/me')).statusCode).toBe(200);
    const { sql } = await import('drizzle-orm');
    await testApp().database.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where revoked_at is null`);
    const expired = await session.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('survives an app restart: sessions live in the database', async () => {
    const { app, signIn } = testApp();
    const session = await signIn('manager');
    const { buildApp } = await import('../http/app');
    const { version } = await import('../version');
    const second = await buildApp({ database: testApp().database, config: testApp().config, version }, { logger: false });
    const again = client(second, session.cookie, session.csrfToken);
    expect((await again.get('/api/auth/me')).json().user.username).toBe('manager');
    await second.close();
    expect(app).toBeDefined();
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token and accepts it with the token', async () => {
    const session = await testApp().signIn('staff');
    const without = await session.request('POST', '/api/auth/tokens', { body: { name: 'script' }, csrf: false });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await session.request('POST', '/api/auth/tokens', { body: { name: 'script' }, csrf: false, headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    const tokens = await session.get('/api/auth/tokens');
    expect(tokens.json().items).toHaveLength(0);
    const withToken = await session.post('/api/auth/tokens', { name: 'script' });
    expect(withToken.statusCode).toBe(201);
  });
});

describe('password change', () => {
  it('needs the current password, refuses weak ones, ends other sessions and keeps this one', async () => {
    const { signIn, anonymous } = testApp();
    const first = await signIn('li.na');
    const other = await signIn('li.na');
    expect((await first.post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'a-good-new-password' })).statusCode).toBe(401);
    const weak = await first.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' }, { 'accept-language': 'en' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'WEAK_PASSWORD', message: expect.stringContaining('10 characters') });
    expect((await first.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-good-new-password' })).statusCode).toBe(204);
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await anonymous.post('/api/auth/login', { username: 'li.na', password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await anonymous.post('/api/auth/login', { username: 'li.na', password: 'a-good-new-password' })).statusCode).toBe(200);
  });
});

describe('personal API tokens', () => {
  it('authenticate scripts without cookies or CSRF, are stored hashed, and stop working when revoked', async () => {
    const { app, signIn, database } = testApp();
    const session = await signIn('auditor');
    const created = await session.post('/api/auth/tokens', { name: 'evidence export', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^prb_/);
    expect(token.prefix).toBe(secret.slice(0, 12));

    const script = client(app, null, null, secret);
    expect((await script.get('/api/audit?pageSize=1')).statusCode).toBe(200);
    const { sql } = await import('drizzle-orm');
    const { queryRows } = await import('../db/database');
    const stored = await queryRows<{ token_hash: string }>(database.db, sql`select token_hash from api_tokens where id = ${token.id}`);
    expect(stored[0]!.token_hash).not.toContain(secret);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    // A token acts with its owner's permissions, no more.
    expect((await script.post('/api/users', { username: 'x1', displayName: 'X', roles: [], password: 'long-enough-pass' })).statusCode).toBe(403);

    expect((await session.post(`/api/auth/tokens/${token.id}/revoke`)).statusCode).toBe(204);
    expect((await script.get('/api/audit?pageSize=1')).statusCode).toBe(401);
    expect((await session.get('/api/auth/tokens')).json().items[0].revokedAt).not.toBeNull();
    expect((await client(app, null, null, 'prb_made-up').get('/api/auth/me')).statusCode).toBe(401);
  });

  it('cannot revoke somebody else’s token', async () => {
    const { signIn } = testApp();
    const owner = await signIn('finance');
    const { token } = (await owner.post('/api/auth/tokens', { name: 'mine' })).json();
    const stranger = await signIn('staff');
    expect((await stranger.post(`/api/auth/tokens/${token.id}/revoke`)).statusCode).toBe(404);
    expect((await owner.get('/api/auth/tokens')).json().items[0].revokedAt).toBeNull();
  });
});
