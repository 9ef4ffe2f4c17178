import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Money } from '../money';
import { benefitTypes, type FindingCode, type PolicyVersion, precheck, type PrecheckInput, policyInForce, riskLevel, typePolicy } from './policy';

const cny = (amountMinor: number): Money => ({ amountMinor, currency: 'CNY' });
const yuan = (amount: number) => cny(amount * 100);

const policy: PolicyVersion = {
  version: 2,
  effectiveFrom: '2024-01-01',
  currency: 'CNY',
  types: {
    gift: typePolicy({
      perItem: { amountMinor: 2_000_00, severity: 'hard' },
      perRecipientPerPeriod: { amountMinor: 5_000_00, severity: 'soft', period: 'quarter' },
      perClientPerYear: { amountMinor: 50_000_00, severity: 'hard' },
      revenueShare: { basisPoints: 10, severity: 'soft' },
      requiredEvidence: ['photo'],
      deMinimisMinor: 200_00,
    }),
    cash_rebate: typePolicy({ cashLike: true, perItem: { amountMinor: 100_000_00, severity: 'soft' }, requiredEvidence: ['contract_clause'] }),
    hospitality: typePolicy({ allowedForPublicOfficials: true, requiredEvidence: ['guest_list', 'invoice'], deMinimisMinor: 300_00 }),
    discount: typePolicy(),
    points: typePolicy(),
    sponsorship: typePolicy(),
    other: typePolicy(),
  },
};

const base: PrecheckInput = {
  type: 'gift',
  direction: 'given',
  amount: yuan(500),
  date: '2024-06-10',
  party: { isPublicOfficial: false, linkedToPublicOfficial: false, clientId: 'c1', clientAnnualRevenue: yuan(1_000_000_000) },
  requester: { relatedToRecipient: false, relationPath: null },
  evidence: ['photo'],
  blackouts: [],
  policy,
  cumulative: { recipientPeriod: cny(0), clientYear: cny(0) },
};

type Change = Partial<Omit<PrecheckInput, 'party' | 'requester'>> & { party?: Partial<PrecheckInput['party']>; requester?: Partial<PrecheckInput['requester']> };
const input = (change: Change = {}): PrecheckInput => ({ ...base, ...change, party: { ...base.party, ...change.party }, requester: { ...base.requester, ...change.requester } });
type Outcome = ReturnType<typeof precheck>['outcome'];
const official = { isPublicOfficial: true };
const tender = { clientId: 'c1', from: '2024-06-01', to: '2024-06-10', reason: '招标期' };

