import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../money';
import { MAX_ALERT_REQUESTS, type AlertReason, type AlertRequestFact, type AlertSubject } from './alerts';
import { alertSeverityLabels, alertStateLabels, explainAlert, paramLabels, peerByLabels, ruleDescriptions, ruleLabels, type AlertNames, type ExplainedAlert } from './explain';
import { defaultRuleSet, ruleKinds } from './rules';

type Locale = 'zh-CN' | 'en';
const locales: Locale[] = ['zh-CN', 'en'];
const cny = (amountMinor: number, locale: Locale) => formatMoney({ amountMinor, currency: 'CNY' }, locale);

const known: Record<string, string> = { c1: '华润置业', p1: '王芳', u1: '张伟', u2: '李雷', d1: '税务部', d2: '审计部', d3: '咨询部', d4: '法务部', d5: '财务部' };
const lookup = (id: string | null) => (id === null ? '—' : (known[id] ?? id));
const names: AlertNames = {
  client: lookup,
  party: lookup,
  user: lookup,
  department: lookup,
  peerGroup: (key, by) => `${by === 'department' ? '' : '线:'}${lookup(key)}`,
};

const subject: AlertSubject = { clientId: 'c1', recipientId: 'p1', userId: 'u1', departmentId: 'd1' };
const request = (n: number, amountCnyMinor: number, benefitDate = '2026-03-0' + ((n % 9) + 1)): AlertRequestFact => ({
  requestId: `r${n}`,
  ref: `BR-2026-${String(n).padStart(4, '0')}`,
  amountCnyMinor,
  benefitDate,
  day: benefitDate,
  requesterId: 'u1',
  departmentId: 'd1',
  recipientId: 'p1',
  clientId: 'c1',
});
const three = [request(1, 300_000), request(2, 300_000), request(3, 300_000)];
const alertOf = (reason: AlertReason, requests: AlertRequestFact[] = three): ExplainedAlert => ({ reason, subject, requests });

