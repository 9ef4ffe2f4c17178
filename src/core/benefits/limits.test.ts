import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Money } from '../money';
import { convertToCny, exceedsRevenueShare, type LedgerAmount, parseCalendarDate, periodWindow, revenueShareBasisPoints, sumInWindow } from './limits';

const cny = (amountMinor: number): Money => ({ amountMinor, currency: 'CNY' });
const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

describe('periodWindow', () => {
  it.each([
    ['2024-01-01', 'month', '2024-01-01', '2024-01-31'],
    ['2024-01-31', 'month', '2024-01-01', '2024-01-31'],
    ['2024-02-29', 'month', '2024-02-01', '2024-02-29'],
    ['2023-02-15', 'month', '2023-02-01', '2023-02-28'],
    ['1900-02-10', 'month', '1900-02-01', '1900-02-28'],
    ['2000-02-10', 'month', '2000-02-01', '2000-02-29'],
    ['2024-04-30', 'month', '2024-04-01', '2024-04-30'],
    ['2024-12-31', 'month', '2024-12-01', '2024-12-31'],
    ['2024-01-01', 'quarter', '2024-01-01', '2024-03-31'],
    ['2024-03-31', 'quarter', '2024-01-01', '2024-03-31'],
    ['2024-04-01', 'quarter', '2024-04-01', '2024-06-30'],
    ['2024-06-30', 'quarter', '2024-04-01', '2024-06-30'],
    ['2024-09-30', 'quarter', '2024-07-01', '2024-09-30'],
    ['2024-10-01', 'quarter', '2024-10-01', '2024-12-31'],
    ['2024-12-31', 'quarter', '2024-10-01', '2024-12-31'],
    ['2024-12-31', 'year', '2024-01-01', '2024-12-31'],
    ['2025-01-01', 'year', '2025-01-01', '2025-12-31'],
  ] as const)('%s in its %s: %s to %s', (date, kind, from, to) => {
    expect(periodWindow(date, kind)).toEqual({ kind, from, to });
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-00-10', '2024-1-1', '20240101', '']) {
      expect(parseCalendarDate(bad)).toBeNull();
      expect(() => periodWindow(bad, 'month')).toThrow(RangeError);
    }
  });

  it('always contains its date, and quarters are three whole months', () => {
    const dates = fc.record({ year: fc.integer({ min: 1900, max: 2200 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
    fc.assert(
      fc.property(dates, fc.constantFrom('month', 'quarter', 'year' as const), ({ year, month, day }, kind) => {
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const window = periodWindow(date, kind);
        expect(window.from <= date && date <= window.to).toBe(true);
        expect(parseCalendarDate(window.from)?.day).toBe(1);
        const months = { month: 1, quarter: 3, year: 12 }[kind];
        expect(parseCalendarDate(window.to)!.month - parseCalendarDate(window.from)!.month + 1).toBe(months);
      }),
    );
  });
});

describe('convertToCny', () => {
  it.each([
    [usd(10_000), { numerator: 71234, denominator: 10_000 }, 71_234], // $100 at 7.1234
    [usd(1), { numerator: 71234, denominator: 10_000 }, 7], // 7.1234 fen
    [usd(1), { numerator: 7_125, denominator: 1_000 }, 7], // 7.125 fen
    [usd(1), { numerator: 75, denominator: 10 }, 8], // 7.5 fen: a half goes up
    [usd(-1), { numerator: 75, denominator: 10 }, -8], // and a reversal mirrors it
    [{ amountMinor: 1000, currency: 'JPY' }, { numerator: 47, denominator: 1_000 }, 4_700], // ¥1000 at 0.047
    [{ amountMinor: 1_005, currency: 'KWD' }, { numerator: 23, denominator: 1 }, 2_312], // 1.005 KWD at 23: 23.115 yuan
  ])('%j at %j is %i fen', (amount, rate, fen) => {
    expect(convertToCny(amount, rate)).toEqual({ ok: true, money: cny(fen) });
  });

  it('passes CNY through and refuses a foreign amount without a usable rate', () => {
    expect(convertToCny(cny(123))).toEqual({ ok: true, money: cny(123) });
    expect(convertToCny(usd(100))).toEqual({ ok: false, error: 'MISSING_RATE' });
    expect(convertToCny(usd(100), { numerator: 0, denominator: 1 })).toEqual({ ok: false, error: 'INVALID_RATE' });
    expect(convertToCny(usd(100), { numerator: 7.1, denominator: 1 })).toEqual({ ok: false, error: 'INVALID_RATE' });
    expect(convertToCny(usd(100), { numerator: 7, denominator: -1 })).toEqual({ ok: false, error: 'INVALID_RATE' });
    expect(convertToCny({ amountMinor: 1, currency: 'usd' }, { numerator: 7, denominator: 1 })).toEqual({ ok: false, error: 'INVALID_AMOUNT' });
    expect(convertToCny(usd(Number.MAX_SAFE_INTEGER), { numerator: 8, denominator: 1 })).toEqual({ ok: false, error: 'OVERFLOW' });
  });

  it('yields integers that agree with exact rational rounding', () => {
    const rate = fc.record({ numerator: fc.integer({ min: 1, max: 10_000_000 }), denominator: fc.integer({ min: 1, max: 10_000_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), rate, (amountMinor, r) => {
        const result = convertToCny(usd(amountMinor), r);
        if (!result.ok) throw new Error(result.error);
        const fen = result.money.amountMinor;
        expect(Number.isSafeInteger(fen)).toBe(true);
        // |fen − exact| ≤ ½, checked in integers: |2·fen·d − 2·a·n| ≤ d.
        const gap = 2n * BigInt(fen) * BigInt(r.denominator) - 2n * BigInt(amountMinor) * BigInt(r.numerator);
        expect(gap <= BigInt(r.denominator) && -gap <= BigInt(r.denominator)).toBe(true);
        expect(convertToCny(usd(-amountMinor), r)).toEqual({ ok: true, money: cny(-fen || 0) });
      }),
    );
  });
});

describe('sumInWindow', () => {
  const march = periodWindow('2024-03-15', 'month');

  it('adds the entries inside the window, converting each at its own rate', () => {
    const entries: LedgerAmount[] = [
      { date: '2024-02-29', amount: cny(1_000_000) },
      { date: '2024-03-01', amount: cny(20_000) },
      { date: '2024-03-31', amount: usd(10_000), rateToCny: { numerator: 72, denominator: 10 } },
      { date: '2024-03-20', amount: cny(-5_000) },
      { date: '2024-04-01', amount: cny(1_000_000) },
    ];
    expect(sumInWindow(entries, march, 'CNY')).toEqual({ ok: true, total: cny(87_000), count: 3 });
    expect(sumInWindow([], march, 'CNY')).toEqual({ ok: true, total: cny(0), count: 0 });
  });

  it('reports an entry it cannot convert instead of skipping it', () => {
    const entries: LedgerAmount[] = [
      { date: '2024-03-02', amount: cny(100) },
      { date: '2024-03-03', amount: usd(100) },
    ];
    expect(sumInWindow(entries, march, 'CNY')).toEqual({ ok: false, error: 'MISSING_RATE', entryIndex: 1 });
    expect(sumInWindow([{ date: '2024-03-32', amount: cny(1) }], march, 'CNY')).toEqual({ ok: false, error: 'INVALID_DATE', entryIndex: 0 });
    expect(sumInWindow(entries, march, 'USD')).toEqual({ ok: false, error: 'CURRENCY_MISMATCH', entryIndex: 0 });
    // Outside the window a missing rate does not matter: the entry is not part of the sum.
    expect(sumInWindow([{ date: '2024-05-01', amount: usd(100) }], march, 'CNY')).toEqual({ ok: true, total: cny(0), count: 0 });
  });

  const entry = fc.oneof(
    fc.record({ date: fc.constantFrom('2024-02-29', '2024-03-01', '2024-03-15', '2024-03-31', '2024-04-01'), amount: fc.integer({ min: -1e9, max: 1e9 }).map(cny) }),
    fc.record({
      date: fc.constantFrom('2024-03-01', '2024-03-31', '2025-03-10'),
      amount: fc.integer({ min: -1e9, max: 1e9 }).map(usd),
      rateToCny: fc.record({ numerator: fc.integer({ min: 1, max: 100_000 }), denominator: fc.integer({ min: 1, max: 100_000 }) }),
    }),
  );
  const total = (entries: LedgerAmount[]) => {
    const result = sumInWindow(entries, march, 'CNY');
    if (!result.ok) throw new Error(result.error);
    expect(Number.isSafeInteger(result.total.amountMinor)).toBe(true);
    return result.total.amountMinor;
  };

  it('is additive over concatenation and independent of order', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.array(entry, { maxLength: 20 }), (a, b) => {
        expect(total([...a, ...b])).toBe(total(a) + total(b));
        expect(total([...b, ...a].reverse())).toBe(total([...a, ...b]));
      }),
    );
  });
});

describe('revenue share', () => {
  it('compares exactly at the boundary', () => {
    // 1% of ¥1,000,000.00 is ¥10,000.00.
    expect(exceedsRevenueShare(cny(1_000_000), cny(100_000_000), 100)).toBe(false);
    expect(exceedsRevenueShare(cny(1_000_001), cny(100_000_000), 100)).toBe(true);
    expect(exceedsRevenueShare(cny(1), cny(0), 100)).toBe(true);
    expect(exceedsRevenueShare(cny(0), cny(0), 100)).toBe(false);
    expect(revenueShareBasisPoints(cny(1_000_050), cny(100_000_000))).toBe(100);
    expect(revenueShareBasisPoints(cny(1_005_000), cny(100_000_000))).toBe(101);
    expect(revenueShareBasisPoints(cny(1), cny(0))).toBeNull();
    expect(() => exceedsRevenueShare(cny(1), usd(1), 100)).toThrow(RangeError);
  });

  it('stays exact where the products pass 2^53', () => {
    const revenue = cny(Number.MAX_SAFE_INTEGER);
    const limit = 3;
    // The largest amount within 3 bp of that revenue: floor(revenue × 3 / 10 000).
    const within = Number((BigInt(Number.MAX_SAFE_INTEGER) * 3n) / 10_000n);
    expect(exceedsRevenueShare(cny(within), revenue, limit)).toBe(false);
    expect(exceedsRevenueShare(cny(within + 1), revenue, limit)).toBe(true);
  });

  it('agrees with a quotient-and-remainder reference', () => {
    const safe = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(safe, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 20_000 }), (amount, revenue, limit) => {
        const scaled = BigInt(amount) * 10_000n;
        const [quotient, remainder] = [scaled / BigInt(revenue), scaled % BigInt(revenue)];
        const reference = quotient > BigInt(limit) || (quotient === BigInt(limit) && remainder > 0n);
        expect(exceedsRevenueShare(cny(amount), cny(revenue), limit)).toBe(reference);
      }),
    );
  });
});
