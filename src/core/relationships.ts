// Relationship types between parties and the rules each obeys.
export const partyKinds = ['person', 'org'] as const;
export type PartyKind = (typeof partyKinds)[number];

export const relationshipTypes = [
  'spouse',
  'parent', // from is a parent of to
  'child', // from is a child of to
  'sibling',
  'relative', // any other relative
  'shareholder', // from holds shares in to (with a percentage)
  'director',
  'supervisor',
  'legal_representative',
  'employee', // current while valid_to is empty, former once it is set
  'business_partner',
  'public_official', // from holds office in the authority to (with a rank)
  'same_address',
  'same_phone',
  'dispute', // a personal dispute (个人纠纷) between the two, ongoing while valid_to is empty
] as const;
export type RelationshipType = (typeof relationshipTypes)[number];

interface TypeRule {
  symmetric: boolean;
  from: readonly PartyKind[];
  to: readonly PartyKind[];
  percentage: 'required' | 'none';
  /** Circumstantial links (shared address or phone): evidence, not a relationship in their own right. */
  weak: boolean;
  kinship: boolean;
  label: { 'zh-CN': string; en: string };
}

const person = ['person'] as const;
const org = ['org'] as const;
const any = ['person', 'org'] as const;
const rule = (r: Partial<TypeRule> & Pick<TypeRule, 'from' | 'to' | 'label'>): TypeRule => ({ symmetric: false, percentage: 'none', weak: false, kinship: false, ...r });

export const relationshipRules: Record<RelationshipType, TypeRule> = {
  spouse: rule({ symmetric: true, kinship: true, from: person, to: person, label: { 'zh-CN': '配偶', en: 'spouse' } }),
  parent: rule({ kinship: true, from: person, to: person, label: { 'zh-CN': '父母', en: 'parent of' } }),
  child: rule({ kinship: true, from: person, to: person, label: { 'zh-CN': '子女', en: 'child of' } }),
  sibling: rule({ symmetric: true, kinship: true, from: person, to: person, label: { 'zh-CN': '兄弟姐妹', en: 'sibling' } }),
  relative: rule({ symmetric: true, kinship: true, from: person, to: person, label: { 'zh-CN': '其他亲属', en: 'other relative' } }),
  shareholder: rule({ from: any, to: org, percentage: 'required', label: { 'zh-CN': '股东', en: 'shareholder of' } }),
  director: rule({ from: person, to: org, label: { 'zh-CN': '董事', en: 'director of' } }),
  supervisor: rule({ from: person, to: org, label: { 'zh-CN': '监事', en: 'supervisor of' } }),
  legal_representative: rule({ from: person, to: org, label: { 'zh-CN': '法定代表人', en: 'legal representative of' } }),
  employee: rule({ from: person, to: org, label: { 'zh-CN': '雇员', en: 'employee of' } }),
  business_partner: rule({ symmetric: true, from: any, to: any, label: { 'zh-CN': '业务伙伴', en: 'business partner' } }),
  public_official: rule({ from: person, to: org, label: { 'zh-CN': '公职人员', en: 'public official of' } }),
  same_address: rule({ symmetric: true, weak: true, from: any, to: any, label: { 'zh-CN': '同一地址', en: 'same address' } }),
  same_phone: rule({ symmetric: true, weak: true, from: any, to: any, label: { 'zh-CN': '同一电话', en: 'same phone' } }),
  dispute: rule({ symmetric: true, from: any, to: any, label: { 'zh-CN': '纠纷', en: 'dispute' } }),
};

/** A percentage written as text ("25", "25.5", "0.01", "25%") to exact basis points, or null. */
export function parsePercentage(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return basisPoints <= 10_000 ? basisPoints : null;
}

export const formatPercentage = (basisPoints: number) => `${(basisPoints / 100).toFixed(basisPoints % 100 === 0 ? 0 : 2)}%`;

export type RelationshipProblem =
  | 'SELF_RELATIONSHIP'
  | 'PARTY_KIND_MISMATCH'
  | 'PERCENTAGE_REQUIRED'
  | 'PERCENTAGE_RANGE'
  | 'PERCENTAGE_NOT_ALLOWED'
  | 'DATE_ORDER';

export interface RelationshipDraft {
  type: RelationshipType;
  fromId: string;
  toId: string;
  fromKind: PartyKind;
  toKind: PartyKind;
  shareBasisPoints?: number | null;
  validFrom?: string | null; // YYYY-MM-DD
  validTo?: string | null;
}

/** Every rule a relationship breaks, with the field to blame; empty when it is sound. */
export function relationshipProblems(draft: RelationshipDraft): { field: string; code: RelationshipProblem }[] {
  const r = relationshipRules[draft.type];
  const problems: { field: string; code: RelationshipProblem }[] = [];
  if (draft.fromId === draft.toId) problems.push({ field: 'toPartyId', code: 'SELF_RELATIONSHIP' });
  if (!r.from.includes(draft.fromKind)) problems.push({ field: 'fromPartyId', code: 'PARTY_KIND_MISMATCH' });
  if (!r.to.includes(draft.toKind)) problems.push({ field: 'toPartyId', code: 'PARTY_KIND_MISMATCH' });
  const share = draft.shareBasisPoints;
  if (r.percentage === 'required' && (share === null || share === undefined)) problems.push({ field: 'percentage', code: 'PERCENTAGE_REQUIRED' });
  if (share !== null && share !== undefined) {
    if (r.percentage === 'none') problems.push({ field: 'percentage', code: 'PERCENTAGE_NOT_ALLOWED' });
    else if (!Number.isInteger(share) || share <= 0 || share > 10_000) problems.push({ field: 'percentage', code: 'PERCENTAGE_RANGE' });
  }
  if (draft.validFrom && draft.validTo && draft.validTo < draft.validFrom) problems.push({ field: 'validTo', code: 'DATE_ORDER' });
  return problems;
}

/** A calendar date written YYYY-MM-DD that exists. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
