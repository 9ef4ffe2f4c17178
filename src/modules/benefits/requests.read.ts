// Reading requests: who may see one, the lists (mine, my inbox, what I decided, everything), the
// detail with its chain, history, evidence and ledger, and the actions open to the reader.
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { allowedEvents } from '../../core/benefits/lifecycle';
import type { ApprovalStep, RoutingChange } from '../../core/benefits/approval-chain';
import { findingText, skipText } from '../../core/benefits/explain';
import type { PrecheckResult } from '../../core/benefits/policy';
import { noteRefusal, visibleClient, visibleParty } from '../../platform/access/client-scope';
import { departments, users } from '../../platform/auth/auth.tables';
import type { Principal, RequestContext } from '../../platform/context';
import type { Db, Executor } from '../../platform/db/database';
import { Forbidden, NotFound } from '../../platform/errors';
import { translate, type Locale } from '../../platform/i18n/messages';
import { clients, parties } from '../registry/registry.tables';
import { benefitApprovalSteps, benefitAttachments, benefitLedgerEntries, benefitRequestEvents, benefitRequests } from './benefits.tables';
import type { Evaluation } from './evaluation';
import { rateOf } from './amounts';
import type { RequestRow, StepRow } from './request-store';
import { ensureRequestVisible } from './visibility';
import type { PrecheckDto, RequestListQuery, requestActions } from './requests.types';

type Action = (typeof requestActions)[number];

const clientParties = alias(parties, 'client_party');
type Names = ReadonlyMap<string, string>;
const person = (names: Names, id: string | null) => (id ? { id, displayName: names.get(id) ?? '' } : null);

/** Display names of the people a page mentions, in one read. */
async function namesOf(executor: Executor, ids: Iterable<string | null | undefined>): Promise<Names> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await executor.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const stepPeople = (steps: readonly StepRow[]) =>
  steps.flatMap((s) => [...s.approverIds, s.decidedBy, ...(s.skipped as ApprovalStep['skipped']).flatMap((k) => [k.userId, k.deputyId])]);

const requestColumns = {
  request: benefitRequests,
  requesterName: users.displayName,
  departmentName: departments.name,
  departmentNameEn: departments.nameEn,
  counterpartyName: parties.primaryName,
  counterpartyKind: parties.kind,
  clientName: clientParties.primaryName,
};
const requestQuery = (executor: Executor) =>
  executor
    .select(requestColumns)
    .from(benefitRequests)
    .innerJoin(users, eq(users.id, benefitRequests.requesterId))
    .innerJoin(departments, eq(departments.id, benefitRequests.departmentId))
    .innerJoin(parties, eq(parties.id, benefitRequests.counterpartyPartyId))
    .leftJoin(clients, eq(clients.id, benefitRequests.clientId))
    .leftJoin(clientParties, eq(clientParties.id, clients.partyId));
type RequestQueryRow = Awaited<ReturnType<typeof requestQuery>>[number];

const can = (principal: Principal, permission: Principal['permissions'][number]) => principal.permissions.includes(permission);

/** What the reader may do now: the state's legal moves narrowed to the reader's part in the request. */
export function actionsFor(row: RequestRow, principal: Principal, steps: readonly StepRow[]): Action[] {
  const events = new Set(allowedEvents(row.state));
  const isRequester = row.requesterId === principal.userId;
  const current = steps.filter((s) => s.round === row.round);
  const pending = current.find((s) => s.status === 'pending');
  const mayDecide =
    row.state === 'in_approval' && !!pending && pending.approverIds.includes(principal.userId) && !current.some((s) => s.decidedBy === principal.userId) && can(principal, 'benefits.approve');
  const actions: Action[] = [];
  const add = (action: Action, when: boolean) => when && actions.push(action);
  add('edit', isRequester && (['draft', 'returned'].includes(row.state) || (row.state === 'approved' && row.paidMinor === 0 && row.direction === 'given')));
  add('submit', isRequester && (events.has('submit') || events.has('resubmit')));
  add('withdraw', isRequester && events.has('withdraw'));
  add('attach', isRequester && ['draft', 'returned', 'in_approval', 'approved'].includes(row.state));
  add('approve', mayDecide);
  add('reject', mayDecide);
  add('return', mayDecide);
  add('cancel', can(principal, 'benefits.administer') && events.has('cancel'));
  add('reassign', can(principal, 'benefits.administer') && row.state === 'in_approval');
  const finance = can(principal, 'benefits.pay') && row.direction === 'given';
  add('pay', finance && events.has('record_payment'));
  add('reverse', finance && row.paidMinor > 0);
  add('close', finance && events.has('close'));
  return actions;
}

