// The benefit policy set by compliance and the pre-check that judges a request against it.
// A request is judged by the policy version in force when it was submitted, so decisions stay
// explainable after compliance changes the policy.
import type { Money } from '../money';
import { convertToCny, exceedsRevenueShare, isInWindow, type PeriodKind, type RateToCny, revenueShareBasisPoints } from './limits';

export const benefitTypes = ['cash_rebate', 'discount', 'gift', 'hospitality', 'points', 'sponsorship', 'other'] as const;
export type BenefitType = (typeof benefitTypes)[number];

export const benefitTypeLabels: Record<BenefitType, { 'zh-CN': string; en: string }> = {
  cash_rebate: { 'zh-CN': '返现', en: 'cash rebate' },
  discount: { 'zh-CN': '折扣', en: 'discount' },
  gift: { 'zh-CN': '礼品', en: 'gift' },
  hospitality: { 'zh-CN': '招待', en: 'hospitality' },
  points: { 'zh-CN': '积分', en: 'points' },
  sponsorship: { 'zh-CN': '赞助', en: 'sponsorship' },
  other: { 'zh-CN': '其他', en: 'other' },
};

export const evidenceKinds = ['invoice', 'contract_clause', 'photo', 'guest_list'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** given: the firm gives a client; received: staff declare what a client or supplier gave them. */
export type BenefitDirection = 'given' | 'received';

/** hard refuses the request; soft lets it through with a written justification and compliance in the chain. */
export type LimitSeverity = 'hard' | 'soft';

/** Amounts are minor units of the policy currency. */
export interface AmountLimit {
  amountMinor: number;
  severity: LimitSeverity;
}

export interface PeriodLimit extends AmountLimit {
  period: PeriodKind;
}

export interface RevenueShareLimit {
  basisPoints: number;
  severity: LimitSeverity;
}

export interface BenefitTypePolicy {
  perItem: AmountLimit | null;
  perRecipientPerPeriod: PeriodLimit | null;
  /** Counted across all departments and requesters. */
  perClientPerYear: AmountLimit | null;
  /** The client's benefits this calendar year against its annual revenue. */
  revenueShare: RevenueShareLimit | null;
  cashLike: boolean;
  requiredEvidence: readonly EvidenceKind[];
  allowedForPublicOfficials: boolean;
  /** Below this a benefit is registered, not approved; it still counts toward the cumulative limits. */
  deMinimisMinor: number;
}

export interface PolicyVersion {
  version: number;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  types: Record<BenefitType, BenefitTypePolicy>;
  currency: 'CNY';
}

/** A type policy with the defaults: no limits, nothing required, not for public officials. */
export const typePolicy = (overrides: Partial<BenefitTypePolicy> = {}): BenefitTypePolicy => ({
  perItem: null,
  perRecipientPerPeriod: null,
  perClientPerYear: null,
  revenueShare: null,
  cashLike: false,
  requiredEvidence: [],
  allowedForPublicOfficials: false,
  deMinimisMinor: 0,
  ...overrides,
});

/**
 * The version in force on a submission date (YYYY-MM-DD): the latest effectiveFrom on or before it,
 * the higher version number when two start the same day; null before the first version.
 */
export function policyInForce<P extends Pick<PolicyVersion, 'version' | 'effectiveFrom'>>(versions: readonly P[], submittedOn: string): P | null {
  let best: P | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > submittedOn) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

/** A client's tender or audit period, both ends included: no benefits inside it. */
export interface BlackoutWindow {
  clientId: string;
  from: string;
  to: string;
  reason: string;
}

export interface PrecheckInput {
  type: BenefitType;
  direction: BenefitDirection;
  amount: Money;
  /** Needed when the amount is not in the policy currency. */
  rateToCny?: RateToCny;
  /** The benefit's date (YYYY-MM-DD), which places it in blackout windows. */
  date: string;
  /** The person on the client's side: the recipient of a given benefit, the giver of a received one. */
  party: {
    isPublicOfficial: boolean;
    /** Linked to a public official in the registry (computed from the relationship graph). */
    linkedToPublicOfficial: boolean;
    clientId: string | null;
    clientAnnualRevenue: Money | null;
  };
  requester: {
    relatedToRecipient: boolean;
    /** The relationship path, for the finding's explanation. */
    relationPath: string | null;
  };
  evidence: readonly EvidenceKind[];
  blackouts: readonly BlackoutWindow[];
  policy: PolicyVersion;
  /**
   * Already counted for this benefit type, excluding this request, in the policy currency: the
   * recipient's total in the policy's period window and the client's total this calendar year.
   */
  cumulative: { recipientPeriod: Money; clientYear: Money };
}

export type FindingCode =
  | 'INVALID_AMOUNT'
  | 'MISSING_RATE'
  | 'OVER_ITEM_LIMIT'
  | 'OVER_RECIPIENT_PERIOD_LIMIT'
  | 'OVER_CLIENT_YEAR_LIMIT'
  | 'OVER_REVENUE_SHARE'
  | 'REVENUE_UNKNOWN'
  | 'BLACKOUT'
  | 'PUBLIC_OFFICIAL'
  | 'RELATED_REQUESTER'
  | 'MISSING_EVIDENCE'
  | 'CASH_LIKE'
  | 'RECEIVED_BENEFIT';

export type FindingSeverity = 'hard' | 'soft' | 'info';

/** The figures behind a finding, so the requester sees why; money in minor units with its currency. */
export interface FindingParams {
  limit?: Money;
  used?: Money;
  request?: Money;
  totalAfter?: Money;
  period?: PeriodKind;
  limitBasisPoints?: number;
  shareBasisPoints?: number | null;
  revenue?: Money;
  from?: string;
  to?: string;
  reason?: string;
  linked?: boolean;
  path?: string | null;
  missing?: EvidenceKind[];
}

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  params: FindingParams;
}

