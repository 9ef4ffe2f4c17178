// Accountability (seed 九.3, 十八 责任追究): violations found in a case and the sanctions decided for
// them, carried out or waived. The rules — what a finding and a sanction need, who decides what, the
// union notice before a dismissal — are core src/core/cases/accountability; this file reads and writes
// with an audit entry in the same transaction. A violation of a case naming a client hidden from the
// caller does not exist for them.
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import {
  allowedSanctionEvents,
  checkSanction,
  checkViolation,
  mayAct,
  sanctionDaysOverdue,
  sanctionTransition,
  violationStatus,
  type AccountabilityAction,
  type SanctionEvent,
  type SanctionIssue,
  type SanctionRefusal,
  type ViolationIssue,
} from '../../core/cases/accountability';
import { isCalendarDate } from '../../core/cases/dates';
import { activeCodes, labelOf, type Locale, type Taxonomy } from '../../core/cases/taxonomy';
import { appendAudit } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors';
import { notify } from '../notifications/notifications.service';
import { ensureCaseVisible, visibleCase } from './case-scope';
import { currentTaxonomy, readableCase, record } from './cases.service';
import { conflictCases, conflictCaseSanctions, conflictCaseViolations } from './cases.tables';
import type { CompleteSanctionInput, NewSanctionInput, NewViolationInput, ViolationListQuery, WaiveSanctionInput } from './accountability.types';

type ViolationRow = typeof conflictCaseViolations.$inferSelect;
type SanctionRow = typeof conflictCaseSanctions.$inferSelect;
const NO_USER = '00000000-0000-0000-0000-000000000000';

const me = (ctx: RequestContext) => ctx.principal?.userId ?? NO_USER;
const rolesOf = (ctx: RequestContext) => ctx.principal?.roles ?? [];
const readsAll = (ctx: RequestContext) => ctx.principal?.permissions.includes('cases.read_all') ?? false;

/**
 * Readers of every case and the person found against read a violation; so do those who decide on it
 * without reading every case: a director (dismissal, after a serious finding) and finance (a pay
 * consequence to apply in payroll).
 */
function mayRead(ctx: RequestContext, violation: ViolationRow, sanctions: readonly SanctionRow[]): boolean {
  if (readsAll(ctx) || violation.personId === me(ctx)) return true;
  const may = (action: AccountabilityAction, kind: string) => mayAct(rolesOf(ctx), action, { kind, isSubject: false });
  return (violation.serious && may('decide_sanction', 'dismissal')) || sanctions.some((s) => s.kind === 'pay_consequence' && may('complete_sanction', s.kind));
}

async function loadViolation(executor: Executor, ctx: RequestContext, id: string, lock = false): Promise<{ violation: ViolationRow; sanctions: SanctionRow[] }> {
  const query = executor.select().from(conflictCaseViolations).where(eq(conflictCaseViolations.id, id));
  const [violation] = lock ? await query.for('update') : await query;
  if (!violation) throw NotFound('VIOLATION_NOT_FOUND');
  const sanctions = await executor.select().from(conflictCaseSanctions).where(eq(conflictCaseSanctions.violationId, id)).orderBy(asc(conflictCaseSanctions.createdAt));
  if (!mayRead(ctx, violation, sanctions)) throw NotFound('VIOLATION_NOT_FOUND');
  await ensureCaseVisible(executor, ctx, violation.caseId, 'VIOLATION_NOT_FOUND');
  return { violation, sanctions };
}

function requireAct(ctx: RequestContext, action: AccountabilityAction, personId: string, kind?: string): void {
  if (!mayAct(rolesOf(ctx), action, { isSubject: personId === me(ctx), ...(kind !== undefined ? { kind } : {}) })) throw Forbidden('ACCOUNTABILITY_FORBIDDEN', { action });
}

/**
 * A line on the case timeline. Its readers include the reporter, so it names only the records: who was
 * found against, the finding and the sanction stay with those who may read the violation.
 */
const onTimeline = (tx: Tx, ctx: RequestContext, caseRow: { id: string; ref: string }, kind: string, details: Record<string, string>) => record(tx, ctx, caseRow, { kind, details });

