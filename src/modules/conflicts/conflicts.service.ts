import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { pathText, reasonParams, reasonText, relationshipLabel } from '../../core/conflicts/explain';
import { ensurePartyVisible, hasRestrictions, isPartyHidden, noteRefusal, registerClientRecords, visibleText } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, queryRows, type Db, type Executor } from '../../platform/db/database';
import { Forbidden, NotFound } from '../../platform/errors';
import type { Locale } from '../../platform/i18n/messages';
import { conflictChecks, conflictSettings } from './conflicts.tables';
import type { ConflictCheckInput, ConflictSettings } from './conflicts.types';
import type { PartyIndex } from './party-index';
import { levelOf, overallLevel, screen, suggest, type SavedHit, type SavedSubjectResult } from './screening';

export async function getSettings(executor: Executor): Promise<ConflictSettings> {
  const [row] = await executor.select().from(conflictSettings).where(eq(conflictSettings.id, 'firm'));
  return { defaultMode: row?.defaultMode ?? 'fuzzy', defaultHops: row?.defaultHops ?? 2, minScore: row?.minScore ?? 0.5 };
}

export async function updateSettings(db: Db, ctx: RequestContext, next: ConflictSettings): Promise<ConflictSettings> {
  return inTransaction(db, async (tx) => {
    const before = await getSettings(tx);
    await tx
      .insert(conflictSettings)
      .values({ id: 'firm', ...next, updatedBy: ctx.principal?.userId ?? null, updatedAt: new Date() })
      .onConflictDoUpdate({ target: conflictSettings.id, set: { ...next, updatedBy: ctx.principal?.userId ?? null, updatedAt: new Date() } });
    await appendAudit(tx, ctx, { action: 'conflict.settings.update', entityType: 'conflict_settings', entityId: 'firm', before, after: next });
    return getSettings(tx);
  });
}

/** A saved hit in the reader's language. */
function presentHit(hit: SavedHit, locale: Locale) {
  return {
    ...hit,
    reasons: hit.reasons.map((reason) => ({ code: reason.code, params: reasonParams(reason), text: reasonText(reason, locale) })),
    paths: hit.paths.map((path) => ({
      ...path,
      steps: path.steps.map((step) => ({ ...step, label: relationshipLabel(step.type, locale) })),
      text: pathText({ startName: hit.party.name, target: path.target, steps: path.steps.map((s) => ({ type: s.type, reversed: s.reversed, name: s.party.name })) }, locale),
    })),
  };
}

const presentResults = (results: SavedSubjectResult[], locale: Locale) => results.map((r) => ({ ...r, hits: r.hits.map((hit) => presentHit(hit, locale)) }));

/**
 * A check is saved as it ran, whoever ran it; a reader kept out of clients sees it without them: a hit
 * on such a client is left out, and so is every path through one (the rest of the hit, a visible
 * party, stays). Levels and counts follow what is shown. `note` logs each left-out hit or path as a
 * refused attempt: when the check is run or opened, not when it is merely listed.
 */
function visibleResults(ctx: RequestContext, results: SavedSubjectResult[], note: boolean): SavedSubjectResult[] {
  const refused = (partyId: string) => {
    if (!isPartyHidden(ctx, partyId)) return false;
    if (note) noteRefusal(ctx, ctx.clientScope!.hiddenParties.get(partyId)!);
    return true;
  };
  return results.map((result) => {
    const hits = result.hits.flatMap((hit): SavedHit[] => {
      if (refused(hit.party.id)) return [];
      // Every hidden step is noted, not only the first.
      return [{ ...hit, paths: hit.paths.filter((path) => path.steps.filter((step) => refused(step.party.id)).length === 0) }];
    });
    return { ...result, level: levelOf(hits), hits };
  });
}

/** The verdict and count of what the reader is shown (for an unrestricted reader, as saved). */
const shownTotals = (results: SavedSubjectResult[]) => ({ level: overallLevel(results), hitCount: results.reduce((sum, r) => sum + r.hits.length, 0) });