export type RiskLevel = 'low' | 'medium' | 'high';

export interface PrecheckResult {
  outcome: 'register' | 'approve' | 'blocked';
  findings: Finding[];
  risk: { score: number; level: RiskLevel; reasons: { code: FindingCode; points: number }[] };
  needsJustification: boolean;
  addCompliance: boolean;
  /** A received benefit above de minimis: a conflict-of-interest signal in its own right. */
  conflictSignal: boolean;
  /** The request converted to the policy currency, when it could be and is positive. */
  amountInPolicyCurrency: Money | null;
}

/**
 * Risk points per finding; the score is their sum, capped at 100. A breach is weighted by what it
 * means, not by how far over the limit it is, so the score reads as a list of reasons.
 * Limits: hard breach 35, soft 20. Levels: below 30 low, below 60 medium, else high.
 */
export const riskWeights: Record<FindingCode, Record<FindingSeverity, number>> = {
  INVALID_AMOUNT: { hard: 0, soft: 0, info: 0 },
  MISSING_RATE: { hard: 0, soft: 0, info: 0 },
  OVER_ITEM_LIMIT: { hard: 35, soft: 20, info: 0 },
  OVER_RECIPIENT_PERIOD_LIMIT: { hard: 35, soft: 20, info: 0 },
  OVER_CLIENT_YEAR_LIMIT: { hard: 35, soft: 20, info: 0 },
  OVER_REVENUE_SHARE: { hard: 35, soft: 20, info: 0 },
  REVENUE_UNKNOWN: { hard: 0, soft: 10, info: 0 },
  BLACKOUT: { hard: 50, soft: 0, info: 0 },
  // A public official is the gravest case even where the type allows it.
  PUBLIC_OFFICIAL: { hard: 60, soft: 40, info: 0 },
  RELATED_REQUESTER: { hard: 0, soft: 30, info: 0 },
  MISSING_EVIDENCE: { hard: 15, soft: 0, info: 0 },
  CASH_LIKE: { hard: 0, soft: 0, info: 15 },
  RECEIVED_BENEFIT: { hard: 0, soft: 0, info: 10 },
};

export const riskLevel = (score: number): RiskLevel => (score < 30 ? 'low' : score < 60 ? 'medium' : 'high');

const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });

function assertPolicyMoney(figure: Money, currency: string, name: string): void {
  if (figure.currency !== currency || !Number.isSafeInteger(figure.amountMinor)) throw new RangeError(`${name} must be a safe integer amount of ${currency}`);
}