/** Each reason variant, with the figures its sentence must carry in each language. */
const cases: { name: string; alert: ExplainedAlert; figures: (locale: Locale) => string[] }[] = [
  {
    name: 'structuring for a recipient',
    alert: alertOf({ rule: 'structuring', scope: 'recipient', requesterId: 'u1', benefitType: 'gift', count: 3, totalMinor: 900_000, thresholdMinor: 500_000, windowDays: 7 }),
    figures: (l) => ['张伟', l === 'en' ? 'gift' : '礼品', '王芳', '3', '7', cny(500_000, l), cny(900_000, l)],
  },
  {
    name: 'structuring for a client',
    alert: alertOf({ rule: 'structuring', scope: 'client', requesterId: 'u2', benefitType: 'hospitality', count: 4, totalMinor: 1_200_000, thresholdMinor: 500_000, windowDays: 14 }),
    figures: (l) => ['李雷', l === 'en' ? 'hospitality' : '招待', '华润置业', '4', '14', cny(500_000, l), cny(1_200_000, l)],
  },
  {
    name: 'structuring stored before it named the requester and the kind',
    alert: alertOf({ rule: 'structuring', scope: 'client', count: 4, totalMinor: 1_200_000, thresholdMinor: 500_000, windowDays: 14 }),
    figures: (l) => ['华润置业', '4', '14', cny(500_000, l), cny(1_200_000, l)],
  },
  {
    name: 'cumulative limit of a recipient per quarter',
    alert: alertOf({
      rule: 'cumulative_limit',
      scope: 'recipient',
      benefitType: 'gift',
      period: 'quarter',
      periodStart: '2026-01-01',
      totalMinor: 425_000,
      limitMinor: 500_000,
      departments: [
        { departmentId: 'd1', amountMinor: 300_000 },
        { departmentId: 'd2', amountMinor: 125_000 },
      ],
    }),
    figures: (l) => ['王芳', '2026-01-01', l === 'en' ? 'quarter' : '季度', l === 'en' ? 'gift' : '礼品', '85.00%', cny(425_000, l), cny(500_000, l), '税务部', cny(300_000, l), '审计部', cny(125_000, l)],
  },
  {
    name: 'cumulative limit of a client per year, top three departments',
    alert: alertOf({
      rule: 'cumulative_limit',
      scope: 'client',
      benefitType: 'hospitality',
      period: 'year',
      periodStart: '2026-01-01',
      totalMinor: 1_500_000,
      limitMinor: 1_000_000,
      departments: [500_000, 400_000, 300_000, 200_000, 100_000].map((amountMinor, i) => ({ departmentId: `d${i + 1}`, amountMinor })),
    }),
    figures: (l) => ['华润置业', l === 'en' ? 'yearly' : '年度', '150.00%', cny(1_500_000, l), cny(1_000_000, l), '税务部', '审计部', '咨询部', l === 'en' ? 'and 2 more' : '及另外 2 个部门'],
  },
  {
    name: 'frequency spike in a busy season',
    alert: alertOf({ rule: 'frequency_spike', recentDays: 30, recentCount: 9, recentMinor: 2_700_000, baselineCount: 1.5, baselineMinor: 450_000, factor: 3, seasonBasisPoints: 13_000, chancePerMillion: 0.16 }),
    figures: (l) => ['华润置业', '30', '9', '1.5', '3', cny(2_700_000, l), cny(450_000, l), '130.00%', '0.16'],
  },
  {
    name: 'frequency spike stored before the season and the chance',
    alert: alertOf({ rule: 'frequency_spike', recentDays: 30, recentCount: 9, recentMinor: 2_700_000, baselineCount: 1.5, baselineMinor: 450_000, factor: 3 }),
    figures: (l) => ['华润置业', '30', '9', '1.5', '3', cny(2_700_000, l), cny(450_000, l)],
  },
  {
    name: 'public official',
    alert: alertOf({ rule: 'public_official', amountMinor: 88_800 }, [request(7, 88_800)]),
    figures: (l) => ['王芳', cny(88_800, l), 'BR-2026-0007'],
  },
  {
    name: 'related requester',
    alert: alertOf({ rule: 'related_party', role: 'requester', userId: 'u1', path: '张伟 —配偶→ 王芳' }),
    figures: (l) => ['张伟', '王芳', '华润置业', '张伟 —配偶→ 王芳', '3', cny(900_000, l), l === 'en' ? 'requester' : '申请人'],
  },
  {
    name: 'related approver',
    alert: alertOf({ rule: 'related_party', role: 'approver', userId: 'u2', path: '李雷 —兄弟姐妹— 王芳' }, [request(4, 150_000)]),
    figures: (l) => ['李雷', '王芳', '李雷 —兄弟姐妹— 王芳', '1', cny(150_000, l), l === 'en' ? 'approver' : '审批人'],
  },
  {
    name: 'revenue outlier',
    alert: alertOf({ rule: 'revenue_outlier', peerBy: 'department', peerGroup: 'd1', ratioBasisPoints: 120, peerMedianBasisPoints: 30, deviations: 4.2, peers: 12, benefitsMinor: 1_200_000, revenueMinor: 100_000_000 }),
    figures: (l) => ['华润置业', '1.20%', '0.30%', '12', '4', '4.2', '税务部', l === 'en' ? 'department' : '部门', cny(1_200_000, l), cny(100_000_000, l)],
  },
  {
    name: 'revenue outlier stored before it measured deviations',
    alert: alertOf({ rule: 'revenue_outlier', peerBy: 'department', peerGroup: 'd1', ratioBasisPoints: 120, peerMedianBasisPoints: 30, peers: 12, benefitsMinor: 1_200_000, revenueMinor: 100_000_000 }),
    figures: (l) => ['华润置业', '1.20%', '0.30%', '12', '4', '税务部', cny(1_200_000, l), cny(100_000_000, l)],
  },
  {
    name: 'blackout',
    alert: alertOf({ rule: 'blackout', blackout: { id: 'b1', startsOn: '2026-03-01', endsOn: '2026-03-31', reason: '招标期' } }),
    figures: (l) => ['华润置业', '2026-03-01', '2026-03-31', '招标期', '2026-03-02', '2026-03-04', '3', cny(900_000, l)],
  },
  {
    name: 'approver affinity',
    alert: alertOf({ rule: 'approver_affinity', approverId: 'u2', requesterId: 'u1', count: 6, total: 9, distinctRequesters: 3, windowDays: 90 }),
    figures: () => ['李雷', '张伟', '6', '9', '3', '90', '66.67%'],
  },
  {
    name: 'late payment',
    alert: alertOf({ rule: 'payment_mismatch', problem: 'late', days: 75, maxDays: 60, approvedOn: '2026-01-05', paidOn: '2026-03-21' }, [request(5, 200_000)]),
    figures: () => ['BR-2026-0005', '王芳', '75', '60', '2026-01-05', '2026-03-21'],
  },
  {
    name: 'short payment',
    alert: alertOf({ rule: 'payment_mismatch', problem: 'short', paidMinor: 180_000, approvedMinor: 200_000, toleranceBasisPoints: 500 }, [request(6, 200_000)]),
    figures: (l) => ['BR-2026-0006', cny(180_000, l), cny(200_000, l), cny(20_000, l), '10.00%', '5.00%', l === 'en' ? 'less' : '少付'],
  },
  {
    name: 'new client',
    alert: alertOf({ rule: 'new_client', clientSince: '2026-02-20', days: 12, withinDays: 30 }, [request(8, 150_000)]),
    figures: (l) => ['华润置业', '2026-02-20', '12', '30', cny(150_000, l), 'BR-2026-0008'],
  },
];

