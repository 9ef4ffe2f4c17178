import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Segmented, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { FormModal } from '../../app/components/FormModal';
import { formatDateTime } from '../../app/format';
import { ClientsPicker, UsersPicker } from '../cases/Pickers';
import { casePath } from '../cases/types';
import { ClientsCell, KEYS, usePeriod, useRecusalWrite } from './shared';
import { BARRIERS_API, barrierRevokeApi, CLIENT_SETS_API, type Barrier, type ClientSet, type NewBarrierInput } from './types';

type Status = 'active' | 'revoked' | 'all';

interface BarrierValues {
  name: string;
  clientIds?: string[];
  clientSetIds?: string[];
  walledOffUserIds: string[];
  reason: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** The client sets (客户组) in use, to name in a wall. */
function ClientSetsSelect(props: { value?: string[]; onChange?(ids: string[]): void }) {
  const { t } = useTranslation();
  const sets = useQuery({ queryKey: [KEYS.clientSets, 'active'], queryFn: () => api.get<{ items: ClientSet[] }>(CLIENT_SETS_API, { status: 'active' }) });
  return (
    <Select
      {...props}
      mode="multiple"
      loading={sets.isFetching}
      placeholder={t('recusal.barriers.clientSetsPlaceholder')}
      optionFilterProp="label"
      options={(sets.data?.items ?? []).map((s) => ({ value: s.id, label: s.name, title: s.clients.map((c) => c.name).join('、') }))}
      data-testid="barrier-client-sets"
    />
  );
}

function CreateDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const write = useRecusalWrite();
  // Clients, sets, or both: at least one of them.
  const someoneNamed = ({ getFieldValue }: { getFieldValue(name: string): unknown }) => ({
    validator: async () => {
      if (!(getFieldValue('clientIds') as string[] | undefined)?.length && !(getFieldValue('clientSetIds') as string[] | undefined)?.length) throw new Error(t('recusal.barriers.clientsOrSetsRequired'));
    },
  });
  return (
    <FormModal<BarrierValues>
      open
      title={t('recusal.barriers.create')}
      okText={t('recusal.barriers.create')}
      onCancel={onClose}
      onSubmit={async (v) => {
        const body: NewBarrierInput = {
          name: v.name.trim(),
          clientIds: v.clientIds ?? [],
          clientSetIds: v.clientSetIds ?? [],
          walledOffUserIds: v.walledOffUserIds,
          reason: v.reason.trim(),
          startsOn: v.period?.[0]?.format('YYYY-MM-DD') ?? null,
          endsOn: v.period?.[1]?.format('YYYY-MM-DD') ?? null,
        };
        await write(() => api.post(BARRIERS_API, body), t('recusal.barriers.created'));
        onClose();
      }}
    >
      <Form.Item name="name" label={t('recusal.barriers.name')} rules={[{ required: true, whitespace: true, message: t('recusal.barriers.nameRequired') }]}>
        <Input maxLength={200} data-testid="barrier-name" />
      </Form.Item>
      <Form.Item name="clientIds" label={t('recusal.barriers.clients')} dependencies={['clientSetIds']} rules={[someoneNamed]}>
        <ClientsPicker testId="barrier-clients" />
      </Form.Item>
      <Form.Item name="clientSetIds" label={t('recusal.barriers.clientSets')} extra={t('recusal.barriers.clientSetsHelp')}>
        <ClientSetsSelect />
      </Form.Item>
      <Form.Item name="walledOffUserIds" label={t('recusal.barriers.walledOff')} rules={[{ required: true, type: 'array', min: 1, message: t('recusal.barriers.walledOffRequired') }]}>
        <UsersPicker testId="barrier-users" />
      </Form.Item>
      <Form.Item name="reason" label={t('recusal.barriers.reason')} rules={[{ required: true, whitespace: true, message: t('recusal.form.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="barrier-reason" />
      </Form.Item>
      <Form.Item name="period" label={t('recusal.barriers.period')} extra={t('recusal.form.periodHelp')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

function RevokeDialog({ barrier, onClose }: { barrier: Barrier; onClose(): void }) {
  const { t } = useTranslation();
  const write = useRecusalWrite();
  return (
    <FormModal<{ comment: string }>
      open
      title={t('recusal.barriers.revokeTitle', { name: barrier.name })}
      okText={t('recusal.barriers.revoke')}
      onCancel={onClose}
      onSubmit={async ({ comment }) => {
        await write(() => api.post(barrierRevokeApi(barrier.id), { version: barrier.version, comment: comment.trim() }), t('recusal.barriers.revokedDone'));
        onClose();
      }}
    >
      <Form.Item name="comment" label={t('recusal.comment')} rules={[{ required: true, whitespace: true, message: t('recusal.commentRequired') }]}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="barrier-revoke-comment" />
      </Form.Item>
    </FormModal>
  );
}

/** 信息隔离墙: the walls, who sits outside each and which clients it guards; set up and lift them. */
export default function BarriersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('recusals.manage');
  const period = usePeriod();
  const [status, setStatus] = useState<Status>('active');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Barrier | null>(null);
  const query = useQuery({ queryKey: [KEYS.barriers, status], queryFn: () => api.get<{ items: Barrier[] }>(BARRIERS_API, { status: status === 'all' ? undefined : status }) });

  const columns: TableColumnsType<Barrier> = [
    { title: t('recusal.barriers.name'), dataIndex: 'name', width: 200, render: (name: string, b) => (b.caseId ? <Link to={casePath(b.caseId)}>{name}</Link> : name) },
    { title: t('recusal.barriers.clients'), key: 'clients', render: (_, b) => <ClientsCell record={b} /> },
    { title: t('recusal.barriers.walledOff'), key: 'walledOff', render: (_, b) => b.walledOff.map((u) => u.displayName).join('、') },
    { title: t('recusal.barriers.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('recusal.barriers.period'), key: 'period', width: 200, render: (_, b) => (b.revokedOn ? `${b.startsOn ?? '…'} ~ ${b.revokedOn}` : period(b.startsOn, b.endsOn)) },
    { title: t('recusal.barriers.status'), dataIndex: 'status', width: 90, render: (s: Barrier['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`recusal.barriers.${s}`)}</Tag> },
    { title: t('recusal.barriers.createdBy'), key: 'createdBy', width: 150, render: (_, b) => <>{b.createdBy.displayName}<br /><Typography.Text type="secondary">{formatDateTime(b.createdAt)}</Typography.Text></> },
    ...(manage
      ? [{
          title: t('common.actions'),
          key: 'actions',
          width: 90,
          render: (_: unknown, b: Barrier) =>
            b.status === 'active' && (
              <Button size="small" danger onClick={() => setRevoking(b)} data-testid="barrier-revoke">
                {t('recusal.barriers.revoke')}
              </Button>
            ),
        }]
      : []),
  ];

  return (
    <Card
      title={t('recusal.barriers.title')}
      extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="barrier-create">{t('recusal.barriers.create')}</Button>}
    >
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 16 }}
        options={[
          { value: 'active', label: t('recusal.barriers.active') },
          { value: 'revoked', label: t('recusal.barriers.revoked') },
          { value: 'all', label: t('recusal.barriers.all') },
        ]}
      />
      <ErrorAlert error={query.error} />
      <Table<Barrier> rowKey="id" size="small" columns={columns} dataSource={query.data?.items} loading={query.isFetching} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1200 }} data-testid="barriers-table" />
      {creating && <CreateDialog onClose={() => setCreating(false)} />}
      {revoking && <RevokeDialog barrier={revoking} onClose={() => setRevoking(null)} />}
    </Card>
  );
}