const caseRef = async (executor: Executor, caseId: string) => (await executor.select({ ref: conflictCases.ref }).from(conflictCases).where(eq(conflictCases.id, caseId)))[0]?.ref ?? '';

const violationPath: Record<ViolationIssue, string> = { PERSON_REQUIRED: 'personId', RULE_REQUIRED: 'rule', FINDING_REQUIRED: 'finding', INVALID_DATE: 'foundOn', FOUND_IN_FUTURE: 'foundOn' };

export async function recordViolation(db: Db, ctx: RequestContext, input: NewViolationInput, today: string = chinaToday()): Promise<string> {
  requireAct(ctx, 'record_violation', input.personId);
  const found = await readableCase(db, ctx, input.caseId);
  const issues = checkViolation({ personId: input.personId, rule: input.rule, finding: input.finding, foundOn: input.foundOn, serious: input.serious, caseId: input.caseId }, today);
  if (issues.length > 0) throw Invalid('VIOLATION_INVALID', {}, issues.map((issue) => ({ path: violationPath[issue], message: issue })));
  return inTransaction(db, async (tx) => {
    const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.personId));
    if (!person) throw Invalid('UNKNOWN_USER', {}, [{ path: 'personId', message: 'UNKNOWN_USER' }]);
    const [row] = await tx.insert(conflictCaseViolations).values({ ...input, recordedBy: me(ctx) }).returning();
    await appendAudit(tx, ctx, { action: 'conflict_case.violation.record', entityType: 'conflict_case_violation', entityId: row!.id, after: { ...row!, caseRef: found.ref } });
    await onTimeline(tx, ctx, found, 'violation_recorded', { violationId: row!.id });
    await notify(tx, ctx, [{ userId: input.personId, kind: 'violation.recorded', params: { ref: found.ref }, entityType: 'conflict_case_violation', entityId: row!.id }]);
    return row!.id;
  });
}

const sanctionPath: Record<SanctionIssue, string> = {
  UNKNOWN_SANCTION: 'kind',
  FINDING_REQUIRED: 'kind',
  SERIOUS_VIOLATION_REQUIRED: 'kind',
  DUE_DATE_REQUIRED: 'dueOn',
  INVALID_DATE: 'dueOn',
  DUE_BEFORE_DECIDED: 'dueOn',
  AMOUNT_REQUIRED: 'amount',
  INVALID_AMOUNT: 'amount',
  DESCRIPTION_REQUIRED: 'description',
};

export async function decideSanction(db: Db, ctx: RequestContext, violationId: string, input: NewSanctionInput, today: string = chinaToday()): Promise<void> {
  const { taxonomy } = await currentTaxonomy(db);
  await inTransaction(db, async (tx) => {
    const { violation } = await loadViolation(tx, ctx, violationId, true);
    requireAct(ctx, 'decide_sanction', violation.personId, input.kind);
    if (!input.comment) throw Invalid('SANCTION_INVALID', {}, [{ path: 'comment', message: 'COMMENT_REQUIRED' }]);
    const sanction = {
      kind: input.kind,
      decidedOn: today,
      ...(input.dueOn ? { dueOn: input.dueOn } : {}),
      ...(input.amount ? { amount: input.amount } : {}),
      ...(input.description ? { description: input.description } : {}),
    };
    const issues = checkSanction(sanction, violation, { sanctionKinds: activeCodes(taxonomy, 'sanctionKinds') });
    if (issues.length > 0) throw Invalid('SANCTION_INVALID', {}, issues.map((issue) => ({ path: sanctionPath[issue], message: issue })));
    const [row] = await tx
      .insert(conflictCaseSanctions)
      .values({
        violationId: violation.id,
        kind: input.kind,
        description: input.description ?? null,
        decidedOn: today,
        dueOn: input.dueOn ?? null,
        amountMinor: input.amount?.amountMinor ?? null,
        currency: input.amount?.currency ?? null,
        decidedBy: me(ctx),
        decisionComment: input.comment,
      })
      .returning();
    await appendAudit(tx, ctx, { action: 'conflict_case.sanction.decide', entityType: 'conflict_case_violation', entityId: violation.id, after: { ...row!, caseId: violation.caseId, personId: violation.personId } });
    const caseRow = { id: violation.caseId, ref: await caseRef(tx, violation.caseId) };
    await onTimeline(tx, ctx, caseRow, 'sanction_decided', { violationId: violation.id, sanctionId: row!.id });
    await notify(tx, ctx, [{ userId: violation.personId, kind: 'sanction.decided', params: { ref: caseRow.ref, comment: input.comment }, entityType: 'conflict_case_violation', entityId: violation.id }]);
  });
}

