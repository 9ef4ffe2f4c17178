import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountChanceBound, binomialTail, robustSpread } from './chance';

/** n choose k, by the product formula: exact in doubles for the small n of the reference. */
const choose = (n: number, k: number) => {
  let c = 1;
  for (let i = 1; i <= k; i += 1) c = (c * (n - k + i)) / i;
  return c;
};
/** P(X ≥ k) for X ~ Binomial(n, p), term by term from the definition. */
const exactTail = (n: number, k: number, p: number) => {
  let tail = 0;
  for (let j = Math.max(0, k); j <= n; j += 1) tail += choose(n, j) * p ** j * (1 - p) ** (n - j);
  return tail;
};
/** A probability strictly between 0 and 1, in hundredths. */
const probability = fc.integer({ min: 1, max: 99 }).map((n) => n / 100);

describe('binomialTail', () => {
  it.each([
    [5, 3, 0.5, 0.5],
    [5, 0, 0.3, 1],
    [5, -2, 0.3, 1],
    [5, 6, 0.9, 0],
    [3, 3, 0.2, 0.008],
    [4, 2, 1 / 3, 33 / 81],
    [10, 1, 0.1, 1 - 0.9 ** 10],
    [7, 1, 0, 0],
    [7, 7, 1, 1],
    [0, 0, 0.5, 1],
    [0, 1, 0.5, 0],
  ])('P(X ≥ k) for n = %s, k = %s, p = %s is %s', (n, k, p, expected) => {
    expect(binomialTail(n, k, p)).toBeCloseTo(expected, 12);
  });

  it('holds for large n: half of a thousand fair coins or more is 0.5 + P(exactly 500) / 2', () => {
    expect(binomialTail(1_000, 500, 0.5)).toBeCloseTo(0.5126125090891804, 10);
  });

  it('agrees with the definition for small n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -1, max: 32 }), probability, (n, k, p) => {
        expect(binomialTail(n, k, p)).toBeCloseTo(exactTail(n, k, p), 12);
      }),
      { numRuns: 500 },
    );
  });

  it('decreases as k grows and increases as p grows', () => {
    // Up to rounding: the sums stop once their terms no longer count.
    const atMost = (lower: number, higher: number) => expect(lower).toBeLessThanOrEqual(higher * (1 + 1e-9));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.nat(), probability, probability, (n, k0, p, q) => {
        const k = k0 % (n + 2);
        atMost(binomialTail(n, k + 1, p), binomialTail(n, k, p));
        atMost(binomialTail(n, k, Math.min(p, q)), binomialTail(n, k, Math.max(p, q)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('amountChanceBound', () => {
  /** The true chance, over all 2^n ways the amounts can fall, that the recent part holds `observed` or more. */
  const exactChance = (amounts: readonly number[], p: number, observed: number) => {
    let chance = 0;
    for (let mask = 0; mask < 1 << amounts.length; mask += 1) {
      let sum = 0;
      let inside = 0;
      amounts.forEach((amount, i) => {
        if (mask & (1 << i)) {
          sum += amount;
          inside += 1;
        }
      });
      if (sum >= observed) chance += p ** inside * (1 - p) ** (amounts.length - inside);
    }
    return chance;
  };
  const amounts = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 10 });

  it('is Bernstein’s bound: four equal amounts all in a half is bounded by e^-1.2', () => {
    // Excess 2 over the mean 2, variance 1, largest 1: exp(-4 / 2 / (1 + 2/3)).
    expect(amountChanceBound([1, 1, 1, 1], 0.5, 4)).toBeCloseTo(Math.exp(-1.2), 12);
  });

  it('is never below the true chance', () => {
    fc.assert(
      fc.property(amounts, probability, fc.nat(), (all, p, pick) => {
        // What some of the amounts sum to, so that the bound is tested where the chance jumps.
        const chosen = pick % (1 << all.length);
        const observed = all.reduce((sum, amount, i) => (chosen & (1 << i) ? sum + amount : sum), 0);
        expect(amountChanceBound(all, p, observed)).toBeGreaterThanOrEqual(exactChance(all, p, observed) - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('is 1 when no more than the expected share was observed, and below 1 beyond it', () => {
    fc.assert(
      fc.property(amounts, probability, fc.integer({ min: 0, max: 100 }), (all, p, percent) => {
        const total = all.reduce((sum, amount) => sum + amount, 0);
        const observed = Math.floor((p * total * percent) / 100);
        expect(amountChanceBound(all, p, observed)).toBe(1);
        expect(amountChanceBound(all, p, total)).toBeLessThan(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('robustSpread', () => {
  it.each([
    [[], null],
    [[5], { centre: 5, spread: 0 }],
    // Median 3; deviations 2, 1, 0, 1, 97, whose median is 1.
    [[1, 2, 3, 4, 100], { centre: 3, spread: 1.4826 }],
    // The lower middle: median 2; deviations 1, 0, 1, 2, lower middle 1.
    [[4, 3, 2, 1], { centre: 2, spread: 1.4826 }],
    [[10, 10, 10, 40], { centre: 10, spread: 0 }],
    [[0, 10, 20, 30, 40, 50, 60], { centre: 30, spread: 1.4826 * 20 }],
  ])('of %j is %j', (values, expected) => {
    expect(robustSpread(values)).toEqual(expected);
  });

  it('is not moved by how far an outlier lies', () => {
    expect(robustSpread([1, 2, 3, 4, 1e9])).toEqual(robustSpread([1, 2, 3, 4, 5]));
  });

  it('moves with the values and scales with them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000, max: 1_000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: -500, max: 500 }), (values, scale, shift) => {
        const before = robustSpread(values)!;
        const after = robustSpread(values.map((v) => scale * v + shift))!;
        expect(after.centre).toBe(scale * before.centre + shift);
        expect(after.spread).toBeCloseTo(scale * before.spread, 6);
      }),
      { numRuns: 300 },
    );
  });
});
