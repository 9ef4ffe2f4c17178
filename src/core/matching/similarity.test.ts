import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editSimilarity, jaroWinkler, levenshtein, tokenOverlap } from './similarity';

describe('similarity', () => {
  it('measures edit distance, bounded', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(levenshtein('腾讯科技', '腾迅科技')).toBe(1);
  });
  it('scores Jaro-Winkler as usual', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('abc', '')).toBe(0);
  });
  it('overlaps token sets whatever their order, tolerating typos within words', () => {
    expect(tokenOverlap(['zhang', 'wei'], ['wei', 'zhang'])).toBe(1);
    expect(tokenOverlap(['john', 'smith'], ['jonh', 'smith'])).toBeGreaterThan(0.9);
    expect(tokenOverlap(['acme', 'holdings'], ['acme', 'trading'])).toBe(0.5);
  });
  it('stays within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        for (const value of [editSimilarity(a, b), jaroWinkler(a, b), tokenOverlap(a.split(' '), b.split(' '))]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        expect(levenshtein(a, b)).toBe(levenshtein(b, a));
      }),
    );
  });
});
