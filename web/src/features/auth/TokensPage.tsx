import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { FormModal } from '../../app/components/FormModal';
import { useSecretDialog } from '../../app/components/SecretDialog';

interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface CreateValues {
  name: string;
  expiresInDays?: number | null;
}

const TOKENS_KEY = ['tokens'];

function tokenStatus(token: ApiToken): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

const STATUS_COLOR = { active: 'green', expired: 'orange', revoked: 'default' } as const;

export default function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showSecret = useSecretDialog();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api.get<{ items: ApiToken[] }>('/api/auth/tokens') });

  const refresh = () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY });

  async function create({ name, expiresInDays }: CreateValues) {
    const { secret } = await api.post<{ token: ApiToken; secret: string }>('/api/auth/tokens', {
      name: name.trim(),
      expiresInDays: expiresInDays ?? undefined,
    });
    setCreating(false);
    showSecret(t('tokens.secretTitle'), secret);
    await refresh();
  }

  async function revoke(token: ApiToken) {
    try {
      await api.post(`/api/auth/tokens/${encodeURIComponent(token.id)}/revoke`);
      message.success(t('tokens.revokedDone'));
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    { title: t('tokens.prefix'), dataIndex: 'prefix', render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text> },
    {
      title: t('tokens.status'),
      key: 'status',
      render: (_, token) => {
        const status = tokenStatus(token);
        return <Tag color={STATUS_COLOR[status]}>{t(`tokens.${status}`)}</Tag>;
      },
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatDateTime(v, t('tokens.never')) },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => formatDateTime(v, t('tokens.never')) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) =>
        !token.revokedAt && (
          <Popconfirm title={t('tokens.revokeConfirm')} onConfirm={() => revoke(token)} okButtonProps={{ danger: true }}>
            <Button type="link" danger size="small">{t('tokens.revoke')}</Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('tokens.title')}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('tokens.create')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <ErrorAlert error={tokens.error} />
      <Table<ApiToken>
        rowKey="id"
        columns={columns}
        dataSource={tokens.data?.items}
        loading={tokens.isFetching}
        pagination={false}
      />
      <FormModal<CreateValues> open={creating} title={t('tokens.create')} onCancel={() => setCreating(false)} onSubmit={create}>
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresInDaysHelp')}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
