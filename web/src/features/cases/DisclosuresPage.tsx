import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { FormModal } from '../../app/components/FormModal';
import { formatDateTime } from '../../app/format';
import { usePagedList, type Page } from '../../app/paging';
import type { Declaration, DeclarationItem } from '../registry/declarations/declarationTypes';
import { CasePicker, ClientPicker } from './Pickers';
import { KEYS, useCasesRefresh } from './queries';
import { DISCLOSURES_API, disclosurePath, disclosureStatuses, type Disclosure, type DisclosureDetail, type DisclosureStatus, type NewDisclosureInput } from './types';

const STATUS_COLORS: Record<DisclosureStatus, string> = { pending: 'processing', no_conflict: 'success', cleared_with_conditions: 'cyan', rejected: 'error', review_due: 'warning' };

export function DisclosureStatusTag({ status }: { status: DisclosureStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} data-testid="disclosure-status" data-status={status}>{t(`cases.disclosures.status.${status}`)}</Tag>;
}

/** The clearance's last day, flagged when it runs out within 30 days or has run out. */
export function ExpiryTag({ disclosure: d }: { disclosure: Disclosure }) {
  const { t } = useTranslation();
  if (d.status !== 'cleared_with_conditions' || !d.decision?.expiresOn) return null;
  const { clearance } = d;
  return (
    <span data-testid="disclosure-expiry" data-clearance={clearance}>
      {d.decision.expiresOn}
      {clearance && clearance !== 'active' && <Tag color={clearance === 'expired' ? 'error' : 'warning'} style={{ marginLeft: 8 }}>{t(`cases.disclosures.clearance.${clearance}`)}</Tag>}
    </span>
  );
}

/** A declared item in a line: "配偶 张三 · 某公司", in the reader's language. */
function useItemSummary(): (item: DeclarationItem) => string {
  const { t } = useTranslation();
  return (item) => {
    const parts =
      item.type === 'relative'
        ? [t(`registry.relType.${item.relation}`), item.name, item.employer, item.position]
        : item.type === 'dispute'
          ? [t('registry.relType.dispute'), item.counterpartyName, item.description]
          : [t(`registry.relType.${item.relation}`), item.organisation, item.role];
    return parts.filter(Boolean).join(' · ');
  };
}

type Filters = { scope: 'mine' | 'all'; status?: DisclosureStatus; expiringBy?: string };

