// Money is an exact integer count of minor units (分, cents) plus an ISO 4217 code; never a float.

export interface Money {
  amountMinor: number;
  currency: string;
}

export const isCurrencyCode = (code: string) => /^[A-Z]{3}$/.test(code);

// ISO 4217 minor units where they differ from the usual 2.
const EXPONENTS: Readonly<Record<string, number>> = Object.fromEntries([
  ...['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'].map((c) => [c, 0]),
  ...['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((c) => [c, 3]),
  ...['CLF', 'UYW'].map((c) => [c, 4]),
]);

export function currencyExponent(code: string): number {
  if (!isCurrencyCode(code)) throw new RangeError(`Not a currency code: ${code}`);
  return EXPONENTS[code] ?? 2;
}

function assertMoney(money: Money): void {
  currencyExponent(money.currency);
  if (!Number.isSafeInteger(money.amountMinor)) throw new RangeError(`Not a safe integer amount: ${money.amountMinor}`);
}

// Marks that may precede or follow an amount, and the currencies each can denote.
// A Map, not an object literal: typed text such as "toString" must not reach Object.prototype.
const SYMBOLS: ReadonlyMap<string, readonly string[]> = new Map([
  ['¥', ['CNY', 'JPY']],
  ['CN¥', ['CNY']],
  ['RMB', ['CNY']],
  ['元', ['CNY']],
  ['$', ['USD', 'HKD', 'SGD', 'AUD', 'CAD', 'NZD', 'TWD']],
  ['US$', ['USD']],
  ['HK$', ['HKD']],
  ['S$', ['SGD']],
  ['€', ['EUR']],
  ['£', ['GBP']],
]);

const AMOUNT = /^([+-]?)([^\d\s+-]*)\s*([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([^\d\s]*)$/;

const toHalfWidth = (text: string) =>
  text.replace(/[\uFF01-\uFF5E\u3000\uFFE5]/g, (c) =>
    c === '\u3000' ? ' ' : c === '\uFFE5' ? '¥' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

const denotes = (mark: string, currency: string) => mark === '' || mark === currency || (SYMBOLS.get(mark)?.includes(currency) ?? false);

/**
 * Reads a typed or imported amount exactly. Digits past the currency's exponent are allowed
 * only when they are zeros (`1.230` is 1.23, `1.234` is not an amount of CNY).
 */
export function parseMoney(text: string, currency: string): Money | null {
  if (!isCurrencyCode(currency)) return null;
  const match = AMOUNT.exec(toHalfWidth(text).trim());
  if (!match) return null;
  const [, signBefore = '', prefix = '', signAfter = '', whole = '', fraction = '', suffix = ''] = match;
  if ((signBefore && signAfter) || !denotes(prefix, currency) || !denotes(suffix, currency) || (prefix && suffix)) return null;
  const exponent = currencyExponent(currency);
  if (/[^0]/.test(fraction.slice(exponent))) return null;
  const minor = BigInt(whole.replaceAll(',', '') + fraction.slice(0, exponent).padEnd(exponent, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const amountMinor = Number(minor);
  return { amountMinor: signBefore === '-' || signAfter === '-' ? -amountMinor || 0 : amountMinor, currency };
}

/** Plain decimal text such as `-1234.56`: for CSV export, form fields and Intl. */
export function moneyToDecimalString(money: Money): string {
  assertMoney(money);
  const exponent = currencyExponent(money.currency);
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, '0');
  const sign = money.amountMinor < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Intl formats the decimal string itself (Node 20, ES2023 Intl), so no float ever holds the amount. */
export function formatMoney(money: Money, locale: 'zh-CN' | 'en'): string {
  const exponent = currencyExponent(money.currency);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  return format.format(moneyToDecimalString(money) as Intl.StringNumericLiteral);
}

export function addMoney(a: Money, b: Money): Money {
  assertMoney(a);
  assertMoney(b);
  if (a.currency !== b.currency) throw new RangeError(`Cannot add ${a.currency} to ${b.currency}`);
  const amountMinor = a.amountMinor + b.amountMinor;
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError('Amount overflows the safe integer range');
  return { amountMinor, currency: a.currency };
}
