import { describe, expect, it } from 'vitest';
import { skipReasons } from './approval-chain';
import { findingText, skipText } from './explain';
import { precheck, typePolicy, benefitTypes, type PolicyVersion } from './policy';

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const policy: PolicyVersion = {
  version: 1,
  effectiveFrom: '2026-01-01',
  currency: 'CNY',
  types: Object.fromEntries(benefitTypes.map((t) => [t, typePolicy()])) as PolicyVersion['types'],
};
policy.types.gift = typePolicy({ perRecipientPerPeriod: { amountMinor: 500_000, severity: 'soft', period: 'quarter' }, requiredEvidence: ['photo', 'guest_list'] });

describe('findingText', () => {
  const result = precheck({
    type: 'gift',
    direction: 'given',
    amount: cny(50_000),
    date: '2026-11-20',
    party: { isPublicOfficial: false, linkedToPublicOfficial: true, clientId: 'c1', clientAnnualRevenue: null },
    requester: { relatedToRecipient: false, relationPath: null },
    evidence: [],
    blackouts: [{ clientId: 'c1', from: '2026-11-16', to: '2027-01-15', reason: '招标期' }],
    policy,
    cumulative: { recipientPeriod: cny(480_000), clientYear: cny(0) },
  });
  const text = (code: string, locale: 'zh-CN' | 'en') => findingText(result.findings.find((f) => f.code === code)!, locale);

  it('gives the cumulative figures and what the severity means', () => {
    expect(text('OVER_RECIPIENT_PERIOD_LIMIT', 'zh-CN')).toBe('该对象本季度已累计 ¥4,800.00，加上本次 ¥500.00 共 ¥5,300.00，超过限额 ¥5,000.00（软性限制，需书面说明并经合规审批）。');
    expect(text('OVER_RECIPIENT_PERIOD_LIMIT', 'en')).toBe(
      'The recipient has had CN¥4,800.00 this quarter; with this CN¥500.00 that is CN¥5,300.00, over the limit of CN¥5,000.00 (soft limit: needs a written justification and compliance approval).',
    );
  });

  it('names the blackout, the official link and each missing document', () => {
    expect(text('BLACKOUT', 'zh-CN')).toBe('客户处于禁止期 2026-11-16 至 2027-01-15（招标期）（硬性限制，不可提交）。');
    expect(text('PUBLIC_OFFICIAL', 'en')).toBe('The recipient is linked to a public official in the registry (hard limit: cannot be submitted).');
    expect(text('MISSING_EVIDENCE', 'zh-CN')).toBe('缺少必需的证明材料：照片、宾客名单（硬性限制，不可提交）。');
  });
});

describe('skipText', () => {
  it('says why a recused or walled-off approver was passed over, in both languages', () => {
    expect(skipText('recused', 'zh-CN')).toBe('已回避该客户，审批跳过');
    expect(skipText('recused', 'en')).toBe('Recused from this client: skipped');
    expect(skipText('walled_off', 'zh-CN')).toBe('受信息隔离墙限制，审批跳过');
    expect(skipText('walled_off', 'en')).toBe('Behind an information barrier for this client: skipped');
  });

  it('has a distinct sentence for every reason in each language', () => {
    for (const locale of ['zh-CN', 'en'] as const) expect(new Set(skipReasons.map((r) => skipText(r, locale))).size).toBe(skipReasons.length);
  });
});
