// Alerts as compliance and auditors read and triage them: lists, one alert with its sentence and
// history, the moves new → reviewing → dismissed / escalated (a conflict case), and the dashboard.
import { and, asc, count, desc, eq, inArray, max, sql, type SQL } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import { dayNumber } from '../../core/cases/dates';
import type { AlertReason, AlertRequestFact, AlertSubject } from '../../core/monitoring/alerts';
import { explainAlert, ruleLabels } from '../../core/monitoring/explain';
import { ruleKinds, severityOf, type RuleKind } from '../../core/monitoring/rules';
import { ageBucketOf, ageBuckets, allowedMoves, isOpen, nextAlertState, type AlertMove } from '../../core/monitoring/triage';
import { hiddenPartiesArray, registerClientRecords, visibleClientArray, ensureClientVisible, ensurePartyVisible } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, NotFound } from '../../platform/errors';
import type { Locale } from '../../platform/i18n/messages';
import { openCase } from '../cases/cases.service';
import { conflictCases } from '../cases/cases.tables';
import { nameBook, requestView, type NameBook } from './alert-names';
import { alertHistory, alerts, monitoringCursor } from './monitoring.tables';
import type { AlertListQuery, EscalateInput } from './monitoring.types';

type AlertRow = typeof alerts.$inferSelect;

/** Audit entries about an alert belong to every client and party its facts name. */
export function installAlertClientRecords(): void {
  registerClientRecords('alert', (clients, parties) => sql`select ${alerts.id}::text from ${alerts} where ${alerts.clientIds} && ${clients} or ${alerts.partyIds} && ${parties}`);
}

/** Alerts naming no client or party the caller is kept out of. */
function visibleAlerts(ctx: RequestContext): SQL | undefined {
  const parties = hiddenPartiesArray(ctx);
  const clients = visibleClientArray(ctx, alerts.clientIds);
  return parties ? and(clients, sql`not (${alerts.partyIds} && ${parties})`) : clients;
}

const partsOf = (row: AlertRow) => ({ subject: subjectOf(row), requests: row.requests as AlertRequestFact[], reason: row.reason as AlertReason, assigneeId: row.assigneeId });
const subjectOf = (row: AlertRow): AlertSubject => ({ clientId: row.clientId, recipientId: row.recipientPartyId, userId: row.userId, departmentId: row.departmentId });

