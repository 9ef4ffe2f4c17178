import { useState } from 'react';
import { Button, Card, Form, Input, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { FormModal } from '../../app/components/FormModal';
import { formatDateTime } from '../../app/format';
import { ClientsPicker } from '../cases/Pickers';
import { KEYS, useRecusalWrite } from './shared';
import { CLIENT_SETS_API, clientSetApi, type ClientSet, type ClientSetInput } from './types';

type Status = 'active' | 'retired' | 'all';

interface SetValues {
  name: string;
  description?: string;
  clientIds: string[];
}

/** Creates a set, or (given one) renames it and changes its members under its version. */
function SetDialog({ set, onClose }: { set?: ClientSet; onClose(): void }) {
  const { t } = useTranslation();
  const write = useRecusalWrite();
  const title = t(set ? 'recusal.clientSets.editTitle' : 'recusal.clientSets.create', { name: set?.name });
  return (
    <FormModal<SetValues>
      open
      title={title}
      okText={t(set ? 'common.save' : 'recusal.clientSets.create')}
      initialValues={set ? { name: set.name, description: set.description ?? undefined, clientIds: set.clients.map((c) => c.id) } : undefined}
      onCancel={onClose}
      onSubmit={async (v) => {
        const body: ClientSetInput = { name: v.name.trim(), description: v.description?.trim() || null, clientIds: v.clientIds };
        await write(() => (set ? api.patch(clientSetApi(set.id), { ...body, version: set.version }) : api.post(CLIENT_SETS_API, body)), t(set ? 'recusal.clientSets.saved' : 'recusal.clientSets.created'));
        onClose();
      }}
    >
      <Form.Item name="name" label={t('recusal.clientSets.name')} rules={[{ required: true, whitespace: true, message: t('recusal.barriers.nameRequired') }]}>
        <Input maxLength={200} data-testid="client-set-name" />
      </Form.Item>
      <Form.Item name="clientIds" label={t('recusal.clientSets.clients')} extra={t('recusal.clientSets.clientsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('recusal.form.clientsRequired') }]}>
        <ClientsPicker preset={set?.clients.map((c) => ({ value: c.id, label: c.name, title: c.name }))} testId="client-set-clients" />
      </Form.Item>
      <Form.Item name="description" label={t('recusal.clientSets.description')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="client-set-description" />
      </Form.Item>
    </FormModal>
  );
}

function RetireDialog({ set, onClose }: { set: ClientSet; onClose(): void }) {
  const { t } = useTranslation();
  const write = useRecusalWrite();
  return (
    <FormModal<{ comment?: string }>
      open
      title={t('recusal.clientSets.retireTitle', { name: set.name })}
      okText={t('recusal.clientSets.retire')}
      onCancel={onClose}
      onSubmit={async ({ comment }) => {
        await write(() => api.post(`${clientSetApi(set.id)}/retire`, { version: set.version, comment: comment?.trim() || null }), t('recusal.clientSets.retiredDone'));
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">{t('recusal.clientSets.retireHelp')}</Typography.Paragraph>
      <Form.Item name="comment" label={t('recusal.comment')}>
        <Input.TextArea rows={2} maxLength={4000} data-testid="client-set-retire-comment" />
      </Form.Item>
    </FormModal>
  );
}

/** 客户组: groups of clients that walls and recusals may name; a wall on a set follows its members. */
export default function ClientSetsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('recusals.manage');
  const [status, setStatus] = useState<Status>('active');
  const [editing, setEditing] = useState<ClientSet | 'new' | null>(null);
  const [retiring, setRetiring] = useState<ClientSet | null>(null);
  const query = useQuery({ queryKey: [KEYS.clientSets, status], queryFn: () => api.get<{ items: ClientSet[] }>(CLIENT_SETS_API, { status: status === 'all' ? undefined : status }) });

  const columns: TableColumnsType<ClientSet> = [
    { title: t('recusal.clientSets.name'), dataIndex: 'name', width: 200 },
    { title: t('recusal.clientSets.clients'), key: 'clients', render: (_, s) => s.clients.map((c) => c.name).join('、') },
    { title: t('recusal.clientSets.description'), dataIndex: 'description', ellipsis: true, render: (d: string | null) => d ?? t('common.none') },
    { title: t('recusal.barriers.status'), dataIndex: 'status', width: 90, render: (s: ClientSet['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`recusal.clientSets.${s}`)}</Tag> },
    { title: t('recusal.clientSets.updated'), key: 'updated', width: 170, render: (_, s) => <>{s.createdBy.displayName}<br /><Typography.Text type="secondary">{formatDateTime(s.updatedAt)}</Typography.Text></> },
    ...(manage
      ? [{
          title: t('common.actions'),
          key: 'actions',
          width: 140,
          render: (_: unknown, s: ClientSet) =>
            s.status === 'active' && (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(s)} data-testid="client-set-edit">{t('common.edit')}</Button>
                <Button size="small" danger onClick={() => setRetiring(s)} data-testid="client-set-retire">{t('recusal.clientSets.retire')}</Button>
              </Space>
            ),
        }]
      : []),
  ];

  return (
    <Card
      title={t('recusal.clientSets.title')}
      extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="client-set-create">{t('recusal.clientSets.create')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('recusal.clientSets.intro')}</Typography.Paragraph>
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 16 }}
        options={[
          { value: 'active', label: t('recusal.clientSets.active') },
          { value: 'retired', label: t('recusal.clientSets.retired') },
          { value: 'all', label: t('recusal.barriers.all') },
        ]}
      />
      <ErrorAlert error={query.error} />
      <Table<ClientSet> rowKey="id" size="small" columns={columns} dataSource={query.data?.items} loading={query.isFetching} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1000 }} data-testid="client-sets-table" />
      {editing && <SetDialog set={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {retiring && <RetireDialog set={retiring} onClose={() => setRetiring(null)} />}
    </Card>
  );
}
