// Benefit request use cases: draft, edit, submit with pre-checks, approval decisions, withdrawal,
// cancellation and reassignment. Each is one transaction with its history, ledger and audit entries.
import { chinaToday } from '../../core/calendar';
import { and, eq } from 'drizzle-orm';
import type { ApprovalChain } from '../../core/benefits/approval-chain';
import { isMaterialChange } from '../../core/benefits/lifecycle';
import { permissionsOf, type Role } from '../../core/access';
import type { EvidenceKind } from '../../core/benefits/policy';
import { moneyToDecimalString } from '../../core/money';
import { departments, users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Tx } from '../../platform/db/database';
import { Conflict, Forbidden, Invalid, Unprocessable } from '../../platform/errors';
import { notify } from '../notifications/notifications.service';
import { partyFacts } from '../registry/screening.service';
import type { NotificationKind } from '../notifications/notifications.types';
import { benefitApprovalSteps, benefitRequests } from './benefits.tables';
import { parseAmount, parseRate, rateOf, rateText } from './amounts';
import { evaluate, relatedUserIdsOf, resolveClient, restrictedApprovers, type Evaluation } from './evaluation';
import { approvalDirectory } from './policy.service';
import {
  cnyOf,
  count,
  evidenceOf,
  expectVersion,
  lockRequest,
  nextRequestRef,
  nextState,
  postLedger,
  recordHistory,
  requireRequester,
  saveRequest,
  stepsOfRound,
  supersedeOpenSteps,
  termsOf,
  uncount,
  type RequestRow,
} from './request-store';
import type { z } from 'zod';
import type { BenefitDraftInput, BenefitEditInput, DecisionInput, ReassignInput } from './requests.types';
import { lockSubjects } from './totals';
import { isRequestHidden, refuseHiddenClient, refuseHiddenCounterparty } from './visibility';

const me = (ctx: RequestContext) => ctx.principal!.userId;

/** The draft's columns from what was typed; amounts exact, currency known, a rate for foreign money. */
async function draftColumns(tx: Tx, ctx: RequestContext, input: BenefitDraftInput) {
  const amount = parseAmount(input.amount, input.currency);
  const rate = input.currency === 'CNY' ? null : input.rate ? parseRate(input.rate) : null;
  if (input.currency !== 'CNY' && !rate) throw Invalid('RATE_REQUIRED', { currency: input.currency }, [{ path: 'rate', message: 'RATE_REQUIRED' }]);
  // Charged to the requester's own department unless another is named.
  const [department] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(input.departmentId ? eq(departments.id, input.departmentId) : eq(departments.id, tx.select({ id: users.departmentId }).from(users).where(eq(users.id, me(ctx)))));
  if (!department) throw Invalid('DEPARTMENT_NOT_FOUND', {}, [{ path: 'departmentId', message: 'DEPARTMENT_NOT_FOUND' }]);
  const departmentId = department.id;
  const counterparty = (await partyFacts(tx, [input.counterpartyPartyId])).get(input.counterpartyPartyId);
  if (!counterparty || counterparty.ended) throw Invalid('PARTY_NOT_FOUND', {}, [{ path: 'counterpartyPartyId', message: 'PARTY_NOT_FOUND' }]);
  refuseHiddenCounterparty(ctx, input.counterpartyPartyId);
  const client = await resolveClient(tx, input.counterpartyPartyId, input.clientId);
  refuseHiddenClient(ctx, client?.id);
  const columns = {
    direction: input.direction,
    benefitType: input.benefitType,
    counterpartyPartyId: input.counterpartyPartyId,
    clientId: client?.id ?? null,
    departmentId,
    amountMinor: amount.amountMinor,
    currency: amount.currency,
    rateNumerator: rate?.numerator ?? null,
    rateDenominator: rate?.denominator ?? null,
    benefitDate: input.benefitDate,
    purpose: input.purpose,
    justification: input.justification ?? null,
  };
  return { ...columns, amountCnyMinor: cnyOf(columns, amount.amountMinor) };
}

