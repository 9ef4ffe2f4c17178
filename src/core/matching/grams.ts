import type { NameForms } from './normalize';

/**
 * The index grams of a name: Chinese characters and character pairs, pinyin syllable pairs (for
 * homophones), trigrams of pinyin or Latin words (for typos), word pairs of persons whatever their
 * order (张伟 / Wei Zhang), places.
 */
export function gramsOf(f: NameForms): Set<string> {
  const grams = new Set<string>();
  if (f.cjk) {
    for (let i = 0; i < f.core.length; i += 1) {
      grams.add(`u${f.core[i]}`);
      if (i + 1 < f.core.length) grams.add(`b${f.core.slice(i, i + 2)}`);
    }
  }
  for (const token of f.tokens) {
    const padded = `^${token}$`;
    for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(`t${padded.slice(i, i + 3)}`);
  }
  for (let i = 0; i + 1 < f.syllables.length; i += 1) grams.add(`s${f.syllables[i]} ${f.syllables[i + 1]}`);
  if (f.kind === 'person') {
    const words = [...f.tokens].slice(0, 4).sort();
    words.forEach((a, i) => words.slice(i + 1).forEach((b) => grams.add(`k${a} ${b}`)));
  }
  for (const place of f.places) grams.add(`p${place}`);
  return grams;
}
