import { currentLocale } from './i18n';
import { formatMoney as formatIn, moneyToDecimalString, parseMoney, type Money } from '../../../src/core/money';

// Amounts stay integer minor units; the server's own reader and formatter (src/core/money) serve
// the forms too, so the browser accepts exactly the amounts the server does.

export { moneyToDecimalString };

export const CURRENCIES = ['CNY', 'USD', 'HKD', 'EUR', 'GBP', 'JPY', 'SGD'] as const;

export const cny = (amountMinor: number): Money => ({ amountMinor, currency: 'CNY' });

/** "¥1,234.50" in the reader's language; `empty` when there is no amount. */
export const formatMoney = (money: Money | null | undefined, empty = '—'): string => (money ? formatIn(money, currentLocale()) : empty);

/** Typed text as minor units of the currency; null when it is not an amount or is negative. */
export function toMinorUnits(text: string, currency: string): number | null {
  const money = parseMoney(text, currency);
  return money && money.amountMinor >= 0 ? money.amountMinor : null;
}

/** A fen figure for an input (limits in the policy editor): "" for null. */
export const minorToText = (minor: number | null | undefined, currency = 'CNY') =>
  minor === null || minor === undefined ? '' : moneyToDecimalString({ amountMinor: minor, currency });

/** Whole and fraction of a decimal text as a plain number, only for chart bar heights. */
export const chartValue = (money: Money) => Number(moneyToDecimalString(money));
