import { Alert, Card, Descriptions, Divider, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChainPreview } from './ChainView';
import { FindingsList } from './Findings';
import { formatMoney } from '../../app/money';
import { OutcomeTag, RiskTag } from './Tags';
import type { Precheck } from './types';

interface Props {
  precheck: Precheck | undefined;
  error: Error | null;
  /** The draft still lacks what a pre-check needs. */
  incomplete: boolean;
  /** A newer draft is on its way to the server. */
  pending: boolean;
}

/** What the policy says about the draft as it stands: outcome, findings with figures, risk and the chain. */
export function PrecheckPanel({ precheck, error, incomplete, pending }: Props) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          {t('benefits.precheck.title')}
          {pending && <Spin size="small" />}
        </Flex>
      }
      data-testid="precheck-panel"
      data-pending={pending ? 'true' : 'false'}
    >
      {incomplete && !precheck && <Typography.Text type="secondary">{t('benefits.precheck.incomplete')}</Typography.Text>}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      {precheck && (
        <Flex vertical gap={12} style={{ opacity: pending ? 0.6 : 1 }}>
          <Flex align="center" gap={8} wrap>
            <OutcomeTag outcome={precheck.outcome} />
            <RiskTag level={precheck.risk.level} score={precheck.risk.score} />
            <Typography.Text type="secondary">{t(`benefits.outcomeHelp.${precheck.outcome}`)}</Typography.Text>
          </Flex>
          {precheck.needsJustification && <Alert type="warning" showIcon title={t('benefits.precheck.needsJustification')} data-testid="needs-justification" />}
          {precheck.addCompliance && <Alert type="info" showIcon title={t('benefits.precheck.addCompliance')} />}
          {precheck.conflictSignal && <Alert type="info" showIcon title={t('benefits.precheck.conflictSignal')} />}
          <FindingsList findings={precheck.findings} />
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'recipient', label: t('benefits.precheck.recipientPeriod'), children: <span data-testid="cumulative-recipient">{formatMoney(precheck.cumulative.recipientPeriod)}</span> },
              { key: 'client', label: t('benefits.precheck.clientYear'), children: <span data-testid="cumulative-client">{formatMoney(precheck.cumulative.clientYear)}</span> },
              ...(precheck.risk.reasons.length > 0
                ? [{ key: 'reasons', label: t('benefits.precheck.riskReasons'), children: precheck.risk.reasons.map((r) => t('benefits.precheck.reason', { code: t(`benefits.finding.${r.code}` as 'benefits.finding.BLACKOUT', { defaultValue: r.code }), points: r.points })).join('；') }]
                : []),
              ...(precheck.policyVersion !== null ? [{ key: 'policy', label: t('benefits.precheck.policyVersion'), children: `v${precheck.policyVersion}` }] : []),
            ]}
          />
          {precheck.outcome === 'approve' && (
            <>
              <Divider titlePlacement="start" style={{ margin: '4px 0' }}>{t('benefits.precheck.chain')}</Divider>
              {precheck.chain && precheck.chain.length > 0 ? (
                <ChainPreview chain={precheck.chain} />
              ) : (
                <Typography.Text type="warning">{precheck.chainError?.text ?? t('benefits.precheck.noChain')}</Typography.Text>
              )}
            </>
          )}
        </Flex>
      )}
    </Card>
  );
}
