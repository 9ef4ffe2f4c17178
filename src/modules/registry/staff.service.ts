import { eq } from 'drizzle-orm';
import { onUserCreated, type UserSummary } from '../../platform/auth/users.service';
import type { RequestContext } from '../../platform/context';
import type { Executor, Tx } from '../../platform/db/database';
import { insertParty, type PartyRow } from './parties.service';
import { parties } from './registry.tables';

export async function staffParty(executor: Executor, userId: string): Promise<PartyRow | null> {
  const [party] = await executor.select().from(parties).where(eq(parties.userId, userId));
  return party ?? null;
}

/** Staff are parties too: every user account gets a person in the registry, in the same transaction. */
export async function ensureStaffParty(tx: Tx, ctx: RequestContext, user: Pick<UserSummary, 'id' | 'displayName' | 'username'>): Promise<PartyRow> {
  const existing = await staffParty(tx, user.id);
  if (existing) return existing;
  const aliases = user.username.includes('.') ? [{ name: user.username.replace('.', ' '), nameType: 'alias' as const, language: 'pinyin' as const }] : [];
  return insertParty(tx, ctx, { kind: 'person', name: user.displayName, aliases, source: 'seed', userId: user.id, acknowledgeSimilar: true });
}

export function installStaffParties(): void {
  onUserCreated(async (tx, ctx, user) => {
    await ensureStaffParty(tx, ctx, user);
  });
}
