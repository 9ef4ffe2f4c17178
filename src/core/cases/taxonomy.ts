// The classification of conflict cases and what is done about them, as the seed document names it
// (客户与公司、客户与客户之间……源于价格、服务、权益等多个方面). A firm may relabel entries, add its own
// and retire old ones; codes the workflow acts on (mitigations, disclosure decisions, sanctions) keep
// their meaning whatever the label says.

export type Locale = 'zh-CN' | 'en';
export type Labels = Record<Locale, string>;
export const locales: readonly Locale[] = ['zh-CN', 'en'];

export const conflictKinds = ['client_firm', 'client_client', 'staff_client'] as const;
export type ConflictKind = (typeof conflictKinds)[number];

export const subjectMatters = ['price', 'service', 'rights', 'other'] as const;
export type SubjectMatter = (typeof subjectMatters)[number];

/** Lowest first: list order is rank order. */
export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const mitigationKinds = ['recusal', 'information_barrier', 'disclosure_consent', 'restructure', 'decline_or_exit'] as const;
export type MitigationKind = (typeof mitigationKinds)[number];

export const disclosureDecisions = ['no_conflict', 'cleared_with_conditions', 'rejected'] as const;
export type DisclosureDecision = (typeof disclosureDecisions)[number];

export const sanctionKinds = ['warning', 'training', 'pay_consequence', 'dismissal'] as const;
export type SanctionKind = (typeof sanctionKinds)[number];

/** How a case came to be opened. */
export const caseSources = ['staff_report', 'conflict_check', 'alert', 'compliance', 'client_feedback', 'anonymous_report'] as const;
export type CaseSource = (typeof caseSources)[number];

export const caseSourceLabels: Record<CaseSource, Labels> = {
  staff_report: { 'zh-CN': '员工报告', en: 'staff report' },
  conflict_check: { 'zh-CN': '利益冲突检索', en: 'conflict check' },
  alert: { 'zh-CN': '预警', en: 'early-warning alert' },
  compliance: { 'zh-CN': '合规部门立案', en: 'opened by compliance' },
  client_feedback: { 'zh-CN': '客户反馈', en: 'client feedback' },
  anonymous_report: { 'zh-CN': '匿名举报', en: 'anonymous report' },
};

export interface TaxonomyEntry {
  code: string;
  labels: Labels;
  /** Retired entries keep labelling the cases that used them but are not offered for new ones. */
  active: boolean;
}

export const taxonomyLists = ['conflictKinds', 'subjectMatters', 'severities', 'mitigationKinds', 'disclosureDecisions', 'sanctionKinds'] as const;
export type TaxonomyList = (typeof taxonomyLists)[number];

export type Taxonomy = Record<TaxonomyList, readonly TaxonomyEntry[]>;

const entry = (code: string, zh: string, en: string): TaxonomyEntry => ({ code, labels: { 'zh-CN': zh, en }, active: true });

export const defaultTaxonomy: Taxonomy = {
  conflictKinds: [
    entry('client_firm', '客户与事务所', 'client and firm'),
    entry('client_client', '客户与客户', 'client and client'),
    entry('staff_client', '员工与客户', 'staff and client'),
  ],
  subjectMatters: [entry('price', '价格', 'price'), entry('service', '服务', 'service'), entry('rights', '权益', 'rights and interests'), entry('other', '其他', 'other')],
  severities: [entry('low', '低', 'low'), entry('medium', '中', 'medium'), entry('high', '高', 'high'), entry('critical', '严重', 'critical')],
  mitigationKinds: [
    entry('recusal', '回避', 'recusal'),
    entry('information_barrier', '信息隔离', 'information barrier'),
    entry('disclosure_consent', '披露并取得同意', 'disclosure and client consent'),
    entry('restructure', '调整业务安排', 'restructure the engagement'),
    entry('decline_or_exit', '拒绝或退出', 'decline or exit the client'),
  ],
  disclosureDecisions: [
    entry('no_conflict', '不构成利益冲突', 'no conflict'),
    entry('cleared_with_conditions', '附条件准许', 'cleared with conditions'),
    entry('rejected', '不予准许', 'rejected'),
  ],
  sanctionKinds: [
    entry('warning', '警告', 'warning'),
    entry('training', '培训', 'training'),
    entry('pay_consequence', '经济处罚', 'pay consequence'),
    entry('dismissal', '解除劳动合同', 'dismissal'),
  ],
};

/** Lists whose codes the code itself decides on: the firm may relabel them, not add or drop codes. */
export const fixedLists: readonly TaxonomyList[] = ['disclosureDecisions'];

export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_LABEL_LENGTH = 60;

export type TaxonomyIssueCode =
  | 'EMPTY_LIST' // no entries, or none active
  | 'INVALID_CODE'
  | 'DUPLICATE_CODE'
  | 'MISSING_LABEL'
  | 'LABEL_TOO_LONG'
  | 'DUPLICATE_LABEL' // two entries of a list the user could not tell apart
  | 'CODE_REMOVED' // a code of the previous version is gone: cases that used it would lose their label
  | 'FIXED_CODES'; // a list the workflow decides on has codes added or missing

