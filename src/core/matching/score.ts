import type { NameForms } from './normalize';
import { editSimilarity, levenshtein, tokenOverlap } from './similarity';

/** Why two names match, as codes with parameters so the interface can explain them in Chinese or English. */
export type Reason =
  | { code: 'IDENTIFIER'; scheme: string }
  | { code: 'EXACT_NAME' }
  | { code: 'TRADITIONAL_SIMPLIFIED' }
  | { code: 'PINYIN'; homophone: boolean }
  | { code: 'TOKEN_ORDER' }
  | { code: 'LEGAL_FORM_DIFFERS' }
  | { code: 'PLACE_DIFFERS' }
  | { code: 'TYPO'; distance: number }
  | { code: 'NICKNAME' };

export type MatchMode = 'fuzzy' | 'exact';

/** At or above this a hit is a likely match of the same party; below it, a resemblance. */
export const LIKELY = 0.8;

// Homophones weigh less than the same characters; a transliteration (张伟 / Zhang Wei) is the only
// way such names can agree, so it weighs more than a homophone in characters (王伟 / 王薇).
const HOMOPHONE = 0.85;
const TRANSLITERATION = 0.95;
const INEXACT = 0.97;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sorted = (tokens: readonly string[]) => [...tokens].sort();

/** Pinyin or word overlap at or above this is reported as agreement. */
const AGREE = 0.9;

/** A few edits (one in four characters at most) read as a typo; more is another name. */
function typo(a: string, b: string, reasons: Reason[]): void {
  const allowed = Math.max(1, Math.floor(Math.max(a.length, b.length) / 4));
  const distance = levenshtein(a, b, allowed);
  if (distance > 0 && distance <= allowed) reasons.push({ code: 'TYPO', distance });
}

/** How alike the distinctive parts are, in [0, 1]. */
function coreSimilarity(q: NameForms, c: NameForms, reasons: Reason[]): number {
  if (q.core === c.core) {
    if (q.traditional || c.traditional) reasons.push({ code: 'TRADITIONAL_SIMPLIFIED' });
    return 1;
  }
  if (q.cjk && c.cjk) {
    // Syllable by syllable and exactly: yun and yuan are not the same sound.
    const sounds = tokenOverlap(q.syllables, c.syllables, 1);
    const characters = editSimilarity(q.core, c.core) ** 2;
    const homophone = HOMOPHONE * sounds;
    typo(q.core, c.core, reasons);
    if (homophone > characters && sounds >= AGREE) reasons.push({ code: 'PINYIN', homophone: true });
    return Math.max(characters, homophone);
  }
  const sounds = tokenOverlap(q.tokens, c.tokens);
  if (q.cjk !== c.cjk && sounds >= AGREE) reasons.push({ code: 'PINYIN', homophone: false });
  typo(sorted(q.tokens).join(''), sorted(c.tokens).join(''), reasons);
  return sounds * (q.cjk !== c.cjk ? TRANSLITERATION : 1);
}

/** Scores a query name against a candidate name in [0, 1], with the reasons; null when it is no match at all. */
export function scoreNames(q: NameForms, c: NameForms, mode: MatchMode): { score: number; reasons: Reason[] } | null {
  if (q.full === c.full) {
    return { score: 1, reasons: q.traditional || c.traditional ? [{ code: 'EXACT_NAME' }, { code: 'TRADITIONAL_SIMPLIFIED' }] : [{ code: 'EXACT_NAME' }] };
  }
  if (mode === 'exact') return null;
  const reasons: Reason[] = [];
  let score = INEXACT * coreSimilarity(q, c, reasons);
  if (!sameList(q.tokens, c.tokens) && sameList(sorted(q.tokens), sorted(c.tokens))) {
    reasons.push({ code: 'TOKEN_ORDER' });
    score -= 0.02;
  }
  if (tokenOverlap(q.raw, c.raw) < tokenOverlap(q.tokens, c.tokens)) {
    reasons.push({ code: 'NICKNAME' });
    score -= 0.05;
  }
  if (!sameList(q.legalForms, c.legalForms)) {
    reasons.push({ code: 'LEGAL_FORM_DIFFERS' });
    score -= q.legalForms.length && c.legalForms.length ? 0.03 : 0.01;
  }
  if (!sameList(q.places, c.places)) {
    reasons.push({ code: 'PLACE_DIFFERS' });
    // Two different places (上海银行 / 北京银行) usually mean two parties; a missing one often does not.
    score -= q.places.length && c.places.length ? 0.25 : 0.05;
  }
  return score > 0 ? { score: Math.min(1, score), reasons } : null;
}
