// Amounts and rates as people type them (decimal text), read exactly into integer minor units.
import type { RateToCny } from '../../core/benefits/limits';
import { currencyExponent, parseMoney, type Money } from '../../core/money';
import { Invalid } from '../../platform/errors';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** A positive amount typed as decimal text, exact in the currency's minor units. */
export function parseAmount(text: string, currency: string, path = 'amount'): Money {
  if (!knownCurrencies.has(currency)) throw Invalid('UNKNOWN_CURRENCY', { currency }, [{ path: 'currency', message: 'UNKNOWN_CURRENCY' }]);
  const money = parseMoney(text, currency);
  if (!money || money.amountMinor <= 0) {
    throw Invalid('INVALID_AMOUNT', { amount: text, currency, decimals: currencyExponent(currency) }, [{ path, message: 'INVALID_AMOUNT' }]);
  }
  return money;
}

/** A rate typed as decimal text ("7.1234" CNY per unit) as an exact fraction. */
export function parseRate(text: string): RateToCny {
  const match = /^(\d{1,9})(?:\.(\d{1,8}))?$/.exec(text.trim());
  const denominator = 10 ** (match?.[2]?.length ?? 0);
  const numerator = match ? Number(match[1]) * denominator + Number(match[2] ?? 0) : 0;
  if (!match || numerator <= 0) throw Invalid('INVALID_RATE', { rate: text }, [{ path: 'rate', message: 'INVALID_RATE' }]);
  return { numerator, denominator };
}

interface StoredRate {
  rateNumerator: number | null;
  rateDenominator: number | null;
}

export const rateOf = (row: StoredRate): RateToCny | null =>
  row.rateNumerator && row.rateDenominator ? { numerator: row.rateNumerator, denominator: row.rateDenominator } : null;

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * A rate as decimal text (CNY per unit): exact when the fraction terminates, as a rate typed in
 * decimals always does; otherwise rounded half-up to ten places.
 */
export function rateToDecimalString(rate: { numerator: number; denominator: number }): string {
  const divisor = gcd(BigInt(rate.numerator), BigInt(rate.denominator));
  const [n, d] = [BigInt(rate.numerator) / divisor, BigInt(rate.denominator) / divisor];
  let places = 0;
  while ((10n ** BigInt(places)) % d !== 0n && places < 10) places += 1;
  const scaled = (n * 10n ** BigInt(places) * 2n + d) / (2n * d);
  const digits = scaled.toString().padStart(places + 1, '0');
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`.replace(/\.?0+$/, '');
}

/** A stored rate as the decimal text parseRate reads back. */
export function rateText(row: StoredRate): string | null {
  const rate = rateOf(row);
  return rate ? rateToDecimalString(rate) : null;
}
