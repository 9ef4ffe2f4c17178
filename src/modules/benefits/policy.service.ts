// The benefit policy and the authority matrix as compliance publishes them (append-only versions),
// with delegations, blackout windows and the workflow settings the request flow reads.
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isRole, permissionsOf, type Permission, type Role } from '../../core/access';
import {
  computeApprovalChain,
  validateAuthorityMatrix,
  type AuthorityMatrix,
  type AuthorityRule,
  type Delegation,
  type DirectorySnapshot,
  type SkippedApprover,
  type StepSpec,
} from '../../core/benefits/approval-chain';
import { skipText } from '../../core/benefits/explain';
import type { BenefitType, BenefitTypePolicy, BlackoutWindow, PolicyVersion } from '../../core/benefits/policy';
import { ensureClientVisible, noteRefusal, visibleClient } from '../../platform/access/client-scope';
import { publishEvents } from '../../platform/events/outbox';
import { appendAudit } from '../../platform/audit/audit.service';
import { departments, userRoles, users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, DomainError, Forbidden, Invalid, NotFound } from '../../platform/errors';
import type { Locale, MessageCode } from '../../platform/i18n/messages';
import { clients, parties } from '../registry/registry.tables';
import { chinaToday } from '../../core/calendar';
import { parseAmount } from './amounts';
import { approvalDelegations, authorityMatrixVersions, benefitBlackouts, benefitPolicyVersions, benefitSettings } from './benefits.tables';
import type { AuthorityRuleDto, BenefitSettings, BlackoutInput, DelegationInput, MatrixInput, PolicyTypes, PolicyVersionInput } from './policy.types';
import { refuseHiddenClient } from './visibility';

export { seedDemoBenefitPolicy } from './policy.demo';

// Serialise version numbering (and delegation overlap checks) across transactions and processes.
const POLICY_VERSION_LOCK = 727_101;
const MATRIX_VERSION_LOCK = 727_102;
const DELEGATION_LOCK = 727_103;

/** Today's calendar date in China (UTC+8 all year), YYYY-MM-DD: the day benefits and policies are dated by. */

const userId = (ctx: RequestContext) => ctx.principal?.userId ?? null;
const holds = (ctx: RequestContext, permission: Permission) => ctx.principal?.permissions.includes(permission) ?? false;
const userRef = (id: string | null, displayName: string | null) => (id ? { id, displayName: displayName ?? '' } : null);

// ── Policy versions ─────────────────────────────────────────────────────────────────────────────

const policyQuery = (executor: Executor) =>
  executor
    .select({ row: benefitPolicyVersions, creatorName: users.displayName })
    .from(benefitPolicyVersions)
    .leftJoin(users, eq(users.id, benefitPolicyVersions.createdBy));
type PolicyRow = Awaited<ReturnType<typeof policyQuery>>[number];

function policyDto({ row, creatorName }: PolicyRow) {
  return {
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    currency: 'CNY' as const,
    types: row.types as PolicyTypes,
    note: row.note,
    createdAt: row.createdAt,
    createdBy: userRef(row.createdBy, creatorName),
  };
}
export type PolicyVersionDto = ReturnType<typeof policyDto>;

const toCorePolicy = (row: typeof benefitPolicyVersions.$inferSelect): PolicyVersion => ({
  version: row.version,
  effectiveFrom: row.effectiveFrom,
  types: row.types as Record<BenefitType, BenefitTypePolicy>,
  currency: 'CNY',
});

/**
 * The policy version in force on a date (YYYY-MM-DD): the latest effectiveFrom on or before it, the
 * higher version when two start the same day (as policyInForce in core); null before the first.
 */
export async function policyInForceOn(executor: Executor, date: string): Promise<PolicyVersion | null> {
  const [row] = await executor
    .select()
    .from(benefitPolicyVersions)
    .where(lte(benefitPolicyVersions.effectiveFrom, date))
    .orderBy(desc(benefitPolicyVersions.effectiveFrom), desc(benefitPolicyVersions.version))
    .limit(1);
  return row ? toCorePolicy(row) : null;
}

