// Reasons and paths in words, in the reader's language: a hit must explain itself.
import type { Reason } from '../matching/score';
import { relationshipRules, type RelationshipType } from '../relationships';

export type Locale = 'zh-CN' | 'en';

const schemeLabels: Record<string, Record<Locale, string>> = {
  uscc: { 'zh-CN': '统一社会信用代码', en: 'unified social credit code' },
  cn_resident_id: { 'zh-CN': '居民身份证号码', en: 'resident ID number' },
  passport: { 'zh-CN': '护照号码', en: 'passport number' },
  other: { 'zh-CN': '其他证件号码', en: 'identifier' },
};

const schemeLabel = (scheme: string, locale: Locale) => (Object.hasOwn(schemeLabels, scheme) ? schemeLabels[scheme]![locale] : scheme);

export function reasonText(reason: Reason, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (reason.code) {
    case 'IDENTIFIER':
      return zh ? `${schemeLabel(reason.scheme, locale)}一致` : `Same ${schemeLabel(reason.scheme, locale)}`;
    case 'EXACT_NAME':
      return zh ? '名称完全一致' : 'Same name';
    case 'TRADITIONAL_SIMPLIFIED':
      return zh ? '繁体与简体写法一致' : 'Same name in traditional and simplified characters';
    case 'PINYIN':
      if (reason.homophone) return zh ? '读音相同，字不同（同音字）' : 'Sounds the same, written differently (homophone)';
      return zh ? '拼音与中文名一致' : 'The pinyin matches the Chinese name';
    case 'TOKEN_ORDER':
      return zh ? '姓名顺序不同' : 'Names in a different order';
    case 'LEGAL_FORM_DIFFERS':
      return zh ? '组织形式不同（如有限公司与有限责任公司）' : 'Different legal form (such as Ltd. and Limited)';
    case 'PLACE_DIFFERS':
      return zh ? '地名不同或缺失' : 'Place name differs or is missing';
    case 'TYPO':
      return zh ? `相差 ${reason.distance} 个字符，可能是笔误` : `Differs by ${reason.distance} character${reason.distance === 1 ? '' : 's'}: possibly a typo`;
    case 'NICKNAME':
      return zh ? '英文名的常用变体（如 Robert 与 Bob）' : 'A common variant of an English given name (such as Robert and Bob)';
  }
}

/** The reason's parameters, without its code, for the API. */
export function reasonParams(reason: Reason): Record<string, string | number | boolean> {
  const { code: _code, ...params } = reason;
  return params;
}

export interface PathWords {
  startName: string;
  steps: { type: RelationshipType; reversed: boolean; name: string }[];
  target: 'staff' | 'client';
}

export const relationshipLabel = (type: RelationshipType, locale: Locale) => relationshipRules[type].label[locale];

/** 张建华 —配偶→ 李娜（员工）: arrows follow each relationship's direction. */
export function pathText(path: PathWords, locale: Locale): string {
  const targetLabel = { staff: { 'zh-CN': '员工', en: 'staff' }, client: { 'zh-CN': '客户', en: 'client' } }[path.target][locale];
  let text = path.startName;
  for (const step of path.steps) {
    const label = relationshipLabel(step.type, locale);
    const symmetric = relationshipRules[step.type].symmetric;
    text += symmetric ? ` —${label}— ${step.name}` : step.reversed ? ` ←${label}— ${step.name}` : ` —${label}→ ${step.name}`;
  }
  return locale === 'zh-CN' ? `${text}（${targetLabel}）` : `${text} (${targetLabel})`;
}
