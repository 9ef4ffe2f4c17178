// Day arithmetic on YYYY-MM-DD calendar dates (Asia/Shanghai), as integers: a due date or review date
// must not move by a day because a Date object was read in another time zone.
import { daysInMonth, parseCalendarDate } from '../benefits/limits';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function parsed(date: string): { year: number; month: number; day: number } {
  const value = parseCalendarDate(date);
  if (!value) throw new RangeError(`Not a calendar date: ${date}`);
  return value;
}

export const isCalendarDate = (text: string) => parseCalendarDate(text) !== null;

const daysBeforeYear = (year: number) => {
  const y = year - 1;
  return y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
};

/** Days since 0001-01-01 (day 0), proleptic Gregorian. */
export function dayNumber(date: string): number {
  const { year, month, day } = parsed(date);
  let days = daysBeforeYear(year);
  for (let m = 1; m < month; m += 1) days += daysInMonth(year, m);
  return days + day - 1;
}

/** The date of a day number; years 1 to 9999 only, since the text has four digits. */
export function fromDayNumber(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a day number: ${n}`);
  // Estimate the year, then correct by at most one either way.
  let year = Math.floor(n / 365.2425) + 1;
  while (daysBeforeYear(year) > n) year -= 1;
  while (daysBeforeYear(year + 1) <= n) year += 1;
  if (year < 1 || year > 9999) throw new RangeError(`Date out of range: day ${n}`);
  let rest = n - daysBeforeYear(year);
  let month = 1;
  while (rest >= daysInMonth(year, month)) {
    rest -= daysInMonth(year, month);
    month += 1;
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(rest + 1, 2)}`;
}

export const addDays = (date: string, days: number) => fromDayNumber(dayNumber(date) + days);

/** to − from in days: positive when `to` is later. */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/**
 * The same day `months` later; a day the target month lacks becomes its last day (01-31 + 1 month is
 * 02-28, or 02-29 in a leap year).
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isSafeInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const { year, month, day } = parsed(date);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  if (y < 1 || y > 9999) throw new RangeError(`Date out of range: ${date} + ${months} months`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(day, daysInMonth(y, m)), 2)}`;
}
