import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertState, Severity } from './types';

export const SEVERITY_COLORS: Record<Severity, string> = { high: '#cf1322', medium: '#d46b08', low: '#389e0d' };
const SEVERITY_TAGS: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'green' };

export function AlertSeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_TAGS[severity]} data-testid="alert-severity" data-severity={severity}>
      {t(`monitoring.severity.${severity}`)}
    </Tag>
  );
}

/** A risk level reads like an alert's severity: the same three colours. */
export function RiskLevelTag({ level }: { level: Severity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_TAGS[level]} data-testid="risk-level" data-level={level}>
      {t(`monitoring.risk.level.${level}`)}
    </Tag>
  );
}

const STATE_COLORS: Record<AlertState, string> = { new: 'gold', reviewing: 'processing', dismissed: 'default', escalated: 'purple' };

export function AlertStateTag({ state }: { state: AlertState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="alert-state" data-state={state}>
      {t(`monitoring.state.${state}`)}
    </Tag>
  );
}
