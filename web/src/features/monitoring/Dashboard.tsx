import { useMemo } from 'react';
import { Card, Col, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../app/components/EChart';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { useDashboard } from './queries';
import { SEVERITY_COLORS } from './Tags';
import { ageBuckets, type RuleKind } from './types';

echarts.use([BarChart, GridComponent]);

/**
 * Open alerts at a glance: how many, how old by severity (stacked), and per rule; a rule's count
 * filters the list below to it.
 */
export function AlertsDashboard({ rule, onRule }: { rule?: RuleKind; onRule(rule: RuleKind | undefined): void }) {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  const d = dashboard.data;

  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 0, top: 32, containLabel: true },
      xAxis: { type: 'category', data: ageBuckets.map((b) => t(`monitoring.dashboard.bucket.${b.key}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (d?.bySeverity ?? []).map((s) => ({
        name: t(`monitoring.severity.${s.severity}`),
        type: 'bar',
        stack: 'open',
        barMaxWidth: 48,
        itemStyle: { color: SEVERITY_COLORS[s.severity] },
        data: ageBuckets.map((b) => s.buckets[b.key] ?? 0),
      })),
    }),
    [d, t],
  );

  if (dashboard.error && !d) return <ErrorAlert error={dashboard.error} />;
  return (
    <Card size="small" loading={dashboard.isPending} style={{ marginBottom: 16 }} data-testid="alerts-dashboard">
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} md={6}>
          <Flex vertical gap={12}>
            <Statistic title={t('monitoring.dashboard.open')} value={d?.open ?? 0} data-testid="dashboard-open" />
            <Typography.Text type="secondary">
              {t('monitoring.dashboard.oldest')}
              {t('monitoring.colon')}
              {d?.oldestOpenDays === null || d?.oldestOpenDays === undefined ? t('common.none') : t('monitoring.unit.days', { n: d.oldestOpenDays })}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="dashboard-last-judged">
              {t('monitoring.dashboard.lastJudged')}
              {t('monitoring.colon')}
              {formatDateTime(d?.lastJudgedAt, t('monitoring.dashboard.never'))}
            </Typography.Text>
          </Flex>
        </Col>
        <Col xs={24} md={10}>
          <Typography.Text type="secondary">{t('monitoring.dashboard.byAge')}</Typography.Text>
          <EChart option={option} height={180} testId="dashboard-chart" />
        </Col>
        <Col xs={24} md={8}>
          <Typography.Text type="secondary">{t('monitoring.dashboard.byRule')}</Typography.Text>
          <Flex wrap gap={6} style={{ marginTop: 8 }} data-testid="dashboard-rules">
            {(d?.byRule ?? []).map((r) => (
              <Tag.CheckableTag
                key={r.rule}
                checked={rule === r.rule}
                onChange={(checked) => onRule(checked ? r.rule : undefined)}
                style={{ opacity: r.open === 0 && rule !== r.rule ? 0.55 : 1 }}
                data-testid="dashboard-rule"
                data-rule={r.rule}
                data-open={r.open}
              >
                {r.label} <Typography.Text strong={r.open > 0} style={{ color: 'inherit' }}>{r.open}</Typography.Text>
              </Tag.CheckableTag>
            ))}
          </Flex>
        </Col>
      </Row>
    </Card>
  );
}