const refusalPath: Record<Exclude<SanctionRefusal, 'ILLEGAL_TRANSITION'>, string> = {
  COMMENT_REQUIRED: 'comment',
  REASON_REQUIRED: 'reason',
  INVALID_DATE: 'completedOn',
  COMPLETED_BEFORE_DECIDED: 'completedOn',
  COMPLETED_IN_FUTURE: 'completedOn',
  UNION_NOTICE_REQUIRED: 'unionNotifiedOn',
  UNION_NOTICE_AFTER_DISMISSAL: 'unionNotifiedOn',
};

async function lockSanction(tx: Tx, ctx: RequestContext, violationId: string, sanctionId: string, version: number) {
  const { violation } = await loadViolation(tx, ctx, violationId);
  const [sanction] = await tx
    .select()
    .from(conflictCaseSanctions)
    .where(and(eq(conflictCaseSanctions.id, sanctionId), eq(conflictCaseSanctions.violationId, violation.id)))
    .for('update');
  if (!sanction) throw NotFound('SANCTION_NOT_FOUND');
  if (sanction.version !== version) throw Conflict('SANCTION_STALE', {}, { state: sanction.state, version: sanction.version });
  return { violation, sanction };
}

/** Records that a sanction was carried out, or waived; either settles it for good. */
export async function settleSanction(db: Db, ctx: RequestContext, violationId: string, sanctionId: string, input: ({ type: 'complete' } & CompleteSanctionInput) | ({ type: 'waive' } & WaiveSanctionInput), today: string = chinaToday()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { violation, sanction } = await lockSanction(tx, ctx, violationId, sanctionId, input.version);
    requireAct(ctx, input.type === 'complete' ? 'complete_sanction' : 'waive_sanction', violation.personId, sanction.kind);
    const event: SanctionEvent =
      input.type === 'complete'
        ? { type: 'complete', comment: input.comment, completedOn: input.completedOn, ...(input.unionNotifiedOn ? { unionNotifiedOn: input.unionNotifiedOn } : {}) }
        : { type: 'waive', comment: input.comment, reason: input.reason };
    const result = sanctionTransition(sanction.state, event, { kind: sanction.kind, decidedOn: sanction.decidedOn, today });
    if (!result.ok) {
      const facts = { state: sanction.state, version: sanction.version };
      if (result.code === 'ILLEGAL_TRANSITION') throw Conflict('SANCTION_ILLEGAL_MOVE', { state: sanction.state, event: input.type }, facts);
      // The completion day is checked before the union notice: a bad date is the notice's only once the day is good.
      const path = result.code === 'INVALID_DATE' && input.type === 'complete' && isCalendarDate(input.completedOn) ? 'unionNotifiedOn' : refusalPath[result.code];
      throw Invalid('SANCTION_INVALID', {}, [{ path, message: result.code }]);
    }
    const changes =
      event.type === 'complete'
        ? { settledOn: event.completedOn, unionNotifiedOn: event.unionNotifiedOn ?? null }
        : { settledOn: today, waiveReason: event.reason };
    const [saved] = await tx
      .update(conflictCaseSanctions)
      .set({ ...changes, state: result.state, settledBy: me(ctx), settleComment: input.comment, version: sanction.version + 1, updatedAt: new Date() })
      .where(eq(conflictCaseSanctions.id, sanction.id))
      .returning();
    await appendAudit(tx, ctx, {
      action: `conflict_case.sanction.${input.type}`,
      entityType: 'conflict_case_violation',
      entityId: violation.id,
      before: { sanctionId: sanction.id, state: sanction.state, version: sanction.version },
      after: { sanctionId: sanction.id, kind: sanction.kind, caseId: violation.caseId, personId: violation.personId, state: saved!.state, version: saved!.version, comment: input.comment, ...changes },
    });
    await onTimeline(tx, ctx, { id: violation.caseId, ref: await caseRef(tx, violation.caseId) }, `sanction_${saved!.state}`, { violationId: violation.id, sanctionId: sanction.id });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

async function present(executor: Executor, rows: ViolationRow[], taxonomy: Taxonomy, locale: Locale, today: string) {
  const ids = rows.map((r) => r.id);
  const sanctions = ids.length ? await executor.select().from(conflictCaseSanctions).where(inArray(conflictCaseSanctions.violationId, ids)).orderBy(asc(conflictCaseSanctions.createdAt)) : [];
  const people = [...new Set([...rows.flatMap((r) => [r.personId, r.recordedBy]), ...sanctions.flatMap((s) => [s.decidedBy, s.settledBy])].filter((id): id is string => id !== null))];
  const caseIds = [...new Set(rows.map((r) => r.caseId))];
  const [names, refs] = await Promise.all([
    people.length ? executor.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, people)) : [],
    caseIds.length ? executor.select({ id: conflictCases.id, ref: conflictCases.ref }).from(conflictCases).where(inArray(conflictCases.id, caseIds)) : [],
  ]);
  const nameOf = (id: string | null) => (id ? { id, displayName: names.find((n) => n.id === id)?.name ?? '' } : null);
  return rows.map((r) => {
    const own = sanctions.filter((s) => s.violationId === r.id);
    return {
      id: r.id,
      case: { id: r.caseId, ref: refs.find((c) => c.id === r.caseId)?.ref ?? '' },
      person: nameOf(r.personId)!,
      rule: r.rule,
      finding: r.finding,
      foundOn: r.foundOn,
      serious: r.serious,
      recordedBy: nameOf(r.recordedBy),
      createdAt: r.createdAt,
      status: violationStatus(own),
      sanctions: own.map((s) => ({
        id: s.id,
        kind: s.kind,
        kindLabel: labelOf(taxonomy, 'sanctionKinds', s.kind, locale),
        description: s.description,
        state: s.state,
        version: s.version,
        decidedOn: s.decidedOn,
        dueOn: s.dueOn,
        amount: s.amountMinor !== null && s.currency ? { amountMinor: s.amountMinor, currency: s.currency } : null,
        decidedBy: nameOf(s.decidedBy),
        decisionComment: s.decisionComment,
        settledOn: s.settledOn,
        settledBy: nameOf(s.settledBy),
        settleComment: s.settleComment,
        unionNotifiedOn: s.unionNotifiedOn,
        waiveReason: s.waiveReason,
        daysOverdue: sanctionDaysOverdue(today, { state: s.state, ...(s.dueOn ? { dueOn: s.dueOn } : {}) }),
        allowedEvents: allowedSanctionEvents(s.state),
      })),
    };
  });
}

