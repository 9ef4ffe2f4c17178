import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayNumber, daysBetween, fromDayNumber, isCalendarDate } from './dates';

// An independent oracle: UTC milliseconds never shift by zone or daylight saving.
const utcDay = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
const dateArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('day numbers', () => {
  it('starts at 0001-01-01 and knows leap days', () => {
    expect(dayNumber('0001-01-01')).toBe(0);
    expect(fromDayNumber(0)).toBe('0001-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('refuses text that is not a date', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '20250101', '', '2025-04-31']) {
      expect(isCalendarDate(bad)).toBe(false);
      expect(() => dayNumber(bad)).toThrow(RangeError);
    }
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
    expect(() => fromDayNumber(-1)).toThrow(RangeError);
  });

  it('agrees with UTC day counts', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(daysBetween(a, b)).toBe(utcDay(b) - utcDay(a));
      }),
    );
  });

  it('round-trips: a date and its day number, adding and taking away days', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40_000, max: 40_000 }), (date, n) => {
        expect(fromDayNumber(dayNumber(date))).toBe(date);
        const later = addDays(date, n);
        expect(isCalendarDate(later)).toBe(true);
        expect(addDays(later, -n)).toBe(date);
        expect(daysBetween(date, later)).toBe(n);
        // Zero-padded dates order as text the way they order in time.
        expect(Math.sign(later.localeCompare(date))).toBe(Math.sign(n));
      }),
    );
  });
});

describe('addMonths', () => {
  it('keeps the day, or the month end when the month is shorter', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 2)).toBe('2025-03-31');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-06-30', 0)).toBe('2025-06-30');
    expect(() => addMonths('2025-06-30', 0.5)).toThrow(RangeError);
  });

  it('moves by whole months and never past the same day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -1200, max: 1200 }), (date, months) => {
        const moved = addMonths(date, months);
        const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
        expect(monthIndex(moved) - monthIndex(date)).toBe(months);
        expect(Number(moved.slice(8, 10))).toBeLessThanOrEqual(Number(date.slice(8, 10)));
        // Days up to the 28th exist in every month, so they come back unchanged.
        if (Number(date.slice(8, 10)) <= 28) expect(addMonths(moved, -months)).toBe(date);
      }),
    );
  });
});