describe('explainAlert', () => {
  it('reads as the rule book says for a split, naming who split what kind of benefit', () => {
    const split = cases[0]!.alert;
    expect(explainAlert(split, names, 'zh-CN')).toBe('张伟 7 天内向 王芳 提交了 3 笔礼品申请，每笔均低于审批门槛 ¥5,000.00，合计 ¥9,000.00，达到门槛：疑似拆分规避审批。');
    expect(explainAlert(split, names, 'en')).toBe('3 gift requests by 张伟 for 王芳 within 7 days, each under the CN¥5,000.00 approval threshold, together CN¥9,000.00: possibly split to avoid approval.');
  });

  it('still reads well for a split stored before it named the requester and the kind', () => {
    const split = alertOf({ rule: 'structuring', scope: 'recipient', count: 3, totalMinor: 900_000, thresholdMinor: 500_000, windowDays: 7 });
    expect(explainAlert(split, names, 'zh-CN')).toBe('7 天内向 王芳 提交了 3 笔申请，每笔均低于审批门槛 ¥5,000.00，合计 ¥9,000.00，达到门槛：疑似拆分规避审批。');
    expect(explainAlert(split, names, 'en')).toBe('3 requests for 王芳 within 7 days, each under the CN¥5,000.00 approval threshold, together CN¥9,000.00: possibly split to avoid approval.');
  });

  it('says a spike allowed for the season only when the firm is off its usual pace, and its chance when known', () => {
    const spike = (extra: Partial<Extract<AlertReason, { rule: 'frequency_spike' }>>) =>
      alertOf({ rule: 'frequency_spike', recentDays: 30, recentCount: 9, recentMinor: 2_700_000, baselineCount: 1.5, baselineMinor: 450_000, factor: 3, ...extra });
    const busy = spike({ seasonBasisPoints: 13_000, chancePerMillion: 0.16 });
    expect(explainAlert(busy, names, 'zh-CN')).toContain('达到平常的 3 倍以上（全所同期忙闲为平常的 130.00%，已计入），偶然出现的概率约为百万分之 0.16：频率或金额突增。');
    expect(explainAlert(busy, names, 'en')).toContain('at least 3 times the usual (the whole firm runs at 130.00% of its usual pace in these days, allowed for), a spike in frequency or amount (about 0.16 in a million by chance).');
    const usual = spike({ seasonBasisPoints: 10_000, chancePerMillion: 4.2 });
    expect(explainAlert(usual, names, 'zh-CN')).toContain('达到平常的 3 倍以上，偶然出现的概率约为百万分之 4.2：');
    expect(explainAlert(usual, names, 'en')).not.toContain('pace');
    for (const locale of locales) expect(explainAlert(spike({}), names, locale)).not.toMatch(/pace|忙闲|chance|概率/);
  });

  it('says how many robust deviations a revenue outlier stands above its peers, when measured', () => {
    const outlier = (deviations?: number) =>
      alertOf({ rule: 'revenue_outlier', peerBy: 'department', peerGroup: 'd1', ratioBasisPoints: 120, peerMedianBasisPoints: 30, peers: 12, benefitsMinor: 1_200_000, revenueMinor: 100_000_000, ...(deviations === undefined ? {} : { deviations }) });
    expect(explainAlert(outlier(4.2), names, 'zh-CN')).toContain('的 4 倍，高出同组 4.2 个稳健标准差：好处费与收入比异常。');
    expect(explainAlert(outlier(4.2), names, 'en')).toMatch(/of the 税务部 department, 4\.2 robust standard deviations above them\.$/);
    expect(explainAlert(outlier(), names, 'zh-CN')).not.toContain('稳健标准差');
    expect(explainAlert(outlier(), names, 'en')).toMatch(/of the 税务部 department\.$/);
  });

  it('has a case for every rule', () => {
    expect(new Set(cases.map((c) => c.alert.reason.rule))).toEqual(new Set(ruleKinds));
  });

  describe.each(cases)('$name', ({ alert, figures }) => {
    it.each(locales)('carries its figures in %s', (locale) => {
      const text = explainAlert(alert, names, locale);
      for (const figure of figures(locale)) expect(text).toContain(figure);
      expect(text).toMatch(locale === 'zh-CN' ? /。$/ : /\.$/);
      if (locale === 'en') expect(text).not.toMatch(/[，。：；（）]/);
    });
  });

  it('says the approved amount was overpaid, and a payment made before the client joined', () => {
    const over = alertOf({ rule: 'payment_mismatch', problem: 'short', paidMinor: 250_000, approvedMinor: 200_000, toleranceBasisPoints: 500 }, [request(6, 200_000)]);
    expect(explainAlert(over, names, 'zh-CN')).toContain(`多付 ${cny(50_000, 'zh-CN')}（25.00%）`);
    expect(explainAlert(over, names, 'en')).toContain(`${cny(50_000, 'en')} (25.00%) more`);
    const early = alertOf({ rule: 'new_client', clientSince: '2026-02-20', days: -2, withinDays: 30 }, [request(8, 150_000)]);
    expect(explainAlert(early, names, 'zh-CN')).toContain('2 天前已获好处');
    expect(explainAlert(early, names, 'en')).toContain('2 days before');
  });

  it('gives the peer median without a multiple when the median is nil', () => {
    const alert = alertOf({ rule: 'revenue_outlier', peerBy: 'service_line', peerGroup: 'tax', ratioBasisPoints: 80, peerMedianBasisPoints: 0, peers: 6, benefitsMinor: 800_000, revenueMinor: 100_000_000 });
    expect(explainAlert(alert, names, 'zh-CN')).toContain('同业务线 线:tax 6 个客户的中位数为 0.00%');
    expect(explainAlert(alert, names, 'en')).toContain('against a median of 0.00% among the 6 clients of the 线:tax service line');
  });

  it('says when the requests shown are only the latest ones kept', () => {
    const many = Array.from({ length: MAX_ALERT_REQUESTS }, (_, i) => request(i, 10_000));
    const alert = alertOf({ rule: 'related_party', role: 'requester', userId: 'u1', path: '张伟 —配偶→ 王芳' }, many);
    expect(explainAlert(alert, names, 'zh-CN')).toContain(`最近 ${MAX_ALERT_REQUESTS} 笔申请`);
    expect(explainAlert(alert, names, 'en')).toContain(`the latest ${MAX_ALERT_REQUESTS} requests`);
  });

  it('never shows a missing value, whatever the figures', () => {
    const money = fc.integer({ min: 0, max: 10 ** 12 });
    const count = fc.nat({ max: 10_000 });
    const day = fc.integer({ min: 0, max: 3_000 }).map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10));
    const id = fc.constantFrom('c1', 'p1', 'u1', 'u2', 'd1', 'd9', 'x-unknown');
    const words = fc.constantFrom('', '招标期', '张伟 —配偶→ 王芳', 'tender period');
    const reason: fc.Arbitrary<AlertReason> = fc.oneof(
      fc.record(
        {
          rule: fc.constant('structuring' as const),
          scope: fc.constantFrom('recipient' as const, 'client' as const),
          requesterId: id,
          benefitType: fc.constantFrom('gift', 'hospitality', 'unknown_type'),
          count,
          totalMinor: money,
          thresholdMinor: money,
          windowDays: count,
        },
        { requiredKeys: ['rule', 'scope', 'count', 'totalMinor', 'thresholdMinor', 'windowDays'] },
      ),
      fc.record({
        rule: fc.constant('cumulative_limit' as const),
        scope: fc.constantFrom('recipient' as const, 'client' as const),
        benefitType: fc.constantFrom('gift', 'hospitality', 'unknown_type'),
        period: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
        periodStart: day,
        totalMinor: money,
        limitMinor: money,
        departments: fc.array(fc.record({ departmentId: id, amountMinor: money }), { maxLength: 6 }),
      }),
      fc.record(
        {
          rule: fc.constant('frequency_spike' as const),
          recentDays: count,
          recentCount: count,
          recentMinor: money,
          baselineCount: count.map((n) => n / 10),
          baselineMinor: money,
          factor: fc.integer({ min: 1, max: 10 }),
          seasonBasisPoints: count,
          chancePerMillion: fc.integer({ min: 1, max: 100_000_000 }).map((n) => n / 100),
        },
        { requiredKeys: ['rule', 'recentDays', 'recentCount', 'recentMinor', 'baselineCount', 'baselineMinor', 'factor'] },
      ),
      fc.record({ rule: fc.constant('public_official' as const), amountMinor: money }),
      fc.record({ rule: fc.constant('related_party' as const), role: fc.constantFrom('requester' as const, 'approver' as const), userId: id, path: words }),
      fc.record(
        {
          rule: fc.constant('revenue_outlier' as const),
          peerBy: fc.constantFrom('department' as const, 'service_line' as const),
          peerGroup: id,
          ratioBasisPoints: count,
          peerMedianBasisPoints: count,
          deviations: count.map((n) => n / 10),
          peers: count,
          benefitsMinor: money,
          revenueMinor: money,
        },
        { requiredKeys: ['rule', 'peerBy', 'peerGroup', 'ratioBasisPoints', 'peerMedianBasisPoints', 'peers', 'benefitsMinor', 'revenueMinor'] },
      ),
      fc.record({ rule: fc.constant('blackout' as const), blackout: fc.record({ id, startsOn: day, endsOn: day, reason: words }) }),
      fc.record({ rule: fc.constant('approver_affinity' as const), approverId: id, requesterId: id, count, total: count, distinctRequesters: count, windowDays: count }),
      fc.record({ rule: fc.constant('payment_mismatch' as const), problem: fc.constant('late' as const), days: count, maxDays: count, approvedOn: day, paidOn: day }),
      fc.record({ rule: fc.constant('payment_mismatch' as const), problem: fc.constant('short' as const), paidMinor: money, approvedMinor: money, toleranceBasisPoints: count }),
      fc.record({ rule: fc.constant('new_client' as const), clientSince: day, days: fc.integer({ min: -30, max: 400 }), withinDays: count }),
    );
    const subjects = fc.record({ clientId: fc.option(id), recipientId: fc.option(id), userId: fc.option(id), departmentId: fc.option(id) });
    const requests = fc.array(
      fc.tuple(fc.nat(), fc.integer({ min: 0, max: 10 ** 10 }), day).map(([n, amount, date]) => request(n, amount, date)),
      { maxLength: MAX_ALERT_REQUESTS + 5 },
    );
    fc.assert(
      fc.property(reason, subjects, requests, fc.constantFrom(...locales), (r, s, reqs, locale) => {
        const text = explainAlert({ reason: r, subject: s, requests: reqs }, names, locale);
        expect(text).not.toMatch(/undefined|NaN|Infinity|\[object|null/);
        expect(text.length).toBeGreaterThan(10);
      }),
    );
  });
});

