import type { ReactNode } from 'react';
import { Descriptions, Empty } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { cny, formatMoney } from '../../app/money';
import { percentText } from './params';
import type { Alert } from './types';

// The figures behind an alert's sentence, each with its name: which ones there are depends on the
// rule (src/core/monitoring/alerts.ts AlertReason). Stored reasons come back with their keys
// reordered, so they are shown in this order: who and what first, then amounts, shares, periods.
const ORDER = [
  'scope', 'role', 'problem', 'count', 'total', 'recentCount', 'baselineCount', 'distinctRequesters',
  'amountMinor', 'totalMinor', 'recentMinor', 'baselineMinor', 'benefitsMinor', 'revenueMinor', 'approvedMinor', 'paidMinor', 'thresholdMinor', 'limitMinor',
  'ratioBasisPoints', 'peerMedianBasisPoints', 'deviations', 'toleranceBasisPoints', 'factor', 'seasonBasisPoints', 'chancePerMillion',
  'windowDays', 'recentDays', 'days', 'maxDays', 'withinDays',
  'benefitType', 'period', 'periodStart', 'clientSince', 'approvedOn', 'paidOn',
  'peerBy', 'peerGroup', 'peers', 'userId', 'approverId', 'requesterId', 'path', 'blackout', 'departments',
];
const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);

const DAY_KEYS = new Set(['windowDays', 'recentDays', 'days', 'maxDays', 'withinDays']);
/** Figures whose value is a word of ours (scope, period…). */
const WORD_KEYS = new Set(['scope', 'role', 'problem', 'period', 'peerBy']);

/** Names the alert already carries, by id: its people, departments, clients and recipients. */
function namesOf(a: Alert): Map<string, string> {
  const names = new Map<string, string>();
  const add = (ref: { id: string; name?: string; displayName?: string } | null) => ref && names.set(ref.id, ref.name ?? ref.displayName ?? ref.id);
  [a.client, a.recipient, a.user, a.department, a.assignee].forEach(add);
  for (const r of a.requests) [r.requester, r.department, r.recipient, r.client].forEach(add);
  return names;
}

function figure(key: string, value: unknown, names: Map<string, string>, t: TFunction): ReactNode {
  if (typeof value === 'number') {
    if (key.endsWith('Minor')) return formatMoney(cny(value));
    if (key.endsWith('BasisPoints')) return percentText(value);
    if (DAY_KEYS.has(key)) return t('monitoring.unit.days', { n: value });
    if (key === 'factor') return t('monitoring.unit.factor', { n: value });
    if (key === 'deviations') return t('monitoring.unit.deviations', { n: value });
    if (key === 'chancePerMillion') return t('monitoring.unit.perMillion', { n: value });
    return String(value);
  }
  if (typeof value === 'string') {
    if (WORD_KEYS.has(key)) return t(`monitoring.word.${value}` as 'monitoring.word.client', { defaultValue: value });
    if (key === 'benefitType') return t(`benefits.type.${value}` as 'benefits.type.gift', { defaultValue: value });
    if (key.endsWith('Id') || key === 'peerGroup') return names.get(value) ?? (key === 'peerGroup' ? value : null);
    return value;
  }
  if (key === 'blackout' && value && typeof value === 'object') {
    const b = value as { startsOn?: string; endsOn?: string; reason?: string };
    return [t('monitoring.figure.range', { from: b.startsOn, to: b.endsOn }), b.reason].filter(Boolean).join(' · ');
  }
  if (key === 'departments' && Array.isArray(value)) {
    return (value as { departmentId: string; amountMinor: number }[]).map((d) => `${names.get(d.departmentId) ?? t('monitoring.figure.otherDepartment')} ${formatMoney(cny(d.amountMinor))}`).join(t('monitoring.listSeparator'));
  }
  return null;
}

/** The reason's figures as named values; what cannot be shown readably (ids of no known name) is left out. */
export function ReasonFigures({ a }: { a: Alert }) {
  const { t } = useTranslation();
  const names = namesOf(a);
  const items = Object.entries(a.reason)
    .filter(([key]) => key !== 'rule')
    .sort(([x], [y]) => rank(x) - rank(y))
    .flatMap(([key, value]) => {
      const shown = figure(key, value, names, t);
      return shown === null || shown === '' ? [] : [{ key, label: t(`monitoring.figure.label.${key}` as 'monitoring.figure.label.count', { defaultValue: key }), children: <span data-figure={key}>{shown}</span> }];
    });
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} data-testid="alert-figures" />;
}