/** The live pre-check: runs the checks and the chain on unsaved terms; nothing is written. */
export async function precheckDraft(db: Db, ctx: RequestContext, input: BenefitDraftInput & { requestId?: string | null; evidenceKinds: string[] }) {
  return inTransaction(db, async (tx) => {
    const columns = await draftColumns(tx, ctx, input);
    let evidence = input.evidenceKinds.filter((k): k is EvidenceKind => k !== 'other');
    let excluded: RequestRow | null = null;
    if (input.requestId) {
      const [row] = await tx.select().from(benefitRequests).where(eq(benefitRequests.id, input.requestId));
      // A request the caller may no longer see lends nothing, as if it did not exist.
      if (row && row.requesterId === me(ctx) && !isRequestHidden(ctx, row)) {
        evidence = [...new Set([...evidence, ...(await evidenceOf(tx, row.id))])];
        excluded = row;
      }
    }
    // A saved request already counted must not count against itself; the rollback below restores it.
    if (excluded?.counted) await uncount(tx, excluded);
    const amount = { amountMinor: columns.amountMinor, currency: columns.currency };
    const evaluation = await evaluate(tx, { ...columns, requesterId: me(ctx), amount, rate: rateOf(columns), evidence }, chinaToday());
    throw new PrecheckResult(evaluation);
  }).catch((outcome: unknown) => {
    if (outcome instanceof PrecheckResult) return outcome.evaluation;
    throw outcome;
  });
}

/** Carries the evaluation out of a transaction that must roll back. */
class PrecheckResult {
  constructor(readonly evaluation: Evaluation) {}
}

export async function createRequest(db: Db, ctx: RequestContext, input: BenefitDraftInput): Promise<string> {
  return inTransaction(db, async (tx) => {
    const columns = await draftColumns(tx, ctx, input);
    const today = chinaToday();
    const [row] = await tx
      .insert(benefitRequests)
      .values({ ...columns, ref: await nextRequestRef(tx, today), state: 'draft', requesterId: me(ctx) })
      .returning();
    await recordHistory(tx, ctx, row!, { kind: 'created', to: 'draft', after: { ...columns, ref: row!.ref, state: 'draft' } });
    return row!.id;
  });
}

/** The stored terms as the form would type them, so an edit re-reads them exactly. */
const editableFields = (row: RequestRow): BenefitDraftInput => ({
  direction: row.direction,
  benefitType: row.benefitType,
  counterpartyPartyId: row.counterpartyPartyId,
  clientId: row.clientId,
  departmentId: row.departmentId,
  amount: moneyToDecimalString({ amountMinor: row.amountMinor, currency: row.currency }),
  currency: row.currency,
  rate: rateText(row),
  benefitDate: row.benefitDate,
  purpose: row.purpose,
  justification: row.justification,
});

/**
 * Edits a draft or a returned request. On an approved, unpaid request a material change (more money,
 * another recipient or currency) sends it back for approval; a smaller amount or new wording does not.
 */
