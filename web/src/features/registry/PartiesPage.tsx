import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { usePagedList } from '../../app/paging';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { ExportButtons } from './ExportButtons';
import { PartyCreateModal } from './PartyCreateModal';
import { PartyTags } from './PartyTags';
import { KEYS } from './queries';
import { onSortChange, sortColumn } from './sorting';
import { PARTY_KINDS, partyPath, type PartyKind, type PartySummary } from './types';

type YesNo = 'yes' | 'no';
type Sort = 'name' | 'createdAt' | 'updatedAt';
type Filters = {
  q?: string;
  kind?: PartyKind;
  client?: YesNo;
  publicOfficial?: YesNo;
  staff?: YesNo;
  includeEnded?: YesNo;
  sort: Sort;
  order: 'asc' | 'desc';
};

export default function PartiesPage() {
  const { t } = useTranslation();
  const canWrite = useAuth().can('registry.write');
  const list = usePagedList<PartySummary, Filters>(KEYS.parties, '/api/registry/parties', { sort: 'name', order: 'asc' });
  const [creating, setCreating] = useState(false);
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });

  const yesNo = (key: 'client' | 'publicOfficial' | 'staff', placeholder: string) => (
    <Select
      allowClear
      placeholder={placeholder}
      value={list.filters[key]}
      onChange={(value?: YesNo) => set({ [key]: value })}
      options={(['yes', 'no'] as const).map((v) => ({ value: v, label: t(`registry.flag.${v}`, { name: placeholder }) }))}
      style={{ width: 150 }}
    />
  );

  const columns: TableColumnsType<PartySummary> = [
    {
      title: t('parties.name'),
      dataIndex: 'primaryName',
      ...sortColumn(list.filters, 'name'),
      render: (name: string, p) => (
        <>
          <Link to={partyPath(p.id)}>{name}</Link>
          {p.ref && <Typography.Text type="secondary"> · {p.ref}</Typography.Text>}
        </>
      ),
    },
    { title: t('parties.kind'), dataIndex: 'kind', width: 90, render: (k: PartyKind) => t(`registry.kind.${k}`) },
    { title: t('parties.country'), dataIndex: 'country', width: 110, render: (c: string | null) => c ?? t('common.none') },
    { title: t('parties.tags'), key: 'tags', render: (_, p) => <PartyTags party={p} /> },
    { title: t('registry.createdAt'), dataIndex: 'createdAt', width: 180, ...sortColumn(list.filters, 'createdAt'), render: (v: string) => formatDateTime(v) },
    { title: t('registry.updatedAt'), dataIndex: 'updatedAt', width: 180, ...sortColumn(list.filters, 'updatedAt'), render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card
      title={t('parties.title')}
      extra={
        <Flex gap={8}>
          <ExportButtons list="parties" filters={list.filters} ftm />
          {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('parties.create')}</Button>}
        </Flex>
      }
    >
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('parties.searchPlaceholder')}
          onSearch={(q) => set({ q: q.trim() })}
          style={{ width: 300 }}
          data-testid="parties-search"
        />
        <Select
          allowClear
          placeholder={t('parties.kind')}
          value={list.filters.kind}
          onChange={(kind?: PartyKind) => set({ kind })}
          options={PARTY_KINDS.map((k) => ({ value: k, label: t(`registry.kind.${k}`) }))}
          style={{ width: 110 }}
        />
        {yesNo('client', t('registry.tag.client'))}
        {yesNo('publicOfficial', t('registry.tag.publicOfficial'))}
        {yesNo('staff', t('registry.tag.staff'))}
        <Checkbox checked={list.filters.includeEnded === 'yes'} onChange={(e) => set({ includeEnded: e.target.checked ? 'yes' : 'no' })}>
          {t('parties.includeEnded')}
        </Checkbox>
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<PartySummary> rowKey="id" columns={columns} {...list.tableProps} onChange={onSortChange<PartySummary, Sort>(list.filters, 'name', set)} scroll={{ x: 900 }} />
      {canWrite && <PartyCreateModal open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
}