describe('labels', () => {
  const inBoth = (words: { 'zh-CN': string; en: string }) => {
    expect(words['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(words.en).toMatch(/^[\x20-\x7e]+$/);
  };

  it.each(ruleKinds)('names and describes %s and each of its parameters in both languages', (kind) => {
    inBoth(ruleLabels[kind]);
    inBoth(ruleDescriptions[kind]);
    const labels = paramLabels[kind] as Record<string, { 'zh-CN': string; en: string; unit: string }>;
    expect(Object.keys(labels).sort()).toEqual(Object.keys(defaultRuleSet[kind].params).sort());
    for (const label of Object.values(labels)) {
      inBoth(label);
      expect(['days', 'money', 'basis_points', 'count', 'factor', 'deviations', 'per_million', 'choice']).toContain(label.unit);
    }
  });

  it('gives units the editor can show', () => {
    expect(paramLabels.structuring.thresholdMinor.unit).toBe('money');
    expect(paramLabels.cumulative_limit.ratioBasisPoints.unit).toBe('basis_points');
    expect(paramLabels.revenue_outlier.peerBy.unit).toBe('choice');
    expect(paramLabels.cumulative_limit.minDepartments.unit).toBe('count');
    expect(paramLabels.frequency_spike.maxChancePerMillion.unit).toBe('per_million');
    expect(paramLabels.revenue_outlier.minDeviations.unit).toBe('deviations');
    expect(paramLabels.revenue_outlier.warmUpDays.unit).toBe('days');
    expect(Object.keys(peerByLabels).sort()).toEqual(['department', 'service_line']);
  });

  it('names every severity and state in both languages', () => {
    for (const words of [...Object.values(alertSeverityLabels), ...Object.values(alertStateLabels), ...Object.values(peerByLabels)]) inBoth(words);
    expect(Object.keys(alertSeverityLabels).sort()).toEqual(['high', 'low', 'medium']);
    expect(Object.keys(alertStateLabels).sort()).toEqual(['dismissed', 'escalated', 'new', 'reviewing']);
  });
});