function DisclosuresTable({ scope }: { scope: Filters['scope'] }) {
  const { t } = useTranslation();
  const list = usePagedList<Disclosure, Filters>(KEYS.disclosures, DISCLOSURES_API, { scope });
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });
  const columns: TableColumnsType<Disclosure> = [
    { title: t('cases.disclosures.ref'), dataIndex: 'ref', width: 150, render: (ref: string, d) => <Link to={disclosurePath(d.id)} data-testid="disclosure-link">{ref}</Link> },
    ...(scope === 'all' ? [{ title: t('cases.disclosures.user'), key: 'user', width: 100, render: (_: unknown, d: Disclosure) => d.user.displayName }] : []),
    { title: t('cases.disclosures.summary'), dataIndex: 'summary', ellipsis: true },
    { title: t('cases.disclosures.client'), key: 'client', width: 220, ellipsis: true, render: (_, d) => d.client?.name ?? t('common.none') },
    { title: t('cases.disclosures.statusLabel'), dataIndex: 'status', width: 130, render: (s: DisclosureStatus) => <DisclosureStatusTag status={s} /> },
    { title: t('cases.disclosures.expiresOn'), key: 'expiry', width: 180, render: (_, d) => <ExpiryTag disclosure={d} /> },
    { title: t('cases.disclosures.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];
  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Select<DisclosureStatus>
          allowClear
          placeholder={t('cases.disclosures.statusLabel')}
          style={{ width: 160 }}
          value={list.filters.status}
          onChange={(status) => set({ status })}
          options={disclosureStatuses.map((s) => ({ value: s, label: t(`cases.disclosures.status.${s}`) }))}
          data-testid={`disclosures-filter-status-${scope}`}
        />
        <DatePicker
          placeholder={t('cases.disclosures.expiringBy')}
          style={{ width: 200 }}
          onChange={(d: Dayjs | null) => set({ expiringBy: d?.format('YYYY-MM-DD') })}
          data-testid={`disclosures-filter-expiring-${scope}`}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Disclosure> rowKey="id" columns={columns} {...list.tableProps} scroll={{ x: 1000 }} data-testid={`disclosures-table-${scope}`} />
    </>
  );
}

type NewValues = { item?: string; summary?: string; clientId?: string; caseId?: string };

/** Discloses an interest: an item of one of my declarations still in force, or in words; optionally the client and case it touches. */
function NewDisclosureDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useCasesRefresh();
  const itemSummary = useItemSummary();
  const declarations = useQuery({
    queryKey: ['registry-declarations', 'disclosable'],
    queryFn: () => api.get<Page<Declaration>>('/api/registry/declarations', { scope: 'mine', pageSize: 200 }),
  });
  const items = (declarations.data?.items ?? [])
    .filter((d) => d.status === 'accepted' || d.status === 'submitted')
    .flatMap((d) => d.items.map((item, index) => ({ value: `${d.id}:${index}`, label: `${formatDateTime(d.submittedAt)} — ${itemSummary(item)}`, summary: itemSummary(item) })));

  return (
    <FormModal<NewValues>
      open
      title={t('cases.disclosures.new')}
      okText={t('cases.disclosures.submit')}
      onCancel={onClose}
      onSubmit={async (v) => {
        const chosen = items.find((i) => i.value === v.item);
        const [id, index] = v.item?.split(':') ?? [];
        const body: NewDisclosureInput = {
          // The item in the reader's words unless the member of staff said more.
          summary: v.summary?.trim() || chosen?.summary || null,
          declaration: id ? { id, item: Number(index) } : null,
          clientId: v.clientId ?? null,
          caseId: v.caseId ?? null,
        };
        const created = await api.post<DisclosureDetail>(DISCLOSURES_API, body);
        await refresh();
        onClose();
        navigate(disclosurePath(created.id));
      }}
    >
      <Form.Item name="item" label={t('cases.disclosures.fromDeclaration')} extra={t('cases.disclosures.fromDeclarationHelp')}>
        <Select allowClear loading={declarations.isPending} options={items} notFoundContent={t('cases.disclosures.noItems')} data-testid="disclosure-item" />
      </Form.Item>
      <Form.Item
        name="summary"
        label={t('cases.disclosures.summary')}
        dependencies={['item']}
        rules={[({ getFieldValue }) => ({ validator: async (_, value?: string) => (getFieldValue('item') || value?.trim() ? undefined : Promise.reject(new Error(t('cases.disclosures.summaryRequired')))) })]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="disclosure-summary" />
      </Form.Item>
      <Form.Item name="clientId" label={t('cases.disclosures.client')}>
        <ClientPicker testId="disclosure-client" />
      </Form.Item>
      <Form.Item name="caseId" label={t('cases.disclosures.case')}>
        <CasePicker testId="disclosure-case" />
      </Form.Item>
    </FormModal>
  );
}

/** 利益披露: my disclosures of interests and (readers of all cases) everyone's, with what compliance decided on each. */
export default function DisclosuresPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const tabs = [
    { key: 'mine', label: <span data-testid="disclosures-tab-mine">{t('cases.disclosures.mine')}</span>, children: <DisclosuresTable scope="mine" /> },
    ...(can('cases.read_all') ? [{ key: 'all', label: <span data-testid="disclosures-tab-all">{t('cases.disclosures.all')}</span>, children: <DisclosuresTable scope="all" /> }] : []),
  ];
  return (
    <Card
      title={t('cases.disclosures.heading')}
      extra={can('cases.report') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="disclosure-new">{t('cases.disclosures.new')}</Button>}
    >
      <Tabs items={tabs} destroyOnHidden />
      {creating && <NewDisclosureDialog onClose={() => setCreating(false)} />}
    </Card>
  );
}