/** A policy version by number, as the core judges by it; for re-reading what a request was judged by. */
export async function policyVersion(executor: Executor, version: number): Promise<PolicyVersion | null> {
  const [row] = await executor.select().from(benefitPolicyVersions).where(eq(benefitPolicyVersions.version, version));
  return row ? toCorePolicy(row) : null;
}

export async function getPolicyVersion(executor: Executor, version: number): Promise<PolicyVersionDto> {
  const [found] = await policyQuery(executor).where(eq(benefitPolicyVersions.version, version));
  if (!found) throw NotFound('POLICY_VERSION_NOT_FOUND', { version });
  return policyDto(found);
}

/** The version in force today and every version, newest first (later ones may not be in force yet). */
export async function policyOverview(executor: Executor, today: string = chinaToday()) {
  const rows = await policyQuery(executor).orderBy(desc(benefitPolicyVersions.version));
  const current = await policyInForceOn(executor, today);
  const currentRow = current ? rows.find((r) => r.row.version === current.version) : undefined;
  return {
    current: currentRow ? policyDto(currentRow) : null,
    versions: rows.map((r) => {
      const { version, effectiveFrom, note, createdAt, createdBy } = policyDto(r);
      return { version, effectiveFrom, note, createdAt, createdBy };
    }),
  };
}

