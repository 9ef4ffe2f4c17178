// String similarities, each in [0, 1] except the edit distance.

let rows = new Int32Array(64);

/** Levenshtein distance, or `max + 1` as soon as it must exceed `max` (the caller only cares about small ones). */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  if (rows.length < 2 * width) rows = new Int32Array(4 * width);
  let previous = 0;
  let current = width;
  for (let j = 0; j < width; j += 1) rows[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    rows[current] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + cost);
      rows[current + j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return rows[previous + b.length]!;
}

/** 1 − distance / longer length. */
export function editSimilarity(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  return length === 0 ? 1 : 1 - levenshtein(a, b) / length;
}

let aMatched = new Uint8Array(64);
let bMatched = new Uint8Array(64);

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  if (aMatched.length < a.length) aMatched = new Uint8Array(2 * a.length);
  if (bMatched.length < b.length) bMatched = new Uint8Array(2 * b.length);
  aMatched.fill(0, 0, a.length);
  bMatched.fill(0, 0, b.length);
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const code = a.charCodeAt(i);
    for (let j = Math.max(0, i - window), end = Math.min(b.length, i + window + 1); j < end; j += 1) {
      if (bMatched[j] || code !== b.charCodeAt(j)) continue;
      aMatched[i] = bMatched[j] = 1;
      matches += 1;
      break;
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions += 1;
    j += 1;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** What a nearly equal token (a typo, a longer word of the same start) loses against an identical one. */
const NEAR_TOKEN = 0.06;

/**
 * Token-set overlap (Dice) where a token counts by its best Jaro-Winkler partner at or above
 * `threshold`, so a typo inside a word still counts but different words do not; an identical token
 * counts fully, a nearly equal one a little less (Hofmann is nearer Hofmann than Hoffmann).
 */
export function tokenOverlap(a: readonly string[], b: readonly string[], threshold = 0.9): number {
  if (!a.length || !b.length) return 0;
  let used = 0; // a bit per token of b (names have few words; beyond 31 the rest count as free)
  let sum = 0;
  for (const token of a) {
    let best = 0;
    let at = -1;
    for (let j = 0; j < b.length; j += 1) {
      if (j < 31 && used & (1 << j)) continue;
      const other = b[j]!;
      const similarity = token === other ? 1 : jaroWinkler(token, other);
      if (similarity > best) {
        best = similarity;
        at = j;
        if (best === 1) break;
      }
    }
    if (best >= threshold) {
      if (at < 31) used |= 1 << at;
      sum += best === 1 ? 1 : Math.max(0, best - NEAR_TOKEN);
    }
  }
  return (2 * sum) / (a.length + b.length);
}

/** Ordered overlap of two sequences of exact tokens: 2 × longest common subsequence / total length. */
export function sequenceOverlap(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [0];
    for (let j = 1; j <= b.length; j += 1) current.push(a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!));
    previous = current;
  }
  return (2 * previous[b.length]!) / (a.length + b.length);
}
