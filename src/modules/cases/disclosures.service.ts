// Staff disclosures of interests and compliance's decisions on them (seed 六、七): no conflict, cleared
// with conditions until a date, or rejected. The rules are core checkDisclosureDecision; this file
// stores the decision in force and every decision made, under a row lock and a version, with an audit
// entry in the same transaction. A disclosure naming a client hidden from the caller does not exist for them.
import { and, asc, count, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import { checkDisclosureDecision, clearanceStatus, mayDecideDisclosure, type DisclosureIssue, type RejectionAction } from '../../core/cases/clearance';
import type { MitigationPlan } from '../../core/cases/lifecycle';
import { activeCodes, type DisclosureDecision } from '../../core/cases/taxonomy';
import { ensureClientVisible, visibleClient } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, queryRows, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors';
import { notify } from '../notifications/notifications.service';
import { getClient } from '../registry/clients.service';
import { getDeclaration } from '../registry/declarations.service';
import type { DeclarationItem } from '../registry/declarations.types';
import { ensureCaseVisible, visibleCase } from './case-scope';
import { currentTaxonomy, readableCase } from './cases.service';
import { staffDisclosureDecisions, staffDisclosures } from './cases.tables';
import type { DecideDisclosureInput, DisclosureListQuery, NewDisclosureInput } from './disclosures.types';

type DisclosureRow = typeof staffDisclosures.$inferSelect;
const NO_USER = '00000000-0000-0000-0000-000000000000';

const me = (ctx: RequestContext) => ctx.principal?.userId ?? NO_USER;
const holds = (ctx: RequestContext, permission: 'cases.read_all' | 'cases.manage') => ctx.principal?.permissions.includes(permission) ?? false;

/** Its staff member and readers of every case see a disclosure; nobody sees one naming a client hidden from them. */
async function ensureVisible(executor: Executor, ctx: RequestContext, row: DisclosureRow | undefined): Promise<DisclosureRow> {
  if (!row || (row.userId !== me(ctx) && !holds(ctx, 'cases.read_all'))) throw NotFound('DISCLOSURE_NOT_FOUND');
  ensureClientVisible(ctx, [row.clientId], 'DISCLOSURE_NOT_FOUND');
  await ensureCaseVisible(executor, ctx, row.caseId, 'DISCLOSURE_NOT_FOUND');
  return row;
}

/** The interest a declaration item describes, in the declarant's own words. */
function summaryOf(item: DeclarationItem): string {
  const parts =
    item.type === 'relative'
      ? [item.relation, item.name, item.employer, item.position]
      : item.type === 'dispute'
        ? [item.type, item.counterpartyName, item.description]
        : [item.relation, item.organisation, item.role];
  return parts.filter((p): p is string => Boolean(p)).join(' · ');
}

export async function createDisclosure(db: Db, ctx: RequestContext, input: NewDisclosureInput, today: string = chinaToday()): Promise<string> {
  const userId = input.userId ?? me(ctx);
  if (userId !== me(ctx) && !holds(ctx, 'cases.manage')) throw Forbidden('FORBIDDEN', { permission: 'cases.manage' });
  let item: DeclarationItem | null = null;
  if (input.declaration) {
    // Read through the registry: a declaration the caller may not read is absent.
    const declaration = await getDeclaration(db, ctx, input.declaration.id);
    const found = declaration.items[input.declaration.item];
    if (declaration.user.id !== userId || declaration.status === 'withdrawn' || !found) throw Invalid('DISCLOSURE_ITEM_NOT_FOUND', {}, [{ path: 'declaration.item', message: 'DISCLOSURE_ITEM_NOT_FOUND' }]);
    item = found;
  }
  const summary = input.summary || (item ? summaryOf(item) : '');
  if (!summary) throw Invalid('DISCLOSURE_SUMMARY_REQUIRED', {}, [{ path: 'summary', message: 'DISCLOSURE_SUMMARY_REQUIRED' }]);
  if (input.clientId) await getClient(db, input.clientId, ctx);
  if (input.caseId) await readableCase(db, ctx, input.caseId);
  return inTransaction(db, async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw Invalid('UNKNOWN_USER', {}, [{ path: 'userId', message: 'UNKNOWN_USER' }]);
    const [seq] = await queryRows<{ n: string }>(tx, sql`select nextval('staff_disclosure_ref_seq')::text as n`);
    const [row] = await tx
      .insert(staffDisclosures)
      .values({
        ref: `DS-${today.slice(0, 4)}-${seq!.n.padStart(6, '0')}`,
        userId,
        summary,
        declarationId: input.declaration?.id ?? null,
        declarationItem: input.declaration?.item ?? null,
        item,
        clientId: input.clientId ?? null,
        caseId: input.caseId ?? null,
        createdBy: me(ctx),
      })
      .returning();
    await appendAudit(tx, ctx, { action: 'staff_disclosure.create', entityType: 'staff_disclosure', entityId: row!.id, after: row });
    return row!.id;
  });
}

