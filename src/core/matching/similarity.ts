// String similarities, each in [0, 1] except the edit distance.

/** Levenshtein distance, or `max + 1` as soon as it must exceed `max` (the caller only cares about small ones). */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** 1 − distance / longer length. */
export function editSimilarity(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  return length === 0 ? 1 : 1 - levenshtein(a, b) / length;
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Uint8Array(a.length);
  const bMatched = new Uint8Array(b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j += 1) {
      if (bMatched[j] || a[i] !== b[j]) continue;
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
    if (a[i] !== b[j]) transpositions += 1;
    j += 1;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Token-set overlap (Dice) where a token counts by its best Jaro-Winkler partner at or above
 * `threshold`, so a typo inside a word still counts but different words do not.
 */
export function tokenOverlap(a: readonly string[], b: readonly string[], threshold = 0.9): number {
  if (!a.length || !b.length) return 0;
  const used = new Uint8Array(b.length);
  let sum = 0;
  for (const token of a) {
    let best = 0;
    let at = -1;
    b.forEach((other, j) => {
      const similarity = used[j] ? 0 : jaroWinkler(token, other);
      if (similarity > best) [best, at] = [similarity, j];
    });
    if (best >= threshold) {
      used[at] = 1;
      sum += best;
    }
  }
  return (2 * sum) / (a.length + b.length);
}
