import { Button, Card, Flex, Input, Segmented, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { usePagedList } from '../../app/paging';
import { formatMoney } from '../../app/money';
import { KEYS } from './queries';
import { RiskTag, StateTag, levelOf } from './Tags';
import { API, BENEFIT_TYPES, DIRECTIONS, PATHS, STATES, requestPath, type BenefitRequest, type BenefitType, type Direction, type RequestState } from './types';

type Scope = 'mine' | 'all';
type Filters = { scope: Scope; state?: RequestState; direction?: Direction; benefitType?: BenefitType; q?: string };

/** The columns every request list shares. */
export function useRequestColumns(withRequester = false): TableColumnsType<BenefitRequest> {
  const { t } = useTranslation();
  return [
    { title: t('benefits.list.ref'), dataIndex: 'ref', width: 160, fixed: 'left', render: (ref: string, r) => <Link to={requestPath(r.id)} data-testid="request-link">{ref}</Link> },
    { title: t('benefits.list.state'), dataIndex: 'state', width: 100, render: (s: RequestState) => <StateTag state={s} /> },
    { title: t('benefits.list.type'), dataIndex: 'benefitType', width: 80, render: (b: BenefitType) => t(`benefits.type.${b}`) },
    { title: t('benefits.list.direction'), dataIndex: 'direction', width: 80, render: (d: Direction) => t(`benefits.direction.${d}`) },
    { title: t('benefits.list.counterparty'), key: 'counterparty', ellipsis: true, render: (_, r) => r.counterparty.name },
    { title: t('benefits.list.client'), key: 'client', ellipsis: true, render: (_, r) => r.client?.name ?? t('common.none') },
    ...(withRequester ? [{ title: t('benefits.list.requester'), key: 'requester', width: 90, render: (_: unknown, r: BenefitRequest) => r.requester.displayName }] : []),
    { title: t('benefits.list.amount'), key: 'amount', width: 130, align: 'right', render: (_, r) => formatMoney(r.amount) },
    { title: t('benefits.list.waitingFor'), key: 'waitingFor', width: 120, render: (_, r) => (r.waitingFor ?? []).map((u) => u.displayName).join('、') },
    { title: t('benefits.list.risk'), dataIndex: 'riskScore', width: 100, render: (s: number | null) => (s === null ? t('common.none') : <RiskTag level={levelOf(s)} score={s} />) },
    { title: t('benefits.list.date'), dataIndex: 'benefitDate', width: 110 },
    { title: t('benefits.list.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];
}

/** 我的申请: one's own requests (or everyone's for readers of all), filtered by state, direction and type. */
export default function RequestsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canAll = can('benefits.read_all');
  const list = usePagedList<BenefitRequest, Filters>(KEYS.requests, API.requests, { scope: can('benefits.request') ? 'mine' : 'all' });
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });
  const columns = useRequestColumns(list.filters.scope === 'all');

  return (
    <Card
      title={t('benefits.list.title')}
      extra={can('benefits.request') && <Link to={PATHS.new}><Button type="primary" icon={<PlusOutlined />}>{t('benefits.list.new')}</Button></Link>}
    >
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        {canAll && can('benefits.request') && (
          <Segmented<Scope>
            value={list.filters.scope}
            onChange={(scope) => set({ scope })}
            options={[
              { value: 'mine', label: t('benefits.list.mine') },
              { value: 'all', label: t('benefits.list.all') },
            ]}
          />
        )}
        <Select<RequestState>
          allowClear
          placeholder={t('benefits.list.state')}
          style={{ width: 140 }}
          value={list.filters.state}
          onChange={(state) => set({ state })}
          options={STATES.map((s) => ({ value: s, label: t(`benefits.state.${s}`) }))}
          data-testid="filter-state"
        />
        <Select<Direction>
          allowClear
          placeholder={t('benefits.list.direction')}
          style={{ width: 140 }}
          value={list.filters.direction}
          onChange={(direction) => set({ direction })}
          options={DIRECTIONS.map((d) => ({ value: d, label: t(`benefits.direction.${d}`) }))}
        />
        <Select<BenefitType>
          allowClear
          placeholder={t('benefits.list.type')}
          style={{ width: 120 }}
          value={list.filters.benefitType}
          onChange={(benefitType) => set({ benefitType })}
          options={BENEFIT_TYPES.map((b) => ({ value: b, label: t(`benefits.type.${b}`) }))}
        />
        <Input.Search allowClear placeholder={t('benefits.list.searchPlaceholder')} onSearch={(q) => set({ q: q.trim() })} style={{ width: 280 }} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<BenefitRequest> rowKey="id" columns={columns} {...list.tableProps} scroll={{ x: 1300 }} data-testid="requests-table" />
    </Card>
  );
}