export interface TaxonomyIssue {
  list: TaxonomyList;
  code: TaxonomyIssueCode;
  /** The entry at fault, when one is. */
  index?: number;
  locale?: Locale;
  /** The code removed, for CODE_REMOVED. */
  removed?: string;
}

export type TaxonomyValidation = { ok: true; taxonomy: Taxonomy } | { ok: false; issues: TaxonomyIssue[] };

const labelLength = (text: string) => [...text].length;

/**
 * Checks a firm's taxonomy: valid and unique codes, a label in each language (unique within the list),
 * at least one active entry in every list, and — against the version it replaces — no code removed.
 * Labels are returned trimmed.
 */
export function validateTaxonomy(taxonomy: Taxonomy, previous: Taxonomy | null = defaultTaxonomy): TaxonomyValidation {
  const issues: TaxonomyIssue[] = [];
  const cleaned = {} as Record<TaxonomyList, TaxonomyEntry[]>;
  for (const list of taxonomyLists) {
    const entries = Array.isArray(taxonomy[list]) ? taxonomy[list] : [];
    cleaned[list] = [];
    if (!entries.some((e) => e?.active === true)) issues.push({ list, code: 'EMPTY_LIST' });
    const codes = new Set<string>();
    const labelsSeen: Record<Locale, Set<string>> = { 'zh-CN': new Set(), en: new Set() };
    entries.forEach((item, index) => {
      const code = typeof item?.code === 'string' ? item.code : '';
      if (!CODE_PATTERN.test(code)) issues.push({ list, code: 'INVALID_CODE', index });
      else if (codes.has(code)) issues.push({ list, code: 'DUPLICATE_CODE', index });
      codes.add(code);
      const labels = {} as Labels;
      for (const locale of locales) {
        const raw = item?.labels?.[locale];
        const label = typeof raw === 'string' ? raw.trim() : '';
        labels[locale] = label;
        if (label === '') issues.push({ list, code: 'MISSING_LABEL', index, locale });
        else if (labelLength(label) > MAX_LABEL_LENGTH) issues.push({ list, code: 'LABEL_TOO_LONG', index, locale });
        else if (labelsSeen[locale].has(label.toLowerCase())) issues.push({ list, code: 'DUPLICATE_LABEL', index, locale });
        labelsSeen[locale].add(label.toLowerCase());
      }
      cleaned[list].push({ code, labels, active: item?.active === true });
    });
    if (previous) for (const old of previous[list]) if (!codes.has(old.code)) issues.push({ list, code: 'CODE_REMOVED', removed: old.code });
    if (fixedLists.includes(list)) {
      const fixed = defaultTaxonomy[list].map((e) => e.code);
      const exact = codes.size === fixed.length && fixed.every((c) => codes.has(c)) && entries.every((e) => e?.active === true);
      if (!exact) issues.push({ list, code: 'FIXED_CODES' });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, taxonomy: cleaned };
}

/** The label of a code, or the code itself when the taxonomy does not know it (so nothing shows blank). */
export function labelOf(taxonomy: Taxonomy, list: TaxonomyList, code: string, locale: Locale): string {
  return taxonomy[list].find((e) => e.code === code)?.labels[locale] ?? code;
}

/** Codes offered for new cases. */
export const activeCodes = (taxonomy: Taxonomy, list: TaxonomyList): string[] => taxonomy[list].filter((e) => e.active).map((e) => e.code);

/** A severity's rank, 0 lowest; −1 when unknown. */
export const severityRank = (taxonomy: Taxonomy, code: string): number => taxonomy.severities.findIndex((e) => e.code === code);

export interface Classification {
  kind: string;
  subjectMatters: readonly string[];
  severity?: string;
}

export type ClassificationIssue = 'UNKNOWN_KIND' | 'SUBJECT_MATTER_REQUIRED' | 'UNKNOWN_SUBJECT_MATTER' | 'UNKNOWN_SEVERITY';

/**
 * Checks a new or edited case's classification against the active entries. A case may concern several
 * subject matters at once (a price dispute that is also about rights), but needs at least one.
 */
export function checkClassification(taxonomy: Taxonomy, classification: Classification): ClassificationIssue[] {
  const issues: ClassificationIssue[] = [];
  if (!activeCodes(taxonomy, 'conflictKinds').includes(classification.kind)) issues.push('UNKNOWN_KIND');
  if (classification.subjectMatters.length === 0) issues.push('SUBJECT_MATTER_REQUIRED');
  const subjects = activeCodes(taxonomy, 'subjectMatters');
  if (classification.subjectMatters.some((s) => !subjects.includes(s))) issues.push('UNKNOWN_SUBJECT_MATTER');
  if (classification.severity !== undefined && !activeCodes(taxonomy, 'severities').includes(classification.severity)) issues.push('UNKNOWN_SEVERITY');
  return issues;
}
