import { Converter } from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { canonicalGivenName, chineseLegalForms, englishLegalForms, placePattern } from './lexicon';
import { cjkTokens } from './packed';

export type PartyKind = 'person' | 'org';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const CJK_ALL = /[\u3400-\u9fff\uf900-\ufaff]/gu;
export const hasCjk = (text: string) => CJK.test(text);

/** Full-width ASCII (Ａ, （, ，) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/gu, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

let converter: ((text: string) => string) | undefined;
/** Traditional to simplified Chinese; the converter's dictionaries load on first use. */
export function simplify(text: string): string {
  if (!hasCjk(text)) return text;
  converter ??= Converter({ from: 't', to: 'cn' });
  return converter(text);
}

/** Half-width, lower case, simplified; punctuation kept (brackets mark places), spaces collapsed. */
export function clean(text: string): string {
  return simplify(toHalfWidth(text.normalize('NFKC')).toLowerCase()).replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** Drops punctuation, symbols and spaces: the form compared for exact matches. */
export const compact = (text: string) => text.replace(/[\s\p{P}\p{S}]+/gu, '');

const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

const trailingLegalForm = (text: string) => chineseLegalForms.find((form) => text.endsWith(form) && text.length > form.length);

/** An organisation's distinctive part, without legal forms, generic words and leading or bracketed places. */
export function orgCore(name: string): { core: string; legalForms: string[]; places: string[] } {
  const cleaned = clean(name);
  const places: string[] = [];
  const legalForms: string[] = [];
  let rest = cleaned.replace(placePattern, (_, leading?: string, bracketed?: string) => {
    places.push((leading ?? bracketed)!);
    return ' ';
  });
  if (hasCjk(rest)) {
    rest = compact(rest);
    for (let form = trailingLegalForm(rest); form; form = trailingLegalForm(rest)) {
      legalForms.unshift(form);
      rest = rest.slice(0, -form.length);
    }
    return { core: rest || compact(cleaned), legalForms, places };
  }
  const all = words(rest);
  legalForms.push(...all.filter((w) => englishLegalForms.has(w)));
  const kept = all.filter((w) => !englishLegalForms.has(w));
  return { core: kept.join(' ') || words(cleaned).join(' '), legalForms, places };
}

/** Latin person-name tokens, lower case, with given-name variants mapped to one form (Bob → robert). */
export function personTokens(name: string): { tokens: string[]; raw: string[] } {
  // A hyphenated or apostrophised name is one word: Wei-Ming → weiming (as 伟明 reads), O'Brien → obrien.
  const raw = words(clean(name).replace(/(?<=\p{L})[-‐‑'’](?=\p{L})/gu, ''));
  return { tokens: raw.map((w) => canonicalGivenName.get(w) ?? w), raw };
}

const pinyinCache = new Map<string, string[]>();
/** Toneless pinyin syllables of the Chinese characters (surname readings for persons, 单 → shan); cached. */
export function pinyinOf(chinese: string, person = false): string[] {
  const key = `${person ? 'p' : 'o'}${chinese}`;
  let syllables = pinyinCache.get(key);
  if (!syllables) {
    const han = chinese.match(CJK_ALL)?.join('') ?? '';
    syllables = han ? pinyin(han, { toneType: 'none', type: 'array', surname: person ? 'head' : 'off', v: false }).map((s) => s.replace(/ü/gu, 'u')) : [];
    if (pinyinCache.size > 200_000) pinyinCache.clear();
    pinyinCache.set(key, syllables);
  }
  return syllables;
}

/** The comparable forms of one name. */
export interface NameForms {
  kind: PartyKind;
  /** Half-width, lower case, simplified, no punctuation or spaces: equal `full` is an exact match. */
  full: string;
  /** Simplification changed the name (it was written in traditional characters). */
  traditional: boolean;
  /** Organisations: without legal forms and places; persons: `full`. */
  core: string;
  cjk: boolean;
  /** Pinyin of a Chinese core (a person as surname + given name), otherwise the Latin words. */
  tokens: string[];
  /** Pinyin syllables of a Chinese core, one per character (empty otherwise): homophones agree on all. */
  syllables: string[];
  /** `tokens` before given-name variants were mapped (Bob stays bob). */
  raw: string[];
  legalForms: string[];
  places: string[];
}

export function forms(name: string, kind: PartyKind): NameForms {
  const full = compact(clean(name));
  const org = kind === 'org' ? orgCore(name) : { core: full, legalForms: [], places: [] };
  const cjk = hasCjk(org.core);
  let tokens: string[];
  let raw: string[] | undefined;
  const syllables = cjk ? pinyinOf(org.core, kind === 'person') : [];
  if (cjk) {
    tokens = cjkTokens(syllables, kind === 'person');
  } else if (kind === 'person') {
    ({ tokens, raw } = personTokens(name));
  } else {
    tokens = org.core.split(' ').filter(Boolean);
  }
  const traditional = full !== compact(toHalfWidth(name.normalize('NFKC')).toLowerCase());
  return { kind, full, traditional, core: compact(org.core), cjk, tokens, syllables, raw: raw ?? tokens, legalForms: org.legalForms, places: org.places };
}
