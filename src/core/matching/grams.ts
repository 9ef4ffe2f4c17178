import type { NameForms } from './normalize';

/**
 * The index grams of a name: Chinese characters, character pairs adjacent and two apart, pinyin syllable pairs (for
 * homophones), whole words and their trigrams (pinyin or Latin: a rare word finds its names even among
 * common trigrams, the trigrams survive typos), word pairs of persons whatever their order
 * (张伟 / Wei Zhang), places. Persons are indexed under given-name variants and as written (Dan stays dan,
 * a pinyin given name, as well as daniel).
 */
export function gramsOf(f: NameForms): Set<string> {
  const grams = new Set<string>();
  if (f.cjk) {
    for (let i = 0; i < f.core.length; i += 1) {
      grams.add(`u${f.core[i]}`);
      if (i + 1 < f.core.length) grams.add(`b${f.core.slice(i, i + 2)}`);
      // Characters two apart: survive a typo between them (信远医药 / 信东医药 share 信_医).
      if (i + 2 < f.core.length) grams.add(`g${f.core[i]}${f.core[i + 2]}`);
    }
  }
  const spellings = f.raw.every((word, i) => word === f.tokens[i]) ? [f.tokens] : [f.tokens, f.raw];
  // The syllables of a Chinese company are no words; its words come from an English name.
  const words = !(f.cjk && f.kind === 'org');
  for (const tokens of spellings) {
    for (const token of tokens) {
      const padded = `^${token}$`;
      for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(`t${padded.slice(i, i + 3)}`);
      if (words) grams.add(`w${token}`);
    }
    if (f.kind === 'person') {
      const sorted = [...tokens].slice(0, 4).sort();
      sorted.forEach((a, i) => sorted.slice(i + 1).forEach((b) => grams.add(`k${a} ${b}`)));
    }
  }
  for (let i = 0; i + 1 < f.syllables.length; i += 1) grams.add(`s${f.syllables[i]} ${f.syllables[i + 1]}`);
  for (const place of f.places) grams.add(`p${place}`);
  return grams;
}