/** Requester, anyone named in its chain, or a reader of all requests; others learn nothing, not even that it exists. */
function mayRead(row: RequestRow, principal: Principal, steps: readonly StepRow[]): boolean {
  return (
    row.requesterId === principal.userId ||
    can(principal, 'benefits.read_all') ||
    steps.some((s) => s.approverIds.includes(principal.userId) || s.decidedBy === principal.userId)
  );
}

export function presentPrecheck(
  result: PrecheckResult,
  extra: { cumulative: Evaluation['cumulative']; policyVersion: number; chain?: Evaluation['chain']; routing?: readonly RoutingChange[] },
  names: Names,
  locale: Locale,
): PrecheckDto {
  const chain = extra.chain && extra.chain.ok ? extra.chain.steps : null;
  const chainError = extra.chain && !extra.chain.ok ? { code: extra.chain.code, text: translate(extra.chain.code === 'NO_ELIGIBLE_APPROVER' ? 'NO_ELIGIBLE_APPROVER' : 'AUTHORITY_NO_RULE', locale) } : null;
  return {
    outcome: result.outcome,
    findings: result.findings.map((f) => ({ code: f.code, severity: f.severity, params: { ...f.params }, text: findingText(f, locale) })),
    risk: result.risk,
    needsJustification: result.needsJustification,
    addCompliance: result.addCompliance,
    conflictSignal: result.conflictSignal,
    amountCny: result.amountInPolicyCurrency,
    cumulative: extra.cumulative,
    policyVersion: extra.policyVersion,
    chain: chain ? chain.map((step) => presentChainStep(step, names, locale)) : null,
    chainError,
    routing: [...(extra.chain && extra.chain.ok ? extra.chain.routing : (extra.routing ?? []))].map((r) => ({ ...r })),
  };
}

function presentChainStep(step: Pick<ApprovalStep, 'order' | 'spec' | 'approverIds' | 'skipped' | 'escalatedTo'>, names: Names, locale: Locale) {
  return {
    order: step.order,
    spec: { ...step.spec },
    approvers: step.approverIds.map((id) => person(names, id)!),
    skipped: step.skipped.map((s) => ({ user: person(names, s.userId)!, reason: s.reason, text: skipText(s.reason, locale), deputy: person(names, s.deputyId ?? null) })),
    escalatedTo: step.escalatedTo ?? null,
  };
}

/** The saved pre-check of the current round, with the figures it was judged on. */
function savedPrecheck(row: RequestRow, names: Names, locale: Locale, events: { kind: string; evidence: unknown }[]): PrecheckDto | null {
  if (!row.precheck || row.policyVersion === null) return null;
  const judged = [...events].reverse().find((e) => ['submitted', 'resubmitted', 'reapproval', 'registered'].includes(e.kind))?.evidence as
    | { cumulative?: Evaluation['cumulative']; routing?: RoutingChange[] }
    | undefined;
  const zero = { amountMinor: 0, currency: 'CNY' };
  return presentPrecheck(row.precheck as PrecheckResult, { cumulative: judged?.cumulative ?? { recipientPeriod: zero, clientYear: zero }, policyVersion: row.policyVersion, routing: judged?.routing ?? [] }, names, locale);
}