/** Writes the next version number under a lock, with its audit entry; no date rule, so the seed can use it. */
export async function insertPolicyVersion(tx: Tx, ctx: RequestContext, input: { effectiveFrom: string; types: Record<BenefitType, BenefitTypePolicy>; note?: string | null }): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${POLICY_VERSION_LOCK})`);
  const [last] = await tx.select({ version: sql<number>`coalesce(max(${benefitPolicyVersions.version}), 0)::int` }).from(benefitPolicyVersions);
  const version = (last?.version ?? 0) + 1;
  const row = { version, effectiveFrom: input.effectiveFrom, types: input.types, note: input.note ?? null, createdBy: userId(ctx) };
  await tx.insert(benefitPolicyVersions).values(row);
  await appendAudit(tx, ctx, { action: 'benefit.policy.publish', entityType: 'benefit_policy', entityId: String(version), after: row });
  return version;
}

/**
 * Publishes a new policy version. It may start today or later, never earlier: a request is judged by
 * the version in force when submitted, and a back-dated version would rewrite which one that was.
 */
export async function publishPolicyVersion(db: Db, ctx: RequestContext, input: PolicyVersionInput, today: string = chinaToday()): Promise<PolicyVersionDto> {
  if (input.effectiveFrom < today) throw Invalid('POLICY_BACKDATED', { today }, [{ path: 'effectiveFrom', message: 'POLICY_BACKDATED' }]);
  return inTransaction(db, async (tx) => getPolicyVersion(tx, await insertPolicyVersion(tx, ctx, input)));
}

// ── Authority matrix ────────────────────────────────────────────────────────────────────────────

const matrixQuery = (executor: Executor) =>
  executor
    .select({ row: authorityMatrixVersions, creatorName: users.displayName })
    .from(authorityMatrixVersions)
    .leftJoin(users, eq(users.id, authorityMatrixVersions.createdBy));
type MatrixRow = Awaited<ReturnType<typeof matrixQuery>>[number];

function matrixDto({ row, creatorName }: MatrixRow) {
  return {
    version: row.version,
    rules: row.rules as AuthorityRuleDto[],
    escalationRoles: row.escalationRoles,
    note: row.note,
    createdAt: row.createdAt,
    createdBy: userRef(row.createdBy, creatorName),
  };
}
export type MatrixVersionDto = ReturnType<typeof matrixDto>;

/** The matrix in force: always the latest version. */
export async function currentMatrix(executor: Executor): Promise<{ version: number; rules: AuthorityMatrix; escalationRoles: string[] } | null> {
  const [row] = await executor.select().from(authorityMatrixVersions).orderBy(desc(authorityMatrixVersions.version)).limit(1);
  return row ? { version: row.version, rules: row.rules as AuthorityRule[], escalationRoles: row.escalationRoles } : null;
}

export async function getCurrentMatrix(executor: Executor): Promise<MatrixVersionDto> {
  const [found] = await matrixQuery(executor).orderBy(desc(authorityMatrixVersions.version)).limit(1);
  if (!found) throw NotFound('MATRIX_NOT_FOUND');
  return matrixDto(found);
}

// Earlier matrices are evidence of who could approve what: for those who set them and for audit.
function assertMayReadMatrixHistory(ctx: RequestContext) {
  if (!holds(ctx, 'benefits.configure') && !holds(ctx, 'audit.read')) throw Forbidden('FORBIDDEN', { permission: 'benefits.configure' });
}

export async function listMatrixVersions(executor: Executor, ctx: RequestContext) {
  assertMayReadMatrixHistory(ctx);
  const rows = await matrixQuery(executor).orderBy(desc(authorityMatrixVersions.version));
  return rows.map((r) => {
    const { version, note, createdAt, createdBy, rules } = matrixDto(r);
    return { version, note, createdAt, createdBy, ruleCount: rules.length };
  });
}

export async function getMatrixVersion(executor: Executor, ctx: RequestContext, version: number): Promise<MatrixVersionDto> {
  assertMayReadMatrixHistory(ctx);
  const [found] = await matrixQuery(executor).where(eq(authorityMatrixVersions.version, version));
  if (!found) throw NotFound('MATRIX_VERSION_NOT_FOUND', { version });
  return matrixDto(found);
}

export type MatrixEditorProblem =
  | ReturnType<typeof validateAuthorityMatrix>[number]
  | { code: 'UNKNOWN_ROLE'; ruleId?: string; role: string }
  | { code: 'UNKNOWN_USER' | 'INACTIVE_USER'; ruleId: string; userId: string }
  | { code: 'UNKNOWN_DEPARTMENT'; ruleId: string; departmentId: string };

const problemMessages: Record<MatrixEditorProblem['code'], MessageCode> = {
  DUPLICATE_ID: 'MATRIX_DUPLICATE_ID',
  NO_STEPS: 'MATRIX_NO_STEPS',
  INVALID_BAND: 'MATRIX_INVALID_BAND',
  EMPTY_SCOPE: 'MATRIX_EMPTY_SCOPE',
  NO_CATCH_ALL: 'MATRIX_NO_CATCH_ALL',
  UNKNOWN_ROLE: 'MATRIX_UNKNOWN_ROLE',
  UNKNOWN_USER: 'UNKNOWN_USER',
  INACTIVE_USER: 'MATRIX_INACTIVE_USER',
  UNKNOWN_DEPARTMENT: 'UNKNOWN_DEPARTMENT',
};

/** Where in the submitted body a problem is, for the editor to mark the field. */
function problemPath(problem: MatrixEditorProblem, rules: readonly AuthorityRule[]): string {
  const index = 'ruleId' in problem && problem.ruleId !== undefined ? rules.findIndex((r) => r.id === problem.ruleId) : -1;
  const rule = `rules.${index}`;
  switch (problem.code) {
    case 'NO_CATCH_ALL':
      return 'rules';
    case 'DUPLICATE_ID':
      return `rules.${rules.findLastIndex((r) => r.id === problem.ruleId)}.id`;
    case 'NO_STEPS':
      return `${rule}.steps`;
    case 'INVALID_BAND':
      return `${rule}.maxAmountMinor`;
    case 'EMPTY_SCOPE':
      return rules[index]?.benefitTypes !== '*' && rules[index]?.benefitTypes.length === 0 ? `${rule}.benefitTypes` : `${rule}.departmentIds`;
    case 'UNKNOWN_ROLE':
      return problem.ruleId === undefined ? 'escalationRoles' : `${rule}.steps`;
    case 'UNKNOWN_USER':
    case 'INACTIVE_USER':
      return `${rule}.steps`;
    case 'UNKNOWN_DEPARTMENT':
      return `${rule}.departmentIds`;
  }
}

/** Everything wrong with a matrix: the core's structural checks, then the people, roles and departments it names. */
export async function matrixProblems(executor: Executor, input: { rules: readonly AuthorityRule[]; escalationRoles: readonly string[] }): Promise<MatrixEditorProblem[]> {
  const { rules } = input;
  const problems: MatrixEditorProblem[] = [...validateAuthorityMatrix(rules)];
  const userIds = [...new Set(rules.flatMap((r) => r.steps.flatMap((s) => (s.kind === 'user' ? [s.userId] : []))))];
  const departmentIds = [...new Set(rules.flatMap((r) => (r.departmentIds === '*' ? [] : r.departmentIds)))];
  const known = userIds.length ? await executor.select({ id: users.id, active: users.active }).from(users).where(inArray(users.id, userIds)) : [];
  const knownDepartments = new Set(
    (departmentIds.length ? await executor.select({ id: departments.id }).from(departments).where(inArray(departments.id, departmentIds)) : []).map((d) => d.id),
  );
  for (const rule of rules) {
    for (const step of rule.steps) {
      if (step.kind === 'role' && !isRole(step.role)) problems.push({ code: 'UNKNOWN_ROLE', ruleId: rule.id, role: step.role });
      if (step.kind === 'user') {
        const user = known.find((u) => u.id === step.userId);
        if (!user) problems.push({ code: 'UNKNOWN_USER', ruleId: rule.id, userId: step.userId });
        else if (!user.active) problems.push({ code: 'INACTIVE_USER', ruleId: rule.id, userId: step.userId });
      }
    }
    for (const departmentId of rule.departmentIds === '*' ? [] : new Set(rule.departmentIds)) {
      if (!knownDepartments.has(departmentId)) problems.push({ code: 'UNKNOWN_DEPARTMENT', ruleId: rule.id, departmentId });
    }
  }
  for (const role of input.escalationRoles) if (!isRole(role)) problems.push({ code: 'UNKNOWN_ROLE', role });
  return problems;
}

/** Writes the next matrix version under a lock, with its audit entry; the caller has validated it. */
export async function insertMatrixVersion(tx: Tx, ctx: RequestContext, input: { rules: readonly AuthorityRule[]; escalationRoles: readonly string[]; note?: string | null }): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${MATRIX_VERSION_LOCK})`);
  const [last] = await tx.select({ version: sql<number>`coalesce(max(${authorityMatrixVersions.version}), 0)::int` }).from(authorityMatrixVersions);
  const version = (last?.version ?? 0) + 1;
  const row = { version, rules: input.rules, escalationRoles: [...input.escalationRoles], note: input.note ?? null, createdBy: userId(ctx) };
  await tx.insert(authorityMatrixVersions).values(row);
  await appendAudit(tx, ctx, { action: 'benefit.matrix.publish', entityType: 'authority_matrix', entityId: String(version), after: row });
  return version;
}

