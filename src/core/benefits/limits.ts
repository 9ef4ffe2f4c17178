// Limit arithmetic for benefits: calendar windows, exact currency conversion and revenue shares.
// Dates are Asia/Shanghai calendar dates written YYYY-MM-DD and handled as strings and integers,
// so no Date object can shift a benefit into the neighbouring day, month or year.
import { currencyExponent, type Money } from '../money';

export const periodKinds = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** A calendar window, both ends included. */
export interface DateWindow {
  kind: PeriodKind;
  from: string;
  to: string;
}

/** The rate a foreign amount was converted at, as entered: 1 unit of its currency = numerator / denominator CNY. */
export interface RateToCny {
  numerator: number;
  denominator: number;
}

export interface LedgerAmount {
  date: string;
  amount: Money;
  rateToCny?: RateToCny;
}

export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Year, month and day of a YYYY-MM-DD date that exists, or null. */
export function parseCalendarDate(text: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateText = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** The month, quarter or calendar year a date falls in. */
export function periodWindow(date: string, kind: PeriodKind): DateWindow {
  const parsed = parseCalendarDate(date);
  if (!parsed) throw new RangeError(`Not a calendar date: ${date}`);
  const { year, month } = parsed;
  const [first, last] = kind === 'month' ? [month, month] : kind === 'quarter' ? [month - ((month - 1) % 3), month - ((month - 1) % 3) + 2] : [1, 12];
  return { kind, from: dateText(year, first, 1), to: dateText(year, last, daysInMonth(year, last)) };
}

// Zero-padded YYYY-MM-DD strings order the same way as the dates they name.
export const isInWindow = (date: string, window: { from: string; to: string }) => date >= window.from && date <= window.to;

function isValidRate(rate: RateToCny): boolean {
  return Number.isSafeInteger(rate.numerator) && Number.isSafeInteger(rate.denominator) && rate.numerator > 0 && rate.denominator > 0;
}

/** numerator / denominator rounded to the nearest integer, halves away from zero. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const [n, d] = [numerator < 0n ? -numerator : numerator, denominator < 0n ? -denominator : denominator];
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

export type ConversionError = 'MISSING_RATE' | 'INVALID_RATE' | 'INVALID_AMOUNT' | 'OVERFLOW';
export type ConversionResult = { ok: true; money: Money } | { ok: false; error: ConversionError };

/**
 * An amount in CNY minor units (分), computed exactly as amountMinor × rate × 10^(2 − exponent)
 * with BigInt, then rounded once, half-up (a half fen goes away from zero, so a reversal converts to
 * the exact negative of its original). CNY amounts pass through; a foreign amount needs its rate.
 */
export function convertToCny(amount: Money, rateToCny?: RateToCny): ConversionResult {
  if (!Number.isSafeInteger(amount.amountMinor)) return { ok: false, error: 'INVALID_AMOUNT' };
  let exponent: number;
  try {
    exponent = currencyExponent(amount.currency);
  } catch {
    return { ok: false, error: 'INVALID_AMOUNT' };
  }
  if (amount.currency === 'CNY') return { ok: true, money: { amountMinor: amount.amountMinor, currency: 'CNY' } };
  if (!rateToCny) return { ok: false, error: 'MISSING_RATE' };
  if (!isValidRate(rateToCny)) return { ok: false, error: 'INVALID_RATE' };
  const cnyExponent = currencyExponent('CNY');
  const numerator = BigInt(amount.amountMinor) * BigInt(rateToCny.numerator) * 10n ** BigInt(Math.max(0, cnyExponent - exponent));
  const denominator = BigInt(rateToCny.denominator) * 10n ** BigInt(Math.max(0, exponent - cnyExponent));
  const minor = divideHalfUp(numerator, denominator);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'OVERFLOW' };
  return { ok: true, money: { amountMinor: Number(minor) || 0, currency: 'CNY' } };
}

export type SumResult =
  | { ok: true; total: Money; count: number }
  | { ok: false; error: ConversionError | 'INVALID_DATE' | 'CURRENCY_MISMATCH'; entryIndex: number };

/**
 * The total of the entries dated inside the window, in `currency`. Each entry is converted on its own
 * with the rate it was recorded at (so the sum is additive); an entry that cannot be converted is an
 * error naming it, never skipped. Rates convert to CNY only, so a foreign total sums just its own currency.
 */
export function sumInWindow(entries: readonly LedgerAmount[], window: { from: string; to: string }, currency: string): SumResult {
  let total = 0n;
  let count = 0;
  for (const [entryIndex, entry] of entries.entries()) {
    if (!parseCalendarDate(entry.date)) return { ok: false, error: 'INVALID_DATE', entryIndex };
    if (!isInWindow(entry.date, window)) continue;
    let minor: number;
    if (entry.amount.currency === currency) {
      if (!Number.isSafeInteger(entry.amount.amountMinor)) return { ok: false, error: 'INVALID_AMOUNT', entryIndex };
      minor = entry.amount.amountMinor;
    } else if (currency === 'CNY') {
      const converted = convertToCny(entry.amount, entry.rateToCny);
      if (!converted.ok) return { ok: false, error: converted.error, entryIndex };
      minor = converted.money.amountMinor;
    } else {
      return { ok: false, error: 'CURRENCY_MISMATCH', entryIndex };
    }
    total += BigInt(minor);
    count += 1;
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < -BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'OVERFLOW', entryIndex: entries.length };
  return { ok: true, total: { amountMinor: Number(total) || 0, currency }, count };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`Cannot compare ${a.currency} with ${b.currency}`);
  if (!Number.isSafeInteger(a.amountMinor) || !Number.isSafeInteger(b.amountMinor)) throw new RangeError('Not a safe integer amount');
}

/**
 * Whether amount / revenue is above limitBasisPoints / 10 000, compared as amount × 10 000 >
 * limit × revenue in BigInt (the products pass 2^53 for large revenues). A revenue of zero or less
 * makes any positive amount exceed the share.
 */
export function exceedsRevenueShare(amount: Money, revenue: Money, limitBasisPoints: number): boolean {
  assertSameCurrency(amount, revenue);
  if (!Number.isSafeInteger(limitBasisPoints) || limitBasisPoints < 0) throw new RangeError(`Not a basis-point limit: ${limitBasisPoints}`);
  if (revenue.amountMinor <= 0) return amount.amountMinor > 0;
  return BigInt(amount.amountMinor) * 10_000n > BigInt(limitBasisPoints) * BigInt(revenue.amountMinor);
}

/** amount / revenue in basis points, rounded half-up, for display; null when revenue is not positive. */
export function revenueShareBasisPoints(amount: Money, revenue: Money): number | null {
  assertSameCurrency(amount, revenue);
  if (revenue.amountMinor <= 0) return null;
  const share = divideHalfUp(BigInt(amount.amountMinor) * 10_000n, BigInt(revenue.amountMinor));
  const cap = BigInt(Number.MAX_SAFE_INTEGER);
  return Number(share > cap ? cap : share < -cap ? -cap : share);
}