function presentRequest(r: RequestQueryRow, principal: Principal, steps: readonly StepRow[], names: Names, locale: Locale, precheck: PrecheckDto | null) {
  const row = r.request;
  const pending = steps.find((s) => s.round === row.round && s.status === 'pending');
  return {
    id: row.id,
    ref: row.ref,
    direction: row.direction,
    state: row.state,
    version: row.version,
    requester: { id: row.requesterId, displayName: r.requesterName },
    department: { id: row.departmentId, name: locale === 'en' ? r.departmentNameEn : r.departmentName },
    benefitType: row.benefitType,
    counterparty: { id: row.counterpartyPartyId, name: r.counterpartyName, kind: r.counterpartyKind },
    client: row.clientId ? { id: row.clientId, name: r.clientName ?? '' } : null,
    amount: { amountMinor: row.amountMinor, currency: row.currency },
    rate: rateOf(row),
    amountCny: { amountMinor: row.amountCnyMinor, currency: 'CNY' },
    benefitDate: row.benefitDate,
    purpose: row.purpose,
    justification: row.justification,
    policyVersion: row.policyVersion,
    riskScore: row.riskScore,
    precheck,
    approvedAmount: row.approvedAmountMinor === null ? null : { amountMinor: row.approvedAmountMinor, currency: row.currency },
    paid: { amountMinor: row.paidMinor, currency: row.currency },
    round: row.round,
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    approvedAt: row.approvedAt,
    closedAt: row.closedAt,
    waitingFor: pending ? pending.approverIds.map((id) => person(names, id)!) : [],
    allowedActions: actionsFor(row, principal, steps),
  };
}

const stepsOf = (executor: Executor, requestIds: string[]) =>
  requestIds.length
    ? executor.select().from(benefitApprovalSteps).where(inArray(benefitApprovalSteps.requestId, requestIds)).orderBy(asc(benefitApprovalSteps.round), asc(benefitApprovalSteps.stepOrder))
    : Promise.resolve([] as StepRow[]);

