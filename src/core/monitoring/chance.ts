// How unlikely a figure is by chance, for rules that must not cry wolf on ordinary noise: the
// binomial tail for counts, a Bernstein bound for amounts, and a robust spread (median and MAD)
// for comparing one client with its peers.
import { median } from './windows';

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i += 1) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let tail = 0;
  for (let j = k; j <= n; j += 1) {
    const term = Math.exp(logFactorial(n) - logFactorial(j) - logFactorial(n - j) + j * lp + (n - j) * lq);
    tail += term;
    // Past the mode the terms only shrink: stop once they no longer count.
    if (term < tail * 1e-12 && j > n * p) break;
  }
  return Math.min(1, tail);
}

/**
 * An upper bound on the chance that, each amount falling in the recent part independently with
 * probability p, the recent part holds `observed` or more (Bernstein's inequality).
 */
export function amountChanceBound(amounts: readonly number[], p: number, observed: number): number {
  let total = 0;
  let squares = 0;
  let largest = 0;
  for (const a of amounts) {
    total += a;
    squares += a * a;
    if (a > largest) largest = a;
  }
  const excess = observed - p * total;
  if (excess <= 0) return 1;
  return Math.min(1, Math.exp(-(excess * excess) / 2 / (squares * p * (1 - p) + (largest * excess) / 3)));
}

/** MAD × 1.4826 estimates the standard deviation of normal data. */
const MAD_TO_SIGMA = 1.4826;

/** The centre and spread of values, robust to the outliers they are meant to expose. */
export function robustSpread(values: readonly number[]): { centre: number; spread: number } | null {
  const centre = median(values);
  if (centre === null) return null;
  return { centre, spread: MAD_TO_SIGMA * median(values.map((v) => Math.abs(v - centre)))! };
}
