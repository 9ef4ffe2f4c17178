import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useWrite } from '../../app/write';
import { KEYS as CASE_KEYS } from '../cases/queries';
import { DASHBOARD_API, RULES_API, alertApi, ruleApi, type AlertDetail, type Dashboard, type Rule, type RuleKind, type RuleVersion } from './types';

/** Query keys of the early-warning pages; a write refreshes all of them (see useMonitoringRefresh). */
export const KEYS = {
  alerts: 'alerts',
  alert: 'alert',
  dashboard: 'alerts-dashboard',
  rules: 'monitoring-rules',
  ruleVersions: 'monitoring-rule-versions',
} as const;

// Escalating opens a conflict case, so the case lists are refreshed with the alerts.
const ALL: ReadonlySet<unknown> = new Set([...Object.values(KEYS), CASE_KEYS.cases]);

export function useMonitoringRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => ALL.has(q.queryKey[0]) });
}

/** Runs one write on an alert or a rule, says so and refreshes; a 409 shows the server's message and reloads. */
export function useMonitoringWrite() {
  return useWrite(useMonitoringRefresh());
}

/** Sentences and rule labels come in the reader's language, so answers are kept per language. */
const useLanguage = () => useTranslation().i18n.language;

export function useAlert(id: string | undefined) {
  const language = useLanguage();
  return useQuery({
    queryKey: [KEYS.alert, id, language],
    queryFn: () => api.get<AlertDetail>(alertApi(id!)),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useDashboard() {
  const language = useLanguage();
  return useQuery({ queryKey: [KEYS.dashboard, language], queryFn: () => api.get<Dashboard>(DASHBOARD_API), placeholderData: keepPreviousData });
}

export function useRules() {
  const language = useLanguage();
  return useQuery({ queryKey: [KEYS.rules, language], queryFn: () => api.get<{ items: Rule[] }>(RULES_API), select: (r) => r.items, placeholderData: keepPreviousData });
}

export const useRuleVersions = (rule: RuleKind | undefined) =>
  useQuery({
    queryKey: [KEYS.ruleVersions, rule],
    queryFn: () => api.get<{ items: RuleVersion[] }>(ruleApi(rule!, '/versions')),
    select: (r) => r.items,
    enabled: rule !== undefined,
  });