async function lockDisclosure(tx: Tx, ctx: RequestContext, id: string, version: number): Promise<DisclosureRow> {
  const [found] = await tx.select().from(staffDisclosures).where(eq(staffDisclosures.id, id)).for('update');
  const row = await ensureVisible(tx, ctx, found);
  if (row.version !== version) throw Conflict('DISCLOSURE_STALE', { ref: row.ref }, { status: row.status, version: row.version });
  if (!mayDecideDisclosure(ctx.principal?.roles ?? [], { isDeclarant: row.userId === me(ctx) })) throw Forbidden('DISCLOSURE_DECIDE_FORBIDDEN');
  return row;
}

const issuePath: Record<DisclosureIssue, string> = {
  UNKNOWN_DECISION: 'decision',
  COMMENT_REQUIRED: 'comment',
  INVALID_DATE: 'expiresOn',
  CONDITIONS_REQUIRED: 'conditions',
  CONDITIONS_NOT_ALLOWED: 'conditions',
  INVALID_CONDITION: 'conditions',
  EXPIRY_REQUIRED: 'expiresOn',
  EXPIRY_NOT_ALLOWED: 'expiresOn',
  EXPIRY_NOT_FUTURE: 'expiresOn',
  EXPIRY_TOO_FAR: 'expiresOn',
  ACTION_REQUIRED: 'requiredAction',
  ACTION_DUE_NOT_FUTURE: 'actionDueOn',
};

// Waiting for a decision, or a conditional clearance being renewed before it lapses.
const decidable: readonly DisclosureRow['status'][] = ['pending', 'review_due', 'cleared_with_conditions'];

export async function decideDisclosure(db: Db, ctx: RequestContext, id: string, input: DecideDisclosureInput, today: string = chinaToday()): Promise<void> {
  const { taxonomy } = await currentTaxonomy(db);
  const conditions: MitigationPlan[] = (input.conditions ?? []).map((m) => ({ kind: m.kind, ...(m.description ? { description: m.description } : {}), staffIds: m.staffIds, clientIds: m.clientIds }));
  const decision = {
    decision: input.decision,
    comment: input.comment,
    decidedOn: today,
    conditions,
    ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
    ...(input.requiredAction ? { requiredAction: input.requiredAction } : {}),
    ...(input.actionDueOn ? { actionDueOn: input.actionDueOn } : {}),
  };
  await inTransaction(db, async (tx) => {
    const row = await lockDisclosure(tx, ctx, id, input.version);
    if (!decidable.includes(row.status)) throw Conflict('DISCLOSURE_NOT_OPEN', { ref: row.ref }, { status: row.status, version: row.version });
    const issues = checkDisclosureDecision(decision, { mitigationKinds: activeCodes(taxonomy, 'mitigationKinds') });
    if (issues.length > 0) throw Invalid('DISCLOSURE_DECISION_INVALID', {}, issues.map((issue) => ({ path: issue === 'INVALID_DATE' && input.actionDueOn ? 'actionDueOn' : issuePath[issue], message: issue })));
    const decided = {
      decidedBy: me(ctx),
      decidedOn: today,
      conditions: conditions.length > 0 ? conditions : null,
      expiresOn: input.expiresOn ?? null,
      requiredAction: input.requiredAction ?? null,
      actionDueOn: input.actionDueOn ?? null,
    };
    const [saved] = await tx
      .update(staffDisclosures)
      .set({ ...decided, status: input.decision, decisionComment: input.comment, remindersSent: [], reviewReason: null, version: row.version + 1, updatedAt: new Date() })
      .where(eq(staffDisclosures.id, row.id))
      .returning();
    await tx.insert(staffDisclosureDecisions).values({ ...decided, disclosureId: row.id, decision: input.decision, comment: input.comment });
    await appendAudit(tx, ctx, {
      action: row.status === 'cleared_with_conditions' ? 'staff_disclosure.renew' : 'staff_disclosure.decide',
      entityType: 'staff_disclosure',
      entityId: row.id,
      before: { status: row.status, version: row.version, expiresOn: row.expiresOn },
      after: { ref: row.ref, userId: row.userId, clientId: row.clientId, caseId: row.caseId, status: saved!.status, version: saved!.version, comment: input.comment, ...decided },
    });
    await notify(tx, ctx, [{ userId: row.userId, kind: 'disclosure.decided', params: { ref: row.ref, comment: input.comment }, entityType: 'staff_disclosure', entityId: row.id }]);
  });
}

