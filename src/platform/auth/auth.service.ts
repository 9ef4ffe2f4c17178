import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { isRole, permissionsOf, type Role } from '../../core/access';
import { isAcceptablePassword, MIN_PASSWORD_LENGTH } from '../../core/password-policy';
import { appendAudit } from '../audit/audit.service';
import type { Config } from '../config';
import type { Principal, RequestContext } from '../context';
import { inTransaction, type Db } from '../db/database';
import { Invalid, NotFound, TooManyRequests, Unauthenticated } from '../errors';
import { apiTokens, loginThrottle, sessions, userRoles, users } from './auth.tables';
import { hashPassword, verifyPassword } from './password';
import { API_TOKEN_PREFIX, digest, newSecret } from './tokens';
import { getUser, revokeSessionsOf, type UserSummary } from './users.service';

export type AuthSettings = Pick<Config, 'session' | 'login'>;

// Writes that only track activity are skipped when the last one is this recent.
const TOUCH_INTERVAL_MS = 60_000;

async function rolesOf(db: Db, userId: string): Promise<Role[]> {
  const rows = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role).filter(isRole).sort();
}

async function principalFor(db: Db, userId: string, username: string, via: Principal['via'], sessionId?: string): Promise<Principal> {
  const roles = await rolesOf(db, userId);
  return { userId, username, roles, permissions: permissionsOf(roles), via, sessionId };
}

export interface SignedIn {
  sessionToken: string;
  csrfToken: string;
  user: UserSummary;
  expiresAt: Date;
}

/**
 * Signs a user in. Wrong password and unknown user get the same answer; repeated failures on one
 * username lock it for a while, whether or not the user exists.
 */
export async function login(
  db: Db,
  ctx: RequestContext,
  settings: AuthSettings,
  credentials: { username: string; password: string; userAgent?: string },
): Promise<SignedIn> {
  const key = credentials.username.trim().toLowerCase();
  const [throttle] = await db.select().from(loginThrottle).where(eq(loginThrottle.username, key));
  const now = new Date();
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    throw TooManyRequests('LOGIN_LOCKED', { minutes: Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 60_000) });
  }
  const [account] = await db
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(sql`lower(${users.username}) = ${key}`);
  const passwordOk = await verifyPassword(account?.passwordHash ?? null, credentials.password);
  if (!account || !account.active || !passwordOk) {
    await recordFailure(db, ctx, settings, key, account?.id ?? null);
    throw Unauthenticated('INVALID_CREDENTIALS');
  }
  const sessionToken = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + settings.session.idleMinutes * 60_000);
  const absoluteExpiresAt = new Date(now.getTime() + settings.session.maxHours * 3_600_000);
  await inTransaction(db, async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.username, key));
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, account.id));
    await tx.insert(sessions).values({
      id: digest(sessionToken),
      userId: account.id,
      csrfToken,
      expiresAt: expiresAt < absoluteExpiresAt ? expiresAt : absoluteExpiresAt,
      absoluteExpiresAt,
      ip: ctx.ip,
      userAgent: credentials.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(tx, ctx, { action: 'auth.login', entityType: 'user', entityId: account.id, actorId: account.id });
  });
  return { sessionToken, csrfToken, user: await getUser(db, account.id), expiresAt };
}

