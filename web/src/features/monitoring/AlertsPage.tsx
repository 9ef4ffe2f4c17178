import { Button, Card, Checkbox, Flex, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ControlOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { usePagedList } from '../../app/paging';
import { AlertsDashboard } from './Dashboard';
import { KEYS, useDashboard } from './queries';
import { AlertSeverityTag, AlertStateTag } from './Tags';
import { ALERTS_API, RULES_PATH, alertPath, severities, stateFilters, type Alert, type AlertState, type RuleKind, type Severity, type StateFilter } from './types';

type Filters = { state?: StateFilter; rule?: RuleKind; severity?: Severity; mine?: 'true' };

/** Whom or what the alert is about: its client and recipient, else the member of staff. */
function Subject({ a }: { a: Alert }) {
  const { t } = useTranslation();
  const main = a.client?.name ?? a.recipient?.name ?? a.user?.displayName;
  const second = a.client && a.recipient && a.recipient.name !== a.client.name ? a.recipient.name : null;
  if (!main) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Flex vertical>
      <span>{main}</span>
      {second && <Typography.Text type="secondary">{second}</Typography.Text>}
    </Flex>
  );
}

/** 预警: alerts still to judge first, by score; filtered and paged on the server, with the open ones at a glance above. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = usePagedList<Alert, Filters>(KEYS.alerts, ALERTS_API, { state: 'open' });
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });
  const rules = useDashboard().data?.byRule ?? [];

  const columns: TableColumnsType<Alert> = [
    {
      title: t('monitoring.list.ref'),
      dataIndex: 'ref',
      width: 150,
      fixed: 'left',
      render: (ref: string, a) => (
        <Link to={alertPath(a.id)} onClick={(e) => e.stopPropagation()} data-testid="alert-link">
          {ref}
        </Link>
      ),
    },
    { title: t('monitoring.list.rule'), dataIndex: 'ruleLabel', width: 160 },
    { title: t('monitoring.list.severity'), dataIndex: 'severity', width: 90, render: (s: Severity) => <AlertSeverityTag severity={s} /> },
    { title: t('monitoring.list.score'), dataIndex: 'score', width: 80, align: 'right' },
    {
      title: t('monitoring.list.explanation'),
      dataIndex: 'explanation',
      ellipsis: { showTitle: false },
      render: (text: string) => (
        <Tooltip placement="topLeft" title={text}>
          <span data-testid="alert-explanation-cell">{text}</span>
        </Tooltip>
      ),
    },
    { title: t('monitoring.list.subject'), key: 'subject', width: 200, render: (_, a) => <Subject a={a} /> },
    { title: t('monitoring.list.age'), dataIndex: 'ageDays', width: 80, align: 'right', render: (n: number) => t('monitoring.unit.days', { n }) },
    { title: t('monitoring.list.state'), dataIndex: 'state', width: 100, render: (s: AlertState) => <AlertStateTag state={s} /> },
  ];

  return (
    <Card
      title={t('monitoring.list.heading')}
      extra={
        <Link to={RULES_PATH}>
          <Button icon={<ControlOutlined />}>{t('monitoring.rules.heading')}</Button>
        </Link>
      }
    >
      <AlertsDashboard rule={list.filters.rule} onRule={(rule) => set({ rule })} />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Select<StateFilter>
          allowClear
          placeholder={t('monitoring.list.allStates')}
          style={{ width: 140 }}
          value={list.filters.state}
          onChange={(state) => set({ state })}
          options={stateFilters.map((s) => ({ value: s, label: t(`monitoring.state.${s}`) }))}
          data-testid="filter-state"
        />
        <Select<RuleKind>
          allowClear
          placeholder={t('monitoring.list.allRules')}
          style={{ width: 200 }}
          value={list.filters.rule}
          onChange={(rule) => set({ rule })}
          options={rules.map((r) => ({ value: r.rule, label: r.label }))}
          data-testid="filter-rule"
        />
        <Select<Severity>
          allowClear
          placeholder={t('monitoring.list.allSeverities')}
          style={{ width: 130 }}
          value={list.filters.severity}
          onChange={(severity) => set({ severity })}
          options={severities.map((s) => ({ value: s, label: t(`monitoring.severity.${s}`) }))}
          data-testid="filter-severity"
        />
        {can('monitoring.triage') && (
          <Checkbox checked={list.filters.mine === 'true'} onChange={(e) => set({ mine: e.target.checked ? 'true' : undefined })} data-testid="filter-mine">
            {t('monitoring.list.mine')}
          </Checkbox>
        )}
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Alert>
        rowKey="id"
        columns={columns}
        {...list.tableProps}
        scroll={{ x: 1200 }}
        data-testid="alerts-table"
        onRow={(a) =>
          ({
            onClick: () => navigate(alertPath(a.id)),
            style: { cursor: 'pointer' },
            'data-testid': 'alert-row',
            'data-ref': a.ref,
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}
