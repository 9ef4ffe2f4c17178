import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Input, Select, Spin, Table, type TableColumnsType } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { usePagedList, type Page } from '../../app/paging';
import { useDebounced } from '../registry/queries';
import { KEYS, useTaxonomyOptions } from './queries';
import { CaseStateTag, DueTag, SeverityTag } from './Tags';
import { CASES_API, REPORT_PATH, caseStates, casePath, type CaseState, type CaseSummary, type Person } from './types';

type Filters = { state?: CaseState; kind?: string; severity?: string; responsible?: string; overdue?: 'true' | 'false'; reviewDue?: 'true'; q?: string };

/** "Mine", or (for those who may read the firm's users) anyone found by name. */
function ResponsibleFilter({ value, onChange }: { value?: string; onChange(value: string | undefined): void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const users = useQuery({
    queryKey: ['users', 'case-filter', q],
    queryFn: () => api.get<Page<Person & { username: string }>>('/api/users', { q, pageSize: 20 }),
    enabled: can('users.read'),
    placeholderData: keepPreviousData,
  });
  const [chosen, setChosen] = useState<{ value: string; label: string }>();
  const found = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  const options = [{ value: 'me', label: t('cases.list.responsibleMe') }, ...(chosen && !found.some((o) => o.value === chosen.value) ? [chosen] : []), ...found];
  return (
    <Select
      allowClear
      value={value}
      placeholder={t('cases.list.responsible')}
      style={{ width: 160 }}
      showSearch={can('users.read') ? { filterOption: false, onSearch: setSearch } : false}
      notFoundContent={users.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      data-testid="filter-responsible"
      onChange={(id: string | undefined) => {
        setChosen(options.find((o) => o.value === id));
        onChange(id);
      }}
    />
  );
}

/** 冲突案件: the cases one reported or runs, or every case for readers of all; filtered, searched and paged on the server. */
export default function CasesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const list = usePagedList<CaseSummary, Filters>(KEYS.cases, CASES_API, {});
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });
  const kinds = useTaxonomyOptions('conflictKinds', true);
  const severities = useTaxonomyOptions('severities', true);

  const columns: TableColumnsType<CaseSummary> = [
    { title: t('cases.list.ref'), dataIndex: 'ref', width: 160, fixed: 'left', render: (ref: string, c) => <Link to={casePath(c.id)} data-testid="case-link">{ref}</Link> },
    { title: t('cases.list.title'), dataIndex: 'title', ellipsis: true },
    { title: t('cases.list.state'), dataIndex: 'state', width: 110, render: (s: CaseState) => <CaseStateTag state={s} /> },
    { title: t('cases.list.kind'), dataIndex: 'kindLabel', width: 120 },
    { title: t('cases.list.severity'), dataIndex: 'severity', width: 90, render: (s: string | null) => <SeverityTag severity={s} /> },
    { title: t('cases.list.responsible'), key: 'responsible', width: 100, render: (_, c) => c.responsible?.displayName ?? t('cases.unassigned') },
    { title: t('cases.list.due'), key: 'due', width: 170, render: (_, c) => <DueTag c={c} /> },
    { title: t('cases.list.source'), dataIndex: 'source', width: 120, render: (s: CaseSummary['source']) => t(`cases.source.${s}`) },
    { title: t('cases.list.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card
      title={t('cases.list.heading')}
      extra={can('cases.report') && <Link to={REPORT_PATH}><Button type="primary" icon={<AlertOutlined />}>{t('cases.report.title')}</Button></Link>}
    >
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Select<CaseState>
          allowClear
          placeholder={t('cases.list.state')}
          style={{ width: 140 }}
          value={list.filters.state}
          onChange={(state) => set({ state })}
          options={caseStates.map((s) => ({ value: s, label: t(`cases.state.${s}`) }))}
          data-testid="filter-state"
        />
        <Select allowClear placeholder={t('cases.list.kind')} style={{ width: 150 }} value={list.filters.kind} onChange={(kind: string | undefined) => set({ kind })} options={kinds.options} data-testid="filter-kind" />
        <Select allowClear placeholder={t('cases.list.severity')} style={{ width: 120 }} value={list.filters.severity} onChange={(severity: string | undefined) => set({ severity })} options={severities.options} data-testid="filter-severity" />
        <ResponsibleFilter value={list.filters.responsible} onChange={(responsible) => set({ responsible })} />
        <Select<'true' | 'false'>
          allowClear
          placeholder={t('cases.list.overdue')}
          style={{ width: 120 }}
          value={list.filters.overdue}
          onChange={(overdue) => set({ overdue })}
          options={[
            { value: 'true', label: t('cases.list.overdueYes') },
            { value: 'false', label: t('cases.list.overdueNo') },
          ]}
          data-testid="filter-overdue"
        />
        <Checkbox checked={list.filters.reviewDue === 'true'} onChange={(e) => set({ reviewDue: e.target.checked ? 'true' : undefined })} data-testid="filter-review-due">
          {t('cases.list.reviewDue')}
        </Checkbox>
        <Input.Search allowClear placeholder={t('cases.list.searchPlaceholder')} onSearch={(q) => set({ q: q.trim() })} style={{ width: 280 }} data-testid="cases-search" />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<CaseSummary> rowKey="id" columns={columns} {...list.tableProps} scroll={{ x: 1300 }} data-testid="cases-table" />
    </Card>
  );
}
