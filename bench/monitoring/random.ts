// Seeded draws for the synthetic year: the same seed gives the same firm, activity and planted patterns.
import { Random as SeededRandom } from '../../src/modules/registry/demo/random';

/** The demo registry's seeded generator, with the distributions the year needs. */
export class Random extends SeededRandom {
  private spare: number | null = null;

  float(): number {
    return this.next();
  }

  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal around a median; sigma is the spread of its logarithm. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  poisson(mean: number): number {
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k += 1;
      p *= this.next();
    }
    return k;
  }
}

/** Draws an index in proportion to its weight (binary search over the running totals). */
export class WeightedPicker {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i += 1) this.cumulative[i] = total += weights[i]!;
  }

  get total(): number {
    return this.cumulative.length === 0 ? 0 : this.cumulative[this.cumulative.length - 1]!;
  }

  pick(rng: Random): number {
    const target = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
