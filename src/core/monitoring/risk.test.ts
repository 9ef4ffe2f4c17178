import { describe, expect, it } from 'vitest';
import { assessRisk, categoryCaps, describeFactor, isRunDue, noRiskInputs, periodStart, riskCategories } from './risk';

describe('risk assessment', () => {
  it('scores nothing known as zero, low', () => {
    expect(assessRisk(noRiskInputs())).toMatchObject({ score: 0, level: 'low', factors: [] });
  });

  it('adds each factor to its category, caps the category, and lists the factors largest first', () => {
    const assessed = assessRisk({ ...noRiskInputs(), openAlerts: { high: 3, medium: 1, low: 0 }, openCases: 1, staffLinks: 1, benefitsMinor: 5_000_000, revenueShareBasisPoints: 85 });
    expect(assessed.categories).toEqual({ alerts: 30, cases: 15, relationships: 5, benefits: 18, public_officials: 0 });
    expect(assessed.score).toBe(68);
    expect(assessed.level).toBe('high');
    expect(assessed.factors[0]).toMatchObject({ code: 'OPEN_HIGH_ALERTS', points: 45, value: 3 });
    expect(assessed.factors.map((f) => f.points)).toEqual([...assessed.factors.map((f) => f.points)].sort((a, b) => b - a));
  });

  it('never exceeds 100, and the caps sum to 100', () => {
    expect(riskCategories.reduce((sum, c) => sum + categoryCaps[c], 0)).toBe(100);
    const everything = assessRisk({ openAlerts: { high: 9, medium: 9, low: 9 }, alertsThisYear: 99, openCases: 9, casesThisYear: 9, staffLinks: 9, benefitsCount: 999, benefitsMinor: 1e12, revenueShareBasisPoints: 10_000, publicOfficialBenefits: 9, publicOfficialContacts: 9 });
    expect(everything).toMatchObject({ score: 100, level: 'high' });
  });

  it('levels at 30 and 60', () => {
    expect(assessRisk({ ...noRiskInputs(), openCases: 2 })).toMatchObject({ score: 25, level: 'low' }); // 30, capped at 25
    expect(assessRisk({ ...noRiskInputs(), openCases: 2, staffLinks: 1 }).level).toBe('medium'); // 30
    expect(assessRisk({ ...noRiskInputs(), openCases: 1, staffLinks: 2 }).level).toBe('low'); // 25
    expect(assessRisk({ ...noRiskInputs(), openCases: 2, openAlerts: { high: 2, medium: 1, low: 0 }, staffLinks: 1 })).toMatchObject({ score: 60, level: 'high' });
    expect(assessRisk({ ...noRiskInputs(), openCases: 2, openAlerts: { high: 2, medium: 0, low: 0 }, staffLinks: 1 })).toMatchObject({ score: 60, level: 'high' });
    expect(assessRisk({ ...noRiskInputs(), openCases: 2, openAlerts: { high: 1, medium: 2, low: 0 }, staffLinks: 1 })).toMatchObject({ score: 55, level: 'medium' });
  });

  it('is due once per period: weeks from Monday, months, quarters', () => {
    expect(periodStart('2026-12-02', 'weekly')).toBe('2026-11-30'); // a Wednesday; the Monday before
    expect(periodStart('2026-11-30', 'weekly')).toBe('2026-11-30');
    expect(periodStart('2026-12-02', 'monthly')).toBe('2026-12-01');
    expect(periodStart('2026-12-02', 'quarterly')).toBe('2026-10-01');
    expect(periodStart('2026-03-31', 'quarterly')).toBe('2026-01-01');
    expect(isRunDue('2026-12-02', null, 'monthly')).toBe(true);
    expect(isRunDue('2026-12-02', '2026-12-01', 'monthly')).toBe(false);
    expect(isRunDue('2026-12-02', '2026-11-30', 'monthly')).toBe(true);
    expect(isRunDue('2026-12-02', '2026-11-30', 'weekly')).toBe(false);
    expect(isRunDue('2026-12-02', '2026-09-30', 'quarterly')).toBe(true);
  });
});

describe('risk factors in words', () => {
  it('carry their figures in both languages', () => {
    const { factors } = assessRisk({ ...noRiskInputs(), benefitsMinor: 5_000_000, revenueShareBasisPoints: 85, openAlerts: { high: 2, medium: 0, low: 0 } });
    const texts = factors.map((f) => [describeFactor(f, 'zh-CN'), describeFactor(f, 'en')]).flat();
    expect(texts).toEqual(expect.arrayContaining(['未结高风险预警 2 条', '近一年好处费 ¥50,000.00', '好处费占收入 0.85%', 'benefits at 0.85% of revenue']));
  });
});
