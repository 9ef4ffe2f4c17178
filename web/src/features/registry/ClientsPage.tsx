import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { usePagedList } from '../../app/paging';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { ClientFormModal } from './ClientFormModal';
import { useStaffOptions } from './ClientFields';
import { ExportButtons } from './ExportButtons';
import { formatMoney } from '../../app/money';
import { ClientStatusTag } from './PartyClientCard';
import { KEYS } from './queries';
import { onSortChange, sortColumn } from './sorting';
import { CLIENT_STATUSES, clientPath, type Client, type ClientStatus, type Money } from './types';

type Sort = 'name' | 'status' | 'startDate' | 'revenue' | 'createdAt';
type Filters = { q?: string; status?: ClientStatus; departmentId?: string; ownerUserId?: string; sort: Sort; order: 'asc' | 'desc' };

export default function ClientsPage() {
  const { t } = useTranslation();
  const canWrite = useAuth().can('registry.write');
  const { departments, owners } = useStaffOptions();
  const list = usePagedList<Client, Filters>(KEYS.clients, '/api/registry/clients', { sort: 'name', order: 'asc' });
  const [creating, setCreating] = useState(false);
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });
  const sorted = (column: Sort) => sortColumn(list.filters, column);
  const none = t('common.none');

  const columns: TableColumnsType<Client> = [
    { title: t('clients.name'), dataIndex: 'party', ...sorted('name'), render: (p: Client['party'], c) => <Link to={clientPath(c.id)}>{p.name}</Link> },
    { title: t('clients.status'), dataIndex: 'status', width: 100, ...sorted('status'), render: (s: ClientStatus) => <ClientStatusTag status={s} /> },
    { title: t('clients.owner'), dataIndex: 'owner', render: (o: Client['owner']) => o?.displayName ?? none },
    { title: t('clients.department'), dataIndex: 'department', render: (d: Client['department']) => d?.name ?? none },
    { title: t('clients.serviceLines'), dataIndex: 'serviceLines', render: (lines: string[]) => lines.map((s) => <Tag key={s}>{s}</Tag>) },
    { title: t('clients.startDate'), dataIndex: 'startDate', width: 120, ...sorted('startDate'), render: (v: string | null) => v ?? none },
    { title: t('clients.revenue'), dataIndex: 'annualRevenue', align: 'right', ...sorted('revenue'), render: (m: Money | null) => formatMoney(m, none) },
  ];

  return (
    <Card
      title={t('clients.title')}
      extra={
        <Flex gap={8}>
          <ExportButtons list="clients" filters={list.filters} />
          {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('clients.create')}</Button>}
        </Flex>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('clients.searchPlaceholder')} onSearch={(q) => set({ q: q.trim() })} style={{ width: 280 }} />
        <Select
          allowClear
          placeholder={t('clients.status')}
          value={list.filters.status}
          onChange={(status?: ClientStatus) => set({ status })}
          options={CLIENT_STATUSES.map((s) => ({ value: s, label: t(`registry.clientStatus.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select allowClear placeholder={t('clients.department')} value={list.filters.departmentId} onChange={(departmentId?: string) => set({ departmentId })} options={departments} style={{ width: 160 }} />
        {owners && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('clients.owner')}
            value={list.filters.ownerUserId}
            onChange={(ownerUserId?: string) => set({ ownerUserId })}
            options={owners}
            style={{ width: 200 }}
          />
        )}
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Client> rowKey="id" columns={columns} {...list.tableProps} onChange={onSortChange<Client, Sort>(list.filters, 'name', set)} scroll={{ x: 1000 }} />
      {canWrite && <ClientFormModal open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
}