describe('precheck', () => {
  it.each<[string, Change, Outcome, [FindingCode, string][], number]>([
    ['a gift within policy', {}, 'approve', [], 0],
    ['a gift under de minimis', { amount: yuan(150) }, 'register', [], 0],
    ['de minimis still counts toward the quarter', { amount: yuan(150), cumulative: { recipientPeriod: yuan(4_900), clientYear: yuan(4_900) } }, 'approve', [['OVER_RECIPIENT_PERIOD_LIMIT', 'soft']], 20],
    ['over the item limit', { amount: yuan(2_500) }, 'blocked', [['OVER_ITEM_LIMIT', 'hard']], 35],
    ['exactly at the item limit', { amount: yuan(2_000) }, 'approve', [], 0],
    ['over the client year limit', { cumulative: { recipientPeriod: cny(0), clientYear: yuan(49_600) } }, 'blocked', [['OVER_CLIENT_YEAR_LIMIT', 'hard']], 35],
    ['over the revenue share', { party: { clientAnnualRevenue: yuan(400_000) } }, 'approve', [['OVER_REVENUE_SHARE', 'soft']], 20],
    ['revenue unknown', { party: { clientAnnualRevenue: null } }, 'approve', [['REVENUE_UNKNOWN', 'soft']], 10],
    ['no client: no client limits', { party: { clientId: null, clientAnnualRevenue: null }, cumulative: { recipientPeriod: cny(0), clientYear: yuan(49_600) } }, 'approve', [], 0],
    ['in a blackout window, last day included', { blackouts: [tender] }, 'blocked', [['BLACKOUT', 'hard']], 50],
    ['after the blackout window', { blackouts: [tender], date: '2024-06-11' }, 'approve', [], 0],
    ["another client's blackout", { blackouts: [{ ...tender, clientId: 'c2' }] }, 'approve', [], 0],
    ['de minimis inside a blackout', { blackouts: [tender], amount: yuan(50) }, 'blocked', [['BLACKOUT', 'hard']], 50],
    ['a gift to a public official', { party: official }, 'blocked', [['PUBLIC_OFFICIAL', 'hard']], 60],
    ['a gift to someone linked to an official', { party: { linkedToPublicOfficial: true } }, 'blocked', [['PUBLIC_OFFICIAL', 'hard']], 60],
    ['hospitality the policy allows for officials', { type: 'hospitality', amount: yuan(1_000), evidence: ['invoice', 'guest_list'], party: official }, 'approve', [['PUBLIC_OFFICIAL', 'soft']], 40],
    ['requester related to the recipient', { requester: { relatedToRecipient: true, relationPath: '张伟 —配偶→ 李娜' } }, 'approve', [['RELATED_REQUESTER', 'soft']], 30],
    ['missing evidence', { evidence: [] }, 'blocked', [['MISSING_EVIDENCE', 'hard']], 15],
    ['a cash rebate', { type: 'cash_rebate', amount: yuan(10_000), evidence: ['contract_clause'] }, 'approve', [['CASH_LIKE', 'info']], 15],
    ['a received gift', { direction: 'received' }, 'approve', [['RECEIVED_BENEFIT', 'info']], 10],
    ['a received gift under de minimis', { direction: 'received', amount: yuan(100) }, 'register', [], 0],
    ['a gift received from an official', { direction: 'received', party: official }, 'approve', [['RECEIVED_BENEFIT', 'info']], 10],
    ['a zero amount', { amount: yuan(0) }, 'blocked', [['INVALID_AMOUNT', 'hard']], 0],
    ['a foreign amount without its rate', { amount: { amountMinor: 100_00, currency: 'USD' } }, 'blocked', [['MISSING_RATE', 'hard']], 0],
    ['a foreign amount at its rate', { amount: { amountMinor: 100_00, currency: 'USD' }, rateToCny: { numerator: 72, denominator: 10 } }, 'approve', [], 0],
    [
      'everything at once, capped at 100',
      { type: 'cash_rebate', evidence: [], party: { linkedToPublicOfficial: true }, requester: { relatedToRecipient: true } },
      'blocked',
      [['PUBLIC_OFFICIAL', 'hard'], ['RELATED_REQUESTER', 'soft'], ['MISSING_EVIDENCE', 'hard'], ['CASH_LIKE', 'info']],
      100,
    ],
  ])('%s', (_, change, outcome, findings, score) => {
    const result = precheck(input(change));
    expect(result.outcome).toBe(outcome);
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual(findings);
    expect(result.risk.score).toBe(score);
    expect(result.risk.level).toBe(riskLevel(score));
    const soft = findings.some(([, severity]) => severity === 'soft');
    expect(result.needsJustification).toBe(soft);
    expect(result.addCompliance).toBe(soft || score >= 60);
  });

  it('shows the cumulative figures behind a breach', () => {
    const result = precheck(input({ amount: yuan(150), cumulative: { recipientPeriod: yuan(4_900), clientYear: yuan(4_900) } }));
    expect(result.findings[0]?.params).toEqual({ limit: yuan(5_000), used: yuan(4_900), request: yuan(150), totalAfter: yuan(5_050), period: 'quarter' });
    const share = precheck(input({ party: { clientAnnualRevenue: yuan(400_000) }, cumulative: { recipientPeriod: cny(0), clientYear: yuan(100) } }));
    expect(share.findings[0]?.params).toEqual({ limitBasisPoints: 10, shareBasisPoints: 15, revenue: yuan(400_000), used: yuan(100), request: yuan(500), totalAfter: yuan(600) });
    expect(precheck(input({ blackouts: [tender] })).findings[0]?.params).toEqual({ from: '2024-06-01', to: '2024-06-10', reason: '招标期' });
    expect(precheck(input({ evidence: [], type: 'hospitality', amount: yuan(1_000) })).findings[0]?.params).toEqual({ missing: ['guest_list', 'invoice'] });
    expect(precheck(input({ requester: { relatedToRecipient: true, relationPath: 'A → B' } })).findings[0]?.params).toEqual({ path: 'A → B' });
  });

  it('explains the score as a list of reasons, converts foreign amounts and flags received benefits', () => {
    const result = precheck(input({ type: 'cash_rebate', evidence: ['contract_clause'], requester: { relatedToRecipient: true } }));
    expect(result.risk).toEqual({ score: 45, level: 'medium', reasons: [{ code: 'RELATED_REQUESTER', points: 30 }, { code: 'CASH_LIKE', points: 15 }] });
    expect(precheck(input({ amount: { amountMinor: 100_00, currency: 'USD' }, rateToCny: { numerator: 72, denominator: 10 } })).amountInPolicyCurrency).toEqual(yuan(720));
    expect(precheck(input({ direction: 'received' })).conflictSignal).toBe(true);
    expect(precheck(input({ direction: 'received', amount: yuan(100) })).conflictSignal).toBe(false);
    expect(precheck(input()).conflictSignal).toBe(false);
  });

  it('refuses cumulative figures that are not in the policy currency', () => {
    expect(() => precheck(input({ cumulative: { recipientPeriod: { amountMinor: 0, currency: 'USD' }, clientYear: cny(0) } }))).toThrow(RangeError);
  });

  it('blocks exactly when a finding is hard, and registers only under de minimis without soft findings', () => {
    const arbitraryInput = fc.record({
      type: fc.constantFrom(...benefitTypes),
      direction: fc.constantFrom('given' as const, 'received' as const),
      amount: fc.integer({ min: -100, max: 10_000_000 }).map(cny),
      date: fc.constantFrom('2024-05-31', '2024-06-01', '2024-06-10', '2024-06-11'),
      party: fc.record({
        isPublicOfficial: fc.boolean(),
        linkedToPublicOfficial: fc.boolean(),
        clientId: fc.constantFrom('c1', 'c2', null),
        clientAnnualRevenue: fc.option(fc.integer({ min: 0, max: 1e12 }).map(cny)),
      }),
      requester: fc.record({ relatedToRecipient: fc.boolean(), relationPath: fc.constant(null) }),
      evidence: fc.subarray(['invoice', 'contract_clause', 'photo', 'guest_list'] as const),
      blackouts: fc.constantFrom([], [tender]),
      policy: fc.constant(policy),
      cumulative: fc.record({ recipientPeriod: fc.integer({ min: 0, max: 1e8 }).map(cny), clientYear: fc.integer({ min: 0, max: 1e8 }).map(cny) }),
    });
    fc.assert(
      fc.property(arbitraryInput, (request) => {
        const result = precheck(request);
        const hard = result.findings.some((f) => f.severity === 'hard');
        const soft = result.findings.some((f) => f.severity === 'soft');
        expect(result.outcome === 'blocked').toBe(hard);
        expect(result.needsJustification).toBe(soft);
        if (result.outcome === 'register') expect(!soft && request.amount.amountMinor < policy.types[request.type].deMinimisMinor).toBe(true);
        expect(Number.isInteger(result.risk.score) && result.risk.score >= 0 && result.risk.score <= 100).toBe(true);
        expect(result.risk.level).toBe(riskLevel(result.risk.score));
      }),
    );
  });
});

describe('policyInForce', () => {
  const versions = [
    { version: 1, effectiveFrom: '2024-01-01' },
    { version: 3, effectiveFrom: '2024-07-01' },
    { version: 2, effectiveFrom: '2024-07-01' },
    { version: 4, effectiveFrom: '2025-01-01' },
  ];

  it.each([
    ['2023-12-31', null],
    ['2024-01-01', 1],
    ['2024-06-30', 1],
    ['2024-07-01', 3],
    ['2024-12-31', 3],
    ['2025-06-01', 4],
  ])('on %s the version in force is %s', (date, version) => {
    expect(policyInForce(versions, date)?.version ?? null).toBe(version);
  });

  it('does not depend on the order versions are listed in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(versions, { minLength: versions.length }), fc.constantFrom('2023-01-01', '2024-03-03', '2024-07-01', '2026-01-01'), (shuffled, date) => {
        expect(policyInForce(shuffled, date)).toEqual(policyInForce(versions, date));
      }),
    );
  });
});
