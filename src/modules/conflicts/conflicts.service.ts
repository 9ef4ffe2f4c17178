import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { pathText, reasonParams, reasonText, relationshipLabel } from '../../core/conflicts/explain';
import { appendAudit } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, queryRows, type Db, type Executor } from '../../platform/db/database';
import { Forbidden, NotFound } from '../../platform/errors';
import type { Locale } from '../../platform/i18n/messages';
import { conflictChecks, conflictSettings } from './conflicts.tables';
import type { ConflictCheckInput, ConflictSettings } from './conflicts.types';
import type { PartyIndex } from './party-index';
import { overallLevel, screen, suggest, type SavedHit, type SavedSubjectResult } from './screening';

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
/** Saved checks with who ran them: the summary columns for lists, with the results for a single read. */
const checksQuery = (executor: Executor) => executor.select(checkColumns).from(conflictChecks).leftJoin(users, eq(users.id, conflictChecks.checkedBy));
const checkQuery = (executor: Executor) =>
  executor.select({ ...checkColumns, results: conflictChecks.results }).from(conflictChecks).leftJoin(users, eq(users.id, conflictChecks.checkedBy));
type CheckRow = Awaited<ReturnType<typeof checksQuery>>[number];

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

const canReadAll = (ctx: RequestContext) => ctx.principal?.permissions.includes('conflicts.history') ?? false;

export async function getCheck(db: Db, ctx: RequestContext, id: string, locale: Locale) {
  const [found] = await checkQuery(db).where(eq(conflictChecks.id, id));
  // Someone else's check is as good as absent to a reader without the history permission.
  if (!found || (found.checkedById !== ctx.principal?.userId && !canReadAll(ctx))) throw NotFound('CONFLICT_CHECK_NOT_FOUND');
  const { results, ...row } = found;
  return { ...summary(row), results: presentResults(results as SavedSubjectResult[], locale) };
}

export async function listChecks(db: Db, ctx: RequestContext, query: { scope: 'mine' | 'all'; q?: string; page: number; pageSize: number }) {
  const canCheck = ctx.principal?.permissions.includes('conflicts.check') ?? false;
  if (!canReadAll(ctx) && (query.scope === 'all' || !canCheck)) throw Forbidden('FORBIDDEN', { permission: query.scope === 'all' ? 'conflicts.history' : 'conflicts.check' });
  const filters: (SQL | undefined)[] = [query.scope === 'mine' ? eq(conflictChecks.checkedBy, ctx.principal?.userId ?? '00000000-0000-0000-0000-000000000000') : undefined];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(conflictChecks.subjectNames, like), ilike(conflictChecks.ref, like), ilike(conflictChecks.purpose, like)));
  }
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    checksQuery(db)
      .where(where)
      .orderBy(desc(conflictChecks.checkedAt), desc(conflictChecks.ref))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(conflictChecks).where(where),
  ]);
  return { items: rows.map(summary), total: total?.n ?? 0 };
}

/** The type-ahead: names only, not saved. */
export async function suggestions(db: Db, index: PartyIndex, query: { name: string; kind?: 'person' | 'org'; mode?: 'fuzzy' | 'exact'; top: number }, locale: Locale) {
  const settings = await getSettings(db);
  await index.current();
  const hits = await suggest(db, index, { name: query.name, kind: query.kind }, { mode: query.mode ?? settings.defaultMode, minScore: settings.minScore, top: query.top });
  return { hits: hits.map((hit) => presentHit({ ...hit, paths: [] }, locale)).map(({ paths: _paths, ...hit }) => hit), indexSize: index.size };
}