export async function editRequest(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof BenefitEditInput>): Promise<void> {
  await inTransaction(db, async (tx) => {
    let row = await lockRequest(tx, ctx, id);
    requireRequester(row, ctx);
    expectVersion(row, input.version);
    if (!['draft', 'returned', 'approved'].includes(row.state)) throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: 'edit' }, { state: row.state, version: row.version });
    const base = editableFields(row);
    const { version: _version, ...changes } = input;
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<BenefitDraftInput>;
    const columns = await draftColumns(tx, ctx, { ...base, ...given });
    const before = { ...base, amountMinor: row.amountMinor, currency: row.currency };
    if (row.state !== 'approved') {
      row = await saveRequest(tx, row, columns);
      await recordHistory(tx, ctx, row, { kind: 'edited', before, after: columns });
      return;
    }
    if (row.paidMinor > 0) throw Conflict('ILLEGAL_TRANSITION', { state: 'partially_paid', event: 'edit' }, { state: row.state, version: row.version });
    const approved = { amount: { amountMinor: row.approvedAmountMinor ?? row.amountMinor, currency: row.currency }, recipientId: row.counterpartyPartyId };
    const edited = { amount: { amountMinor: columns.amountMinor, currency: columns.currency }, recipientId: columns.counterpartyPartyId };
    const material = isMaterialChange(approved, edited) || columns.benefitType !== row.benefitType || columns.clientId !== row.clientId || columns.direction !== row.direction;
    if (!material) {
      const delta = columns.amountMinor - row.amountMinor;
      await uncount(tx, row);
      row = await saveRequest(tx, row, { ...columns, approvedAmountMinor: columns.amountMinor });
      await count(tx, row);
      await postLedger(tx, ctx, row, { kind: 'request', amountMinor: delta, entryDate: chinaToday(), note: 'edit' });
      await postLedger(tx, ctx, row, { kind: 'approval', amountMinor: delta, entryDate: chinaToday(), note: 'edit' });
      await recordHistory(tx, ctx, row, { kind: 'edited', before, after: columns });
      return;
    }
    // The earlier approval no longer covers the request: release it and judge the new terms afresh.
    const previous = row;
    await uncount(tx, row);
    row = await saveRequest(tx, row, { ...columns, approvedAmountMinor: null, approvedAt: null });
    await postLedger(tx, ctx, row, { kind: 'approval', amountMinor: -(previous.approvedAmountMinor ?? 0), entryDate: chinaToday(), note: 'material change' });
    await postLedger(tx, ctx, row, { kind: 'request', amountMinor: -previous.amountMinor, entryDate: chinaToday(), note: 'material change' });
    await recordHistory(tx, ctx, row, { kind: 'material_change', before, after: columns });
    await enterApproval(tx, ctx, row, { type: 'material_change_after_approval' }, input.justification ?? row.justification);
  });
}

function precheckFailure(evaluation: Evaluation) {
  return { findings: evaluation.precheck.findings, risk: evaluation.precheck.risk, policyVersion: evaluation.policy.version };
}

/**
 * Judges the request's current terms and starts a round: registered when below de minimis and
 * unflagged, otherwise the chain from the matrix. Blocked, or flagged without a justification,
 * refuses with the findings and changes nothing.
 */
