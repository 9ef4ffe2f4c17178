// The authority matrix and the approval chain it gives a request. Computed once at submission from a
// snapshot of the firm's people and stored with the request, so later staff changes do not rewrite
// who was asked to approve.
import type { Money } from '../money';
import type { RestrictionCause } from '../recusal/barriers';

/** Roles a step may name; `director` and the like exist only for approval, beside the app's roles. */
export type ApprovalRole = 'compliance' | 'director' | 'finance' | 'manager' | 'admin' | (string & {});

export type StepSpec = (
  | { kind: 'department_manager' } // a manager of the requester's department
  | { kind: 'role'; role: ApprovalRole } // any holder of the role
  | { kind: 'user'; userId: string }
) & {
  /** The step may be left out when the pre-checks score the request low risk. */
  skippableOnLowRisk?: boolean;
};

export interface AuthorityRule {
  id: string;
  benefitTypes: readonly string[] | '*';
  departmentIds: readonly string[] | '*';
  /** Upper end of the band, inclusive, in fen; null: no upper bound. */
  maxAmountMinor: number | null;
  currency: 'CNY';
  steps: readonly StepSpec[];
}
export type AuthorityMatrix = readonly AuthorityRule[];

export interface DirectoryUser {
  id: string;
  active: boolean;
  roles: readonly string[];
  departmentId: string | null;
  managerOf: readonly string[];
}

export interface Delegation {
  fromUserId: string;
  toUserId: string;
  /** First and last day, both inclusive, as ISO dates (YYYY-MM-DD). */
  from: string;
  to: string;
}

export interface DirectorySnapshot {
  users: readonly DirectoryUser[];
  delegations: readonly Delegation[];
  /** The day the chain is computed, ISO date; passed in so the computation stays pure. */
  today: string;
}

export type RiskLevel = 'low' | 'medium' | 'high';

export interface ChainRequest {
  requesterId: string;
  /** The department the benefit is charged to; its manager approves department_manager steps. */
  departmentId: string;
  benefitType: string;
  /** In CNY: other currencies are converted at the recorded rate before the matrix is consulted. */
  amount: Money;
  risk: RiskLevel;
  softLimitBreached?: boolean;
  /** Staff related to the recipient in the relationship graph: they must not approve. */
  relatedUserIds?: readonly string[];
  /** Staff kept out of the request's client today by a recusal or an information barrier, with the cause. */
  restrictedUsers?: ReadonlyMap<string, RestrictionCause>;
}

export interface ChainOptions {
  /** Where a step with nobody eligible goes, tried in order. */
  escalationRoles?: readonly ApprovalRole[];
}

export const skipReasons = ['self', 'related', 'recused', 'walled_off', 'inactive', 'missing', 'delegated'] as const;
export type SkipReason = (typeof skipReasons)[number];

export interface SkippedApprover {
  userId: string;
  reason: SkipReason;
  /** For 'delegated': who stands in. */
  deputyId?: string;
}

export interface ApprovalStep {
  order: number;
  spec: StepSpec;
  /** Any one of them may decide the step. */
  approverIds: string[];
  skipped: SkippedApprover[];
  /** Nobody the spec names could approve, so the step went to this role instead. */
  escalatedTo?: ApprovalRole;
}

export type RoutingChange =
  | { kind: 'skipped_low_risk'; spec: StepSpec }
  | { kind: 'added_compliance'; because: 'high_risk' | 'soft_limit' };

export type ApprovalChain = { ok: true; ruleId: string; steps: ApprovalStep[]; routing: RoutingChange[] };

export type ChainError =
  | { ok: false; code: 'INVALID_AMOUNT' | 'CURRENCY_MISMATCH' | 'NO_MATCHING_RULE' }
  | { ok: false; code: 'NO_ELIGIBLE_APPROVER'; step: { order: number; spec: StepSpec; skipped: SkippedApprover[] } };

const DEFAULT_ESCALATION: readonly ApprovalRole[] = ['compliance', 'director'];
const COMPLIANCE: StepSpec = { kind: 'role', role: 'compliance' };

