// Gathers what the pre-check and the approval chain need — policy, registry facts, cumulative
// totals, the firm's people — and runs the pure domain rules over it.
import { computeApprovalChain, type ApprovalChain, type AuthorityMatrix, type ChainError } from '../../core/benefits/approval-chain';
import { periodWindow, type RateToCny } from '../../core/benefits/limits';
import { precheck, type BenefitDirection, type BenefitType, type EvidenceKind, type PolicyVersion, type PrecheckResult } from '../../core/benefits/policy';
import { relationshipLabel } from '../../core/conflicts/explain';
import type { Money } from '../../core/money';
import type { RestrictionCause } from '../../core/recusal/barriers';
import type { Executor } from '../../platform/db/database';
import { Conflict, Invalid } from '../../platform/errors';
import { restrictedAmong } from '../recusal/recusal.service';
import { clientOfParty, clientsContactedBy, getClient } from '../registry/clients.service';
import { currentLinksOf, partyFacts } from '../registry/screening.service';
import { approvalDirectory, blackoutsOf, currentMatrix, policyInForceOn } from './policy.service';
import { cumulativeTotals } from './totals';

export interface BenefitTerms {
  direction: BenefitDirection;
  benefitType: BenefitType;
  counterpartyPartyId: string;
  clientId: string | null;
  departmentId: string;
  requesterId: string;
  amount: Money;
  rate: RateToCny | null;
  benefitDate: string;
  evidence: readonly EvidenceKind[];
}

/** The firm's people as the chain sees them today, with their names. */
export type Directory = Awaited<ReturnType<typeof approvalDirectory>>;

export interface Evaluation {
  policy: PolicyVersion;
  precheck: PrecheckResult;
  cumulative: { recipientPeriod: Money; clientYear: Money };
  /** Null when nothing needs approving (registered) or the request is blocked. */
  chain: ApprovalChain | ChainError | null;
  matrixVersion: number | null;
  relatedUserIds: string[];
  directory: Directory;
}

// Declarations of benefits received go to the declarer's manager and compliance, whatever the amount.
const RECEIVED_REVIEW: AuthorityMatrix = [
  { id: 'received-review', benefitTypes: '*', departmentIds: '*', maxAmountMinor: null, currency: 'CNY', steps: [{ kind: 'department_manager' }, { kind: 'role', role: 'compliance' }] },
];

/** The client a benefit concerns: the one named, else the counterparty itself or the one client it is a contact of. */
export async function resolveClient(executor: Executor, counterpartyPartyId: string, clientId: string | null | undefined) {
  if (clientId) {
    try {
      return await getClient(executor, clientId);
    } catch {
      throw Invalid('CLIENT_NOT_FOUND', {}, [{ path: 'clientId', message: 'CLIENT_NOT_FOUND' }]);
    }
  }
  const own = await clientOfParty(executor, counterpartyPartyId);
  if (own) return own;
  const contacted = await clientsContactedBy(executor, counterpartyPartyId);
  return contacted.length === 1 ? getClient(executor, contacted[0]!.clientId) : null;
}

/** Staff directly linked to the counterparty or to the client (each with the link in words), and the counterparty's own facts. */
export async function relatedStaff(executor: Executor, counterpartyPartyId: string, clientPartyId: string | null) {
  const anchors = [counterpartyPartyId, ...(clientPartyId ? [clientPartyId] : [])];
  const links = await currentLinksOf(executor, anchors);
  const others = [...new Set(links.flatMap((l) => [l.from, l.to]))];
  const facts = await partyFacts(executor, [...new Set([...others, ...anchors])]);
  const related = new Map<string, string>();
  let linkedToPublicOfficial = false;
  for (const link of links) {
    const [from, to] = [facts.get(link.from), facts.get(link.to)];
    if (!from || !to) continue;
    const touchesCounterparty = link.from === counterpartyPartyId || link.to === counterpartyPartyId;
    const other = anchors.includes(link.from) ? to : from;
    if (touchesCounterparty && other.id !== counterpartyPartyId && other.publicOfficial) linkedToPublicOfficial = true;
    if (other.staff && !related.has(other.staff.userId)) related.set(other.staff.userId, `${from.name} —${relationshipLabel(link.type, 'zh-CN')}— ${to.name}`);
  }
  return { related, linkedToPublicOfficial, counterparty: facts.get(counterpartyPartyId) };
}

/** Staff linked to this recipient or client, each with the link in words; they must not approve its benefits. */
export async function relatedStaffPaths(executor: Executor, counterpartyPartyId: string, clientId: string | null): Promise<Map<string, string>> {
  const client = await resolveClient(executor, counterpartyPartyId, clientId);
  return (await relatedStaff(executor, counterpartyPartyId, client?.party.id ?? null)).related;
}

