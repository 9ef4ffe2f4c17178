import { currentLocale } from '../../app/i18n';
import type { Money } from './types';

// Money is integer minor units on the wire; conversions here are string arithmetic, never floats.

/** ISO 4217 minor-unit digits (CNY 2, JPY 0, KWD 3), as the browser's Intl data knows them. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "1,234.5" → 123450 for CNY; null when it is not an amount or has more decimals than the currency. */
export function toMinorUnits(text: string, currency: string): number | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim().replaceAll(',', ''));
  if (!match) return null;
  const exponent = currencyExponent(currency);
  const fraction = match[2] ?? '';
  if (/[^0]/.test(fraction.slice(exponent))) return null;
  const minor = Number(`${match[1]}${fraction.slice(0, exponent).padEnd(exponent, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** 123450 CNY → "1234.50", for prefilling an amount input. */
export function toDecimalText({ amountMinor, currency }: Money): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const digits = String(amountMinor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export function formatMoney(money: Money | null, empty = '—'): string {
  if (!money) return empty;
  const value = money.amountMinor / 10 ** currencyExponent(money.currency); // display only
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency: money.currency }).format(value);
}