/** Validates and publishes a new matrix; refused whole, with every problem named, when anything is wrong. */
export async function publishMatrix(db: Db, ctx: RequestContext, input: MatrixInput): Promise<MatrixVersionDto> {
  return inTransaction(db, async (tx) => {
    const problems = await matrixProblems(tx, input);
    if (problems.length > 0) {
      const fields = problems.map((p) => ({ path: problemPath(p, input.rules), message: problemMessages[p.code] }));
      throw new DomainError(400, 'MATRIX_INVALID', { count: problems.length }, fields, { problems });
    }
    const version = await insertMatrixVersion(tx, ctx, { rules: input.rules, escalationRoles: input.escalationRoles, note: input.note });
    const [found] = await matrixQuery(tx).where(eq(authorityMatrixVersions.version, version));
    return matrixDto(found!);
  });
}

// ── Approval directory and the chain preview ──────────────────────────────────────────────────

/**
 * The firm's people as the approval chain sees them on a day: roles, department, the departments
 * each manages (a manager manages their own department) and the delegations in force.
 */
export async function approvalDirectory(executor: Executor, today: string = chinaToday()): Promise<DirectorySnapshot & { names: Map<string, string> }> {
  // One statement for the people with their roles; statements on a transaction run one after another anyway.
  const people = await executor
    .select({
      id: users.id,
      active: users.active,
      departmentId: users.departmentId,
      displayName: users.displayName,
      roles: sql<Role[]>`coalesce(array_agg(${userRoles.role}::text) filter (where ${userRoles.role} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .groupBy(users.id);
  const delegations = await delegationsOn(executor, today);
  return {
    users: people.map(({ displayName: _name, ...p }) => ({ ...p, managerOf: p.roles.includes('manager') && p.departmentId ? [p.departmentId] : [] })),
    delegations,
    today,
    names: new Map(people.map((p) => [p.id, p.displayName])),
  };
}

/** The chain the current matrix would give the caller for such a request, at medium risk; nothing is saved. */
export async function previewChain(executor: Executor, ctx: RequestContext, input: { benefitType: BenefitType; departmentId: string; amount: string; currency: 'CNY' }, locale: Locale) {
  const amount = parseAmount(input.amount, input.currency);
  const matrix = await currentMatrix(executor);
  if (!matrix) throw NotFound('MATRIX_NOT_FOUND');
  const [department] = await executor.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
  if (!department) throw Invalid('UNKNOWN_DEPARTMENT', {}, [{ path: 'departmentId', message: 'UNKNOWN_DEPARTMENT' }]);
  const directory = await approvalDirectory(executor);
  const ref = (id: string) => ({ id, displayName: directory.names.get(id) ?? '' });
  const skipped = (list: SkippedApprover[]) => list.map((s) => ({ user: ref(s.userId), reason: s.reason, text: skipText(s.reason, locale), ...(s.deputyId ? { deputy: ref(s.deputyId) } : {}) }));
  const chain = computeApprovalChain(
    matrix.rules,
    { requesterId: userId(ctx) ?? '', departmentId: input.departmentId, benefitType: input.benefitType, amount, risk: 'medium' },
    directory,
    { escalationRoles: matrix.escalationRoles },
  );
  if (!chain.ok) {
    return {
      matrixVersion: matrix.version,
      ruleId: null,
      steps: [],
      routing: [],
      problem: { code: chain.code, ...(chain.code === 'NO_ELIGIBLE_APPROVER' ? { step: { order: chain.step.order, spec: chain.step.spec, skipped: skipped(chain.step.skipped) } } : {}) },
    };
  }
  return {
    matrixVersion: matrix.version,
    ruleId: chain.ruleId,
    steps: chain.steps.map((s) => ({ order: s.order, spec: s.spec as StepSpec, approvers: s.approverIds.map(ref), skipped: skipped(s.skipped), escalatedTo: s.escalatedTo ?? null })),
    routing: chain.routing,
    problem: null,
  };
}

// ── Delegations ───────────────────────────────────────────────────────────────────────────────

const fromUser = alias(users, 'from_user');
const toUser = alias(users, 'to_user');
const creator = alias(users, 'creator');
const revoker = alias(users, 'revoker');

const delegationQuery = (executor: Executor) =>
  executor
    .select({ row: approvalDelegations, fromName: fromUser.displayName, toName: toUser.displayName, creatorName: creator.displayName, revokerName: revoker.displayName })
    .from(approvalDelegations)
    .innerJoin(fromUser, eq(fromUser.id, approvalDelegations.fromUserId))
    .innerJoin(toUser, eq(toUser.id, approvalDelegations.toUserId))
    .leftJoin(creator, eq(creator.id, approvalDelegations.createdBy))
    .leftJoin(revoker, eq(revoker.id, approvalDelegations.revokedBy));
type DelegationRow = Awaited<ReturnType<typeof delegationQuery>>[number];

const delegationDto = ({ row, fromName, toName, creatorName, revokerName }: DelegationRow) => ({
  id: row.id,
  from: { id: row.fromUserId, displayName: fromName },
  to: { id: row.toUserId, displayName: toName },
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  reason: row.reason,
  createdAt: row.createdAt,
  createdBy: userRef(row.createdBy, creatorName),
  revokedAt: row.revokedAt,
  revokedBy: userRef(row.revokedBy, revokerName),
});

/** Delegations in force on a date (both ends included), not revoked, in the core's shape. */
export async function delegationsOn(executor: Executor, date: string): Promise<Delegation[]> {
  const rows = await executor
    .select()
    .from(approvalDelegations)
    .where(and(isNull(approvalDelegations.revokedAt), lte(approvalDelegations.startsOn, date), gte(approvalDelegations.endsOn, date)))
    .orderBy(asc(approvalDelegations.createdAt));
  return rows.map((r) => ({ fromUserId: r.fromUserId, toUserId: r.toUserId, from: r.startsOn, to: r.endsOn }));
}

/** The caller's delegations (given or received), or with benefits.administer everyone's. */
export async function listDelegations(executor: Executor, ctx: RequestContext, query: { scope: 'mine' | 'all'; includeRevoked: boolean }) {
  if (query.scope === 'all' && !holds(ctx, 'benefits.administer')) throw Forbidden('FORBIDDEN', { permission: 'benefits.administer' });
  const me = userId(ctx) ?? '';
  const filters: (SQL | undefined)[] = [
    query.scope === 'mine' ? or(eq(approvalDelegations.fromUserId, me), eq(approvalDelegations.toUserId, me)) : undefined,
    query.includeRevoked ? undefined : isNull(approvalDelegations.revokedAt),
  ];
  const rows = await delegationQuery(executor)
    .where(and(...filters))
    .orderBy(desc(approvalDelegations.startsOn), desc(approvalDelegations.createdAt));
  return rows.map(delegationDto);
}

async function getDelegation(executor: Executor, id: string) {
  const [found] = await delegationQuery(executor).where(eq(approvalDelegations.id, id));
  if (!found) throw NotFound('DELEGATION_NOT_FOUND');
  return delegationDto(found);
}

/**
 * An approver names a deputy for a period; compliance or an administrator may do it for anyone. The
 * deputy must be able to approve, and one approver has at most one deputy on any day, so the chain
 * never has to choose between two.
 */
export async function createDelegation(db: Db, ctx: RequestContext, input: DelegationInput, today: string = chinaToday()) {
  const me = userId(ctx);
  const fromUserId = input.fromUserId ?? me;
  if (!fromUserId) throw Forbidden('FORBIDDEN', { permission: 'benefits.approve' });
  if (fromUserId !== me && !holds(ctx, 'benefits.administer')) throw Forbidden('FORBIDDEN', { permission: 'benefits.administer' });
  if (fromUserId === me && !holds(ctx, 'benefits.approve') && !holds(ctx, 'benefits.administer')) throw Forbidden('FORBIDDEN', { permission: 'benefits.approve' });
  if (input.endsOn < input.startsOn) throw Invalid('DATE_ORDER', {}, [{ path: 'endsOn', message: 'DATE_ORDER' }]);
  if (input.endsOn < today) throw Invalid('DELEGATION_IN_PAST', { today }, [{ path: 'endsOn', message: 'DELEGATION_IN_PAST' }]);
  if (input.toUserId === fromUserId) throw Invalid('DELEGATION_TO_SELF', {}, [{ path: 'toUserId', message: 'DELEGATION_TO_SELF' }]);

  return inTransaction(db, async (tx) => {
    const people = await tx.select({ id: users.id, active: users.active }).from(users).where(inArray(users.id, [fromUserId, input.toUserId]));
    if (!people.some((p) => p.id === fromUserId)) throw Invalid('UNKNOWN_USER', {}, [{ path: 'fromUserId', message: 'UNKNOWN_USER' }]);
    const deputy = people.find((p) => p.id === input.toUserId);
    if (!deputy || !deputy.active) throw Invalid('UNKNOWN_USER', {}, [{ path: 'toUserId', message: 'UNKNOWN_USER' }]);
    const deputyRoles = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, deputy.id))).map((r) => r.role);
    if (!permissionsOf(deputyRoles).includes('benefits.approve')) throw Invalid('DELEGATE_CANNOT_APPROVE', {}, [{ path: 'toUserId', message: 'DELEGATE_CANNOT_APPROVE' }]);

    await tx.execute(sql`select pg_advisory_xact_lock(${DELEGATION_LOCK})`);
    const [overlap] = await tx
      .select({ id: approvalDelegations.id, startsOn: approvalDelegations.startsOn, endsOn: approvalDelegations.endsOn })
      .from(approvalDelegations)
      .where(
        and(
          eq(approvalDelegations.fromUserId, fromUserId),
          isNull(approvalDelegations.revokedAt),
          lte(approvalDelegations.startsOn, input.endsOn),
          gte(approvalDelegations.endsOn, input.startsOn),
        ),
      )
      .limit(1);
    if (overlap) throw Conflict('DELEGATION_OVERLAP', { from: overlap.startsOn, to: overlap.endsOn }, { delegationId: overlap.id });

    const [row] = await tx
      .insert(approvalDelegations)
      .values({ fromUserId, toUserId: input.toUserId, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason ?? null, createdBy: me })
      .returning();
    await appendAudit(tx, ctx, { action: 'benefit.delegation.create', entityType: 'approval_delegation', entityId: row!.id, after: row });
    return getDelegation(tx, row!.id);
  });
}

/** Ends a delegation early: by the approver who gave it, or with benefits.administer. Kept, marked revoked. */
export async function revokeDelegation(db: Db, ctx: RequestContext, id: string) {
  return inTransaction(db, async (tx) => {
    const [existing] = await tx.select().from(approvalDelegations).where(eq(approvalDelegations.id, id)).for('update');
    const me = userId(ctx);
    const own = existing && me !== null && (existing.fromUserId === me || existing.createdBy === me);
    // Someone else's delegation is as good as absent to a caller who may not manage it.
    if (!existing || (!own && !holds(ctx, 'benefits.administer'))) throw NotFound('DELEGATION_NOT_FOUND');
    if (existing.revokedAt) throw Conflict('DELEGATION_REVOKED');
    const [row] = await tx.update(approvalDelegations).set({ revokedAt: new Date(), revokedBy: me }).where(eq(approvalDelegations.id, id)).returning();
    await appendAudit(tx, ctx, { action: 'benefit.delegation.revoke', entityType: 'approval_delegation', entityId: id, before: existing, after: row });
    return getDelegation(tx, id);
  });
}

// ── Blackout windows ──────────────────────────────────────────────────────────────────────────

const blackoutCreator = alias(users, 'blackout_creator');
const lifter = alias(users, 'lifter');

const blackoutQuery = (executor: Executor) =>
  executor
    .select({ row: benefitBlackouts, clientName: parties.primaryName, creatorName: blackoutCreator.displayName, lifterName: lifter.displayName })
    .from(benefitBlackouts)
    .innerJoin(clients, eq(clients.id, benefitBlackouts.clientId))
    .innerJoin(parties, eq(parties.id, clients.partyId))
    .leftJoin(blackoutCreator, eq(blackoutCreator.id, benefitBlackouts.createdBy))
    .leftJoin(lifter, eq(lifter.id, benefitBlackouts.liftedBy));
type BlackoutRow = Awaited<ReturnType<typeof blackoutQuery>>[number];

const blackoutDto = ({ row, clientName, creatorName, lifterName }: BlackoutRow) => ({
  id: row.id,
  client: { id: row.clientId, name: clientName },
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  reason: row.reason,
  createdAt: row.createdAt,
  createdBy: userRef(row.createdBy, creatorName),
  liftedAt: row.liftedAt,
  liftedBy: userRef(row.liftedBy, lifterName),
});

/** A client's blackout windows that have not been lifted, in the core's shape. */
export async function blackoutsOf(executor: Executor, clientId: string): Promise<BlackoutWindow[]> {
  const rows = await executor
    .select()
    .from(benefitBlackouts)
    .where(and(eq(benefitBlackouts.clientId, clientId), isNull(benefitBlackouts.liftedAt)))
    .orderBy(asc(benefitBlackouts.startsOn));
  return rows.map((r) => ({ clientId: r.clientId, from: r.startsOn, to: r.endsOn, reason: r.reason }));
}

/** The windows the caller may see: a client they are kept out of shows none, as if it had none. */
export async function listBlackouts(executor: Executor, ctx: RequestContext, query: { clientId?: string; includeLifted: boolean }) {
  if (query.clientId) noteRefusal(ctx, query.clientId);
  const rows = await blackoutQuery(executor)
    .where(
      and(
        visibleClient(ctx, benefitBlackouts.clientId),
        query.clientId ? eq(benefitBlackouts.clientId, query.clientId) : undefined,
        query.includeLifted ? undefined : isNull(benefitBlackouts.liftedAt),
      ),
    )
    .orderBy(desc(benefitBlackouts.startsOn), asc(parties.primaryName));
  return rows.map(blackoutDto);
}

async function getBlackout(executor: Executor, id: string) {
  const [found] = await blackoutQuery(executor).where(eq(benefitBlackouts.id, id));
  if (!found) throw NotFound('BLACKOUT_NOT_FOUND');
  return blackoutDto(found);
}

/** Writes a blackout window with its audit entry; no date rule, so the seed can use it. */
export async function insertBlackout(tx: Tx, ctx: RequestContext, input: BlackoutInput): Promise<string> {
  const [row] = await tx
    .insert(benefitBlackouts)
    .values({ clientId: input.clientId, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason, createdBy: userId(ctx) })
    .returning();
  await appendAudit(tx, ctx, { action: 'benefit.blackout.create', entityType: 'benefit_blackout', entityId: row!.id, after: row });
  await publishEvents(tx, ctx, [{ type: 'BlackoutDeclared', entityType: 'benefit_blackout', entityId: row!.id }]);
  return row!.id;
}

export async function createBlackout(db: Db, ctx: RequestContext, input: BlackoutInput) {
  if (input.endsOn < input.startsOn) throw Invalid('DATE_ORDER', {}, [{ path: 'endsOn', message: 'DATE_ORDER' }]);
  return inTransaction(db, async (tx) => {
    const [client] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, input.clientId));
    if (!client) throw Invalid('CLIENT_NOT_FOUND', {}, [{ path: 'clientId', message: 'CLIENT_NOT_FOUND' }]);
    refuseHiddenClient(ctx, client.id);
    return getBlackout(tx, await insertBlackout(tx, ctx, input));
  });
}

/** Ends a blackout window: kept, marked lifted, and no longer blocks requests. */
export async function liftBlackout(db: Db, ctx: RequestContext, id: string) {
  return inTransaction(db, async (tx) => {
    const [existing] = await tx.select().from(benefitBlackouts).where(eq(benefitBlackouts.id, id)).for('update');
    if (!existing) throw NotFound('BLACKOUT_NOT_FOUND');
    ensureClientVisible(ctx, [existing.clientId], 'BLACKOUT_NOT_FOUND');
    if (existing.liftedAt) throw Conflict('BLACKOUT_LIFTED');
    const [row] = await tx.update(benefitBlackouts).set({ liftedAt: new Date(), liftedBy: userId(ctx) }).where(eq(benefitBlackouts.id, id)).returning();
    await appendAudit(tx, ctx, { action: 'benefit.blackout.lift', entityType: 'benefit_blackout', entityId: id, before: existing, after: row });
    return getBlackout(tx, id);
  });
}

// ── Settings ──────────────────────────────────────────────────────────────────────────────────

export async function getBenefitSettings(executor: Executor): Promise<BenefitSettings> {
  const [row] = await executor.select().from(benefitSettings).where(eq(benefitSettings.id, 'firm'));
  return { reminderAfterHours: row?.reminderAfterHours ?? 24, attachmentMaxMb: row?.attachmentMaxMb ?? 10 };
}

export async function updateBenefitSettings(db: Db, ctx: RequestContext, next: BenefitSettings): Promise<BenefitSettings> {
  return inTransaction(db, async (tx) => {
    const before = await getBenefitSettings(tx);
    const values = { ...next, updatedBy: userId(ctx), updatedAt: new Date() };
    await tx.insert(benefitSettings).values({ id: 'firm', ...values }).onConflictDoUpdate({ target: benefitSettings.id, set: values });
    await appendAudit(tx, ctx, { action: 'benefit.settings.update', entityType: 'benefit_settings', entityId: 'firm', before, after: next });
    return getBenefitSettings(tx);
  });
}
