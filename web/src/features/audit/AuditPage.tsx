import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { usePagedList } from '../../app/paging';
import { ErrorAlert } from '../../app/components/ErrorAlert';

interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; username: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

type Filters = { actor?: string; action?: string; entityType?: string; from?: string; to?: string };

interface FilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  range?: [Dayjs, Dayjs] | null;
}

function toFilters({ actor, action, entityType, range }: FilterValues): Filters {
  return {
    actor: actor?.trim(),
    action: action?.trim(),
    entityType: entityType?.trim(),
    // Whole days in the user's time zone, sent as UTC instants.
    from: range?.[0].startOf('day').toISOString(),
    to: range?.[1].endOf('day').toISOString(),
  };
}

const preStyle = { margin: 0, padding: 12, maxHeight: 360, overflow: 'auto', background: 'rgba(0,0,0,0.03)', borderRadius: 6, fontSize: 12 };

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const json = (value: unknown) => (value === null || value === undefined ? t('common.none') : JSON.stringify(value, null, 2));
  return (
    <>
      <Row gutter={16}>
        {(['before', 'after'] as const).map((side) => (
          <Col key={side} xs={24} lg={12}>
            <Typography.Text strong>{t(`audit.${side}`)}</Typography.Text>
            <pre style={preStyle}>{json(entry[side])}</pre>
          </Col>
        ))}
      </Row>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        items={[
          { key: 'hash', label: t('audit.hash'), children: <Typography.Text code copyable>{entry.hash}</Typography.Text> },
          { key: 'request', label: t('audit.requestId'), children: entry.requestId ?? t('common.none') },
        ]}
      />
    </>
  );
}

function VerifyBanner({ result }: { result: VerifyResult }) {
  const { t } = useTranslation();
  const title = result.ok || !result.firstBroken
    ? t('audit.verifyOk', { checked: result.checked })
    : t('audit.verifyBroken', { seq: result.firstBroken.seq, checked: result.checked, reason: result.firstBroken.reason });
  return <Alert type={result.ok ? 'success' : 'error'} showIcon title={title} style={{ marginBottom: 16 }} />;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const list = usePagedList<AuditEntry, Filters>('audit', '/api/audit', {});
  const verify = useMutation({ mutationFn: () => api.get<VerifyResult>('/api/audit/verify') });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 90 },
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      render: (actor: AuditEntry['actor']) =>
        actor ? (
          <>
            {actor.displayName} <Typography.Text type="secondary">@{actor.username}</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ),
    },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('audit.entityType'), dataIndex: 'entityType' },
    { title: t('audit.entityId'), dataIndex: 'entityId', ellipsis: true, render: (v: string | null) => v ?? t('common.none') },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? t('common.none') },
  ];

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} href={`/api/audit/export.csv${queryString(list.filters)}`}>{t('audit.export')}</Button>
          <Button icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>{t('audit.verify')}</Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(values) => list.setFilters(toFilters(values))}
      >
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.dateRange')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">{t('common.search')}</Button>
          <Button onClick={() => { form.resetFields(); list.setFilters({}); }}>{t('common.reset')}</Button>
        </Space>
      </Form>
      <ErrorAlert error={verify.error} />
      {verify.data && <VerifyBanner result={verify.data} />}
      <ErrorAlert error={list.error} />
      <Table<AuditEntry>
        rowKey="seq"
        size="middle"
        columns={columns}
        {...list.tableProps}
        expandable={{ expandedRowRender: (entry) => <EntryDetails entry={entry} /> }}
        scroll={{ x: 900 }}
      />
    </Card>
  );
}
