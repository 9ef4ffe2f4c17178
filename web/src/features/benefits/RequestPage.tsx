import { Card, Col, Descriptions, Flex, Row, Spin, Tabs, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { departmentName, formatDateTime } from '../../app/format';
import { ActionButtons, useActionDialogs } from './actions';
import { Attachments } from './Attachments';
import { RequestChain } from './ChainView';
import { FindingsList } from './Findings';
import { LedgerTable } from './LedgerTable';
import { formatMoney } from '../../app/money';
import { useBenefitRequest, useBenefitsRefresh } from './queries';
import { OutcomeTag, RiskTag, StateTag, levelOf } from './Tags';
import type { RequestDetail, RequestEvent } from './types';

function Summary({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const foreign = r.amount.currency !== 'CNY';
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="request-summary"
      items={[
        { key: 'direction', label: t('benefits.form.direction'), children: t(`benefits.direction.${r.direction}`) },
        { key: 'type', label: t('benefits.form.type'), children: t(`benefits.type.${r.benefitType}`) },
        { key: 'amount', label: t('benefits.form.amount'), children: <span data-testid="request-amount">{formatMoney(r.amount)}{foreign && ` (${formatMoney(r.amountCny)})`}</span> },
        { key: 'client', label: t('benefits.form.client'), children: r.client?.name ?? t('common.none') },
        { key: 'counterparty', label: r.direction === 'received' ? t('benefits.form.giver') : t('benefits.form.recipient'), children: r.counterparty.name },
        { key: 'date', label: t('benefits.form.date'), children: r.benefitDate },
        { key: 'requester', label: t('benefits.list.requester'), children: r.requester.displayName },
        { key: 'department', label: t('benefits.form.department'), children: departmentName({ ...r.department, code: '', nameEn: r.department.nameEn ?? undefined }) },
        { key: 'policy', label: t('benefits.precheck.policyVersion'), children: r.policyVersion !== null ? `v${r.policyVersion}` : t('common.none') },
        { key: 'approved', label: t('benefits.list.approved'), children: formatMoney(r.approvedAmount) },
        { key: 'paid', label: t('benefits.list.paid'), children: <span data-testid="request-paid">{formatMoney(r.paid)}</span> },
        { key: 'submittedAt', label: t('benefits.list.submittedAt'), children: formatDateTime(r.submittedAt) },
        { key: 'purpose', label: t('benefits.form.purpose'), span: 'filled', children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.purpose}</Typography.Text> },
        ...(r.justification ? [{ key: 'justification', label: t('benefits.form.justification'), span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.justification}</Typography.Text> }] : []),
      ]}
    />
  );
}

function History({ events }: { events: RequestEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="request-events"
      items={events.map((e) => ({
        key: e.id,
        color: ['rejected', 'cancelled', 'reversed'].includes(e.kind) ? 'red' : ['approved', 'paid', 'closed', 'registered'].includes(e.kind) ? 'green' : 'blue',
        title: formatDateTime(e.at),
        content: (
          <div data-testid="request-event" data-kind={e.kind}>
            <Typography.Text strong>{t(`benefits.event.${e.kind}` as 'benefits.event.created', { defaultValue: e.kind })}</Typography.Text>
            {' · '}
            {e.actor?.displayName ?? t('benefits.event.system')}
            {e.fromState !== e.toState && e.toState && (
              <Typography.Text type="secondary">
                {'  '}
                {e.fromState ? `${t(`benefits.state.${e.fromState}`)} → ` : ''}
                {t(`benefits.state.${e.toState}`)}
              </Typography.Text>
            )}
            {e.comment && <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>“{e.comment}”</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}

/** One request: its facts, where it stands, the chain, the history, files and money, and what the reader may do. */
export default function RequestPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useBenefitRequest(id);
  const refresh = useBenefitsRefresh();
  const actions = useActionDialogs(query.data);

  if (query.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (query.error && !query.data) return <ErrorAlert error={query.error} />;
  const r = query.data!;
  const score = r.precheck?.risk.score ?? r.riskScore;

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="request-ref">{r.ref}</span>
            <StateTag state={r.state} />
            {r.precheck && <OutcomeTag outcome={r.precheck.outcome} />}
            {score !== null && score !== undefined && <RiskTag level={r.precheck?.risk.level ?? levelOf(score)} score={score} />}
          </Flex>
        }
        extra={<ActionButtons request={r} onOpen={actions.open} />}
      >
        <ErrorAlert error={query.error} />
        <Summary r={r} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('benefits.detail.chain')} size="small">
            <RequestChain steps={r.steps} onReassign={r.allowedActions.includes('reassign') ? (stepId) => actions.open({ kind: 'reassign', stepId }) : undefined} />
          </Card>
          {r.precheck && (
            <Card title={t('benefits.detail.precheck')} size="small" style={{ marginTop: 16 }}>
              <FindingsList findings={r.precheck.findings} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small">
            <Tabs
              items={[
                { key: 'history', label: <span data-testid="tab-history">{t('benefits.detail.history')}</span>, children: <History events={r.events} /> },
                {
                  key: 'ledger',
                  label: <span data-testid="tab-ledger">{t('benefits.detail.ledger', { n: r.ledger.length })}</span>,
                  children: (
                    <LedgerTable
                      dataSource={r.ledger}
                      pagination={false}
                      onReverse={r.allowedActions.includes('reverse') ? (entry) => actions.open({ kind: 'reverse', entry }) : undefined}
                    />
                  ),
                },
                {
                  key: 'attachments',
                  label: <span data-testid="tab-attachments">{t('benefits.detail.attachments', { n: r.attachments.length })}</span>,
                  children: <Attachments requestId={r.id} version={r.version} attachments={r.attachments} editable={r.allowedActions.includes('attach')} onChanged={() => void refresh()} />,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {actions.dialogs}
    </Flex>
  );
}