async function enterApproval(tx: Tx, ctx: RequestContext, row: RequestRow, event: { type: 'submit' | 'resubmit' | 'material_change_after_approval' }, justification: string | null | undefined) {
  const today = chinaToday();
  await lockSubjects(tx, row);
  const evaluation = await evaluate(tx, termsOf(row, await evidenceOf(tx, row.id)), today);
  const { precheck: result } = evaluation;
  if (result.outcome === 'blocked') throw Unprocessable('PRECHECK_BLOCKED', { ref: row.ref }, precheckFailure(evaluation));
  if (result.needsJustification && !justification?.trim()) throw Unprocessable('JUSTIFICATION_REQUIRED', { ref: row.ref }, precheckFailure(evaluation));
  const submitted = nextState(row, event);
  const judged = {
    policyVersion: evaluation.policy.version,
    matrixVersion: evaluation.matrixVersion,
    precheck: result,
    riskScore: result.risk.score,
    justification: justification ?? null,
    submittedAt: new Date(),
    amountCnyMinor: result.amountInPolicyCurrency?.amountMinor ?? row.amountCnyMinor,
    round: row.round + 1,
  };
  const evidence = { request: snapshot(row), policyVersion: evaluation.policy.version, precheck: result, cumulative: evaluation.cumulative };

  if (result.outcome === 'register') {
    const registered = { ...row, state: submitted };
    let state = nextState(registered, { type: 'register' });
    const closeNow = row.direction === 'received';
    if (closeNow) state = nextState({ ...registered, state }, { type: 'close' });
    const saved = await saveRequest(tx, row, { ...judged, state, approvedAmountMinor: row.amountMinor, approvedAt: new Date(), ...(closeNow ? { closedAt: new Date() } : {}) });
    await count(tx, saved);
    await postLedger(tx, ctx, saved, { kind: 'request', amountMinor: saved.amountMinor, entryDate: today });
    await postLedger(tx, ctx, saved, { kind: 'approval', amountMinor: saved.amountMinor, entryDate: today, note: 'de minimis' });
    await recordHistory(tx, ctx, saved, { kind: 'registered', from: row.state, to: state, evidence });
    return;
  }

  const chain = evaluation.chain;
  if (!chain || !chain.ok) {
    const code = chain?.code === 'NO_ELIGIBLE_APPROVER' ? 'NO_ELIGIBLE_APPROVER' : 'AUTHORITY_NO_RULE';
    throw Conflict(code, { ref: row.ref }, chain && !chain.ok && chain.code === 'NO_ELIGIBLE_APPROVER' ? { step: chain.step } : {});
  }
  const state = event.type === 'material_change_after_approval' ? submitted : nextState({ ...row, state: submitted }, { type: 'start_approval' });
  const saved = await saveRequest(tx, row, { ...judged, state, authorityRuleId: chain.ruleId });
  await count(tx, saved);
  await insertChain(tx, saved, chain);
  await postLedger(tx, ctx, saved, { kind: 'request', amountMinor: saved.amountMinor, entryDate: today });
  const kind = event.type === 'resubmit' ? 'resubmitted' : event.type === 'submit' ? 'submitted' : 'reapproval';
  await recordHistory(tx, ctx, saved, { kind, from: row.state, to: state, comment: justification, evidence: { ...evidence, chain: chain.steps, routing: chain.routing, ruleId: chain.ruleId } });
  await notifyStep(tx, ctx, saved, chain.steps[0]!.approverIds, 'benefit.step_pending');
}

/** The request as it was when decided, for evidence. */
const snapshot = (row: RequestRow) => ({
  ref: row.ref,
  state: row.state,
  version: row.version,
  direction: row.direction,
  benefitType: row.benefitType,
  counterpartyPartyId: row.counterpartyPartyId,
  clientId: row.clientId,
  departmentId: row.departmentId,
  amount: { amountMinor: row.amountMinor, currency: row.currency },
  rate: row.rateNumerator ? { numerator: row.rateNumerator, denominator: row.rateDenominator } : null,
  amountCnyMinor: row.amountCnyMinor,
  benefitDate: row.benefitDate,
  purpose: row.purpose,
  justification: row.justification,
  policyVersion: row.policyVersion,
});

async function insertChain(tx: Tx, row: RequestRow, chain: ApprovalChain): Promise<void> {
  await tx.insert(benefitApprovalSteps).values(
    chain.steps.map((step, i) => ({
      requestId: row.id,
      round: row.round,
      stepOrder: step.order,
      spec: step.spec,
      approverIds: step.approverIds,
      skipped: step.skipped,
      escalatedTo: step.escalatedTo ?? null,
      status: i === 0 ? ('pending' as const) : ('waiting' as const),
      activatedAt: i === 0 ? new Date() : null,
    })),
  );
}

async function notifyStep(tx: Tx, ctx: RequestContext, row: RequestRow, userIds: readonly string[], kind: NotificationKind, comment?: string | null) {
  const [requester] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.requesterId));
  await notify(
    tx,
    ctx,
    userIds.map((userId) => ({
      userId,
      kind,
      params: { ref: row.ref, requesterName: requester?.name ?? '', amount: { amountMinor: row.amountMinor, currency: row.currency }, ...(comment ? { comment } : {}) },
      entityType: 'benefit_request',
      entityId: row.id,
    })),
  );
}

