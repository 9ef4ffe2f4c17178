import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTaxonomyOptions } from './queries';
import type { CaseState, CaseSummary, MitigationStatus } from './types';

const STATE_COLORS: Record<CaseState, string> = {
  reported: 'gold',
  investigating: 'processing',
  assessed: 'blue',
  resolution_decided: 'purple',
  mitigations_in_effect: 'cyan',
  monitoring: 'geekblue',
  closed: 'default',
};

export function CaseStateTag({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="case-state" data-state={state}>
      {t(`cases.state.${state}`)}
    </Tag>
  );
}

const SEVERITY_COLORS: Record<string, string> = { low: 'green', medium: 'orange', high: 'red', critical: 'magenta' };

/** A severity in the taxonomy's words; a firm's own codes are grey. */
export function SeverityTag({ severity }: { severity: string | null }) {
  const { t } = useTranslation();
  const { label } = useTaxonomyOptions('severities', true);
  if (!severity) return <Typography.Text type="secondary">{t('cases.severityPending')}</Typography.Text>;
  return (
    <Tag color={SEVERITY_COLORS[severity] ?? 'default'} data-testid="case-severity" data-severity={severity}>
      {label(severity)}
    </Tag>
  );
}

/** The stage's due date, red with the days past it when overdue. */
export function DueTag({ c }: { c: Pick<CaseSummary, 'stageDueOn' | 'daysOverdue'> }) {
  const { t } = useTranslation();
  if (!c.stageDueOn) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return c.daysOverdue > 0 ? (
    <Tag color="error" data-testid="case-overdue" data-days={c.daysOverdue}>
      {t('cases.overdueBy', { date: c.stageDueOn, n: c.daysOverdue })}
    </Tag>
  ) : (
    <span data-testid="case-due">{c.stageDueOn}</span>
  );
}

const MITIGATION_COLORS: Record<MitigationStatus, string> = { planned: 'gold', in_effect: 'green', lifted: 'default' };

export function MitigationStatusTag({ status }: { status: MitigationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={MITIGATION_COLORS[status]} data-testid="mitigation-status" data-status={status}>
      {t(`cases.mitigation.status.${status}`)}
    </Tag>
  );
}
