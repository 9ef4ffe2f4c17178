import { legalFormKind } from './lexicon';
import type { NameForms } from './normalize';
import { editSimilarity, levenshtein, sequenceOverlap, tokenOverlap } from './similarity';

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
const HOMOPHONE = 0.8;
const HOMOPHONE_SAME_CHARACTERS = 0.1;
const TRANSLITERATION = 0.95;
const INEXACT = 0.97;

const legalFormKinds = (forms: readonly string[]) => [...new Set(forms.map(legalFormKind))].sort();
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sorted = (tokens: readonly string[]) => [...tokens].sort();

/** The same words in another order. */
const reordered = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.length > 1 && !sameList(a, b) && sameList(sorted(a), sorted(b));

/** Whether a name's words were mapped to given-name variants (Bob → robert). */
const hasVariants = (f: NameForms) => f.raw !== f.tokens && !sameList(f.raw, f.tokens);

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
    // Syllable by syllable, in order and exactly: yun and yuan are not the same sound, 胡龙伟 is not 胡伟龙.
    const sounds = sequenceOverlap(q.syllables, c.syllables);
    const same = editSimilarity(q.core, c.core);
    // One character in four differing (上海云启科技 / 上海云帆科技) is a resemblance, not a likely match.
    const characters = same ** 1.5;
    // A homophone weighs less than the same characters, more so the fewer characters agree.
    const homophone = sounds * (HOMOPHONE + HOMOPHONE_SAME_CHARACTERS * same);
    typo(q.core, c.core, reasons);
    if (homophone > characters && sounds >= AGREE) reasons.push({ code: 'PINYIN', homophone: true });
    return Math.max(characters, homophone);
  }
  // Given-name variants (Bob / Robert), or as written: Dan Xu is 徐丹, not Daniel Xu.
  const sounds = Math.max(tokenOverlap(q.tokens, c.tokens), hasVariants(q) || hasVariants(c) ? tokenOverlap(q.raw, c.raw) : 0);
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
  if (reordered(q.tokens, c.tokens) || ((hasVariants(q) || hasVariants(c)) && reordered(q.raw, c.raw))) {
    // Surname first or last is a convention, not a difference: weighed less than a typo.
    reasons.push({ code: 'TOKEN_ORDER' });
    score -= 0.01;
  }
  if ((hasVariants(q) || hasVariants(c)) && tokenOverlap(q.raw, c.raw) < tokenOverlap(q.tokens, c.tokens)) {
    reasons.push({ code: 'NICKNAME' });
    score -= 0.05;
  }
  if (!sameList(q.legalForms, c.legalForms)) {
    reasons.push({ code: 'LEGAL_FORM_DIFFERS' });
    // Co., Ltd. and Limited are the same form written twice; 有限公司 and 股份有限公司 are not.
    const equivalent = sameList(legalFormKinds(q.legalForms), legalFormKinds(c.legalForms));
    score -= equivalent ? 0.005 : q.legalForms.length && c.legalForms.length ? 0.02 : 0.01;
  }
  if (!sameList(q.places, c.places)) {
    reasons.push({ code: 'PLACE_DIFFERS' });
    // Two different places (上海银行 / 北京银行) usually mean two parties; a missing one often does not.
    score -= q.places.length && c.places.length ? 0.25 : 0.05;
  }
  return score > 0 ? { score: Math.min(1, score), reasons } : null;
}
