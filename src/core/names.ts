// Name forms used to store and compare names; full fuzzy matching lives with the conflict check.
export const nameLanguages = ['zh-Hans', 'zh-Hant', 'en', 'pinyin', 'other'] as const;
export type NameLanguage = (typeof nameLanguages)[number];

export const nameTypes = ['primary', 'alias', 'former', 'english', 'abbreviation', 'traditional'] as const;
export type NameType = (typeof nameTypes)[number];

/** Full-width to half-width, lower case, no spaces or punctuation: 「ＡＢＣ（上海）有限公司」 → "abc上海有限公司". */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Guesses the script of a name, for names entered without a tag. */
export function guessNameLanguage(name: string): NameLanguage {
  if (/[\u3400-\u9fff]/.test(name)) return 'zh-Hans';
  if (/^[\p{Script=Latin}\s.,'&()-]+$/u.test(name)) return 'en';
  return 'other';
}