export async function returnForReview(db: Db, ctx: RequestContext, id: string, input: { version: number; reason: string }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockDisclosure(tx, ctx, id, input.version);
    if (row.status === 'pending' || row.status === 'review_due') throw Conflict('DISCLOSURE_NOT_OPEN', { ref: row.ref }, { status: row.status, version: row.version });
    await tx.update(staffDisclosures).set({ status: 'review_due', reviewReason: input.reason, version: row.version + 1, updatedAt: new Date() }).where(eq(staffDisclosures.id, row.id));
    await appendAudit(tx, ctx, {
      action: 'staff_disclosure.return_for_review',
      entityType: 'staff_disclosure',
      entityId: row.id,
      before: { status: row.status, version: row.version },
      after: { ref: row.ref, userId: row.userId, clientId: row.clientId, status: 'review_due', version: row.version + 1, reason: input.reason },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

const nameOf = (id: string | null, names: Map<string, string>) => (id ? { id, displayName: names.get(id) ?? '' } : null);

async function userNames(executor: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await executor.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function present(executor: Executor, rows: DisclosureRow[], today: string) {
  const names = await userNames(executor, rows.flatMap((r) => [r.userId, r.decidedBy]));
  const clientNames = new Map<string, string>();
  for (const clientId of new Set(rows.flatMap((r) => (r.clientId ? [r.clientId] : [])))) clientNames.set(clientId, (await getClient(executor, clientId)).party.name);
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    status: r.status,
    version: r.version,
    user: nameOf(r.userId, names)!,
    summary: r.summary,
    declarationId: r.declarationId,
    declarationItem: r.declarationItem,
    item: (r.item as Record<string, unknown> | null) ?? null,
    client: r.clientId ? { id: r.clientId, name: clientNames.get(r.clientId) ?? '' } : null,
    caseId: r.caseId,
    decision:
      r.decidedOn && r.decisionComment !== null
        ? {
            decision: (r.status === 'review_due' ? decisionBefore(r) : r.status) as DisclosureDecision,
            comment: r.decisionComment,
            decidedBy: nameOf(r.decidedBy, names),
            decidedOn: r.decidedOn,
            conditions: (r.conditions as MitigationPlan[] | null) ?? [],
            expiresOn: r.expiresOn,
            requiredAction: r.requiredAction as RejectionAction | null,
            actionDueOn: r.actionDueOn,
          }
        : null,
    clearance: r.expiresOn && (r.status === 'cleared_with_conditions' || r.status === 'review_due') ? clearanceStatus({ expiresOn: r.expiresOn }, today) : null,
    reviewReason: r.reviewReason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

/** A disclosure back for review keeps the decision it had; which one it was follows from what it carries. */
const decisionBefore = (r: DisclosureRow): DisclosureDecision => (r.expiresOn ? 'cleared_with_conditions' : r.requiredAction ? 'rejected' : 'no_conflict');

export async function getDisclosure(db: Db, ctx: RequestContext, id: string, today: string = chinaToday()) {
  const [found] = await db.select().from(staffDisclosures).where(eq(staffDisclosures.id, id));
  const row = await ensureVisible(db, ctx, found);
  const history = await db.select().from(staffDisclosureDecisions).where(eq(staffDisclosureDecisions.disclosureId, row.id)).orderBy(asc(staffDisclosureDecisions.createdAt));
  const names = await userNames(db, history.map((d) => d.decidedBy));
  const [view] = await present(db, [row], today);
  return {
    ...view!,
    decisions: history.map((d) => ({
      decision: d.decision as DisclosureDecision,
      comment: d.comment,
      decidedBy: nameOf(d.decidedBy, names),
      decidedOn: d.decidedOn,
      conditions: (d.conditions as MitigationPlan[] | null) ?? [],
      expiresOn: d.expiresOn,
      requiredAction: d.requiredAction as RejectionAction | null,
      actionDueOn: d.actionDueOn,
      at: d.createdAt,
    })),
  };
}

export async function listDisclosures(db: Db, ctx: RequestContext, query: DisclosureListQuery, today: string = chinaToday()) {
  if (query.scope === 'all' && !holds(ctx, 'cases.read_all')) throw Forbidden('FORBIDDEN', { permission: 'cases.read_all' });
  const filters: (SQL | undefined)[] = [
    query.scope === 'mine' ? eq(staffDisclosures.userId, me(ctx)) : undefined,
    visibleClient(ctx, staffDisclosures.clientId),
    visibleCase(ctx, staffDisclosures.caseId),
    query.status ? eq(staffDisclosures.status, query.status) : undefined,
    query.userId ? eq(staffDisclosures.userId, query.userId) : undefined,
    query.caseId ? eq(staffDisclosures.caseId, query.caseId) : undefined,
  ];
  if (query.expiringBy) filters.push(eq(staffDisclosures.status, 'cleared_with_conditions'), lte(staffDisclosures.expiresOn, query.expiringBy));
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(staffDisclosures)
      .where(where)
      .orderBy(desc(staffDisclosures.createdAt), desc(staffDisclosures.ref))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(staffDisclosures).where(where),
  ]);
  return { items: await present(db, rows, today), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
