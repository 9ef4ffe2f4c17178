import { Flex, Input, Segmented, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { usePagedList } from '../../app/paging';
import { ConflictsFrame } from './ConflictsFrame';
import { LevelTag } from './LevelTag';
import { KEYS } from './queries';
import { CHECKS_API, HISTORY_PATH, checkPath, type ConflictCheckSummary, type Level } from './types';

type Scope = 'mine' | 'all';
type Filters = { scope: Scope; q?: string };

function History() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canCheck = can('conflicts.check');
  const canReadAll = can('conflicts.history');
  const list = usePagedList<ConflictCheckSummary, Filters>(KEYS.checks, CHECKS_API, { scope: canCheck ? 'mine' : 'all' });
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });

  const columns: TableColumnsType<ConflictCheckSummary> = [
    {
      title: t('conflicts.history.ref'),
      dataIndex: 'ref',
      width: 170,
      render: (ref: string, c) => <Link to={checkPath(c.id)} data-testid="history-ref">{ref}</Link>,
    },
    {
      title: t('conflicts.history.subjects'),
      dataIndex: 'subjects',
      render: (subjects: string[]) => (
        <Tooltip title={subjects.length > 3 ? subjects.join('、') : undefined}>
          {subjects.slice(0, 3).join('、')}
          {subjects.length > 3 && <Typography.Text type="secondary"> {t('conflicts.history.more', { n: subjects.length - 3 })}</Typography.Text>}
        </Tooltip>
      ),
    },
    { title: t('conflicts.history.level'), dataIndex: 'level', width: 130, render: (level: Level) => <LevelTag level={level} /> },
    { title: t('conflicts.history.hits'), dataIndex: 'hitCount', width: 80, align: 'right' },
    {
      title: t('conflicts.form.purpose'),
      dataIndex: 'purpose',
      ellipsis: true,
      render: (purpose: string | null) => purpose || t('common.none'),
    },
    {
      title: t('conflicts.history.how'),
      key: 'how',
      width: 150,
      render: (_, c) => t('conflicts.history.howValue', { mode: t(`conflicts.mode.${c.mode}`), hops: c.hops }),
    },
    ...(list.filters.scope === 'all'
      ? [{ title: t('conflicts.result.checkedBy'), key: 'by', width: 120, render: (_: unknown, c: ConflictCheckSummary) => c.checkedBy?.displayName ?? t('common.none') }]
      : []),
    { title: t('conflicts.result.checkedAt'), dataIndex: 'checkedAt', width: 180, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        {canReadAll && canCheck && (
          <Segmented<Scope>
            value={list.filters.scope}
            onChange={(scope) => set({ scope })}
            options={[
              { value: 'mine', label: t('conflicts.history.mine') },
              { value: 'all', label: t('conflicts.history.all') },
            ]}
            data-testid="history-scope"
          />
        )}
        <Input.Search
          allowClear
          placeholder={t('conflicts.history.searchPlaceholder')}
          onSearch={(q) => set({ q: q.trim() })}
          style={{ width: 320 }}
          data-testid="history-search"
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<ConflictCheckSummary> rowKey="id" columns={columns} {...list.tableProps} scroll={{ x: 1000 }} data-testid="history-table" />
    </>
  );
}

/** Saved checks: one's own, or everyone's with the history permission; each opens as it was saved. */
export default function HistoryPage() {
  return (
    <ConflictsFrame active={HISTORY_PATH}>
      <History />
    </ConflictsFrame>
  );
}
