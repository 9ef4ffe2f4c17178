import { useMemo } from 'react';
import { Col, Empty, List, Row, Spin, Tag, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../app/components/EChart';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { useRiskHistory } from './queries';
import { CATEGORY_COLORS } from './RiskBars';
import { SEVERITY_COLORS } from './Tags';
import { riskCategories, type RiskCategory, type RiskSubjectType } from './types';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent]);

/** Where medium and high risk begin (src/core/monitoring/risk.ts riskLevelOf). */
const LEVEL_LINES = [
  { score: 60, color: SEVERITY_COLORS.high },
  { score: 30, color: SEVERITY_COLORS.medium },
];

interface Props {
  subjectType: RiskSubjectType;
  id: string;
  /** Category labels in the reader's language, by key. */
  labels: Record<string, string>;
}

/** Every score the subject has had, its categories stacked under it, and the factors of the latest one. */
export function RiskHistory({ subjectType, id, labels }: Props) {
  const { t } = useTranslation();
  const history = useRiskHistory(subjectType, id);
  const items = history.data;

  const option = useMemo(() => {
    const days = (items ?? []).map((s) => s.assessedOn);
    const label = (c: RiskCategory) => labels[c] ?? c;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 0, top: 32, containLabel: true },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', min: 0, max: 100, interval: 20 },
      series: [
        ...riskCategories.map((c) => ({
          name: label(c),
          type: 'bar',
          stack: 'categories',
          barMaxWidth: 28,
          itemStyle: { color: CATEGORY_COLORS[c], opacity: 0.55 },
          data: (items ?? []).map((s) => s.categories[c] ?? 0),
        })),
        {
          name: t('monitoring.risk.score'),
          type: 'line',
          symbolSize: 7,
          lineStyle: { width: 2, color: '#262626' },
          itemStyle: { color: '#262626' },
          label: { show: true, position: 'top' },
          data: (items ?? []).map((s) => s.score),
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            data: LEVEL_LINES.map((l) => ({ yAxis: l.score, lineStyle: { color: l.color, type: 'dashed' } })),
          },
        },
      ],
    };
  }, [items, labels, t]);

  if (history.error) return <ErrorAlert error={history.error} />;
  if (!items) return <Spin />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.risk.noHistory')} />;
  const latest = items[items.length - 1]!;
  return (
    <Row gutter={24}>
      <Col xs={24} lg={14}>
        <Typography.Text type="secondary">{t('monitoring.risk.history')}</Typography.Text>
        <EChart option={option} height={240} testId="risk-history" />
      </Col>
      <Col xs={24} lg={10}>
        <Typography.Text type="secondary">{t('monitoring.risk.latestFactors', { day: latest.assessedOn })}</Typography.Text>
        <List
          size="small"
          dataSource={latest.factors}
          locale={{ emptyText: t('monitoring.risk.noFactors') }}
          data-testid="risk-history-factors"
          renderItem={(f) => (
            <List.Item extra={<Typography.Text strong>{t('monitoring.risk.points', { n: `+${f.points}` })}</Typography.Text>} data-testid="risk-factor" data-code={f.code}>
              <span>
                <Tag color={CATEGORY_COLORS[f.category as RiskCategory]} bordered={false}>{labels[f.category] ?? f.category}</Tag>
                {f.text}
              </span>
            </List.Item>
          )}
        />
      </Col>
    </Row>
  );
}
