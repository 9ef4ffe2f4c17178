import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMoney, currencyExponent, formatMoney, isCurrencyCode, moneyToDecimalString, parseMoney } from './money';

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

describe('currencies', () => {
  it('knows ISO 4217 minor units', () => {
    expect(['CNY', 'USD', 'EUR', 'HKD', 'GBP', 'SGD', 'CHF'].map(currencyExponent)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('accepts only three capital letters', () => {
    expect(isCurrencyCode('CNY')).toBe(true);
    for (const bad of ['cny', 'CN', 'CNYY', 'C1Y', '', '人民币']) expect(isCurrencyCode(bad)).toBe(false);
    expect(() => currencyExponent('rmb')).toThrow(RangeError);
  });
});

describe('parseMoney', () => {
  it.each([
    ['1234', 123400],
    ['1234.5', 123450],
    ['1,234.56', 123456],
    ['¥1,234.56', 123456],
    ['￥1234', 123400],
    [' 12.30 ', 1230],
    ['-5.00', -500],
    ['１，２３４．５６', 123456],
    ['－５', -500],
    ['¥-3', -300],
    ['-¥3', -300],
    ['+7', 700],
    ['CN¥ 8', 800],
    ['RMB 9.9', 990],
    ['CNY 10', 1000],
    ['11 CNY', 1100],
    ['12元', 1200],
    ['0.01', 1],
    ['1.230', 123],
    ['-0', 0],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('reads %j as %i fen', (text, amountMinor) => {
    expect(parseMoney(text, 'CNY')).toEqual({ amountMinor, currency: 'CNY' });
  });

  it('never yields negative zero', () => {
    expect(Object.is(parseMoney('-0.00', 'CNY')?.amountMinor, 0)).toBe(true);
  });

  it.each(['', '  ', 'abc', '1.234', '1,2345', '12,34', '1.2.3', '.5', '5.', '1e3', '--5', '-¥-5', '¥5元', 'NaN', 'Infinity', '0x10', '90071992547409.92', '9'.repeat(30)])('rejects %j', (text) => {
    expect(parseMoney(text, 'CNY')).toBeNull();
  });

  it('checks that a symbol can denote the currency', () => {
    expect(parseMoney('$12', 'USD')).toEqual({ amountMinor: 1200, currency: 'USD' });
    expect(parseMoney('HK$12', 'HKD')).toEqual({ amountMinor: 1200, currency: 'HKD' });
    expect(parseMoney('€12.5', 'EUR')).toEqual({ amountMinor: 1250, currency: 'EUR' });
    expect(parseMoney('¥1,234', 'JPY')).toEqual({ amountMinor: 1234, currency: 'JPY' });
    expect(parseMoney('$12', 'CNY')).toBeNull();
    expect(parseMoney('€12', 'USD')).toBeNull();
    expect(parseMoney('USD 12', 'CNY')).toBeNull();
    expect(parseMoney('12', 'yen')).toBeNull();
  });

  it('follows the exponent of the currency', () => {
    expect(parseMoney('1234', 'JPY')).toEqual({ amountMinor: 1234, currency: 'JPY' });
    expect(parseMoney('1234.5', 'JPY')).toBeNull();
    expect(parseMoney('1234.00', 'JPY')).toEqual({ amountMinor: 1234, currency: 'JPY' });
    expect(parseMoney('1.234', 'KWD')).toEqual({ amountMinor: 1234, currency: 'KWD' });
  });

  it('never throws on arbitrary text', () => {
    for (const text of ['0toString', 'constructor5', '__proto__1', '1hasOwnProperty']) expect(parseMoney(text, 'CNY')).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.,-+ ¥$元€ＣＮＹ１．，') }), fc.string(), (text, other) => {
        for (const t of [text, other]) {
          const money = parseMoney(t, 'CNY');
          if (money) expect(Number.isSafeInteger(money.amountMinor)).toBe(true);
        }
      }),
    );
  });
});

describe('moneyToDecimalString', () => {
  it('writes exact decimals', () => {
    expect(moneyToDecimalString(cny(123456))).toBe('1234.56');
    expect(moneyToDecimalString(cny(-5))).toBe('-0.05');
    expect(moneyToDecimalString(cny(0))).toBe('0.00');
    expect(moneyToDecimalString({ amountMinor: -1234, currency: 'JPY' })).toBe('-1234');
    expect(moneyToDecimalString({ amountMinor: 5, currency: 'KWD' })).toBe('0.005');
    expect(moneyToDecimalString(cny(Number.MAX_SAFE_INTEGER))).toBe('90071992547409.91');
  });

  it('round-trips every safe integer through parseMoney, in every exponent', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('CNY', 'JPY', 'KWD', 'CLF'), (amountMinor, currency) => {
        const money = { amountMinor, currency };
        expect(parseMoney(moneyToDecimalString(money), currency)).toEqual(money);
      }),
    );
  });

  it('refuses amounts that are not safe integers', () => {
    expect(() => moneyToDecimalString(cny(0.1))).toThrow(RangeError);
    expect(() => moneyToDecimalString(cny(2 ** 53))).toThrow(RangeError);
    expect(() => moneyToDecimalString(cny(Number.NaN))).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('uses the locale’s currency display', () => {
    expect(formatMoney(cny(123456), 'zh-CN')).toBe('¥1,234.56');
    expect(formatMoney(cny(123456), 'en')).toBe('CN¥1,234.56');
    expect(formatMoney({ amountMinor: -123456, currency: 'USD' }, 'en')).toBe('-$1,234.56');
    expect(formatMoney({ amountMinor: 1234, currency: 'JPY' }, 'en')).toBe('¥1,234');
    expect(formatMoney({ amountMinor: 5, currency: 'EUR' }, 'zh-CN')).toBe('€0.05');
  });

  it('shows the largest amounts without float rounding', () => {
    // As a float, 90071992547409.91 would print as …409.9 or …409.92.
    expect(formatMoney(cny(Number.MAX_SAFE_INTEGER), 'zh-CN')).toBe('¥90,071,992,547,409.91');
  });

  it('shows exactly the digits of the amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (amountMinor) => {
        const digits = formatMoney(cny(amountMinor), 'en').replace(/[^\d-]/g, '');
        expect(digits).toBe(moneyToDecimalString(cny(amountMinor)).replace('.', ''));
      }),
    );
  });
});

describe('addMoney', () => {
  it('adds without float artefacts', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in fen it is exactly 30.
    const sum = addMoney(parseMoney('0.1', 'CNY')!, parseMoney('0.2', 'CNY')!);
    expect(sum).toEqual(cny(30));
    expect(moneyToDecimalString(sum)).toBe('0.30');
  });

  it('refuses mixed currencies and overflow', () => {
    expect(() => addMoney(cny(1), { amountMinor: 1, currency: 'USD' })).toThrow(RangeError);
    expect(() => addMoney(cny(Number.MAX_SAFE_INTEGER), cny(1))).toThrow(RangeError);
    expect(() => addMoney(cny(0.5), cny(1))).toThrow(RangeError);
  });

  it('is exact wherever the sum is safe', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.maxSafeInteger(), (a, b) => {
        const exact = BigInt(a) + BigInt(b);
        if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
          expect(() => addMoney(cny(a), cny(b))).toThrow(RangeError);
        } else {
          expect(BigInt(addMoney(cny(a), cny(b)).amountMinor)).toBe(exact);
        }
      }),
    );
  });
});
