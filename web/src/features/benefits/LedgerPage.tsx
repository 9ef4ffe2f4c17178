import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Flex, Select, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { api, queryString, type Query } from '../../app/api';
import { useAuth } from '../../app/auth';
import { EChart } from '../../app/components/EChart';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { LedgerTable } from './LedgerTable';
import { chartValue, formatMoney } from '../../app/money';
import { KEYS } from './queries';
import { ClientSelect, DepartmentSelect, PartySearchSelect, UserSelect } from './Selects';
import { API, BENEFIT_TYPES, DIRECTIONS, GROUP_BYS, LEDGER_KINDS, type BenefitType, type Direction, type GroupBy, type LedgerKind, type LedgerPage as Page, type Summary, type SummaryRow } from './types';

echarts.use([BarChart, GridComponent]);

interface Filters {
  period?: [Dayjs, Dayjs] | null;
  clientId?: string;
  counterpartyPartyId?: string;
  requesterId?: string;
  departmentId?: string;
  benefitType?: BenefitType;
  direction?: Direction;
  kind?: LedgerKind;
}

const toQuery = ({ period, ...rest }: Filters): Query => ({
  ...rest,
  from: period?.[0].format('YYYY-MM-DD'),
  to: period?.[1].format('YYYY-MM-DD'),
});

function FilterBar({ filters, onChange }: { filters: Filters; onChange(f: Filters): void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="ledger-filters">
      <DatePicker.RangePicker value={filters.period ?? null} onChange={(v) => set({ period: v && v[0] && v[1] ? [v[0], v[1]] : null })} />
      <ClientSelect value={filters.clientId} onChange={(clientId) => set({ clientId })} placeholder={t('benefits.list.client')} style={{ width: 220 }} />
      <PartySearchSelect value={filters.counterpartyPartyId} onChange={(counterpartyPartyId) => set({ counterpartyPartyId })} placeholder={t('benefits.list.counterparty')} style={{ width: 220 }} />
      {can('users.read') && <UserSelect value={filters.requesterId} onChange={(requesterId) => set({ requesterId })} placeholder={t('benefits.list.requester')} style={{ width: 160 }} />}
      <DepartmentSelect value={filters.departmentId} onChange={(d) => set({ departmentId: d as string | undefined })} placeholder={t('benefits.list.department')} style={{ width: 140 }} />
      <Select allowClear placeholder={t('benefits.list.type')} style={{ width: 110 }} value={filters.benefitType} onChange={(benefitType: BenefitType) => set({ benefitType })} options={BENEFIT_TYPES.map((b) => ({ value: b, label: t(`benefits.type.${b}`) }))} />
      <Select allowClear placeholder={t('benefits.list.direction')} style={{ width: 130 }} value={filters.direction} onChange={(direction: Direction) => set({ direction })} options={DIRECTIONS.map((d) => ({ value: d, label: t(`benefits.direction.${d}`) }))} />
      <Select allowClear placeholder={t('benefits.ledger.kind')} style={{ width: 110 }} value={filters.kind} onChange={(kind: LedgerKind) => set({ kind })} options={LEDGER_KINDS.map((k) => ({ value: k, label: t(`benefits.ledgerKind.${k}`) }))} />
      <Button onClick={() => onChange({})}>{t('common.reset')}</Button>
    </Flex>
  );
}

function Entries({ query }: { query: Query }) {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const key = JSON.stringify(query);
  const [lastKey, setLastKey] = useState(key);
  // New filters start again at the first page.
  if (key !== lastKey) {
    setLastKey(key);
    setPaging((p) => ({ ...p, page: 1 }));
  }
  const entries = useQuery({
    queryKey: [KEYS.ledger, query, paging],
    queryFn: () => api.get<Page>(API.ledgerEntries, { ...query, ...paging }),
    placeholderData: keepPreviousData,
  });
  const totals = entries.data?.totals;
  return (
    <>
      <ErrorAlert error={entries.error} />
      {totals && (
        <Space size={24} wrap style={{ marginBottom: 12 }} data-testid="ledger-totals">
          <span>{t('benefits.ledger.totalRequested')}：<Typography.Text strong>{formatMoney(totals.requested)}</Typography.Text></span>
          <span>{t('benefits.ledger.totalApproved')}：<Typography.Text strong>{formatMoney(totals.approved)}</Typography.Text></span>
          <span>{t('benefits.ledger.totalPaid')}：<Typography.Text strong data-testid="ledger-total-paid">{formatMoney(totals.netPaid)}</Typography.Text></span>
        </Space>
      )}
      <LedgerTable
        withRequest
        dataSource={entries.data?.items}
        loading={entries.isFetching}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: entries.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
        }}
      />
    </>
  );
}

