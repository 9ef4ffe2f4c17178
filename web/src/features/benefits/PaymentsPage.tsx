import { useState } from 'react';
import { Button, Card, Flex, Input, Segmented, Space, Spin, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { usePagedList } from '../../app/paging';
import { remainingOf, useActionDialogs } from './actions';
import { LedgerTable } from './LedgerTable';
import { formatMoney } from '../../app/money';
import { KEYS, useBenefitRequest } from './queries';
import { useRequestColumns } from './RequestsPage';
import { API, type BenefitRequest, type RequestState } from './types';

type PayState = Extract<RequestState, 'approved' | 'partially_paid' | 'paid'>;
type Filters = { scope: 'all'; state: PayState; q?: string };

/** A request's payments, read when its row is opened; each payment may be reversed with a reason. */
function Payments({ id }: { id: string }) {
  const detail = useBenefitRequest(id);
  const actions = useActionDialogs(detail.data);
  if (detail.isPending) return <Spin size="small" />;
  if (!detail.data) return <ErrorAlert error={detail.error} />;
  const money = detail.data.ledger.filter((e) => e.kind === 'payment' || e.kind === 'reversal');
  return (
    <>
      <LedgerTable
        dataSource={money}
        pagination={false}
        testId="payments-ledger"
        onReverse={detail.data.allowedActions.includes('reverse') ? (entry) => actions.open({ kind: 'reverse', entry }) : undefined}
      />
      {actions.dialogs}
    </>
  );
}

/** 付款登记: approved requests waiting for payment, partly paid ones, and paid ones to close. */
export default function PaymentsPage() {
  const { t } = useTranslation();
  const list = usePagedList<BenefitRequest, Filters>(KEYS.requests, API.requests, { scope: 'all', state: 'approved' });
  const [acting, setActing] = useState<BenefitRequest>();
  const actions = useActionDialogs(acting);
  const base = useRequestColumns(true).filter((c) => !['riskScore', 'createdAt'].includes(String((c as { dataIndex?: string }).dataIndex)));

  const columns: TableColumnsType<BenefitRequest> = [
    ...base,
    { title: t('benefits.list.approved'), key: 'approved', width: 120, align: 'right', render: (_, r) => formatMoney(r.approvedAmount) },
    { title: t('benefits.list.paid'), key: 'paid', width: 120, align: 'right', render: (_, r) => formatMoney(r.paid) },
    { title: t('benefits.payment.remainingShort'), key: 'remaining', width: 120, align: 'right', render: (_, r) => <span data-testid="remaining">{formatMoney(remainingOf(r))}</span> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, r) => (
        <Space size={4}>
          {r.allowedActions.includes('pay') && (
            <Button size="small" type="primary" onClick={() => { setActing(r); actions.open({ kind: 'pay' }); }} data-testid="record-payment">
              {t('benefits.action.pay')}
            </Button>
          )}
          {r.allowedActions.includes('close') && (
            <Button size="small" onClick={() => { setActing(r); actions.open({ kind: 'close' }); }} data-testid="close-request">
              {t('benefits.action.close')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('benefits.payment.pageTitle')}>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<PayState>
          value={list.filters.state}
          onChange={(state) => list.setFilters({ ...list.filters, state })}
          options={(['approved', 'partially_paid', 'paid'] as const).map((s) => ({ value: s, label: t(`benefits.state.${s}`) }))}
          data-testid="payments-state"
        />
        <Input.Search allowClear placeholder={t('benefits.list.searchPlaceholder')} onSearch={(q) => list.setFilters({ ...list.filters, q: q.trim() })} style={{ width: 280 }} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<BenefitRequest>
        rowKey="id"
        columns={columns}
        {...list.tableProps}
        scroll={{ x: 1500 }}
        expandable={{ expandedRowRender: (r) => <Payments id={r.id} />, rowExpandable: (r) => r.paid.amountMinor !== 0 || r.state !== 'approved' }}
        data-testid="payments-table"
      />
      {actions.dialogs}
    </Card>
  );
}