/** Staff who must not approve a benefit for this recipient or client. */
export async function relatedUserIdsOf(executor: Executor, counterpartyPartyId: string, clientId: string | null): Promise<string[]> {
  return [...(await relatedStaffPaths(executor, counterpartyPartyId, clientId)).keys()];
}

/**
 * Which of the candidates are kept out today, by a recusal or an information barrier, of a client the
 * request shows — its client, or the client that is its counterparty — and so may not approve it.
 */
export async function restrictedApprovers(
  executor: Executor,
  request: { clientId: string | null; counterpartyPartyId: string },
  candidateIds: readonly string[],
  today: string,
): Promise<Map<string, RestrictionCause>> {
  const counterpartyClient = await clientOfParty(executor, request.counterpartyPartyId);
  const clientIds = [...new Set([request.clientId, counterpartyClient?.id].filter((id): id is string => !!id))];
  const found = new Map<string, RestrictionCause>();
  for (const clientId of clientIds) for (const [userId, cause] of await restrictedAmong(executor, candidateIds, clientId, today)) if (!found.has(userId)) found.set(userId, cause);
  return found;
}

/** Runs the pre-checks and, unless told not to, computes the chain for a request's terms as of `today`. */
export async function evaluate(executor: Executor, terms: BenefitTerms, today: string, options: { chain?: boolean } = {}): Promise<Evaluation> {
  const policy = await policyInForceOn(executor, today);
  if (!policy) throw Conflict('BENEFIT_POLICY_MISSING');
  const client = await resolveClient(executor, terms.counterpartyPartyId, terms.clientId);
  const { related, linkedToPublicOfficial, counterparty } = await relatedStaff(executor, terms.counterpartyPartyId, client?.party.id ?? null);
  if (!counterparty || counterparty.ended) throw Invalid('PARTY_NOT_FOUND', {}, [{ path: 'counterpartyPartyId', message: 'PARTY_NOT_FOUND' }]);

  const typePolicy = policy.types[terms.benefitType];
  const recipientWindow = periodWindow(terms.benefitDate, typePolicy.perRecipientPerPeriod?.period ?? 'year');
  const { recipientPeriod, clientYear } = await cumulativeTotals(executor, {
    counterpartyPartyId: terms.counterpartyPartyId,
    clientId: client?.id ?? null,
    benefitType: terms.benefitType,
    recipientWindow,
    clientWindow: periodWindow(terms.benefitDate, 'year'),
  });
  const blackouts = client ? await blackoutsOf(executor, client.id) : [];
  const cumulative = { recipientPeriod, clientYear };
  const requesterPath = related.get(terms.requesterId) ?? null;
  const result = precheck({
    type: terms.benefitType,
    direction: terms.direction,
    amount: terms.amount,
    ...(terms.rate ? { rateToCny: terms.rate } : {}),
    date: terms.benefitDate,
    party: { isPublicOfficial: counterparty.publicOfficial, linkedToPublicOfficial, clientId: client?.id ?? null, clientAnnualRevenue: client?.annualRevenue ?? null },
    requester: { relatedToRecipient: requesterPath !== null, relationPath: requesterPath },
    evidence: terms.evidence,
    blackouts,
    policy,
    cumulative,
  });

  const directory = await approvalDirectory(executor, today);
  let chain: Evaluation['chain'] = null;
  let matrixVersion: number | null = null;
  if (options.chain !== false && result.outcome === 'approve' && result.amountInPolicyCurrency) {
    const matrix = terms.direction === 'received' ? null : await currentMatrix(executor);
    if (terms.direction === 'given' && !matrix) throw Conflict('AUTHORITY_MATRIX_MISSING');
    matrixVersion = matrix?.version ?? null;
    // Anyone active may be reached, through a named step, a role, an escalation or a delegation.
    const candidates = directory.users.filter((u) => u.active).map((u) => u.id);
    const restrictedUsers = await restrictedApprovers(executor, { clientId: client?.id ?? null, counterpartyPartyId: terms.counterpartyPartyId }, candidates, today);
    chain = computeApprovalChain(
      matrix?.rules ?? RECEIVED_REVIEW,
      {
        requesterId: terms.requesterId,
        departmentId: terms.departmentId,
        benefitType: terms.benefitType,
        amount: result.amountInPolicyCurrency,
        risk: result.risk.level,
        softLimitBreached: result.needsJustification,
        relatedUserIds: [...related.keys()],
        restrictedUsers,
      },
      directory,
      matrix ? { escalationRoles: matrix.escalationRoles } : {},
    );
  }
  return { policy, precheck: result, cumulative, chain, matrixVersion, relatedUserIds: [...related.keys()], directory };
}