async function recordFailure(db: Db, ctx: RequestContext, settings: AuthSettings, key: string, userId: string | null) {
  const windowStart = new Date(Date.now() - settings.login.lockMinutes * 60_000);
  await inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(loginThrottle)
      .values({ username: key, failures: 1, firstFailureAt: new Date() })
      .onConflictDoUpdate({
        target: loginThrottle.username,
        set: {
          // A failure long after the previous ones starts a new count.
          failures: sql`case when ${loginThrottle.firstFailureAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
          firstFailureAt: sql`case when ${loginThrottle.firstFailureAt} < ${windowStart} then now() else ${loginThrottle.firstFailureAt} end`,
          lockedUntil: null,
        },
      })
      .returning();
    const locked = row!.failures >= settings.login.maxFailures;
    if (locked) {
      await tx
        .update(loginThrottle)
        .set({ lockedUntil: new Date(Date.now() + settings.login.lockMinutes * 60_000), failures: 0, firstFailureAt: new Date() })
        .where(eq(loginThrottle.username, key));
    }
    const audit = { entityType: userId ? 'user' : 'login', entityId: userId ?? key, actorId: userId, after: { failures: row!.failures } };
    await appendAudit(tx, ctx, { ...audit, action: 'auth.login_failed' });
    if (locked) await appendAudit(tx, ctx, { ...audit, action: 'auth.locked', after: { minutes: settings.login.lockMinutes } });
  });
}

/** The principal behind a session cookie, or null when the session is unknown, ended or expired. */
export async function resolveSession(db: Db, settings: AuthSettings, sessionToken: string): Promise<{ principal: Principal; csrfToken: string } | null> {
  const now = new Date();
  const [row] = await db
    .select({ session: sessions, username: users.username })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, digest(sessionToken)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(users.active, true)));
  if (!row) return null;
  const { session } = row;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const idle = new Date(now.getTime() + settings.session.idleMinutes * 60_000);
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: idle < session.absoluteExpiresAt ? idle : session.absoluteExpiresAt })
      .where(eq(sessions.id, session.id));
  }
  return { principal: await principalFor(db, session.userId, row.username, 'session', session.id), csrfToken: session.csrfToken };
}

/** The principal behind a personal API token, or null. */
export async function resolveApiToken(db: Db, secret: string): Promise<Principal | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const now = new Date();
  const [row] = await db
    .select({ token: apiTokens, username: users.username })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, digest(secret)), isNull(apiTokens.revokedAt), eq(users.active, true)));
  if (!row || (row.token.expiresAt && row.token.expiresAt <= now)) return null;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  return principalFor(db, row.token.userId, row.username, 'token');
}

export async function logout(db: Db, ctx: RequestContext): Promise<void> {
  const sessionId = ctx.principal?.sessionId;
  if (!sessionId) return;
  await inTransaction(db, async (tx) => {
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
    await appendAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.principal!.userId });
  });
}

/** Changes the caller's own password; every other session of theirs ends. */
export async function changePassword(db: Db, ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
  const principal = ctx.principal!;
  const [account] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, principal.userId));
  if (!(await verifyPassword(account?.passwordHash ?? null, currentPassword))) throw Unauthenticated('INVALID_CREDENTIALS');
  if (!isAcceptablePassword(newPassword, principal.username)) throw Invalid('WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH });
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, principal.userId));
    await revokeSessionsOf(tx, principal.userId, principal.sessionId);
    await appendAudit(tx, ctx, { action: 'user.change_password', entityType: 'user', entityId: principal.userId });
  });
}

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
};

export const listApiTokens = (db: Db, userId: string) =>
  db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));

export async function createApiToken(db: Db, ctx: RequestContext, input: { name: string; expiresInDays?: number }) {
  const secret = `${API_TOKEN_PREFIX}${newSecret(30)}`;
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return inTransaction(db, async (tx) => {
    const [token] = await tx
      .insert(apiTokens)
      .values({ userId: ctx.principal!.userId, name: input.name, prefix: secret.slice(0, 12), tokenHash: digest(secret), expiresAt })
      .returning(tokenColumns);
    await appendAudit(tx, ctx, { action: 'api_token.create', entityType: 'api_token', entityId: token!.id, after: token });
    return { token: token!, secret };
  });
}

/** Revokes one of the caller's tokens; tokens are never deleted, so their use stays traceable. */
export async function revokeApiToken(db: Db, ctx: RequestContext, tokenId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const [before] = await tx
      .select(tokenColumns)
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, ctx.principal!.userId)));
    if (!before) throw NotFound('TOKEN_NOT_FOUND');
    if (before.revokedAt) return;
    const [after] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId)).returning(tokenColumns);
    await appendAudit(tx, ctx, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId, before, after });
  });
}
