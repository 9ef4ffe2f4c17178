// Rule parameters as people read and type them: money in yuan (fen on the wire), basis points as
// percent, days and factors with their unit. The server checks the bounds; these only convert.
import type { TFunction } from 'i18next';
import { cny, formatMoney, minorToText, toMinorUnits } from '../../app/money';
import type { ParamValue, Rule, RuleConfigInput } from './types';

/** The choices of a choice parameter (revenue_outlier's peer groups). */
export const PARAM_CHOICES: Record<string, readonly string[]> = { peerBy: ['department', 'service_line'] };

/** 8000 basis points → "80%", 50 → "0.5%". */
export const percentText = (basisPoints: number) => `${Number((basisPoints / 100).toFixed(2))}%`;

export function formatParam(unit: string, value: ParamValue | undefined, t: TFunction): string {
  if (value === undefined || value === null) return t('common.none');
  if (typeof value === 'string') return t(`monitoring.word.${value}` as 'monitoring.word.department', { defaultValue: value });
  switch (unit) {
    case 'money':
      return formatMoney(cny(value));
    case 'basis_points':
      return percentText(value);
    case 'days':
      return t('monitoring.unit.days', { n: value });
    case 'factor':
      return t('monitoring.unit.factor', { n: value });
    case 'deviations':
      return t('monitoring.unit.deviations', { n: value });
    case 'per_million':
      return t('monitoring.unit.perMillion', { n: value });
    default:
      return String(value);
  }
}

/** What the editor's form holds: money as yuan text, basis points as percent. */
export type DraftParams = Record<string, string | number | null>;

export interface RuleDraft {
  enabled: boolean;
  weight: number;
  params: DraftParams;
  note?: string;
}

export function toDraft(rule: Pick<Rule, 'enabled' | 'weight' | 'paramLabels'>, params: Record<string, ParamValue>): RuleDraft {
  const draft: DraftParams = {};
  for (const [key, { unit }] of Object.entries(rule.paramLabels)) {
    const value = params[key];
    if (unit === 'money' && typeof value === 'number') draft[key] = minorToText(value);
    else if (unit === 'basis_points' && typeof value === 'number') draft[key] = value / 100;
    else draft[key] = value ?? null;
  }
  return { enabled: rule.enabled, weight: rule.weight, params: draft };
}

/**
 * The configuration the server takes; a parameter that cannot be read (money that is no amount) is
 * sent as it was typed, so the server's answer names the field.
 */
export function fromDraft(rule: Pick<Rule, 'paramLabels'>, draft: RuleDraft): RuleConfigInput {
  const params: Record<string, ParamValue> = {};
  for (const [key, { unit }] of Object.entries(rule.paramLabels)) {
    const value = draft.params[key];
    if (value === null || value === undefined || value === '') continue;
    if (unit === 'money') params[key] = toMinorUnits(String(value), 'CNY') ?? String(value);
    else if (unit === 'basis_points' && typeof value === 'number') params[key] = Math.round(value * 100);
    else params[key] = value;
  }
  return { enabled: draft.enabled, weight: draft.weight, params };
}

/** "时间窗口（天）：7 天 · 审批门槛：¥5,000.00": a rule's parameters on one line. */
export const paramsLine = (rule: Pick<Rule, 'paramLabels'>, params: Record<string, ParamValue>, t: TFunction) =>
  Object.entries(rule.paramLabels)
    .map(([key, { label, unit }]) => `${label}${t('monitoring.colon')}${formatParam(unit, params[key], t)}`)
    .join(' · ');