const covers = (list: readonly string[] | '*', value: string) => list === '*' || list.includes(value);
const specificity = (rule: AuthorityRule) => (rule.benefitTypes === '*' ? 0 : 2) + (rule.departmentIds === '*' ? 0 : 1);
const band = (rule: AuthorityRule) => rule.maxAmountMinor ?? Number.POSITIVE_INFINITY;

/**
 * The rule for a request. Precedence: among the rules whose type, department and band cover the
 * request, the narrowest band wins; within one band a rule naming the benefit type beats one naming
 * the department, which beats a rule for any; then the matrix's own order.
 */
export function selectAuthorityRule(matrix: AuthorityMatrix, request: Pick<ChainRequest, 'benefitType' | 'departmentId' | 'amount'>): AuthorityRule | null {
  let best: AuthorityRule | null = null;
  for (const rule of matrix) {
    if (rule.currency !== request.amount.currency || !covers(rule.benefitTypes, request.benefitType) || !covers(rule.departmentIds, request.departmentId)) continue;
    if (request.amount.amountMinor > band(rule)) continue;
    if (!best || band(rule) < band(best) || (band(rule) === band(best) && specificity(rule) > specificity(best))) best = rule;
  }
  return best;
}

/** The steps after risk routing: low risk drops skippable steps (never all), high risk or a soft breach adds compliance. */
function routeByRisk(steps: readonly StepSpec[], request: ChainRequest): { specs: StepSpec[]; routing: RoutingChange[] } {
  const routing: RoutingChange[] = [];
  let specs = [...steps];
  if (request.risk === 'low') {
    const kept = specs.filter((spec, i) => !spec.skippableOnLowRisk || (i === specs.length - 1 && specs.every((s) => s.skippableOnLowRisk)));
    for (const spec of specs) if (!kept.includes(spec)) routing.push({ kind: 'skipped_low_risk', spec });
    specs = kept;
  }
  const because = request.risk === 'high' ? 'high_risk' : request.softLimitBreached ? 'soft_limit' : null;
  if (because && !specs.some((s) => s.kind === 'role' && s.role === 'compliance')) {
    specs.push(COMPLIANCE);
    routing.push({ kind: 'added_compliance', because });
  }
  return { specs, routing };
}

const activeDelegation = (directory: DirectorySnapshot, userId: string) =>
  directory.delegations.find((d) => d.fromUserId === userId && d.from.slice(0, 10) <= directory.today && directory.today <= d.to.slice(0, 10));

/**
 * Who may decide for one candidate: the candidate, their deputy (followed through further
 * delegations), or nobody. Self, related and restricted (recused or walled off from the client) are
 * checked before delegation, so a deputy never acts for an approver who could not act.
 */
function resolveCandidate(userId: string, request: ChainRequest, directory: DirectorySnapshot, skipped: SkippedApprover[]): string | null {
  const related = new Set(request.relatedUserIds ?? []);
  const restricted = request.restrictedUsers ?? new Map<string, RestrictionCause>();
  const seen = new Set<string>();
  let current = userId;
  for (;;) {
    const user = directory.users.find((u) => u.id === current);
    const refuse = (reason: SkipReason) => (skipped.push({ userId: current, reason }), null);
    if (!user) return refuse('missing');
    if (!user.active) return refuse('inactive');
    if (current === request.requesterId) return refuse('self');
    if (related.has(current)) return refuse('related');
    const cause = restricted.get(current);
    if (cause) return refuse(cause);
    seen.add(current);
    const delegation = activeDelegation(directory, current);
    if (!delegation || seen.has(delegation.toUserId)) return current;
    skipped.push({ userId: current, reason: 'delegated', deputyId: delegation.toUserId });
    current = delegation.toUserId;
  }
}

function candidatesOf(spec: StepSpec, request: ChainRequest, directory: DirectorySnapshot): string[] {
  switch (spec.kind) {
    case 'department_manager':
      return directory.users.filter((u) => u.managerOf.includes(request.departmentId)).map((u) => u.id);
    case 'role':
      return directory.users.filter((u) => u.roles.includes(spec.role)).map((u) => u.id);
    case 'user':
      return [spec.userId];
  }
}

