import { Button, Flex, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import type { ChainStep, RequestStep, StepSpec, StepStatus } from './types';

/** "部门经理" / "角色：合规官" / "指定人员：王强". */
export function useSpecLabel(): (spec: StepSpec) => string {
  const { t } = useTranslation();
  return (spec) => {
    const base =
      spec.kind === 'department_manager'
        ? t('benefits.spec.department_manager')
        : spec.kind === 'role'
          ? t('benefits.spec.role', { role: t(`roles.${spec.role}` as 'roles.admin', { defaultValue: spec.role }) })
          : t('benefits.spec.user', { name: spec.displayName ?? spec.userId });
    return spec.skippableOnLowRisk ? `${base}${t('benefits.spec.skippable')}` : base;
  };
}

function People({ step }: { step: ChainStep }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4}>
      <div>
        <Typography.Text type="secondary">{t('benefits.chain.approvers')}：</Typography.Text>
        <span data-testid="step-approvers">{step.approvers.map((a) => a.displayName).join('、') || t('common.none')}</span>
      </div>
      {step.skipped.length > 0 && (
        <div data-testid="step-skipped">
          <Typography.Text type="secondary">{t('benefits.chain.skipped')}：</Typography.Text>
          <Space size={[4, 4]} wrap>
            {step.skipped.map((s) => (
              <Tag key={s.user.id + s.reason}>
                {s.user.displayName} · {t(`benefits.skipReason.${s.reason}` as 'benefits.skipReason.self', { defaultValue: s.reason })}
                {s.deputy && ` → ${s.deputy.displayName}`}
              </Tag>
            ))}
          </Space>
        </div>
      )}
      {step.escalatedTo && (
        <Typography.Text type="warning" data-testid="step-escalated">
          {t('benefits.chain.escalated', { role: t(`roles.${step.escalatedTo}` as 'roles.admin', { defaultValue: step.escalatedTo }) })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The chain the pre-check says would be asked: one line per step. */
export function ChainPreview({ chain }: { chain: ChainStep[] }) {
  const specLabel = useSpecLabel();
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={-1}
      data-testid="precheck-chain"
      items={chain.map((step) => ({
        title: <span data-testid="chain-step">{specLabel(step.spec)}</span>,
        content: <People step={step} />,
        status: 'wait',
      }))}
    />
  );
}

const STEP_STATUS: Record<StepStatus, 'wait' | 'process' | 'finish' | 'error'> = {
  waiting: 'wait',
  pending: 'process',
  approved: 'finish',
  rejected: 'error',
  returned: 'error',
  superseded: 'wait',
};

/** A request's approval steps, round by round, with who decided what and why. */
export function RequestChain({ steps, onReassign }: { steps: RequestStep[]; onReassign?(stepId: string): void }) {
  const { t } = useTranslation();
  const specLabel = useSpecLabel();
  if (steps.length === 0) return <Typography.Text type="secondary">{t('benefits.chain.none')}</Typography.Text>;
  const rounds = [...new Set(steps.map((s) => s.round))].sort((a, b) => b - a);
  return (
    <Flex vertical gap={16} data-testid="request-chain">
      {rounds.map((round) => (
        <div key={round}>
          {rounds.length > 1 && <Typography.Text strong>{t('benefits.chain.round', { round })}</Typography.Text>}
          <Steps
            orientation="vertical"
            size="small"
            items={steps
              .filter((s) => s.round === round)
              .sort((a, b) => a.order - b.order)
              .map((step) => ({
                status: STEP_STATUS[step.status],
                title: (
                  <Space data-testid="request-step" data-status={step.status}>
                    {specLabel(step.spec)}
                    <Tag>{t(`benefits.stepStatus.${step.status}`)}</Tag>
                  </Space>
                ),
                content: (
                  <Flex vertical gap={4}>
                    <People step={step} />
                    {onReassign && step.status === 'pending' && (
                      <Button size="small" style={{ alignSelf: 'start' }} onClick={() => onReassign(step.id)} data-testid="reassign-step">
                        {t('benefits.reassign.ok')}
                      </Button>
                    )}
                    {step.decidedBy && (
                      <div data-testid="step-decision">
                        <Tooltip title={formatDateTime(step.decidedAt)}>
                          <Typography.Text>
                            {t('benefits.chain.decided', { name: step.decidedBy.displayName, status: t(`benefits.stepStatus.${step.status}`), at: formatDateTime(step.decidedAt) })}
                          </Typography.Text>
                        </Tooltip>
                        {step.comment && <Typography.Paragraph style={{ margin: 0 }} type="secondary">“{step.comment}”</Typography.Paragraph>}
                      </div>
                    )}
                  </Flex>
                ),
              }))}
          />
        </div>
      ))}
    </Flex>
  );
}
