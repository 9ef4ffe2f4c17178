// The demo firm's benefit policy v1, authority matrix v1 and a client in a tender period.
import { eq } from 'drizzle-orm';
import type { AuthorityRule } from '../../core/benefits/approval-chain';
import type { RequestContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { clients, parties } from '../registry/registry.tables';
import { insertBlackout, insertMatrixVersion, insertPolicyVersion, matrixProblems } from './policy.service';
import { PolicyTypesSchema } from './policy.types';

const yuan = (amount: number) => amount * 100;

/** What the firm allows per benefit type, in fen; parsed so the demo obeys the same rules as the editor. */
export const DEMO_POLICY_TYPES = PolicyTypesSchema.parse({
  gift: {
    perItem: { amountMinor: yuan(2_000), severity: 'hard' },
    perRecipientPerPeriod: { amountMinor: yuan(5_000), severity: 'soft', period: 'quarter' },
    perClientPerYear: { amountMinor: yuan(50_000), severity: 'hard' },
    requiredEvidence: ['photo'],
    deMinimisMinor: yuan(200),
  },
  hospitality: {
    perItem: { amountMinor: yuan(5_000), severity: 'soft' },
    perRecipientPerPeriod: { amountMinor: yuan(20_000), severity: 'soft', period: 'year' },
    perClientPerYear: { amountMinor: yuan(80_000), severity: 'soft' },
    requiredEvidence: ['guest_list'],
    deMinimisMinor: yuan(200),
  },
  cash_rebate: {
    perItem: { amountMinor: yuan(100_000), severity: 'hard' },
    revenueShare: { basisPoints: 50, severity: 'hard' },
    cashLike: true,
    requiredEvidence: ['contract_clause'],
  },
  discount: {
    perItem: { amountMinor: yuan(50_000), severity: 'soft' },
    revenueShare: { basisPoints: 200, severity: 'soft' },
    requiredEvidence: ['contract_clause'],
  },
  points: {
    perItem: { amountMinor: yuan(1_000), severity: 'hard' },
    perRecipientPerPeriod: { amountMinor: yuan(3_000), severity: 'hard', period: 'year' },
    cashLike: true,
    deMinimisMinor: yuan(100),
  },
  sponsorship: {
    perItem: { amountMinor: yuan(100_000), severity: 'soft' },
    perClientPerYear: { amountMinor: yuan(200_000), severity: 'hard' },
    requiredEvidence: ['invoice', 'contract_clause'],
  },
  other: {
    perItem: { amountMinor: yuan(1_000), severity: 'soft' },
    perClientPerYear: { amountMinor: yuan(10_000), severity: 'soft' },
  },
});

const manager = { kind: 'department_manager', skippableOnLowRisk: false } as const;
const compliance = { kind: 'role', role: 'compliance' } as const;
const director = { kind: 'role', role: 'director' } as const;

/** Bands in CNY: the narrowest band covering a request wins, and a type-specific rule beats a general one in the same band. */
export const DEMO_MATRIX: AuthorityRule[] = [
  { id: 'up-to-2k', benefitTypes: '*', departmentIds: '*', maxAmountMinor: yuan(2_000), currency: 'CNY', steps: [manager] },
  { id: 'up-to-20k', benefitTypes: '*', departmentIds: '*', maxAmountMinor: yuan(20_000), currency: 'CNY', steps: [manager, compliance] },
  { id: 'above-20k', benefitTypes: '*', departmentIds: '*', maxAmountMinor: null, currency: 'CNY', steps: [manager, compliance, director] },
  // Cash rebates reach compliance at any amount: the bands above already include it.
  { id: 'cash-rebate-up-to-2k', benefitTypes: ['cash_rebate'], departmentIds: '*', maxAmountMinor: yuan(2_000), currency: 'CNY', steps: [manager, compliance] },
];

export const DEMO_BLACKOUT_CLIENT = '苏州瑞丰医疗器械有限公司';

/** Policy v1 from 2026-01-01, matrix v1, and one tender blackout; in the caller's transaction. */
export async function seedDemoBenefitPolicy(tx: Tx, ctx: RequestContext): Promise<void> {
  await insertPolicyVersion(tx, ctx, { effectiveFrom: '2026-01-01', types: DEMO_POLICY_TYPES, note: '公司好处费管理制度（2026 年版）首次发布' });

  const matrix = { rules: DEMO_MATRIX, escalationRoles: ['compliance', 'director'] };
  const problems = await matrixProblems(tx, matrix);
  if (problems.length > 0) throw new Error(`The demo authority matrix is invalid: ${JSON.stringify(problems)}`);
  await insertMatrixVersion(tx, ctx, { ...matrix, note: '审批权限矩阵首次发布：¥2,000 以下部门经理审批；¥20,000 以下增加合规；以上再增加总监' });

  const [client] = await tx
    .select({ id: clients.id })
    .from(clients)
    .innerJoin(parties, eq(parties.id, clients.partyId))
    .where(eq(parties.primaryName, DEMO_BLACKOUT_CLIENT));
  if (!client) throw new Error(`The demo client ${DEMO_BLACKOUT_CLIENT} is missing`);
  await insertBlackout(tx, ctx, {
    clientId: client.id,
    startsOn: '2026-11-16',
    endsOn: '2027-01-15',
    reason: '客户税务服务采购招标期（评标结束前不得给予任何礼品、招待或返利）',
  });
}
