import { useState } from 'react';
import { Button, Flex, Select, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { runRiskAssessment, saveRiskFrequency, useMonitoringWrite, useRiskRuns, useRiskSettings } from './queries';
import { riskFrequencies, type RiskFrequency, type RiskRun } from './types';

function LastRun({ run }: { run: RiskRun | undefined }) {
  const { t } = useTranslation();
  if (!run) return <>{t('monitoring.risk.never')}</>;
  const trigger = t(`monitoring.risk.trigger.${run.trigger}`);
  const when = run.requestedBy
    ? t('monitoring.risk.lastRunBy', { day: run.assessedOn, trigger, name: run.requestedBy.displayName })
    : t('monitoring.risk.lastRunLine', { day: run.assessedOn, trigger });
  return (
    <>
      {when} · {t('monitoring.risk.runCounts', { clients: run.clients, staff: run.staff })}
    </>
  );
}

/**
 * When the assessment last ran and how often it runs by itself; compliance runs it now
 * (monitoring.triage) and sets the schedule (monitoring.configure), others read both.
 */
export function RiskRunBar() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const runs = useRiskRuns();
  const settings = useRiskSettings();
  const write = useMonitoringWrite();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const last = runs.data?.[0];
  const frequency = settings.data?.frequency;
  const frequencyLabel = (f: RiskFrequency) => t(`monitoring.risk.frequency.${f}`);

  const attempt = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(e as Error);
    }
  };
  const runNow = () =>
    attempt(async () => {
      setRunning(true);
      try {
        await write(runRiskAssessment, t('monitoring.risk.ran'));
      } finally {
        setRunning(false);
      }
    });
  const schedule = (f: RiskFrequency) => attempt(() => write(() => saveRiskFrequency(f), t('monitoring.risk.frequencySaved', { frequency: frequencyLabel(f) })));

  return (
    <>
      <ErrorAlert error={error ?? runs.error ?? settings.error} />
      <Flex wrap gap={16} align="center" justify="space-between" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" data-testid="risk-last-run" data-day={last?.assessedOn} data-trigger={last?.trigger}>
          {t('monitoring.risk.lastRun')}
          {t('monitoring.colon')}
          {runs.isPending ? '…' : <LastRun run={last} />}
        </Typography.Text>
        <Flex wrap gap={12} align="center">
          <Typography.Text type="secondary">
            {t('monitoring.risk.schedule')}
            {t('monitoring.colon')}
            {!can('monitoring.configure') && <span data-testid="risk-frequency" data-frequency={frequency}>{frequency ? frequencyLabel(frequency) : '…'}</span>}
          </Typography.Text>
          {can('monitoring.configure') && (
            <Select<RiskFrequency>
              style={{ width: 110 }}
              value={frequency}
              loading={settings.isPending}
              onChange={(f) => void schedule(f)}
              options={riskFrequencies.map((f) => ({ value: f, label: frequencyLabel(f) }))}
              aria-label={t('monitoring.risk.schedule')}
              data-testid="risk-frequency"
            />
          )}
          {can('monitoring.triage') && (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={running} onClick={() => void runNow()} data-testid="risk-run-now">
              {t('monitoring.risk.runNow')}
            </Button>
          )}
        </Flex>
      </Flex>
    </>
  );
}
