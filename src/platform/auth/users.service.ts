import { randomInt } from 'node:crypto';
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isAcceptablePassword, MIN_PASSWORD_LENGTH } from '../../core/password-policy';
import { permissionsOf, type Role } from '../../core/access';
import { appendAudit } from '../audit/audit.service';
import type { RequestContext } from '../context';
import { inTransaction, type Db, type Executor, type Tx } from '../db/database';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors';
import { departments, loginThrottle, sessions, userRoles, users } from './auth.tables';
import { hashPassword } from './password';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  department: { id: string; code: string; name: string } | null;
  roles: Role[];
  active: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

const summaryColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  active: users.active,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  departmentId: departments.id,
  departmentCode: departments.code,
  departmentName: departments.name,
  lockedUntil: sql<Date | null>`case when ${loginThrottle.lockedUntil} > now() then ${loginThrottle.lockedUntil} end`.mapWith(
    loginThrottle.lockedUntil,
  ),
};

async function summaries(executor: Executor, where: SQL | undefined, page?: { offset: number; limit: number }): Promise<UserSummary[]> {
  let query = executor
    .select(summaryColumns)
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(loginThrottle, eq(loginThrottle.username, sql`lower(${users.username})`))
    .where(where)
    .orderBy(asc(users.username))
    .$dynamic();
  if (page) query = query.offset(page.offset).limit(page.limit);
  const rows = await query;
  const roleRows = rows.length
    ? await executor.select().from(userRoles).where(inArray(userRoles.userId, rows.map((r) => r.id)))
    : [];
  return rows.map(({ departmentId, departmentCode, departmentName, ...row }) => ({
    ...row,
    department: departmentId ? { id: departmentId, code: departmentCode!, name: departmentName! } : null,
    roles: roleRows.filter((r) => r.userId === row.id).map((r) => r.role).sort(),
  }));
}

/** The signed-in user as the web app sees them: who, where, and what they may do. */
export function toMe({ id, username, displayName, email, department, roles }: UserSummary) {
  return { id, username, displayName, email, department, roles, permissions: permissionsOf(roles) };
}

export async function getUser(executor: Executor, id: string): Promise<UserSummary> {
  const [user] = await summaries(executor, eq(users.id, id));
  if (!user) throw NotFound('USER_NOT_FOUND');
  return user;
}

export async function findUserByUsername(executor: Executor, username: string): Promise<UserSummary | null> {
  const [user] = await summaries(executor, sql`lower(${users.username}) = lower(${username.trim()})`);
  return user ?? null;
}

export async function listUsers(db: Db, query: { q?: string; page: number; pageSize: number }) {
  const where = query.q
    ? or(ilike(users.username, `%${query.q}%`), ilike(users.displayName, `%${query.q}%`), ilike(users.email, `%${query.q}%`))
    : undefined;
  const [items, [total]] = await Promise.all([
    summaries(db, where, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export const listDepartments = (db: Db) => db.select({ id: departments.id, code: departments.code, name: departments.name, nameEn: departments.nameEn }).from(departments).orderBy(asc(departments.code));

export async function findDepartmentByCode(executor: Executor, code: string) {
  const [department] = await executor.select().from(departments).where(eq(departments.code, code.trim().toUpperCase()));
  return department ?? null;
}

async function assertDepartment(executor: Executor, departmentId: string | null | undefined) {
  if (!departmentId) return;
  const [found] = await executor.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
  if (!found) throw Invalid('DEPARTMENT_NOT_FOUND');
}

function assertPassword(password: string, username: string) {
  if (!isAcceptablePassword(password, username)) throw Invalid('WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH });
}

type UserCreatedHandler = (tx: Tx, ctx: RequestContext, user: UserSummary) => Promise<void>;
const userCreatedHandlers: UserCreatedHandler[] = [];

/** Lets a module act on a new user inside the creating transaction (the registry makes staff parties). */
export function onUserCreated(handler: UserCreatedHandler): void {
  if (!userCreatedHandlers.includes(handler)) userCreatedHandlers.push(handler);
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null;
  departmentId?: string | null;
  roles: Role[];
  password: string;
  /** Pre-computed hash, so a seed that gives many users one password hashes it once. */
  passwordHash?: string;
}

export async function createUser(db: Db, ctx: RequestContext, input: NewUser): Promise<UserSummary> {
  const username = input.username.trim();
  assertPassword(input.password, username);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  return inTransaction(db, async (tx) => {
    if (await findUserByUsername(tx, username)) throw Conflict('USERNAME_TAKEN', { username });
    await assertDepartment(tx, input.departmentId);
    const [created] = await tx
      .insert(users)
      .values({ username, displayName: input.displayName, email: input.email ?? null, departmentId: input.departmentId ?? null, passwordHash })
      .returning({ id: users.id });
    const roles = [...new Set(input.roles)];
    if (roles.length) await tx.insert(userRoles).values(roles.map((role) => ({ userId: created!.id, role })));
    const user = await getUser(tx, created!.id);
    await appendAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: user.id, after: user });
    for (const handler of userCreatedHandlers) await handler(tx, ctx, user);
    return user;
  });
}

export interface UserChanges {
  displayName?: string;
  email?: string | null;
  departmentId?: string | null;
  roles?: Role[];
  active?: boolean;
}

export async function updateUser(db: Db, ctx: RequestContext, id: string, changes: UserChanges): Promise<UserSummary> {
  return inTransaction(db, async (tx) => {
    const before = await getUser(tx, id);
    const isSelf = ctx.principal?.userId === id;
    if (isSelf && (changes.active === false || (changes.roles && before.roles.includes('admin') && !changes.roles.includes('admin')))) {
      throw Forbidden('CANNOT_DEACTIVATE_SELF');
    }
    await assertDepartment(tx, changes.departmentId);
    const { roles, ...columns } = changes;
    await tx.update(users).set({ ...columns, updatedAt: new Date() }).where(eq(users.id, id));
    if (roles) {
      await tx.delete(userRoles).where(eq(userRoles.userId, id));
      const unique = [...new Set(roles)];
      if (unique.length) await tx.insert(userRoles).values(unique.map((role) => ({ userId: id, role })));
    }
    if (changes.active === false) await revokeSessionsOf(tx, id);
    const after = await getUser(tx, id);
    await appendAudit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

export async function revokeSessionsOf(executor: Executor, userId: string, exceptSessionId?: string) {
  const open = and(eq(sessions.userId, userId), sql`${sessions.revokedAt} is null`);
  await executor
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(exceptSessionId ? and(open, sql`${sessions.id} <> ${exceptSessionId}`) : open);
}

/** Sets a password (given, or generated and returned), ends the user's sessions and lifts any lock-out. */
export async function resetPassword(db: Db, ctx: RequestContext, id: string, newPassword?: string): Promise<string> {
  const user = await getUser(db, id);
  const password = newPassword ?? generatePassword();
  assertPassword(password, user.username);
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, id));
    await revokeSessionsOf(tx, id);
    await tx.delete(loginThrottle).where(eq(loginThrottle.username, user.username.toLowerCase()));
    await appendAudit(tx, ctx, { action: 'user.reset_password', entityType: 'user', entityId: id });
  });
  return password;
}

// No 0/O, 1/l/I: temporary passwords are read aloud and typed by hand.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 14): string {
  return Array.from({ length }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}
