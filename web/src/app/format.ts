import type { Department } from './auth';
import { currentLocale } from './i18n';
import dayjs from 'dayjs';

export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : empty;
}

const firmDay = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Today in the firm's time zone (Asia/Shanghai) as YYYY-MM-DD: the server dates benefits, payments
 * and policies there, so a browser elsewhere must not default to its own calendar day.
 */
export function firmToday(now: Date = new Date()): string {
  const part = (type: 'year' | 'month' | 'day') => firmDay.formatToParts(now).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function departmentName(department: Department): string {
  return (currentLocale() === 'en' && department.nameEn) || department.name;
}