const checkColumns = {
  id: conflictChecks.id,
  ref: conflictChecks.ref,
  checkedAt: conflictChecks.checkedAt,
  mode: conflictChecks.mode,
  hops: conflictChecks.hops,
  purpose: conflictChecks.purpose,
  level: conflictChecks.level,
  hitCount: conflictChecks.hitCount,
  indexSize: conflictChecks.indexSize,
  tookMs: conflictChecks.tookMs,
  subjectNames: conflictChecks.subjectNames,
  checkedById: conflictChecks.checkedBy,
  username: users.username,
  displayName: users.displayName,
};
/** Saved checks with who ran them; the results only where needed (a single read, a restricted reader's list). */
const checksQuery = (executor: Executor, withResults: boolean) =>
  executor
    .select({ ...checkColumns, results: withResults ? conflictChecks.results : sql<unknown>`null` })
    .from(conflictChecks)
    .leftJoin(users, eq(users.id, conflictChecks.checkedBy));
type CheckRow = Omit<Awaited<ReturnType<typeof checksQuery>>[number], 'results'>;

const SUBJECT_SEPARATOR = '\n';

function summary({ subjectNames, checkedById, username, displayName, ...check }: CheckRow) {
  return {
    ...check,
    checkedBy: checkedById ? { id: checkedById, username: username ?? '', displayName: displayName ?? '' } : null,
    subjects: subjectNames.split(SUBJECT_SEPARATOR),
  };
}

/** Runs a check and saves it with everything it found, in one transaction with its audit entry. */
export async function runCheck(db: Db, index: PartyIndex, ctx: RequestContext, input: ConflictCheckInput, locale: Locale) {
  const started = performance.now();
  const settings = await getSettings(db);
  const options = { mode: input.mode ?? settings.defaultMode, hops: input.hops ?? settings.defaultHops, minScore: settings.minScore };
  await index.current();
  const results = await screen(db, index, input.subjects, options);
  const level = overallLevel(results);
  const hitCount = results.reduce((sum, r) => sum + r.hits.length, 0);
  const tookMs = Math.round(performance.now() - started);
  const id = await inTransaction(db, async (tx) => {
    const [{ n }] = (await queryRows<{ n: string }>(tx, sql`select nextval('conflict_check_ref_seq')::text as n`)) as [{ n: string }];
    const ref = `CC-${new Date().getFullYear()}-${n.padStart(6, '0')}`;
    const [row] = await tx
      .insert(conflictChecks)
      .values({
        ref,
        checkedBy: ctx.principal?.userId ?? null,
        mode: options.mode,
        hops: options.hops,
        purpose: input.purpose ?? null,
        level,
        hitCount,
        results,
        subjectNames: input.subjects.map((s) => s.name).join(SUBJECT_SEPARATOR),
        indexSize: index.size,
        tookMs,
      })
      .returning({ id: conflictChecks.id });
    await appendAudit(tx, ctx, {
      action: 'conflict.check',
      entityType: 'conflict_check',
      entityId: row!.id,
      after: { ref, subjects: input.subjects.map((s) => s.name), mode: options.mode, hops: options.hops, level, hitCount },
    });
    return row!.id;
  });
  return getCheck(db, ctx, id, locale);
}

/** The parties a saved check found, hits and path steps alike, as they appear in its stored results. */
const partiesFound = (results: SavedSubjectResult[]) => results.flatMap((r) => r.hits.flatMap((hit) => [hit.party.id, ...hit.paths.flatMap((path) => path.steps.map((step) => step.party.id))]));

/**
 * Someone else's check that found a client hidden from the reader is itself hidden: even with its hits
 * taken out, its subjects and purpose say someone is looking at that client. The reader's own checks stay.
 */
const othersCheckVisible = (ctx: RequestContext): SQL | undefined => {
  const clean = visibleText(ctx, sql`${conflictChecks.results}::text`);
  return clean && or(eq(conflictChecks.checkedBy, ctx.principal?.userId ?? NO_ONE), clean);
};
const NO_ONE = '00000000-0000-0000-0000-000000000000';

