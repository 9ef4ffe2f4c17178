// What a case names decides who may see what hangs off it (disclosures linked to it, violations found
// in it): a caller kept out of any client the case names — a client subject, or a party subject that is
// a hidden client — sees neither the case nor those records.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { ensureClientVisible, ensurePartyVisible, hasRestrictions, hiddenClientsArray, hiddenPartiesArray, loadClientScope, type ClientScope } from '../../platform/access/client-scope';
import type { RequestContext } from '../../platform/context';
import type { Executor } from '../../platform/db/database';
import type { MessageCode } from '../../platform/i18n/messages';
import { conflictCaseSubjects } from './cases.tables';

/** A condition keeping out rows whose case (the column; null stays) names a hidden client; undefined when nothing is hidden. */
export function visibleCase(ctx: RequestContext, caseIdColumn: AnyPgColumn | SQL): SQL | undefined {
  const clients = hiddenClientsArray(ctx);
  if (!clients) return undefined;
  const parties = hiddenPartiesArray(ctx) ?? sql`'{}'::uuid[]`;
  return sql`not exists (select 1 from ${conflictCaseSubjects} where ${conflictCaseSubjects.caseId} = ${caseIdColumn} and (${conflictCaseSubjects.clientId} = any(${clients}) or ${conflictCaseSubjects.partyId} = any(${parties})))`;
}

/** The clients and parties a case names. */
export async function caseNames(executor: Executor, caseId: string): Promise<Names> {
  const subjects = await executor.select({ clientId: conflictCaseSubjects.clientId, partyId: conflictCaseSubjects.partyId }).from(conflictCaseSubjects).where(eq(conflictCaseSubjects.caseId, caseId));
  return { clientIds: subjects.flatMap((s) => (s.clientId ? [s.clientId] : [])), partyIds: subjects.flatMap((s) => (s.partyId ? [s.partyId] : [])) };
}

export interface Names {
  clientIds: readonly string[];
  partyIds: readonly string[];
}

/** Refuses, as `missing`, a record of a case naming a client hidden from the caller (and notes the attempt). */
export async function ensureCaseVisible(executor: Executor, ctx: RequestContext, caseId: string | null, missing: MessageCode): Promise<void> {
  if (!caseId || !hasRestrictions(ctx)) return;
  const { clientIds, partyIds } = await caseNames(executor, caseId);
  ensureClientVisible(ctx, clientIds, missing);
  ensurePartyVisible(ctx, partyIds, missing);
}

/**
 * The users among `userIds` whom no recusal or barrier keeps out of what is named: a message about a
 * record tells of it, so it goes only to those who could read it. `scopes` caches each user's
 * restrictions across the calls of one job run.
 */
export async function notKeptOut(executor: Executor, userIds: readonly string[], names: Names, scopes: Map<string, ClientScope>): Promise<string[]> {
  const allowed: string[] = [];
  for (const userId of new Set(userIds)) {
    let scope = scopes.get(userId);
    if (!scope) scopes.set(userId, (scope = await loadClientScope(executor, userId)));
    if (!names.clientIds.some((id) => scope.hiddenClients.has(id)) && !names.partyIds.some((id) => scope.hiddenParties.has(id))) allowed.push(userId);
  }
  return allowed;
}