export async function submitRequest(db: Db, ctx: RequestContext, id: string, input: { version: number; justification?: string | null }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, id);
    requireRequester(row, ctx);
    expectVersion(row, input.version);
    await enterApproval(tx, ctx, row, { type: row.state === 'returned' ? 'resubmit' : 'submit' }, input.justification ?? row.justification);
  });
}

/**
 * Decides the pending step. The row lock and the version make a second decision on the same step fail with 409.
 * An approver recused or walled off from the client after the chain was formed no longer sees the request,
 * so their step answers 404 here: a process administrator reassigns it to someone eligible.
 */
export async function decideStep(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof DecisionInput>): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, id);
    const steps = await stepsOfRound(tx, row);
    const pending = steps.find((s) => s.status === 'pending');
    if (row.state !== 'in_approval' || !pending) throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: input.decision }, { state: row.state, version: row.version });
    if (!pending.approverIds.includes(me(ctx))) throw Forbidden('NOT_AN_APPROVER');
    expectVersion(row, input.version);
    // Nobody decides two steps of one round: the second pair of eyes must be another person.
    if (steps.some((s) => s.decidedBy === me(ctx))) throw Conflict('ALREADY_DECIDED_A_STEP', { ref: row.ref });
    if (input.decision !== 'approve' && !input.comment?.trim()) throw Invalid('COMMENT_REQUIRED', {}, [{ path: 'comment', message: 'COMMENT_REQUIRED' }]);

    const today = chinaToday();
    // The pre-checks as they stand now, with this request's own amount taken out of the totals.
    await uncount(tx, row);
    const now = await evaluate(tx, termsOf(row, await evidenceOf(tx, row.id)), today, { chain: false });
    await count(tx, row);
    const evidence = { request: snapshot(row), policyVersion: row.policyVersion, precheck: now.precheck, cumulative: now.cumulative };
    const status = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'returned';
    await tx.update(benefitApprovalSteps).set({ status, decidedBy: me(ctx), decidedAt: new Date(), comment: input.comment ?? null }).where(eq(benefitApprovalSteps.id, pending.id));

    const next = steps.find((s) => s.stepOrder > pending.stepOrder && s.status === 'waiting');
    if (input.decision === 'approve' && next) {
      await tx.update(benefitApprovalSteps).set({ status: 'pending', activatedAt: new Date() }).where(eq(benefitApprovalSteps.id, next.id));
      const saved = await saveRequest(tx, row, {});
      await recordHistory(tx, ctx, saved, { kind: 'step_approved', from: row.state, to: row.state, stepId: pending.id, comment: input.comment, evidence });
      await notifyStep(tx, ctx, saved, next.approverIds, 'benefit.step_pending');
      return;
    }
    if (input.decision === 'approve') {
      let state = nextState(row, { type: 'approve_step', lastStep: true });
      const closeNow = row.direction === 'received';
      if (closeNow) state = nextState({ ...row, state }, { type: 'close' });
      const saved = await saveRequest(tx, row, { state, approvedAmountMinor: row.amountMinor, approvedAt: new Date(), ...(closeNow ? { closedAt: new Date() } : {}) });
      await postLedger(tx, ctx, saved, { kind: 'approval', amountMinor: row.amountMinor, entryDate: today });
      await recordHistory(tx, ctx, saved, { kind: 'approved', from: row.state, to: state, stepId: pending.id, comment: input.comment, evidence });
      await notifyStep(tx, ctx, saved, [row.requesterId], 'benefit.approved', input.comment);
      return;
    }
    const state = nextState(row, { type: input.decision === 'reject' ? 'reject' : 'return_for_changes' });
    await supersedeOpenSteps(tx, row);
    await uncount(tx, row);
    const saved = await saveRequest(tx, row, { state });
    await postLedger(tx, ctx, saved, { kind: 'request', amountMinor: -row.amountMinor, entryDate: today, note: status });
    await recordHistory(tx, ctx, saved, { kind: status, from: row.state, to: state, stepId: pending.id, comment: input.comment, evidence });
    await notifyStep(tx, ctx, saved, [row.requesterId], status === 'rejected' ? 'benefit.rejected' : 'benefit.returned', input.comment);
  });
}

