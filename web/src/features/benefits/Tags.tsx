import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Precheck, RequestState, RiskLevel } from './types';

const STATE_COLORS: Record<RequestState, string> = {
  draft: 'default',
  submitted: 'processing',
  in_approval: 'processing',
  returned: 'warning',
  approved: 'success',
  partially_paid: 'cyan',
  paid: 'green',
  closed: 'default',
  rejected: 'error',
  withdrawn: 'default',
  cancelled: 'default',
};

export function StateTag({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="request-state" data-state={state}>
      {t(`benefits.state.${state}`)}
    </Tag>
  );
}

const RISK_COLORS: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };

export function RiskTag({ level, score }: { level: RiskLevel; score?: number | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={RISK_COLORS[level]} data-testid="risk-level" data-level={level}>
      {t(`benefits.risk.${level}`)}
      {score !== undefined && score !== null && ` · ${score}`}
    </Tag>
  );
}

/** The risk level of a bare score, with the thresholds of the pre-check (below 30 low, below 60 medium). */
export const levelOf = (score: number): RiskLevel => (score < 30 ? 'low' : score < 60 ? 'medium' : 'high');

const OUTCOME_COLORS: Record<Precheck['outcome'], string> = { register: 'green', approve: 'blue', blocked: 'red' };

export function OutcomeTag({ outcome }: { outcome: Precheck['outcome'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_COLORS[outcome]} data-testid="precheck-outcome" data-outcome={outcome}>
      {t(`benefits.outcome.${outcome}`)}
    </Tag>
  );
}
