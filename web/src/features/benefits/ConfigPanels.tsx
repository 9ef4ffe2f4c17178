import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Spin, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, fieldErrorLines, request } from '../../app/api';
import { useMe } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { FormModal } from '../../app/components/FormModal';
import { formatDateTime } from '../../app/format';
import { KEYS, listOf, useBenefitSettings, useBenefitsRefresh } from './queries';
import { ClientSelect, UserSelect } from './Selects';
import { API, type BenefitSettings, type Blackout, type Delegation } from './types';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Runs a one-click change (revoke, lift) with a toast, then reloads. */
function useChange() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useBenefitsRefresh();
  return async (run: () => Promise<unknown>) => {
    try {
      await run();
      message.success(t('common.saved'));
    } catch (e) {
      message.error((e as Error).message);
    }
    await refresh();
  };
}

interface DelegationValues {
  fromUserId?: string;
  toUserId: string;
  period: [Dayjs, Dayjs];
  reason?: string;
}

/**
 * Deputies of approvers who are away. `mine`: those I gave or received, for any approver; `all`:
 * everyone's, named for anyone (benefits.administer). Revoked, never deleted.
 */
export function DelegationsPanel({ scope }: { scope: 'mine' | 'all' }) {
  const { t } = useTranslation();
  const me = useMe();
  const change = useChange();
  const refresh = useBenefitsRefresh();
  const [creating, setCreating] = useState(false);
  const all = scope === 'all';
  const list = useQuery({
    queryKey: [KEYS.delegations, scope],
    queryFn: async () => listOf(await api.get<Delegation[] | { items: Delegation[] }>(API.delegations, { scope, includeRevoked: 'true' })),
  });
  // The server lets the approver who gave a delegation, or its creator, revoke it; a deputy may not.
  const revocable = (d: Delegation) => !d.revokedAt && (all || d.from.id === me.id || d.createdBy?.id === me.id);

  const columns: TableColumnsType<Delegation> = [
    { title: t('benefits.delegations.from'), key: 'from', render: (_, d) => d.from.displayName },
    { title: t('benefits.delegations.to'), key: 'to', render: (_, d) => d.to.displayName },
    { title: t('benefits.delegations.period'), key: 'period', width: 220, render: (_, d) => `${d.startsOn} ~ ${d.endsOn}` },
    { title: t('benefits.delegations.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '' },
    { title: t('benefits.delegations.status'), key: 'status', width: 100, render: (_, d) => (d.revokedAt ? <Tag>{t('benefits.delegations.revoked')}</Tag> : <Tag color="green">{t('benefits.delegations.active')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, d) =>
        revocable(d) && (
          <Popconfirm title={t('benefits.delegations.revokeConfirm')} onConfirm={() => void change(() => api.post(`${API.delegations}/${encodeURIComponent(d.id)}/revoke`))}>
            <Button size="small" type="link" danger>{t('benefits.delegations.revoke')}</Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="delegation-create">{t('benefits.delegations.create')}</Button>
      </Flex>
      <ErrorAlert error={list.error} />
      <Table rowKey="id" size="small" columns={columns} dataSource={list.data} loading={list.isPending} pagination={false} data-testid="delegations" />
      <FormModal<DelegationValues>
        open={creating}
        title={t('benefits.delegations.create')}
        onCancel={() => setCreating(false)}
        onSubmit={async (v) => {
          await api.post(API.delegations, {
            ...(all && v.fromUserId ? { fromUserId: v.fromUserId } : {}),
            toUserId: v.toUserId,
            startsOn: day(v.period[0]),
            endsOn: day(v.period[1]),
            ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
          });
          setCreating(false);
          await refresh();
        }}
      >
        {all && (
          <Form.Item name="fromUserId" label={t('benefits.delegations.from')} extra={t('benefits.delegations.fromHelp')}>
            <UserSelect />
          </Form.Item>
        )}
        <Form.Item name="toUserId" label={t('benefits.delegations.to')} extra={t('benefits.delegations.toHelp')} rules={[{ required: true }]}>
          <UserSelect testId="delegation-to" />
        </Form.Item>
        <Form.Item name="period" label={t('benefits.delegations.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker data-testid="delegation-period" />
        </Form.Item>
        <Form.Item name="reason" label={t('benefits.delegations.reason')}>
          <Input maxLength={500} data-testid="delegation-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}

interface BlackoutValues {
  clientId: string;
  period: [Dayjs, Dayjs];
  reason: string;
}

/** A client's tender or audit periods, when no benefit may be given; lifted, never deleted. */
export function BlackoutsPanel() {
  const { t } = useTranslation();
  const change = useChange();
  const refresh = useBenefitsRefresh();
  const [clientId, setClientId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [KEYS.blackouts, clientId ?? null],
    queryFn: async () => listOf(await api.get<Blackout[] | { items: Blackout[] }>(API.blackouts, { clientId, includeLifted: 'true' })),
  });

  const columns: TableColumnsType<Blackout> = [
    { title: t('benefits.list.client'), key: 'client', render: (_, b) => b.client?.name ?? '' },
    { title: t('benefits.delegations.period'), key: 'period', width: 220, render: (_, b) => `${b.startsOn} ~ ${b.endsOn}` },
    { title: t('benefits.blackouts.reason'), dataIndex: 'reason' },
    { title: t('benefits.delegations.status'), key: 'status', width: 100, render: (_, b) => (b.liftedAt ? <Tag>{t('benefits.blackouts.lifted')}</Tag> : <Tag color="red">{t('benefits.blackouts.inForce')}</Tag>) },
    { title: t('benefits.policy.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, b) =>
        !b.liftedAt && (
          <Popconfirm title={t('benefits.blackouts.liftConfirm')} onConfirm={() => void change(() => api.post(`${API.blackouts}/${encodeURIComponent(b.id)}/lift`))}>
            <Button size="small" type="link" danger>{t('benefits.blackouts.lift')}</Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 12 }}>
        <ClientSelect value={clientId} onChange={(id) => setClientId(id)} placeholder={t('benefits.blackouts.filterClient')} style={{ width: 300 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('benefits.blackouts.create')}</Button>
      </Flex>
      <ErrorAlert error={list.error} />
      <Table rowKey="id" size="small" columns={columns} dataSource={list.data} loading={list.isPending} pagination={false} />
      <FormModal<BlackoutValues>
        open={creating}
        title={t('benefits.blackouts.create')}
        initialValues={clientId ? { clientId } : undefined}
        onCancel={() => setCreating(false)}
        onSubmit={async (v) => {
          await api.post(API.blackouts, { clientId: v.clientId, startsOn: day(v.period[0]), endsOn: day(v.period[1]), reason: v.reason.trim() });
          setCreating(false);
          await refresh();
        }}
      >
        <Form.Item name="clientId" label={t('benefits.list.client')} rules={[{ required: true }]}>
          <ClientSelect />
        </Form.Item>
        <Form.Item name="period" label={t('benefits.delegations.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="reason" label={t('benefits.blackouts.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={500} placeholder={t('benefits.blackouts.reasonPlaceholder')} />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** Reminder hours for waiting steps and the largest attachment. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useBenefitSettings();
  const save = useMutation({
    mutationFn: (v: BenefitSettings) => request<BenefitSettings>('PUT', API.settings, v),
    onSuccess: (saved) => {
      queryClient.setQueryData([KEYS.settings], saved);
      message.success(t('common.saved'));
    },
  });
  if (settings.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!settings.data) return <ErrorAlert error={settings.error} />;

  return (
    <Form<BenefitSettings> layout="vertical" initialValues={settings.data} onFinish={(v) => save.mutate(v)} style={{ maxWidth: 480 }}>
      <ErrorAlert error={save.error} details={fieldErrorLines(save.error)} />
      <Form.Item name="reminderAfterHours" label={t('benefits.settings.reminderAfterHours')} extra={t('benefits.settings.reminderHelp')} rules={[{ required: true }]}>
        <InputNumber min={1} max={720} precision={0} suffix={t('benefits.settings.hours')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="attachmentMaxMb" label={t('benefits.settings.attachmentMaxMb')} rules={[{ required: true }]}>
        <InputNumber min={1} max={100} precision={0} suffix="MB" style={{ width: 160 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
    </Form>
  );
}
