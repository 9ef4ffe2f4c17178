import { useState } from 'react';
import { Alert as Banner, Card, Col, Descriptions, Flex, Row, Spin, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { formatMoney } from '../../app/money';
import { requestPath } from '../benefits/types';
import { casePath } from '../cases/types';
import { AlertButtons, useAlertDialogs } from './AlertActions';
import { ReasonFigures } from './Figures';
import { useAlert } from './queries';
import { AlertSeverityTag, AlertStateTag } from './Tags';
import type { AlertDetail, AlertHistoryEntry, AlertRequest } from './types';

function Summary({ a }: { a: AlertDetail }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="alert-summary"
      items={[
        { key: 'rule', label: t('monitoring.list.rule'), children: <span data-testid="alert-rule">{a.ruleLabel}</span> },
        { key: 'ruleVersion', label: t('monitoring.detail.ruleVersion'), children: a.ruleVersion === 0 ? t('monitoring.rules.builtIn') : `v${a.ruleVersion}` },
        { key: 'score', label: t('monitoring.list.score'), children: <span data-testid="alert-score">{a.score}</span> },
        { key: 'assignee', label: t('monitoring.detail.assignee'), children: <span data-testid="alert-assignee">{a.assignee?.displayName ?? t('monitoring.detail.unassigned')}</span> },
        { key: 'client', label: t('monitoring.detail.client'), children: a.client?.name ?? none },
        { key: 'recipient', label: t('monitoring.detail.recipient'), children: a.recipient?.name ?? none },
        ...(a.user ? [{ key: 'user', label: t('monitoring.detail.staff'), children: a.user.displayName }] : []),
        ...(a.department ? [{ key: 'department', label: t('monitoring.detail.department'), children: a.department.name }] : []),
        { key: 'hits', label: t('monitoring.detail.hits'), children: a.hits },
        { key: 'created', label: t('monitoring.detail.createdAt'), children: formatDateTime(a.createdAt) },
        { key: 'age', label: t('monitoring.list.age'), children: t('monitoring.unit.days', { n: a.ageDays }) },
        ...(a.closedAt ? [{ key: 'closed', label: t('monitoring.detail.closedAt'), children: formatDateTime(a.closedAt) }] : []),
      ]}
    />
  );
}

/** The requests the alert is about, newest first, each linked to its page. */
function Facts({ a }: { a: AlertDetail }) {
  const { t } = useTranslation();
  return (
    <Table<AlertRequest>
      rowKey="id"
      size="small"
      pagination={a.requests.length > 10 ? { pageSize: 10, size: 'small' } : false}
      dataSource={a.requests}
      scroll={{ x: 800 }}
      data-testid="alert-requests"
      columns={[
        { title: t('monitoring.facts.ref'), dataIndex: 'ref', width: 150, render: (ref: string, r) => <Link to={requestPath(r.id)} data-testid="alert-request-link">{ref}</Link> },
        { title: t('monitoring.facts.amount'), key: 'amount', width: 130, align: 'right', render: (_, r) => formatMoney(r.amount) },
        { title: t('monitoring.facts.benefitDate'), dataIndex: 'benefitDate', width: 110 },
        { title: t('monitoring.facts.day'), dataIndex: 'day', width: 110 },
        { title: t('monitoring.facts.requester'), key: 'requester', width: 100, render: (_, r) => r.requester?.displayName ?? t('common.none') },
        { title: t('monitoring.facts.department'), key: 'department', width: 120, render: (_, r) => r.department?.name ?? t('common.none') },
        { title: t('monitoring.facts.recipient'), key: 'recipient', width: 140, render: (_, r) => r.recipient?.name ?? t('common.none') },
        { title: t('monitoring.facts.client'), key: 'client', width: 160, render: (_, r) => r.client?.name ?? t('common.none') },
      ]}
    />
  );
}