function SummaryView({ query }: { query: Query }) {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<GroupBy>('client');
  const summary = useQuery({
    queryKey: [KEYS.summary, query, groupBy],
    queryFn: () => api.get<Summary>(API.ledgerSummary, { ...query, groupBy }),
    placeholderData: keepPreviousData,
  });
  const label = (row: SummaryRow) => (groupBy === 'benefitType' && row.key ? t(`benefits.type.${row.key}` as 'benefits.type.gift', { defaultValue: row.label }) : row.label || t('common.none'));
  const rows = summary.data?.rows;

  const option = useMemo(() => {
    const top = (rows ?? []).slice(0, 20);
    const series = (['requested', 'approved', 'paid'] as const).map((k) => ({
      name: t(`benefits.ledger.${k}`),
      type: 'bar',
      data: top.map((r) => chartValue(r[k])),
    }));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 16, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: top.map(label), axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: 'CNY' },
      series,
    };
  }, [rows, t, groupBy]);

  const money = (k: 'requested' | 'approved' | 'paid' | 'reversed' | 'net') => ({
    title: t(`benefits.ledger.${k}`),
    key: k,
    align: 'right' as const,
    width: 130,
    render: (_: unknown, r: SummaryRow) => formatMoney(r[k]),
  });
  const columns: TableColumnsType<SummaryRow> = [
    { title: t(`benefits.ledger.groupBy.${groupBy}`), key: 'label', render: (_, r) => label(r) },
    { title: t('benefits.ledger.count'), dataIndex: 'count', width: 80, align: 'right' },
    money('requested'),
    money('approved'),
    money('paid'),
    money('reversed'),
    money('net'),
  ];
  const totals = summary.data?.totals;

  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('benefits.ledger.groupByLabel')}</Typography.Text>
        <Select<GroupBy> value={groupBy} onChange={setGroupBy} style={{ width: 160 }} options={GROUP_BYS.map((g) => ({ value: g, label: t(`benefits.ledger.groupBy.${g}`) }))} data-testid="ledger-group-by" />
      </Flex>
      <ErrorAlert error={summary.error} />
      {rows && rows.length > 0 && <EChart option={option} height={360} testId="ledger-chart" />}
      <Table<SummaryRow>
        rowKey={(r) => r.key ?? '—'}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={summary.isFetching}
        pagination={false}
        data-testid="ledger-summary"
        summary={() =>
          totals && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><Typography.Text strong>{t('benefits.ledger.total')}</Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{totals.count}</Table.Summary.Cell>
              {(['requested', 'approved', 'paid', 'reversed', 'net'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 2} align="right"><Typography.Text strong>{formatMoney(totals[k])}</Typography.Text></Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )
        }
      />
    </>
  );
}

/** 好处费台账: every money movement, filtered, totalled, grouped and exported. */
export default function LedgerPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const query = toQuery(filters);
  const exportUrl = (format: 'xlsx' | 'csv') => API.ledgerExport + queryString({ ...query, format });
  return (
    <Card
      title={t('benefits.ledger.title')}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} href={exportUrl('xlsx')} data-testid="export-xlsx">{t('benefits.ledger.exportXlsx')}</Button>
          <Button icon={<DownloadOutlined />} href={exportUrl('csv')} data-testid="export-csv">{t('benefits.ledger.exportCsv')}</Button>
        </Space>
      }
    >
      <FilterBar filters={filters} onChange={setFilters} />
      <Tabs
        items={[
          { key: 'entries', label: t('benefits.ledger.entries'), children: <Entries query={query} /> },
          { key: 'summary', label: t('benefits.ledger.summary'), children: <SummaryView query={query} /> },
        ]}
      />
    </Card>
  );
}