/** Ends a request before payment: the requester withdraws, or compliance cancels. Counts and approvals are released. */
export async function endRequest(db: Db, ctx: RequestContext, id: string, input: { version: number; comment?: string | null }, how: 'withdraw' | 'cancel'): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, id);
    if (how === 'withdraw') requireRequester(row, ctx);
    expectVersion(row, input.version);
    const state = nextState(row, { type: how });
    await supersedeOpenSteps(tx, row);
    await uncount(tx, row);
    const saved = await saveRequest(tx, row, { state });
    const today = chinaToday();
    if (row.counted) await postLedger(tx, ctx, saved, { kind: 'request', amountMinor: -row.amountMinor, entryDate: today, note: how });
    await postLedger(tx, ctx, saved, { kind: 'approval', amountMinor: -(row.approvedAmountMinor ?? 0), entryDate: today, note: how });
    const kind = how === 'withdraw' ? 'withdrawn' : 'cancelled';
    await recordHistory(tx, ctx, saved, { kind, from: row.state, to: state, comment: input.comment });
    if (how === 'cancel') await notifyStep(tx, ctx, saved, [row.requesterId], 'benefit.cancelled', input.comment);
  });
}

/** A process administrator hands a stuck step to other approvers; the same eligibility rules apply. */
export async function reassignStep(db: Db, ctx: RequestContext, id: string, stepId: string, input: z.infer<typeof ReassignInput>): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, id);
    const [step] = await tx.select().from(benefitApprovalSteps).where(and(eq(benefitApprovalSteps.id, stepId), eq(benefitApprovalSteps.requestId, id)));
    if (!step) throw Invalid('STEP_NOT_FOUND', {}, [{ path: 'stepId', message: 'STEP_NOT_FOUND' }]);
    if (step.status !== 'pending' || row.state !== 'in_approval') throw Conflict('STEP_NOT_PENDING', { ref: row.ref }, { state: row.state, version: row.version });
    const directory = await approvalDirectory(tx);
    const related = new Set(await relatedUserIdsOf(tx, row.counterpartyPartyId, row.clientId));
    const restricted = await restrictedApprovers(tx, row, input.approverIds, chinaToday());
    const decided = new Set((await stepsOfRound(tx, row)).map((s) => s.decidedBy).filter(Boolean));
    for (const [i, userId] of input.approverIds.entries()) {
      const user = directory.users.find((u) => u.id === userId);
      const problem = !user || !user.active
        ? 'APPROVER_INELIGIBLE'
        : !permissionsOf(user.roles as Role[]).includes('benefits.approve') || userId === row.requesterId || related.has(userId) || restricted.has(userId) || decided.has(userId)
          ? 'APPROVER_INELIGIBLE'
          : null;
      if (problem) throw Invalid(problem, { name: directory.names.get(userId) ?? userId }, [{ path: `approverIds.${i}`, message: problem }]);
    }
    await tx.update(benefitApprovalSteps).set({ approverIds: input.approverIds, activatedAt: new Date(), lastRemindedAt: null }).where(eq(benefitApprovalSteps.id, step.id));
    const saved = await saveRequest(tx, row, {});
    await recordHistory(tx, ctx, saved, {
      kind: 'reassigned',
      stepId: step.id,
      comment: input.comment,
      before: { approverIds: step.approverIds },
      after: { approverIds: input.approverIds },
      evidence: { from: step.approverIds, to: input.approverIds },
    });
    await notifyStep(tx, ctx, saved, input.approverIds, 'benefit.reassigned', input.comment);
  });
}
