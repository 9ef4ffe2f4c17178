import { useState } from 'react';
import { Alert, Button, Card, Empty, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { KEYS, RecusalDialog, RecusalsTable, type RecusalDraft } from './shared';
import { RECUSALS_API, RECUSAL_STATUSES, SUGGESTIONS_API, type Recusal, type RecusalAction, type RecusalStatus, type Suggestion } from './types';

const SEVERITY_COLORS: Record<Suggestion['severity'], string> = { high: 'red', medium: 'orange', low: 'green' };

/** What the graph says should be recused, each with its explanation, ready to record. */
function Suggestions({ onRecord }: { onRecord(draft: RecusalDraft): void }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: [KEYS.suggestions, i18n.language], queryFn: () => api.get<{ items: Suggestion[] }>(SUGGESTIONS_API) });
  const columns: TableColumnsType<Suggestion> = [
    { title: t('recusal.suggestions.staff'), key: 'staff', width: 110, render: (_, s) => s.user?.displayName ?? <Typography.Text type="secondary">{t('recusal.suggestions.noAccount')}</Typography.Text> },
    { title: t('recusal.suggestions.client'), key: 'client', width: 220, render: (_, s) => s.client.name },
    { title: t('recusal.suggestions.severity'), dataIndex: 'severity', width: 80, render: (v: Suggestion['severity']) => <Tag color={SEVERITY_COLORS[v]}>{t(`recusal.severity.${v}`)}</Tag> },
    {
      title: t('recusal.suggestions.why'),
      key: 'why',
      render: (_, s) => (
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="suggestion-explanation">
          {s.explanation.map((line) => <li key={line}>{line}</li>)}
        </ul>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, s) =>
        s.user && (
          <Button
            size="small"
            type="primary"
            data-testid="suggestion-record"
            onClick={() =>
              onRecord({
                user: { value: s.user!.id, label: s.user!.displayName, title: s.user!.displayName },
                clients: [{ value: s.client.id, label: s.client.name, title: s.client.name }],
                reason: s.explanation.join('\n'),
                source: 'suggested',
                evidence: s.findings,
              })
            }
          >
            {t('recusal.suggestions.record')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <Alert type="info" showIcon title={t('recusal.suggestions.intro')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={query.error} />
      <Table<Suggestion>
        rowKey={(s) => `${s.staffPartyId}:${s.client.id}`}
        size="small"
        columns={columns}
        dataSource={query.data?.items}
        loading={query.isFetching}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recusal.suggestions.none')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="suggestions-table"
      />
    </>
  );
}

function Records() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [status, setStatus] = useState<RecusalStatus | undefined>();
  const query = useQuery({ queryKey: [KEYS.recusals, 'all', status], queryFn: () => api.get<{ items: Recusal[] }>(RECUSALS_API, { scope: 'all', status }) });
  const moves = (r: Recusal): RecusalAction[] => (!can('recusals.manage') ? [] : r.status === 'requested' ? ['approve', 'reject'] : r.status === 'approved' ? ['revoke'] : []);
  return (
    <>
      <Select<RecusalStatus>
        allowClear
        placeholder={t('recusal.list.status')}
        style={{ width: 140, marginBottom: 16 }}
        value={status}
        onChange={setStatus}
        options={RECUSAL_STATUSES.map((s) => ({ value: s, label: t(`recusal.status.${s}`) }))}
        data-testid="recusals-status"
      />
      <ErrorAlert error={query.error} />
      <RecusalsTable items={query.data?.items} loading={query.isFetching} moves={moves} />
    </>
  );
}

/** 回避管理: suggestions from the graph, and every recusal with its decisions. */
export default function RecusalsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('recusals.manage');
  const [tab, setTab] = useState(manage ? 'suggestions' : 'records');
  const [draft, setDraft] = useState<RecusalDraft | null>(null);
  const tabs = [
    ...(manage ? [{ key: 'suggestions', label: <span data-testid="tab-suggestions">{t('recusal.manage.tabSuggestions')}</span> }] : []),
    { key: 'records', label: <span data-testid="tab-records">{t('recusal.manage.tabRecusals')}</span> },
  ];
  return (
    <Card
      title={t('recusal.manage.title')}
      tabList={tabs}
      activeTabKey={tab}
      onTabChange={setTab}
      extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({})} data-testid="recusal-record">{t('recusal.manage.record')}</Button>}
    >
      {tab === 'suggestions' && manage ? <Suggestions onRecord={setDraft} /> : <Records />}
      {draft && <RecusalDialog forOthers draft={draft} onClose={() => setDraft(null)} />}
    </Card>
  );
}
