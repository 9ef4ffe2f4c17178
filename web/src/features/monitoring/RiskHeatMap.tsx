import { useMemo } from 'react';
import { Card, Empty, Typography } from 'antd';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../app/components/EChart';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { useRiskHeatMap } from './queries';
import { categoryCaps, type RiskCategory, type RiskHeatMap as HeatMap, type RiskSubjectType } from './types';

echarts.use([HeatmapChart, GridComponent, VisualMapComponent]);

/** One scale for every category, as a point weighs the same in the score whatever its category: a full 10 reads paler than a full 30. */
const SCALE_MAX = Math.max(...Object.values(categoryCaps));
const ROW_HEIGHT = 34;

type Cell = HeatMap['cells'][number];
const esc = echarts.format.encodeHTML;

interface Props {
  subjectType: RiskSubjectType;
  departmentId?: string;
  /** A click on a cell picks its department; on the picked one again, none. */
  onDepartment(departmentId: string | undefined): void;
}

/** Department × risk category for the latest run: the average points, how many were assessed and how many score high. */
export function RiskHeatMap({ subjectType, departmentId, onDepartment }: Props) {
  const { t } = useTranslation();
  const heatMap = useRiskHeatMap(subjectType);
  const h = heatMap.data;

  const option = useMemo(() => {
    if (!h) return {};
    const columns = h.categories.map((c) => c.key);
    const rows = h.departments.map((d) => d.id);
    const label = (key: string) => h.categories.find((c) => c.key === key)?.label ?? key;
    const name = (id: string | null) => h.departments.find((d) => d.id === id)?.name ?? '';
    return {
      tooltip: {
        formatter: ({ data }: { data: { cell: Cell } }) => {
          const c = data.cell;
          const line = (key: string, value: string) => `${esc(key)}${t('monitoring.colon')}<b>${esc(value)}</b>`;
          return [
            `<b>${esc(name(c.departmentId))}</b> · ${esc(label(c.category))}`,
            line(t('monitoring.risk.average'), t('monitoring.risk.outOf', { n: c.average, cap: categoryCaps[c.category as RiskCategory] ?? SCALE_MAX })),
            line(t('monitoring.risk.subjects'), t('monitoring.risk.people', { n: c.subjects })),
            line(t('monitoring.risk.highCount'), t('monitoring.risk.people', { n: c.high })),
          ].join('<br/>');
        },
      },
      grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: columns.map(label), splitArea: { show: true }, axisTick: { show: false } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: h.departments.map((d) => d.name),
        splitArea: { show: true },
        axisTick: { show: false },
        // The department the register is filtered to stands out.
        axisLabel: { formatter: (value: string, index: number) => (departmentId && rows[index] === departmentId ? `{picked|${value}}` : value), rich: { picked: { fontWeight: 'bold', color: '#1677ff' } } },
      },
      visualMap: { min: 0, max: SCALE_MAX, text: [String(SCALE_MAX), '0'], calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, itemWidth: 10, inRange: { color: ['#f6ffed', '#fffbe6', '#ffd591', '#ff7a45', '#a8071a'] } },
      series: [
        {
          type: 'heatmap',
          data: h.cells.map((cell) => ({ value: [columns.indexOf(cell.category), rows.indexOf(cell.departmentId), cell.average], cell })),
          label: { show: true, formatter: ({ data }: { data: { cell: Cell } }) => String(data.cell.average) },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          emphasis: { itemStyle: { borderColor: '#595959', borderWidth: 1 } },
          cursor: 'pointer',
        },
      ],
    };
  }, [h, departmentId, t]);

  const pick = (params: echarts.ECElementEvent) => {
    const id = (params.data as { cell?: Cell } | undefined)?.cell?.departmentId;
    // Subjects without a department cannot be asked for on their own.
    if (id === undefined || id === null) return;
    onDepartment(id === departmentId ? undefined : id);
  };

  if (heatMap.error && !h) return <ErrorAlert error={heatMap.error} />;
  const empty = h !== undefined && h.departments.length === 0;
  return (
    <Card size="small" loading={heatMap.isPending} style={{ marginBottom: 16 }} data-testid="risk-heatmap" data-departments={h?.departments.length ?? 0}>
      <Typography.Text type="secondary">{t('monitoring.risk.heatMap')}</Typography.Text>
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.risk.heatMapEmpty')} />
      ) : (
        <EChart option={option} height={96 + ROW_HEIGHT * (h?.departments.length ?? 1)} onClick={pick} testId="risk-heatmap-chart" />
      )}
    </Card>
  );
}