function toDto(row: AlertRow, names: NameBook, locale: Locale, caseRef: Map<string, string>, today = chinaToday()) {
  const parts = partsOf(row);
  return {
    id: row.id,
    ref: row.ref,
    rule: row.rule as RuleKind,
    ruleLabel: ruleLabels[row.rule as RuleKind]?.[locale] ?? row.rule,
    ruleVersion: row.ruleVersion,
    state: row.state,
    version: row.version,
    score: row.score,
    severity: severityOf(row.score),
    explanation: explainAlert(parts, names, locale),
    client: names.clientRef(row.clientId),
    recipient: names.partyRef(row.recipientPartyId),
    user: names.userRef(row.userId),
    department: names.departmentRef(row.departmentId),
    requests: parts.requests.map((r) => requestView(r, names)),
    reason: parts.reason as unknown as Record<string, unknown>,
    hits: row.hits,
    assignee: names.userRef(row.assigneeId),
    case: row.caseId ? { id: row.caseId, ref: caseRef.get(row.caseId) ?? '' } : null,
    dismissReason: row.dismissReason,
    ageDays: Math.max(0, dayNumber(row.closedAt ? chinaToday(row.closedAt) : today) - dayNumber(chinaToday(row.createdAt))),
    allowedActions: allowedMoves(row.state),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}
export type AlertDto = ReturnType<typeof toDto>;

async function caseRefs(executor: Executor, rows: readonly AlertRow[]): Promise<Map<string, string>> {
  const ids = rows.map((r) => r.caseId).filter((id): id is string => !!id);
  if (!ids.length) return new Map();
  const found = await executor.select({ id: conflictCases.id, ref: conflictCases.ref }).from(conflictCases).where(inArray(conflictCases.id, ids));
  return new Map(found.map((c) => [c.id, c.ref]));
}

async function dtos(executor: Executor, rows: AlertRow[], locale: Locale): Promise<AlertDto[]> {
  const names = await nameBook(executor, rows.map(partsOf), locale);
  const cases = await caseRefs(executor, rows);
  return rows.map((row) => toDto(row, names, locale, cases));
}

const severityCondition = (severity: 'high' | 'medium' | 'low') =>
  severity === 'high' ? sql`${alerts.score} >= 70` : severity === 'medium' ? sql`${alerts.score} >= 40 and ${alerts.score} < 70` : sql`${alerts.score} < 40`;

export async function listAlerts(db: Db, ctx: RequestContext, query: AlertListQuery, locale: Locale) {
  const where = and(
    visibleAlerts(ctx),
    query.state === 'open' ? inArray(alerts.state, ['new', 'reviewing']) : query.state ? eq(alerts.state, query.state) : undefined,
    query.rule ? eq(alerts.rule, query.rule) : undefined,
    query.severity ? severityCondition(query.severity) : undefined,
    query.clientId ? sql`${query.clientId}::uuid = any(${alerts.clientIds})` : undefined,
    query.requestId ? sql`${query.requestId}::uuid = any(${alerts.requestIds})` : undefined,
    query.mine ? eq(alerts.assigneeId, ctx.principal!.userId) : undefined,
  );
  // The page and the total in one read; only a page past the end needs the total counted apart.
  const found = await db
    .select({ alert: alerts, total: sql<string>`count(*) over ()::text` })
    .from(alerts)
    .where(where)
    .orderBy(sql`case when ${alerts.state} in ('new', 'reviewing') then 0 else 1 end`, desc(alerts.score), desc(alerts.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = found.length > 0 ? Number(found[0]!.total) : query.page === 1 ? 0 : (await db.select({ n: count() }).from(alerts).where(where))[0]!.n;
  return { items: await dtos(db, found.map((r) => r.alert), locale), total, page: query.page, pageSize: query.pageSize };
}

/** One alert, if the caller may see it: an alert naming a hidden client is as missing as an absent one. */
async function readableAlert(executor: Executor, ctx: RequestContext, id: string, lock = false): Promise<AlertRow> {
  const query = executor.select().from(alerts).where(eq(alerts.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw NotFound('ALERT_NOT_FOUND');
  ensureClientVisible(ctx, row.clientIds, 'ALERT_NOT_FOUND');
  ensurePartyVisible(ctx, row.partyIds, 'ALERT_NOT_FOUND');
  return row;
}

export async function getAlert(db: Db, ctx: RequestContext, id: string, locale: Locale) {
  const row = await readableAlert(db, ctx, id);
  const [dto] = await dtos(db, [row], locale);
  const history = await db
    .select({ kind: alertHistory.kind, at: alertHistory.at, comment: alertHistory.comment, evidence: alertHistory.evidence, actorId: users.id, actorName: users.displayName })
    .from(alertHistory)
    .leftJoin(users, eq(users.id, alertHistory.actorId))
    .where(eq(alertHistory.alertId, id))
    .orderBy(asc(alertHistory.at));
  return { ...dto!, history: history.map((h) => ({ kind: h.kind, at: h.at, comment: h.comment, evidence: h.evidence, actor: h.actorId ? { id: h.actorId, displayName: h.actorName ?? '' } : null })) };
}

/** Takes a triage move on the locked alert, checking the version and the state; writes history and audit. */
async function move(tx: Tx, ctx: RequestContext, row: AlertRow, how: AlertMove, version: number, changes: Partial<AlertRow>, comment: string | null, evidence?: unknown): Promise<void> {
  if (row.version !== version) throw Conflict('ALERT_STALE', { ref: row.ref }, { state: row.state, version: row.version });
  const to = nextAlertState(row.state, how);
  if (!to) throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: how }, { state: row.state, version: row.version });
  const closing = !isOpen(to);
  await tx
    .update(alerts)
    .set({ ...changes, state: to, version: row.version + 1, updatedAt: new Date(), ...(closing ? { closedAt: new Date() } : {}) })
    .where(eq(alerts.id, row.id));
  const kind = { review: 'reviewing', dismiss: 'dismissed', escalate: 'escalated' }[how];
  await tx.insert(alertHistory).values({ alertId: row.id, kind, actorId: ctx.principal?.userId ?? null, comment, evidence: evidence ?? null });
  await appendAudit(tx, ctx, { action: `monitoring.alert.${how}`, entityType: 'alert', entityId: row.id, before: { state: row.state }, after: { ref: row.ref, state: to, ...changes, ...(comment ? { comment } : {}) } });
}

export async function reviewAlert(db: Db, ctx: RequestContext, id: string, input: { version: number; comment?: string | null }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await readableAlert(tx, ctx, id, true);
    await move(tx, ctx, row, 'review', input.version, { assigneeId: ctx.principal!.userId }, input.comment ?? null);
  });
}

export async function dismissAlert(db: Db, ctx: RequestContext, id: string, input: { version: number; reason: string }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await readableAlert(tx, ctx, id, true);
    await move(tx, ctx, row, 'dismiss', input.version, { dismissReason: input.reason, assigneeId: row.assigneeId ?? ctx.principal!.userId }, input.reason);
  });
}

