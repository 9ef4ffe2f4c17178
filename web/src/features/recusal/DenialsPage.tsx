import { useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Empty, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { EChart } from '../../app/components/EChart';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { KEYS } from './shared';
import { DENIALS_API, type DenialRow } from './types';

echarts.use([BarChart, GridComponent]);

/** 越权尝试: attempts refused by a recusal or a barrier, per person, over a period of China days. */
export default function DenialsPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = period?.[0]?.format('YYYY-MM-DD');
  const to = period?.[1]?.format('YYYY-MM-DD');
  const query = useQuery({ queryKey: [KEYS.denials, from, to], queryFn: () => api.get<{ items: DenialRow[] }>(DENIALS_API, { from, to }) });
  const rows = query.data?.items ?? [];

  const recused = t('recusal.denials.recused');
  const walledOff = t('recusal.denials.walledOff');
  const option = useMemo(() => {
    const top = rows.slice(0, 15).reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [recused, walledOff] },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: top.map((r) => r.user.displayName) },
      series: [
        { name: recused, type: 'bar', stack: 'total', data: top.map((r) => r.recused), itemStyle: { color: '#d4380d' } },
        { name: walledOff, type: 'bar', stack: 'total', data: top.map((r) => r.walledOff), itemStyle: { color: '#1d4f91' } },
      ],
    };
  }, [rows, recused, walledOff]);

  const columns: TableColumnsType<DenialRow> = [
    { title: t('recusal.denials.user'), key: 'user', render: (_, r) => r.user.displayName },
    { title: recused, dataIndex: 'recused', width: 100, align: 'right' },
    { title: walledOff, dataIndex: 'walledOff', width: 100, align: 'right' },
    { title: t('recusal.denials.total'), dataIndex: 'total', width: 100, align: 'right' },
    { title: t('recusal.denials.lastAt'), dataIndex: 'lastAt', width: 180, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card title={t('recusal.denials.title')} extra={<DatePicker.RangePicker allowEmpty={[true, true]} value={period} onChange={(v) => setPeriod(v)} placeholder={[t('recusal.denials.period'), t('recusal.denials.period')]} />}>
      <Alert type="info" showIcon title={t('recusal.denials.intro')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={query.error} />
      {rows.length > 0 && <EChart option={option} height={Math.max(160, Math.min(rows.length, 15) * 32 + 60)} testId="denials-chart" />}
      <Table<DenialRow>
        rowKey={(r) => r.user.id}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={query.isFetching}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recusal.denials.none')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="denials-table"
      />
    </Card>
  );
}
