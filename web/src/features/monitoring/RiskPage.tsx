import { useState } from 'react';
import { Card, Flex, Segmented, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { usePagedList } from '../../app/paging';
import { clientPath } from '../registry/types';
import { KEYS, useRiskCategoryLabels, useRiskHeatMap } from './queries';
import { CategoryBars, RiskTrend } from './RiskBars';
import { RiskHeatMap } from './RiskHeatMap';
import { RiskHistory } from './RiskHistory';
import { RiskRunBar } from './RiskRunBar';
import { RiskLevelTag } from './Tags';
import { RISK_REGISTER_API, riskSubjectTypes, severities, type RiskEntry, type RiskSubjectType, type Severity } from './types';

type Filters = { subjectType: RiskSubjectType; departmentId?: string; level?: Severity };

/** How many of the factors, highest first, the register shows; the history lists them all. */
const TOP_FACTORS = 3;

/** A client opens on its registry page for those who may read it; staff are named only. */
function SubjectName({ entry }: { entry: RiskEntry }) {
  const { can } = useAuth();
  const name = entry.subject.name;
  if (entry.subjectType !== 'client' || !can('registry.read')) return <span>{name}</span>;
  return (
    <Link to={clientPath(entry.subject.id)} onClick={(e) => e.stopPropagation()} data-testid="risk-subject-link">
      {name}
    </Link>
  );
}

/**
 * 风险评估: the latest assessment of clients or staff, the department × category heat map above the
 * register (a cell filters it to its department), highest scores first; a row opens its score history.
 */
export default function RiskPage() {
  const { t } = useTranslation();
  const list = usePagedList<RiskEntry, Filters>(KEYS.riskRegister, RISK_REGISTER_API, { subjectType: 'client' });
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });
  const { subjectType } = list.filters;
  const departments = (useRiskHeatMap(subjectType).data?.departments ?? []).filter((d) => d.id !== null);
  const labels = useRiskCategoryLabels(subjectType);
  const [expanded, setExpanded] = useState<readonly React.Key[]>([]);
  const toggle = (id: string) => setExpanded((keys) => (keys.includes(id) ? keys.filter((k) => k !== id) : [...keys, id]));

  const columns: TableColumnsType<RiskEntry> = [
    { title: t('monitoring.risk.subject'), key: 'subject', width: 200, fixed: 'left', render: (_, r) => <SubjectName entry={r} /> },
    { title: t('monitoring.risk.department'), key: 'department', width: 150, render: (_, r) => r.department?.name ?? t('common.none') },
    {
      title: t('monitoring.risk.score'),
      key: 'score',
      width: 130,
      render: (_, r) => (
        <Flex gap={8} align="center">
          <Typography.Text strong style={{ minWidth: 24, textAlign: 'right' }} data-testid="risk-score">{r.score}</Typography.Text>
          <RiskLevelTag level={r.level} />
        </Flex>
      ),
    },
    { title: t('monitoring.risk.trend'), key: 'trend', width: 90, render: (_, r) => <RiskTrend score={r.score} previousScore={r.previousScore} /> },
    { title: t('monitoring.risk.categories'), key: 'categories', width: 240, render: (_, r) => <CategoryBars points={r.categories} labels={labels} /> },
    {
      title: t('monitoring.risk.factors'),
      key: 'factors',
      ellipsis: { showTitle: false },
      render: (_, r) => {
        if (r.factors.length === 0) return <Typography.Text type="secondary">{t('monitoring.risk.noFactors')}</Typography.Text>;
        const top = r.factors.slice(0, TOP_FACTORS).map((f) => f.text).join(t('monitoring.listSeparator'));
        return (
          <Tooltip placement="topLeft" title={r.factors.map((f) => f.text).join(t('monitoring.listSeparator'))}>
            <span data-testid="risk-factors">{top}</span>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <Card title={t('monitoring.risk.heading')} data-testid="risk-page">
      <Typography.Paragraph type="secondary">{t('monitoring.risk.intro')}</Typography.Paragraph>
      <RiskRunBar />
      <Segmented<RiskSubjectType>
        value={subjectType}
        // Departments differ between the two lists, so the department filter starts over.
        onChange={(type) => set({ subjectType: type, departmentId: undefined })}
        options={riskSubjectTypes.map((s) => ({ value: s, label: t(`monitoring.risk.subjectType.${s}`) }))}
        style={{ marginBottom: 16 }}
        data-testid="risk-subject-type"
      />
      <RiskHeatMap subjectType={subjectType} departmentId={list.filters.departmentId} onDepartment={(departmentId) => set({ departmentId })} />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('monitoring.risk.allDepartments')}
          style={{ width: 200 }}
          value={list.filters.departmentId}
          onChange={(departmentId) => set({ departmentId })}
          options={departments.map((d) => ({ value: d.id!, label: d.name }))}
          data-testid="risk-filter-department"
        />
        <Select<Severity>
          allowClear
          placeholder={t('monitoring.risk.allLevels')}
          style={{ width: 130 }}
          value={list.filters.level}
          onChange={(level) => set({ level })}
          options={severities.map((s) => ({ value: s, label: t(`monitoring.risk.level.${s}`) }))}
          data-testid="risk-filter-level"
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<RiskEntry>
        rowKey={(r) => r.subject.id}
        columns={columns}
        {...list.tableProps}
        scroll={{ x: 1200 }}
        data-testid="risk-table"
        expandable={{
          expandedRowKeys: expanded,
          onExpand: (_, r) => toggle(r.subject.id),
          expandedRowRender: (r) => <RiskHistory subjectType={r.subjectType} id={r.subject.id} labels={labels} />,
        }}
        onRow={(r) =>
          ({
            onClick: () => toggle(r.subject.id),
            style: { cursor: 'pointer' },
            'data-testid': 'risk-row',
            'data-subject': r.subject.name,
            'data-level': r.level,
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}