/** Every finding for the request, with the outcome, risk and routing they imply. */
export function precheck(input: PrecheckInput): PrecheckResult {
  const { policy, party } = input;
  const currency = policy.currency;
  const rules = policy.types[input.type];
  assertPolicyMoney(input.cumulative.recipientPeriod, currency, 'cumulative.recipientPeriod');
  assertPolicyMoney(input.cumulative.clientYear, currency, 'cumulative.clientYear');
  const findings: Finding[] = [];

  const converted = convertToCny(input.amount, input.rateToCny);
  const amount = converted.ok && converted.money.amountMinor > 0 ? converted.money : null;
  if (!converted.ok) findings.push({ code: converted.error === 'MISSING_RATE' ? 'MISSING_RATE' : 'INVALID_AMOUNT', severity: 'hard', params: { request: input.amount } });
  else if (converted.money.amountMinor <= 0) findings.push({ code: 'INVALID_AMOUNT', severity: 'hard', params: { request: input.amount } });

  if (amount) {
    const request = amount;
    const cumulativeLimit = (code: FindingCode, limit: AmountLimit | PeriodLimit | null, used: Money) => {
      if (!limit) return;
      const totalAfter = used.amountMinor + request.amountMinor;
      if (totalAfter <= limit.amountMinor) return;
      const period = 'period' in limit ? { period: limit.period } : {};
      findings.push({ code, severity: limit.severity, params: { limit: money(limit.amountMinor, currency), used, request, totalAfter: money(totalAfter, currency), ...period } });
    };
    if (rules.perItem && request.amountMinor > rules.perItem.amountMinor) {
      findings.push({ code: 'OVER_ITEM_LIMIT', severity: rules.perItem.severity, params: { limit: money(rules.perItem.amountMinor, currency), request } });
    }
    cumulativeLimit('OVER_RECIPIENT_PERIOD_LIMIT', rules.perRecipientPerPeriod, input.cumulative.recipientPeriod);
    if (party.clientId !== null) {
      cumulativeLimit('OVER_CLIENT_YEAR_LIMIT', rules.perClientPerYear, input.cumulative.clientYear);
      if (rules.revenueShare) {
        const used = input.cumulative.clientYear;
        const totalAfter = money(used.amountMinor + request.amountMinor, currency);
        const revenue = party.clientAnnualRevenue;
        const { basisPoints: limitBasisPoints, severity } = rules.revenueShare;
        if (revenue === null || revenue.currency !== currency) {
          // Without a comparable revenue the share cannot be checked; a person must look.
          findings.push({ code: 'REVENUE_UNKNOWN', severity: 'soft', params: { limitBasisPoints, used, request, totalAfter, ...(revenue ? { revenue } : {}) } });
        } else if (exceedsRevenueShare(totalAfter, revenue, limitBasisPoints)) {
          findings.push({ code: 'OVER_REVENUE_SHARE', severity, params: { limitBasisPoints, shareBasisPoints: revenueShareBasisPoints(totalAfter, revenue), revenue, used, request, totalAfter } });
        }
      }
    }
  }

  if (party.clientId !== null) {
    for (const blackout of input.blackouts) {
      if (blackout.clientId === party.clientId && isInWindow(input.date, blackout)) {
        findings.push({ code: 'BLACKOUT', severity: 'hard', params: { from: blackout.from, to: blackout.to, reason: blackout.reason } });
      }
    }
  }

  // Only what the firm gives reaches an official; a gift from one is judged as a received benefit.
  if (input.direction === 'given' && (party.isPublicOfficial || party.linkedToPublicOfficial)) {
    findings.push({ code: 'PUBLIC_OFFICIAL', severity: rules.allowedForPublicOfficials ? 'soft' : 'hard', params: { linked: !party.isPublicOfficial } });
  }

  if (input.requester.relatedToRecipient) findings.push({ code: 'RELATED_REQUESTER', severity: 'soft', params: { path: input.requester.relationPath } });

  const missing = rules.requiredEvidence.filter((kind) => !input.evidence.includes(kind));
  if (missing.length > 0) findings.push({ code: 'MISSING_EVIDENCE', severity: 'hard', params: { missing } });

  if (rules.cashLike) findings.push({ code: 'CASH_LIKE', severity: 'info', params: {} });

  const deMinimis = amount !== null && amount.amountMinor < rules.deMinimisMinor;
  const conflictSignal = input.direction === 'received' && amount !== null && !deMinimis;
  if (conflictSignal) findings.push({ code: 'RECEIVED_BENEFIT', severity: 'info', params: { request: amount } });

  const reasons = findings.map((f) => ({ code: f.code, points: riskWeights[f.code][f.severity] })).filter((r) => r.points > 0);
  const score = Math.min(100, reasons.reduce((sum, r) => sum + r.points, 0));
  const level = riskLevel(score);
  const hard = findings.some((f) => f.severity === 'hard');
  const soft = findings.some((f) => f.severity === 'soft');
  // De minimis spares the paperwork only when nothing else needs a person to look.
  const outcome = hard ? 'blocked' : deMinimis && !soft ? 'register' : 'approve';
  return {
    outcome,
    findings,
    risk: { score, level, reasons },
    needsJustification: soft,
    addCompliance: soft || level === 'high',
    conflictSignal,
    amountInPolicyCurrency: amount,
  };
}
