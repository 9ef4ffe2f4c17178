import { currentLocale } from '../../app/i18n';
import { currencyExponent, toMinorUnits } from '../registry/money';
import type { Money } from './types';

// Amounts stay integer minor units; the decimal text is built from digits, never from a float.

export { currencyExponent, toMinorUnits };

export const CURRENCIES = ['CNY', 'USD', 'HKD', 'EUR', 'GBP', 'JPY', 'SGD'] as const;

export const cny = (amountMinor: number): Money => ({ amountMinor, currency: 'CNY' });

/** 123450 CNY → "1234.50"; negative amounts keep their sign. */
export function moneyToDecimalString({ amountMinor, currency }: Money): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const sign = amountMinor < 0 ? '-' : '';
  return exponent === 0 ? sign + digits : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/** "¥1,234.50": Intl formats the decimal string itself (a string numeric literal), so no float holds the amount. */
export function formatMoney(money: Money | null | undefined, empty = '—'): string {
  if (!money) return empty;
  const locale = currentLocale();
  const key = `${locale}:${money.currency}`;
  let format = formats.get(key);
  if (!format) {
    const exponent = currencyExponent(money.currency);
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formats.set(key, format);
  }
  // ES2023 Intl takes decimal strings; the web app's lib typing predates that.
  return format.format(moneyToDecimalString(money) as unknown as number);
}

/** A fen figure for an input (limits in the policy editor): "" for null. */
export const minorToText = (minor: number | null | undefined, currency = 'CNY') =>
  minor === null || minor === undefined ? '' : moneyToDecimalString({ amountMinor: minor, currency });

/** Sum of same-currency amounts, in integers. */
export const sumMinor = (values: readonly Money[], currency = 'CNY'): Money => ({
  amountMinor: values.reduce((sum, m) => sum + m.amountMinor, 0),
  currency,
});

/** Whole and fraction of a decimal text as a plain number, only for chart bar heights. */
export const chartValue = (money: Money) => Number(moneyToDecimalString(money));
