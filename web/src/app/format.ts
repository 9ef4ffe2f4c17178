import type { Department } from './auth';
import { currentLocale } from './i18n';
import dayjs from 'dayjs';

export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : empty;
}

export function departmentName(department: Department): string {
  return (currentLocale() === 'en' && department.nameEn) || department.name;
}
