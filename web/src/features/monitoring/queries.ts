import { useMemo } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../app/api';
import { useWrite } from '../../app/write';
import { KEYS as CASE_KEYS } from '../cases/queries';
import {
  DASHBOARD_API,
  RISK_HEATMAP_API,
  RISK_RUNS_API,
  RISK_SETTINGS_API,
  RULES_API,
  alertApi,
  riskHistoryApi,
  ruleApi,
  type AlertDetail,
  type Dashboard,
  type RiskFrequency,
  type RiskHeatMap,
  type RiskRun,
  type RiskScore,
  type RiskSubjectType,
  type Rule,
  type RuleKind,
  type RuleVersion,
} from './types';

/** Query keys of the early-warning pages; a write refreshes all of them (see useMonitoringRefresh). */
export const KEYS = {
  alerts: 'alerts',
  alert: 'alert',
  dashboard: 'alerts-dashboard',
  rules: 'monitoring-rules',
  ruleVersions: 'monitoring-rule-versions',
  riskRegister: 'risk-register',
  riskHeatMap: 'risk-heatmap',
  riskHistory: 'risk-history',
  riskRuns: 'risk-runs',
  riskSettings: 'risk-settings',
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

// Category labels and factor sentences come in the reader's language, as with the alerts.
export function useRiskHeatMap(subjectType: RiskSubjectType) {
  const language = useLanguage();
  return useQuery({
    queryKey: [KEYS.riskHeatMap, subjectType, language],
    queryFn: () => api.get<RiskHeatMap>(RISK_HEATMAP_API, { subjectType }),
    placeholderData: keepPreviousData,
  });
}

/** The categories' labels in the reader's language, by key, as the heat map names them. */
export function useRiskCategoryLabels(subjectType: RiskSubjectType): Record<string, string> {
  const categories = useRiskHeatMap(subjectType).data?.categories;
  return useMemo(() => Object.fromEntries((categories ?? []).map((c) => [c.key, c.label])), [categories]);
}

export function useRiskHistory(subjectType: RiskSubjectType, id: string) {
  const language = useLanguage();
  return useQuery({
    queryKey: [KEYS.riskHistory, subjectType, id, language],
    queryFn: () => api.get<{ items: RiskScore[] }>(riskHistoryApi(subjectType, id)),
    select: (r) => r.items,
  });
}

export const useRiskRuns = () => useQuery({ queryKey: [KEYS.riskRuns], queryFn: () => api.get<{ items: RiskRun[] }>(RISK_RUNS_API), select: (r) => r.items });

export const useRiskSettings = () => useQuery({ queryKey: [KEYS.riskSettings], queryFn: () => api.get<{ frequency: RiskFrequency }>(RISK_SETTINGS_API) });

export const saveRiskFrequency = (frequency: RiskFrequency) => request<{ frequency: RiskFrequency }>('PUT', RISK_SETTINGS_API, { frequency });

export const runRiskAssessment = () => api.post<{ id: string; assessedOn: string; clients: number; staff: number }>(RISK_RUNS_API);