/** Audit entries of a check belong to the clients it found. */
export function installConflictClientRecords(): void {
  registerClientRecords('conflict_check', (_clients, parties) => sql`select ${conflictChecks.id}::text from ${conflictChecks} where ${conflictChecks.results}::text ~ array_to_string(${parties}, '|')`);
}

const canReadAll = (ctx: RequestContext) => ctx.principal?.permissions.includes('conflicts.history') ?? false;

export async function getCheck(db: Db, ctx: RequestContext, id: string, locale: Locale) {
  const [found] = await checksQuery(db, true).where(eq(conflictChecks.id, id));
  // Someone else's check is as good as absent to a reader without the history permission.
  if (!found || (found.checkedById !== ctx.principal?.userId && !canReadAll(ctx))) throw NotFound('CONFLICT_CHECK_NOT_FOUND');
  const { results: saved, ...row } = found;
  if (found.checkedById !== ctx.principal?.userId) ensurePartyVisible(ctx, partiesFound(saved as SavedSubjectResult[]), 'CONFLICT_CHECK_NOT_FOUND');
  if (!hasRestrictions(ctx)) return { ...summary(row), results: presentResults(saved as SavedSubjectResult[], locale) };
  const results = visibleResults(ctx, saved as SavedSubjectResult[], true);
  return { ...summary({ ...row, ...shownTotals(results) }), results: presentResults(results, locale) };
}

export async function listChecks(db: Db, ctx: RequestContext, query: { scope: 'mine' | 'all'; q?: string; page: number; pageSize: number }) {
  const canCheck = ctx.principal?.permissions.includes('conflicts.check') ?? false;
  if (!canReadAll(ctx) && (query.scope === 'all' || !canCheck)) throw Forbidden('FORBIDDEN', { permission: query.scope === 'all' ? 'conflicts.history' : 'conflicts.check' });
  const filters: (SQL | undefined)[] = [query.scope === 'mine' ? eq(conflictChecks.checkedBy, ctx.principal?.userId ?? NO_ONE) : othersCheckVisible(ctx)];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(conflictChecks.subjectNames, like), ilike(conflictChecks.ref, like), ilike(conflictChecks.purpose, like)));
  }
  const where = and(...filters);
  const restricted = hasRestrictions(ctx);
  const [rows, [total]] = await Promise.all([
    checksQuery(db, restricted)
      .where(where)
      .orderBy(desc(conflictChecks.checkedAt), desc(conflictChecks.ref))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(conflictChecks).where(where),
  ]);
  const shown = ({ results, ...row }: (typeof rows)[number]): CheckRow =>
    restricted ? { ...row, ...shownTotals(visibleResults(ctx, results as SavedSubjectResult[], false)) } : row;
  return { items: rows.map((row) => summary(shown(row))), total: total?.n ?? 0 };
}

/**
 * The type-ahead: names only, not saved. Clients hidden from the caller are not offered (asked for as
 * many more as could be left out); a keystroke is not logged as an attempt, the check itself is.
 */
export async function suggestions(db: Db, index: PartyIndex, ctx: RequestContext, query: { name: string; kind?: 'person' | 'org'; mode?: 'fuzzy' | 'exact'; top: number }, locale: Locale) {
  const settings = await getSettings(db);
  await index.current();
  const top = query.top + (ctx.clientScope?.hiddenParties.size ?? 0);
  const found = await suggest(db, index, { name: query.name, kind: query.kind }, { mode: query.mode ?? settings.defaultMode, minScore: settings.minScore, top });
  const hits = found.filter((hit) => !isPartyHidden(ctx, hit.party.id)).slice(0, query.top);
  return { hits: hits.map((hit) => presentHit({ ...hit, paths: [] }, locale)).map(({ paths: _paths, ...hit }) => hit), indexSize: index.size };
}
