import { eq } from 'drizzle-orm';
import { permissionsOf, type Role } from '../../core/access';
import { userRoles, users } from '../auth/auth.tables';
import type { RequestContext } from '../context';
import type { Executor } from '../db/database';

/** A demo user acting, as if signed in: the demo's records are made through the same use cases as the API. */
export async function demoContext(executor: Executor, username: string): Promise<RequestContext> {
  const [user] = await executor.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw new Error(`The demo user ${username} is missing`);
  const roles = (await executor.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id))).map((r) => r.role as Role);
  return { principal: { userId: user.id, username, roles, permissions: permissionsOf(roles), via: 'session' }, requestId: 'seed', ip: null };
}
