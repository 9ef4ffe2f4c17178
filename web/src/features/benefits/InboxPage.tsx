import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Flex, Input, List, Segmented, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { usePagedList } from '../../app/paging';
import { useRequestMove, type Decision } from './actions';
import { FindingsList } from './Findings';
import { formatMoney } from '../../app/money';
import { KEYS } from './queries';
import { useRequestColumns } from './RequestsPage';
import { OutcomeTag, RiskTag, StateTag, levelOf } from './Tags';
import { API, requestApi, requestPath, type BenefitRequest } from './types';

const DECISIONS: Decision[] = ['approve', 'return', 'reject'];

function InboxItem({ r }: { r: BenefitRequest }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const move = useRequestMove();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<Decision | null>(null);

  async function decide(decision: Decision) {
    if (decision !== 'approve' && !comment.trim()) {
      message.warning(t('benefits.decision.commentRequired'));
      return;
    }
    setBusy(decision);
    try {
      await move(requestApi(r.id, '/decision'), { version: r.version, decision, comment: comment.trim() }, t(`benefits.decision.${decision}Done`, { ref: r.ref }));
    } catch (e) {
      message.error(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const score = r.precheck?.risk.score ?? r.riskScore;
  return (
    <Card
      size="small"
      data-testid="inbox-item"
      data-ref={r.ref}
      title={
        <Flex gap={8} align="center" wrap>
          <Link to={requestPath(r.id)}>{r.ref}</Link>
          <StateTag state={r.state} />
          {r.precheck && <OutcomeTag outcome={r.precheck.outcome} />}
          {score !== null && score !== undefined && <RiskTag level={r.precheck?.risk.level ?? levelOf(score)} score={score} />}
        </Flex>
      }
      extra={<Typography.Text strong>{formatMoney(r.amount)}</Typography.Text>}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'requester', label: t('benefits.list.requester'), children: r.requester.displayName },
          { key: 'type', label: t('benefits.list.type'), children: `${t(`benefits.type.${r.benefitType}`)} · ${t(`benefits.direction.${r.direction}`)}` },
          { key: 'counterparty', label: r.direction === 'received' ? t('benefits.form.giver') : t('benefits.form.recipient'), children: r.counterparty.name },
          { key: 'client', label: t('benefits.list.client'), children: r.client?.name ?? t('common.none') },
          { key: 'date', label: t('benefits.list.date'), children: r.benefitDate },
          { key: 'purpose', label: t('benefits.form.purpose'), span: 3, children: r.purpose },
          ...(r.justification ? [{ key: 'justification', label: t('benefits.form.justification'), span: 4, children: r.justification }] : []),
        ]}
      />
      {r.precheck && (
        <div style={{ margin: '8px 0' }}>
          <FindingsList findings={r.precheck.findings} compact />
        </div>
      )}
      <Flex gap={8} align="start" wrap>
        <Input.TextArea
          rows={1}
          autoSize={{ minRows: 1, maxRows: 4 }}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('benefits.inbox.commentPlaceholder')}
          style={{ flex: '1 1 320px' }}
          data-testid="inbox-comment"
        />
        <Space>
          {DECISIONS.map((d) => (
            <Button
              key={d}
              type={d === 'approve' ? 'primary' : 'default'}
              danger={d === 'reject'}
              loading={busy === d}
              disabled={busy !== null}
              onClick={() => void decide(d)}
              data-testid={`inbox-${d}`}
            >
              {t(`benefits.action.${d}`)}
            </Button>
          ))}
        </Space>
      </Flex>
    </Card>
  );
}

/** Requests whose steps I decided, newest first. */
function Decided() {
  const list = usePagedList<BenefitRequest, { scope: 'decided' }>(KEYS.requests, API.requests, { scope: 'decided' });
  const columns = useRequestColumns(true);
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table<BenefitRequest> rowKey="id" columns={columns} {...list.tableProps} scroll={{ x: 1300 }} data-testid="decided-table" />
    </>
  );
}

/** 待我审批: the steps waiting for me, each decided in one click with an optional comment; and those I decided. */
export default function InboxPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<'pending' | 'decided'>('pending');
  return (
    <Card
      title={t('benefits.inbox.title')}
      extra={
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'pending' | 'decided')}
          options={[
            { value: 'pending', label: t('benefits.inbox.pending') },
            { value: 'decided', label: t('benefits.inbox.decided') },
          ]}
          data-testid="inbox-view"
        />
      }
    >
      {view === 'pending' ? <Pending /> : <Decided />}
    </Card>
  );
}

function Pending() {
  const { t } = useTranslation();
  const list = usePagedList<BenefitRequest, { scope: 'inbox' }>(KEYS.requests, API.requests, { scope: 'inbox' });
  const { dataSource, loading, pagination } = list.tableProps;
  return (
    <>
      <ErrorAlert error={list.error} />
      <List<BenefitRequest>
        dataSource={dataSource}
        loading={Boolean(loading)}
        pagination={
          pagination && dataSource && dataSource.length > 0
            ? { current: pagination.current, pageSize: pagination.pageSize, total: pagination.total, onChange: pagination.onChange, showTotal: pagination.showTotal }
            : false
        }
        locale={{ emptyText: <Empty description={t('benefits.inbox.empty')} /> }}
        renderItem={(r) => (
          <List.Item key={r.id} style={{ display: 'block', borderBlockEnd: 'none', paddingBlock: 6 }}>
            <InboxItem r={r} />
          </List.Item>
        )}
        data-testid="inbox"
      />
    </>
  );
}