function eligible(candidates: readonly string[], request: ChainRequest, directory: DirectorySnapshot, skipped: SkippedApprover[]): string[] {
  const approvers: string[] = [];
  for (const id of candidates) {
    const approver = resolveCandidate(id, request, directory, skipped);
    if (approver && !approvers.includes(approver)) approvers.push(approver);
  }
  return approvers;
}

/**
 * The approval chain for a request. A step whose named approvers are all skipped escalates to the
 * first escalation role with someone eligible, preferring roles not already a step of the chain; it
 * never disappears, since an absent approver must not mean an approval.
 */
export function computeApprovalChain(
  matrix: AuthorityMatrix,
  request: ChainRequest,
  directory: DirectorySnapshot,
  options: ChainOptions = {},
): ApprovalChain | ChainError {
  if (!Number.isSafeInteger(request.amount.amountMinor) || request.amount.amountMinor <= 0) return { ok: false, code: 'INVALID_AMOUNT' };
  if (request.amount.currency !== 'CNY') return { ok: false, code: 'CURRENCY_MISMATCH' };
  const rule = selectAuthorityRule(matrix, request);
  if (!rule) return { ok: false, code: 'NO_MATCHING_RULE' };

  const { specs, routing } = routeByRisk(rule.steps, request);
  const chainRoles = new Set(specs.flatMap((s) => (s.kind === 'role' ? [s.role] : [])));
  const escalation = options.escalationRoles ?? DEFAULT_ESCALATION;
  const escalationOrder = [...escalation.filter((r) => !chainRoles.has(r)), ...escalation.filter((r) => chainRoles.has(r))];

  const steps: ApprovalStep[] = [];
  for (const [index, spec] of specs.entries()) {
    const order = index + 1;
    const skipped: SkippedApprover[] = [];
    let approverIds = eligible(candidatesOf(spec, request, directory), request, directory, skipped);
    let escalatedTo: ApprovalRole | undefined;
    for (const role of approverIds.length === 0 ? escalationOrder : []) {
      approverIds = eligible(candidatesOf({ kind: 'role', role }, request, directory), request, directory, skipped);
      if (approverIds.length > 0) {
        escalatedTo = role;
        break;
      }
    }
    if (approverIds.length === 0) return { ok: false, code: 'NO_ELIGIBLE_APPROVER', step: { order, spec, skipped } };
    steps.push({ order, spec, approverIds, skipped, ...(escalatedTo && { escalatedTo }) });
  }
  return { ok: true, ruleId: rule.id, steps, routing };
}

export type MatrixProblem =
  | { code: 'DUPLICATE_ID'; ruleId: string }
  | { code: 'NO_STEPS'; ruleId: string }
  | { code: 'INVALID_BAND'; ruleId: string }
  | { code: 'EMPTY_SCOPE'; ruleId: string }
  /** No rule for any type and department without an upper bound: some requests would find no rule. */
  | { code: 'NO_CATCH_ALL' };

/** What the matrix editor must refuse before a matrix is saved. */
export function validateAuthorityMatrix(matrix: AuthorityMatrix): MatrixProblem[] {
  const problems: MatrixProblem[] = [];
  const ids = new Set<string>();
  for (const rule of matrix) {
    if (ids.has(rule.id)) problems.push({ code: 'DUPLICATE_ID', ruleId: rule.id });
    ids.add(rule.id);
    if (rule.steps.length === 0) problems.push({ code: 'NO_STEPS', ruleId: rule.id });
    if (rule.maxAmountMinor !== null && (!Number.isSafeInteger(rule.maxAmountMinor) || rule.maxAmountMinor <= 0)) problems.push({ code: 'INVALID_BAND', ruleId: rule.id });
    if ((rule.benefitTypes !== '*' && rule.benefitTypes.length === 0) || (rule.departmentIds !== '*' && rule.departmentIds.length === 0))
      problems.push({ code: 'EMPTY_SCOPE', ruleId: rule.id });
  }
  if (!matrix.some((r) => r.benefitTypes === '*' && r.departmentIds === '*' && r.maxAmountMinor === null)) problems.push({ code: 'NO_CATCH_ALL' });
  return problems;
}