export async function getViolation(db: Db, ctx: RequestContext, id: string, locale: Locale, today: string = chinaToday()) {
  const { violation } = await loadViolation(db, ctx, id);
  const { taxonomy } = await currentTaxonomy(db);
  return (await present(db, [violation], taxonomy, locale, today))[0]!;
}

export async function listViolations(db: Db, ctx: RequestContext, query: ViolationListQuery, locale: Locale, today: string = chinaToday()) {
  if (query.scope === 'all' && !readsAll(ctx)) throw Forbidden('FORBIDDEN', { permission: 'cases.read_all' });
  const filters: (SQL | undefined)[] = [
    query.scope === 'mine' ? eq(conflictCaseViolations.personId, me(ctx)) : undefined,
    visibleCase(ctx, conflictCaseViolations.caseId),
    query.caseId ? eq(conflictCaseViolations.caseId, query.caseId) : undefined,
    query.personId ? eq(conflictCaseViolations.personId, query.personId) : undefined,
  ];
  const where = and(...filters);
  const [{ taxonomy }, rows, [total]] = await Promise.all([
    currentTaxonomy(db),
    db
      .select()
      .from(conflictCaseViolations)
      .where(where)
      .orderBy(desc(conflictCaseViolations.foundOn), desc(conflictCaseViolations.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(conflictCaseViolations).where(where),
  ]);
  return { items: await present(db, rows, taxonomy, locale, today), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
