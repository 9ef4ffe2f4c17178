// Recusal (回避) conditions as data: compliance edits the parameters, the suggestion engine reads them.
// The default set follows the seed policy: "明确回避条件，如利益关系、亲属关系" — kinship with the
// client's key people, financial interest (shareholding), prior employment, and personal disputes.
import type { Locale } from '../conflicts/explain';
import { relationshipRules, relationshipTypes, type RelationshipType } from '../relationships';

export const recusalRuleKinds = ['kinship', 'shareholding', 'employment', 'personal_dispute'] as const;
export type RecusalRuleKind = (typeof recusalRuleKinds)[number];

export const severities = ['high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];
/** Higher is more serious; used to sort and to pick a suggestion's overall severity. */
export const severityRank: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/** Relationship types that are family ties (spouse, parent, child, sibling, relative). */
export type KinshipType = Extract<RelationshipType, 'spouse' | 'parent' | 'child' | 'sibling' | 'relative'>;
export const kinshipTypes: readonly KinshipType[] = relationshipTypes.filter((t): t is KinshipType => relationshipRules[t].kinship);

/** Ties to a client that count as working for it or holding office there. */
export const employmentTypes = ['employee', 'director', 'supervisor', 'legal_representative'] as const;
export type EmploymentType = (typeof employmentTypes)[number];

/**
 * Who counts as one of the client's key people, by the relationship linking them to the client
 * (each relationship points from the person to the client). `client` is the client party itself,
 * which matters when the client is an individual.
 */
export type KeyLink =
  | { type: 'client' }
  | { type: 'director' }
  | { type: 'supervisor' }
  | { type: 'legal_representative' }
  | { type: 'shareholder'; minBasisPoints: number }
  /** An employee whose recorded role (title) is one of these, compared trimmed and case-folded. */
  | { type: 'employee'; titles: readonly string[] };
export const keyLinkTypes = ['client', 'director', 'supervisor', 'legal_representative', 'shareholder', 'employee'] as const;

export type Label = Record<Locale, string>;

interface RuleBase {
  /** Stable, lower-case: recorded on every suggestion so a decision can cite the rule. */
  id: string;
  severity: Severity;
  enabled: boolean;
  label: Label;
}

/** A relative of the staff member, at most `maxHops` family ties away, is one of the client's key people. */
export interface KinshipRule extends RuleBase {
  kind: 'kinship';
  kinTypes: readonly KinshipType[];
  maxHops: number;
  keyLinks: readonly KeyLink[];
}

/** The staff member, or a relative at most `kinMaxHops` ties away (0: only the staff member), holds shares in the client. */
export interface ShareholdingRule extends RuleBase {
  kind: 'shareholding';
  minBasisPoints: number;
  kinTypes: readonly KinshipType[];
  kinMaxHops: number;
}

/** The staff member works or held office at the client now or within `withinYears` of its end (0: only now). */
export interface EmploymentRule extends RuleBase {
  kind: 'employment';
  types: readonly EmploymentType[];
  withinYears: number;
}

/**
 * The staff member declared a personal dispute with the client or one of its key people, ongoing or
 * ended within `withinYears`. Disputes are registry relationships ('dispute'), declared by staff or
 * entered by compliance; the engine takes them apart from the edges, anchored at the staff member.
 */
export interface PersonalDisputeRule extends RuleBase {
  kind: 'personal_dispute';
  keyLinks: readonly KeyLink[];
  withinYears: number;
}

export type RecusalRule = KinshipRule | ShareholdingRule | EmploymentRule | PersonalDisputeRule;

/** Kin walks cost grows with the fan-out to this power; beyond three ties a family link is no longer evidence. */
export const MAX_KIN_HOPS = 3;
export const MAX_YEARS = 50;

/** Senior managers (高级管理人员, 公司法) and their usual English titles, as recorded in a relationship's role. */
export const seniorTitles: readonly string[] = [
  '董事长',
  '副董事长',
  '总经理',
  '副总经理',
  '总裁',
  '副总裁',
  '财务负责人',
  '财务总监',
  '首席执行官',
  '首席财务官',
  '首席运营官',
  '董事会秘书',
  '董秘',
  'chairman',
  'ceo',
  'cfo',
  'coo',
  'general manager',
  'deputy general manager',
  'president',
  'vice president',
  'chief executive officer',
  'chief financial officer',
  'chief operating officer',
  'board secretary',
  'company secretary',
];

/** The client and its key people: itself, its directors, supervisors, legal representative, shareholders from 5%, senior managers. */
export const defaultKeyLinks: readonly KeyLink[] = [
  { type: 'client' },
  { type: 'director' },
  { type: 'supervisor' },
  { type: 'legal_representative' },
  { type: 'shareholder', minBasisPoints: 500 },
  { type: 'employee', titles: seniorTitles },
];

const closeKin: readonly KinshipType[] = ['spouse', 'parent', 'child', 'sibling'];

export const defaultRecusalRules: readonly RecusalRule[] = [
  {
    id: 'kinship.close',
    kind: 'kinship',
    severity: 'high',
    enabled: true,
    label: { 'zh-CN': '近亲属（配偶、父母、子女、兄弟姐妹）是客户或其关键人员', en: 'A close family member (spouse, parent, child, sibling) is the client or one of its key people' },
    kinTypes: closeKin,
    maxHops: 1,
    keyLinks: defaultKeyLinks,
  },
  {
    id: 'kinship.extended',
    kind: 'kinship',
    severity: 'medium',
    enabled: true,
    label: { 'zh-CN': '两层以内的其他亲属是客户或其关键人员', en: 'A relative within two family ties is the client or one of its key people' },
    kinTypes: [...closeKin, 'relative'],
    maxHops: 2,
    keyLinks: defaultKeyLinks,
  },
  {
    id: 'shareholding',
    kind: 'shareholding',
    severity: 'high',
    enabled: true,
    label: { 'zh-CN': '本人或近亲属持有客户 1% 以上股份', en: 'The staff member or a close family member holds 1% or more of the client' },
    minBasisPoints: 100,
    kinTypes: closeKin,
    kinMaxHops: 1,
  },
  {
    id: 'employment',
    kind: 'employment',
    severity: 'high',
    enabled: true,
    label: { 'zh-CN': '本人现在或两年内曾在客户任职（雇员、董事、监事、法定代表人）', en: 'The staff member works or held office at the client now or within the last two years' },
    types: employmentTypes,
    withinYears: 2,
  },
  {
    id: 'personal_dispute',
    kind: 'personal_dispute',
    severity: 'medium',
    enabled: true,
    label: { 'zh-CN': '本人与客户或其关键人员存在个人纠纷（一年内）', en: 'The staff member has a personal dispute with the client or one of its key people, ongoing or within a year' },
    keyLinks: defaultKeyLinks,
    withinYears: 1,
  },
];

export type RuleProblemCode =
  | 'ID_FORMAT'
  | 'DUPLICATE_ID'
  | 'KIND_UNKNOWN'
  | 'SEVERITY_UNKNOWN'
  | 'ENABLED_NOT_BOOLEAN'
  | 'LABEL_REQUIRED'
  | 'TYPES_REQUIRED'
  | 'TYPE_NOT_ALLOWED'
  | 'TYPE_REPEATED'
  | 'HOPS_RANGE'
  | 'BASIS_POINTS_RANGE'
  | 'YEARS_RANGE'
  | 'TITLES_REQUIRED';

export interface RuleProblem {
  ruleId: string;
  field: string;
  code: RuleProblemCode;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const isInt = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Every rule a rule breaks, with the field to blame. Checked at run time too: rules are stored as JSON. */
export function ruleProblems(rule: RecusalRule): RuleProblem[] {
  const ruleId = typeof rule.id === 'string' ? rule.id : '';
  const problems: RuleProblem[] = [];
  const problem = (field: string, code: RuleProblemCode) => problems.push({ ruleId, field, code });
  if (!ID.test(ruleId)) problem('id', 'ID_FORMAT');
  if (!(severities as readonly string[]).includes(rule.severity)) problem('severity', 'SEVERITY_UNKNOWN');
  if (typeof rule.enabled !== 'boolean') problem('enabled', 'ENABLED_NOT_BOOLEAN');
  for (const locale of ['zh-CN', 'en'] as const) if (typeof rule.label?.[locale] !== 'string' || !rule.label[locale].trim()) problem(`label.${locale}`, 'LABEL_REQUIRED');

  const typeList = (field: string, types: unknown, allowed: readonly string[], required: boolean) => {
    if (!Array.isArray(types) || (required && types.length === 0)) return problem(field, 'TYPES_REQUIRED');
    types.forEach((type, at) => {
      if (!allowed.includes(type as string)) problem(`${field}[${at}]`, 'TYPE_NOT_ALLOWED');
      else if (types.indexOf(type) !== at) problem(`${field}[${at}]`, 'TYPE_REPEATED');
    });
  };
  const keyLinks = (links: unknown) => {
    typeList('keyLinks', Array.isArray(links) ? links.map((l: KeyLink | null) => l?.type) : links, keyLinkTypes, true);
    if (!Array.isArray(links)) return;
    (links as KeyLink[]).forEach((link, at) => {
      if (link?.type === 'shareholder' && !isInt(link.minBasisPoints, 1, 10_000)) problem(`keyLinks[${at}].minBasisPoints`, 'BASIS_POINTS_RANGE');
      if (link?.type === 'employee' && (!Array.isArray(link.titles) || !link.titles.length || link.titles.some((t) => typeof t !== 'string' || !t.trim())))
        problem(`keyLinks[${at}].titles`, 'TITLES_REQUIRED');
    });
  };

  switch (rule.kind) {
    case 'kinship':
      typeList('kinTypes', rule.kinTypes, kinshipTypes, true);
      if (!isInt(rule.maxHops, 1, MAX_KIN_HOPS)) problem('maxHops', 'HOPS_RANGE');
      keyLinks(rule.keyLinks);
      break;
    case 'shareholding':
      if (!isInt(rule.minBasisPoints, 1, 10_000)) problem('minBasisPoints', 'BASIS_POINTS_RANGE');
      if (!isInt(rule.kinMaxHops, 0, MAX_KIN_HOPS)) problem('kinMaxHops', 'HOPS_RANGE');
      // Kin types matter only when kin are counted at all.
      typeList('kinTypes', rule.kinTypes, kinshipTypes, rule.kinMaxHops > 0);
      break;
    case 'employment':
      typeList('types', rule.types, employmentTypes, true);
      if (!isInt(rule.withinYears, 0, MAX_YEARS)) problem('withinYears', 'YEARS_RANGE');
      break;
    case 'personal_dispute':
      keyLinks(rule.keyLinks);
      if (!isInt(rule.withinYears, 0, MAX_YEARS)) problem('withinYears', 'YEARS_RANGE');
      break;
    default:
      problem('kind', 'KIND_UNKNOWN');
  }
  return problems;
}

/** Problems of every rule, and ids used twice. Empty when the set can be used. */
export function ruleSetProblems(rules: readonly RecusalRule[]): RuleProblem[] {
  const seen = new Set<string>();
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    problems.push(...ruleProblems(rule));
    if (seen.has(rule.id)) problems.push({ ruleId: rule.id, field: 'id', code: 'DUPLICATE_ID' });
    seen.add(rule.id);
  }
  return problems;
}

/** A title as compared against a key-link title list. */
export const normalizeTitle = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();

export const ruleLabel = (rule: Pick<RecusalRule, 'label'>, locale: Locale) => rule.label[locale];
