// One name's comparable forms packed into one string: a million names kept as a million strings rather
// than a million objects of arrays, unpacked only for the few hundred candidates a search scores.
import type { NameForms } from './normalize';

const FIELD = '\u0001';
const PERSON = 1;
const TRADITIONAL = 2;
const CJK = 4;
const OWN_RAW = 8;

const list = (text: string) => (text ? text.split(' ') : []);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Chinese names are romanised as surname and joined given name: 张伟明 → Zhang Weiming. */
export const cjkTokens = (syllables: string[], person: boolean) => (person && syllables.length > 2 ? [syllables[0]!, syllables.slice(1).join('')] : syllables);

/** Packs forms (control characters never occur in them: normalisation turns them into spaces). */
export function pack(f: NameForms): string {
  const ownRaw = !sameList(f.raw, f.tokens);
  const flags = (f.kind === 'person' ? PERSON : 0) | (f.traditional ? TRADITIONAL : 0) | (f.cjk ? CJK : 0) | (ownRaw ? OWN_RAW : 0);
  // Tokens of a Chinese name follow from its syllables, so only Latin tokens are kept.
  const tokens = f.cjk ? '' : f.tokens.join(' ');
  return [String.fromCharCode(48 + flags), f.full, f.core, tokens, ownRaw ? f.raw.join(' ') : '', f.syllables.join(' '), f.legalForms.join(' '), f.places.join(' ')].join(FIELD);
}

export function unpack(packed: string): NameForms {
  const [flagField, full, core, tokenField, rawField, syllableField, legalField, placeField] = packed.split(FIELD) as [string, string, string, string, string, string, string, string];
  const flags = flagField.charCodeAt(0) - 48;
  const person = (flags & PERSON) !== 0;
  const cjk = (flags & CJK) !== 0;
  const syllables = list(syllableField);
  const tokens = cjk ? cjkTokens(syllables, person) : list(tokenField);
  return {
    kind: person ? 'person' : 'org',
    full,
    traditional: (flags & TRADITIONAL) !== 0,
    core,
    cjk,
    tokens,
    syllables,
    raw: flags & OWN_RAW ? list(rawField) : tokens,
    legalForms: list(legalField),
    places: list(placeField),
  };
}

/** Whether the packed forms have this `full` form, without unpacking them. */
export const hasFull = (packed: string, full: string) => packed.startsWith(full, 2) && packed.charCodeAt(2 + full.length) === 1;