/** A history line's facts beyond who and when: the score raised with, requests added, the case opened. */
function HistoryFacts({ h, a }: { h: AlertHistoryEntry; a: AlertDetail }) {
  const { t } = useTranslation();
  const e = (h.evidence ?? {}) as { score?: unknown; ruleVersion?: unknown; addedRequestIds?: unknown; caseId?: unknown };
  const lines: string[] = [];
  if (typeof e.score === 'number') lines.push(t('monitoring.history.score', { score: e.score }));
  if (typeof e.ruleVersion === 'number' && e.ruleVersion > 0) lines.push(t('monitoring.history.ruleVersion', { version: e.ruleVersion }));
  if (Array.isArray(e.addedRequestIds) && e.addedRequestIds.length > 0) lines.push(t('monitoring.history.added', { n: e.addedRequestIds.length }));
  return (
    <>
      {lines.length > 0 && <div><Typography.Text type="secondary">{lines.join(' · ')}</Typography.Text></div>}
      {typeof e.caseId === 'string' && (
        <div>
          <Link to={casePath(e.caseId)}>{a.case?.id === e.caseId && a.case.ref ? a.case.ref : t('monitoring.history.case')}</Link>
        </div>
      )}
    </>
  );
}

const HISTORY_COLORS: Record<string, string> = { raised: 'red', merged: 'orange', reviewing: 'blue', dismissed: 'gray', escalated: 'purple' };

function History({ a }: { a: AlertDetail }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="alert-history"
      items={a.history.map((h, i) => ({
        key: `${h.at}:${i}`,
        color: HISTORY_COLORS[h.kind] ?? 'gray',
        title: formatDateTime(h.at),
        content: (
          <div data-testid="history-event" data-kind={h.kind}>
            <Typography.Text strong>{t(`monitoring.history.kind.${h.kind}` as 'monitoring.history.kind.raised', { defaultValue: h.kind })}</Typography.Text>
            {' · '}
            {h.actor?.displayName ?? t('monitoring.history.system')}
            <HistoryFacts h={h} a={a} />
            {h.comment && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>“{h.comment}”</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}

/** One alert: its sentence, where it stands, the requests and figures behind it, its history, and what the reader may do. */
export default function AlertPage() {
  const { id } = useParams();
  const query = useAlert(id);
  const dialogs = useAlertDialogs(query.data);
  if (query.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (query.error && !query.data) return <ErrorAlert error={query.error} />;
  return <AlertView a={query.data!} error={query.error} dialogs={dialogs} />;
}

function AlertView({ a, error, dialogs }: { a: AlertDetail; error: Error | null; dialogs: ReturnType<typeof useAlertDialogs> }) {
  const { t } = useTranslation();
  const [moveError, setMoveError] = useState<Error | null>(null);
  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="alert-ref">{a.ref}</span>
            <Typography.Text style={{ fontWeight: 'normal' }}>{a.ruleLabel}</Typography.Text>
            <AlertSeverityTag severity={a.severity} />
            <AlertStateTag state={a.state} />
          </Flex>
        }
        extra={<AlertButtons a={a} onOpen={dialogs.open} onError={setMoveError} />}
      >
        <ErrorAlert error={error ?? moveError} />
        <Banner
          type={a.severity === 'high' ? 'error' : a.severity === 'medium' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={<Typography.Text strong style={{ fontSize: 16 }} data-testid="alert-explanation">{a.explanation}</Typography.Text>}
        />
        {a.case && (
          <Banner
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="alert-case"
            title={
              <>
                {t('monitoring.detail.escalatedTo')}{' '}
                <Link to={casePath(a.case.id)} data-testid="alert-case-link">{a.case.ref || t('monitoring.history.case')}</Link>
              </>
            }
          />
        )}
        {a.dismissReason && (
          <Banner type="info" showIcon style={{ marginBottom: 16 }} data-testid="alert-dismiss-reason" title={`${t('monitoring.action.reason')}${t('monitoring.colon')}${a.dismissReason}`} />
        )}
        <Summary a={a} />
      </Card>
      <Card size="small" title={t('monitoring.detail.facts')}>
        <Facts a={a} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('monitoring.detail.figures')}>
            <ReasonFigures a={a} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('monitoring.detail.history')}>
            <History a={a} />
          </Card>
        </Col>
      </Row>
      {dialogs.dialog}
    </Flex>
  );
}
