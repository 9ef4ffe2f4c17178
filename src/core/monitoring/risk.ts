// Risk assessment (风险评估): every client relationship and every staff member scored from what the
// firm knows of them — alerts, conflict cases, links to staff, how much they give or receive, and
// exposure to public officials — each category capped, so a score reads as its list of reasons.
import { dayNumber, fromDayNumber } from '../cases/dates';
import { formatMoney } from '../money';

export const riskCategories = ['alerts', 'cases', 'relationships', 'benefits', 'public_officials'] as const;
export type RiskCategory = (typeof riskCategories)[number];

/** The most a category adds; they sum to 100. */
export const categoryCaps: Record<RiskCategory, number> = { alerts: 30, cases: 25, relationships: 15, benefits: 20, public_officials: 10 };

export type RiskLevel = 'high' | 'medium' | 'low';
export const riskLevelOf = (score: number): RiskLevel => (score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low');

/** What is known of one subject over the last twelve months (amounts in CNY minor units). */
export interface RiskInputs {
  openAlerts: { high: number; medium: number; low: number };
  /** Alerts of the last year, open or not, dismissed ones excluded. */
  alertsThisYear: number;
  openCases: number;
  /** Cases of the last year that ended in a decision against the subject (closed with a finding). */
  casesThisYear: number;
  /** Staff linked to the client (or, for staff, clients the person is linked to) in the registry. */
  staffLinks: number;
  benefitsCount: number;
  benefitsMinor: number;
  /** The benefits against the client's annual revenue, when known (clients only). */
  revenueShareBasisPoints: number | null;
  /** Benefits to public officials, and public officials among the client's contacts or the person's recipients. */
  publicOfficialBenefits: number;
  publicOfficialContacts: number;
}

export type RiskFactorCode =
  | 'OPEN_HIGH_ALERTS'
  | 'OPEN_ALERTS'
  | 'ALERTS_THIS_YEAR'
  | 'OPEN_CASES'
  | 'CASES_THIS_YEAR'
  | 'STAFF_LINKS'
  | 'BENEFIT_VOLUME'
  | 'REVENUE_SHARE'
  | 'PUBLIC_OFFICIAL_BENEFITS'
  | 'PUBLIC_OFFICIAL_CONTACTS';

export interface RiskFactor {
  category: RiskCategory;
  code: RiskFactorCode;
  points: number;
  /** The figure behind it (a count, an amount in minor units, basis points). */
  value: number;
}

export interface RiskAssessment {
  score: number;
  level: RiskLevel;
  categories: Record<RiskCategory, number>;
  factors: RiskFactor[];
}

/** Thresholds of benefit volume (CNY minor units) that add 5, 10, 15 and 20 points. */
const VOLUME_STEPS = [1_000_000, 5_000_000, 20_000_000, 50_000_000];

export function assessRisk(inputs: RiskInputs): RiskAssessment {
  const factors: RiskFactor[] = [];
  const add = (category: RiskCategory, code: RiskFactorCode, points: number, value: number) => {
    if (points > 0) factors.push({ category, code, points, value });
  };
  const open = inputs.openAlerts;
  add('alerts', 'OPEN_HIGH_ALERTS', open.high * 15, open.high);
  add('alerts', 'OPEN_ALERTS', (open.medium + open.low) * 5, open.medium + open.low);
  add('alerts', 'ALERTS_THIS_YEAR', inputs.alertsThisYear * 2, inputs.alertsThisYear);
  add('cases', 'OPEN_CASES', inputs.openCases * 15, inputs.openCases);
  add('cases', 'CASES_THIS_YEAR', inputs.casesThisYear * 5, inputs.casesThisYear);
  add('relationships', 'STAFF_LINKS', inputs.staffLinks * 5, inputs.staffLinks);
  add('benefits', 'BENEFIT_VOLUME', VOLUME_STEPS.filter((step) => inputs.benefitsMinor >= step).length * 5, inputs.benefitsMinor);
  if (inputs.revenueShareBasisPoints !== null) add('benefits', 'REVENUE_SHARE', Math.min(20, Math.floor(inputs.revenueShareBasisPoints / 10)), inputs.revenueShareBasisPoints);
  add('public_officials', 'PUBLIC_OFFICIAL_BENEFITS', inputs.publicOfficialBenefits * 5, inputs.publicOfficialBenefits);
  add('public_officials', 'PUBLIC_OFFICIAL_CONTACTS', inputs.publicOfficialContacts * 3, inputs.publicOfficialContacts);

  const categories = Object.fromEntries(riskCategories.map((c) => [c, 0])) as Record<RiskCategory, number>;
  for (const f of factors) categories[f.category] += f.points;
  for (const c of riskCategories) categories[c] = Math.min(categoryCaps[c], categories[c]);
  const score = riskCategories.reduce((sum, c) => sum + categories[c], 0);
  return { score, level: riskLevelOf(score), categories, factors: factors.sort((a, b) => b.points - a.points) };
}

export const noRiskInputs = (): RiskInputs => ({
  openAlerts: { high: 0, medium: 0, low: 0 },
  alertsThisYear: 0,
  openCases: 0,
  casesThisYear: 0,
  staffLinks: 0,
  benefitsCount: 0,
  benefitsMinor: 0,
  revenueShareBasisPoints: null,
  publicOfficialBenefits: 0,
  publicOfficialContacts: 0,
});

/** The schedule compliance sets: a run is due once per period, on the first check after it starts. */
export const riskFrequencies = ['weekly', 'monthly', 'quarterly'] as const;
export type RiskFrequency = (typeof riskFrequencies)[number];

/** The first day (YYYY-MM-DD) of the period that holds `day`. Weeks start on Monday. */
export function periodStart(day: string, frequency: RiskFrequency): string {
  if (frequency === 'weekly') {
    const n = dayNumber(day);
    // Day 0 (0001-01-01) was a Monday.
    return fromDayNumber(n - (n % 7));
  }
  const [year, month] = day.split('-').map(Number) as [number, number];
  const first = frequency === 'monthly' ? month : month - ((month - 1) % 3);
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** Whether a scheduled run is due today, given the day of the last one. */
export const isRunDue = (today: string, lastRunOn: string | null, frequency: RiskFrequency) => lastRunOn === null || lastRunOn < periodStart(today, frequency);

type Locale = 'zh-CN' | 'en';

export const riskCategoryLabels: Record<RiskCategory, Record<Locale, string>> = {
  alerts: { 'zh-CN': '预警', en: 'Alerts' },
  cases: { 'zh-CN': '冲突案件', en: 'Conflict cases' },
  relationships: { 'zh-CN': '员工关联', en: 'Staff links' },
  benefits: { 'zh-CN': '好处费强度', en: 'Benefit intensity' },
  public_officials: { 'zh-CN': '公职人员敞口', en: 'Public officials' },
};


/** A factor as a phrase with its figure, e.g. "未结高风险预警 2 条". */
export function describeFactor(factor: RiskFactor, locale: Locale): string {
  const v = factor.value;
  const money = formatMoney({ amountMinor: v, currency: 'CNY' }, locale);
  const text: Record<RiskFactorCode, Record<Locale, string>> = {
    OPEN_HIGH_ALERTS: { 'zh-CN': `未结高风险预警 ${v} 条`, en: `${v} open high-severity alert(s)` },
    OPEN_ALERTS: { 'zh-CN': `其他未结预警 ${v} 条`, en: `${v} other open alert(s)` },
    ALERTS_THIS_YEAR: { 'zh-CN': `近一年预警 ${v} 条`, en: `${v} alert(s) in the last year` },
    OPEN_CASES: { 'zh-CN': `未结利益冲突案件 ${v} 件`, en: `${v} open conflict case(s)` },
    CASES_THIS_YEAR: { 'zh-CN': `近一年立案 ${v} 件`, en: `${v} case(s) opened in the last year` },
    STAFF_LINKS: { 'zh-CN': `登记的员工关联 ${v} 处`, en: `${v} registered staff link(s)` },
    BENEFIT_VOLUME: { 'zh-CN': `近一年好处费 ${money}`, en: `${money} of benefits in the last year` },
    REVENUE_SHARE: { 'zh-CN': `好处费占收入 ${(v / 100).toFixed(2)}%`, en: `benefits at ${(v / 100).toFixed(2)}% of revenue` },
    PUBLIC_OFFICIAL_BENEFITS: { 'zh-CN': `给予公职人员的好处 ${v} 笔`, en: `${v} benefit(s) to public officials` },
    PUBLIC_OFFICIAL_CONTACTS: { 'zh-CN': `联系人中公职人员 ${v} 名`, en: `${v} public official(s) among the contacts` },
  };
  return text[factor.code][locale];
}