export async function listRequests(db: Db, ctx: RequestContext, query: RequestListQuery, locale: Locale) {
  const principal = ctx.principal!;
  // Requests of clients the reader is kept out of are left out of every list and its total.
  const conditions: (SQL | undefined)[] = [visibleClient(ctx, benefitRequests.clientId), visibleParty(ctx, benefitRequests.counterpartyPartyId)];
  const inStep = (column: SQL) => sql`exists (select 1 from ${benefitApprovalSteps} s where s.request_id = ${benefitRequests.id} and ${column})`;
  switch (query.scope) {
    case 'mine':
      conditions.push(eq(benefitRequests.requesterId, principal.userId));
      break;
    case 'inbox':
      conditions.push(eq(benefitRequests.state, 'in_approval'), inStep(sql`s.status = 'pending' and s.round = ${benefitRequests.round} and ${principal.userId}::uuid = any(s.approver_ids)`));
      break;
    case 'decided':
      conditions.push(inStep(sql`s.decided_by = ${principal.userId}::uuid`));
      break;
    case 'all':
      if (!can(principal, 'benefits.read_all')) throw Forbidden('FORBIDDEN', { permission: 'benefits.read_all' });
  }
  if (query.state) conditions.push(inArray(benefitRequests.state, Array.isArray(query.state) ? query.state : [query.state]));
  if (query.direction) conditions.push(eq(benefitRequests.direction, query.direction));
  if (query.benefitType) conditions.push(eq(benefitRequests.benefitType, query.benefitType));
  if (query.clientId) {
    noteRefusal(ctx, query.clientId);
    conditions.push(eq(benefitRequests.clientId, query.clientId));
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(benefitRequests.ref, like), ilike(parties.primaryName, like), ilike(benefitRequests.purpose, like))!);
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    requestQuery(db)
      .where(where)
      .orderBy(desc(benefitRequests.updatedAt), desc(benefitRequests.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(benefitRequests).innerJoin(parties, eq(parties.id, benefitRequests.counterpartyPartyId)).where(where),
  ]);
  const steps = await stepsOf(db, rows.map((r) => r.request.id));
  const names = await namesOf(db, stepPeople(steps));
  const items = rows.map((r) => {
    const own = steps.filter((s) => s.requestId === r.request.id);
    return presentRequest(r, principal, own, names, locale, savedPrecheck(r.request, names, locale, []));
  });
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** One request in full, for a reader allowed to see it; anyone else gets the same 404 as for no request at all. */
export async function getRequest(db: Db, ctx: RequestContext, id: string, locale: Locale) {
  const principal = ctx.principal!;
  const [r] = await requestQuery(db).where(eq(benefitRequests.id, id));
  if (!r) throw NotFound('BENEFIT_REQUEST_NOT_FOUND');
  ensureRequestVisible(ctx, r.request);
  const steps = await stepsOf(db, [id]);
  if (!mayRead(r.request, principal, steps)) throw NotFound('BENEFIT_REQUEST_NOT_FOUND');
  const [events, attachments, ledger] = await Promise.all([
    db.select().from(benefitRequestEvents).where(eq(benefitRequestEvents.requestId, id)).orderBy(asc(benefitRequestEvents.at), asc(benefitRequestEvents.id)),
    db.select().from(benefitAttachments).where(eq(benefitAttachments.requestId, id)).orderBy(asc(benefitAttachments.uploadedAt)),
    db.select().from(benefitLedgerEntries).where(eq(benefitLedgerEntries.requestId, id)).orderBy(asc(benefitLedgerEntries.createdAt), asc(benefitLedgerEntries.id)),
  ]);
  const names = await namesOf(db, [...stepPeople(steps), ...events.map((e) => e.actorId), ...attachments.map((a) => a.uploadedBy), ...ledger.map((e) => e.createdBy)]);
  const reversed = new Set(ledger.map((e) => e.reversesEntryId).filter(Boolean));
  return {
    ...presentRequest(r, principal, steps, names, locale, savedPrecheck(r.request, names, locale, events)),
    steps: steps.map((s) => ({
      ...presentChainStep({ order: s.stepOrder, spec: s.spec as ApprovalStep['spec'], approverIds: s.approverIds, skipped: s.skipped as ApprovalStep['skipped'], escalatedTo: s.escalatedTo ?? undefined }, names, locale),
      id: s.id,
      round: s.round,
      status: s.status,
      activatedAt: s.activatedAt,
      decidedBy: person(names, s.decidedBy),
      decidedAt: s.decidedAt,
      comment: s.comment,
    })),
    events: events.map((e) => ({ id: e.id, kind: e.kind, fromState: e.fromState, toState: e.toState, actor: person(names, e.actorId), at: e.at, comment: e.comment, stepId: e.stepId, evidence: e.evidence })),
    attachments: attachments
      .filter((a) => a.removedAt === null)
      .map((a) => ({ id: a.id, evidenceKind: a.evidenceKind, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256, uploadedAt: a.uploadedAt, uploadedBy: person(names, a.uploadedBy) })),
    ledger: ledger.map((e) => ({
      id: e.id,
      kind: e.kind,
      entryDate: e.entryDate,
      amount: { amountMinor: e.amountMinor, currency: e.currency },
      rate: rateOf(e),
      amountCny: { amountMinor: e.amountCnyMinor, currency: 'CNY' },
      paymentMethod: e.paymentMethod,
      voucherNo: e.voucherNo,
      reversesEntryId: e.reversesEntryId,
      reversed: reversed.has(e.id),
      note: e.note,
      createdAt: e.createdAt,
      createdBy: person(names, e.createdBy),
    })),
  };
}

/** Whether the reader may see the request (for attachments), without loading the rest. */
export async function assertReadable(executor: Executor, ctx: RequestContext, id: string): Promise<RequestRow> {
  const [row] = await executor.select().from(benefitRequests).where(eq(benefitRequests.id, id));
  if (!row) throw NotFound('BENEFIT_REQUEST_NOT_FOUND');
  ensureRequestVisible(ctx, row);
  if (!mayRead(row, ctx.principal!, await stepsOf(executor, [id]))) throw NotFound('BENEFIT_REQUEST_NOT_FOUND');
  return row;
}