/** Opens a conflict case from the alert (source 'alert') and closes the alert into it, in one transaction. */
export async function escalateAlert(db: Db, ctx: RequestContext, id: string, input: EscalateInput, locale: Locale): Promise<string> {
  return inTransaction(db, async (tx) => {
    const row = await readableAlert(tx, ctx, id, true);
    if (!nextAlertState(row.state, 'escalate')) throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: 'escalate' }, { state: row.state, version: row.version });
    if (row.version !== input.version) throw Conflict('ALERT_STALE', { ref: row.ref }, { state: row.state, version: row.version });
    const [dto] = await dtos(tx, [row], locale);
    const staffIds = [...new Set([row.userId, ...(row.requests as AlertRequestFact[]).map((r) => r.requesterId)].filter((v): v is string => !!v))].slice(0, 50);
    // openCase opens its own transaction; given this one, it nests (a savepoint), so both commit together.
    const caseId = await openCase(
      tx as unknown as Db,
      ctx,
      {
        source: 'alert',
        alertId: row.id,
        title: input.title ?? `${dto!.ruleLabel}：${dto!.client?.name ?? dto!.recipient?.name ?? dto!.user?.displayName ?? row.ref}`.slice(0, 200),
        description: input.description ?? `${row.ref} ${dto!.explanation}`,
        kind: input.kind ?? (row.userId ? 'staff_client' : 'client_firm'),
        subjectMatters: input.subjectMatters ?? ['other'],
        severity: input.severity ?? dto!.severity,
        clientIds: row.clientIds.slice(0, 50),
        partyIds: [],
        staffIds,
      },
      locale,
    );
    await move(tx, ctx, row, 'escalate', input.version, { caseId, assigneeId: row.assigneeId ?? ctx.principal!.userId }, input.comment ?? null, { caseId });
    return caseId;
  });
}

export async function alertDashboard(db: Db, ctx: RequestContext, locale: Locale) {
  const visible = visibleAlerts(ctx);
  const open = await db
    .select({ score: alerts.score, createdAt: alerts.createdAt })
    .from(alerts)
    .where(and(visible, inArray(alerts.state, ['new', 'reviewing'])));
  const today = dayNumber(chinaToday());
  const severities = ['high', 'medium', 'low'] as const;
  const bySeverity = severities.map((severity) => ({ severity, buckets: Object.fromEntries(ageBuckets.map((b) => [b.key, 0])) as Record<string, number>, total: 0 }));
  let oldest: number | null = null;
  for (const alert of open) {
    const age = Math.max(0, today - dayNumber(chinaToday(alert.createdAt)));
    const row = bySeverity.find((s) => s.severity === severityOf(alert.score))!;
    row.buckets[ageBucketOf(age)]! += 1;
    row.total += 1;
    oldest = Math.max(oldest ?? 0, age);
  }
  const perRule = await db
    .select({ rule: alerts.rule, total: count(), open: sql<number>`count(*) filter (where ${alerts.state} in ('new', 'reviewing'))::int` })
    .from(alerts)
    .where(visible)
    .groupBy(alerts.rule);
  const [cursor] = await db.select({ at: max(monitoringCursor.updatedAt) }).from(monitoringCursor);
  return {
    open: open.length,
    bySeverity,
    byRule: ruleKinds.map((rule) => {
      const found = perRule.find((r) => r.rule === rule);
      return { rule, label: ruleLabels[rule][locale], open: found?.open ?? 0, total: found?.total ?? 0 };
    }),
    oldestOpenDays: oldest,
    lastJudgedAt: cursor?.at ?? null,
  };
}

