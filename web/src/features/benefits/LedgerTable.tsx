import { Button, Table, Tag, type TableColumnsType, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { departmentName } from '../../app/format';
import { formatMoney } from '../../app/money';
import { requestPath, type LedgerEntry, type LedgerKind, type RequestLedgerEntry } from './types';

const KIND_COLORS: Record<LedgerKind, string> = { request: 'default', approval: 'blue', payment: 'green', reversal: 'red' };

export function LedgerKindTag({ kind }: { kind: LedgerKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`benefits.ledgerKind.${kind}`)}</Tag>;
}

export type Entry = LedgerEntry | RequestLedgerEntry;

interface Props extends Pick<TableProps<Entry>, 'dataSource' | 'loading' | 'pagination' | 'summary'> {
  /** The columns that repeat the request (ref, parties, requester) when entries of many requests are shown. */
  withRequest?: boolean;
  /** Offers a reverse button on each payment not yet reversed. */
  onReverse?(entry: Entry): void;
  testId?: string;
}

/** Ledger entries: what was requested, approved, paid and reversed, in the currency entered and in CNY. */
export function LedgerTable({ withRequest = false, onReverse, testId = 'ledger-table', ...table }: Props) {
  const { t } = useTranslation();
  const reversed = new Set((table.dataSource ?? []).flatMap((e) => (e.reversesEntryId ? [e.reversesEntryId] : [])));
  const isReversed = (e: Entry) => ('reversed' in e && e.reversed === true) || reversed.has(e.id);
  const columns: TableColumnsType<Entry> = [
    { title: t('benefits.ledger.date'), dataIndex: 'entryDate', width: 110 },
    { title: t('benefits.ledger.kind'), dataIndex: 'kind', width: 90, render: (k: LedgerKind) => <LedgerKindTag kind={k} /> },
    ...(withRequest
      ? ([
          { title: t('benefits.list.ref'), dataIndex: 'requestRef', width: 160, render: (ref: string, e: Entry) => ('requestId' in e ? <Link to={requestPath(e.requestId)}>{ref}</Link> : ref) },
          { title: t('benefits.list.type'), dataIndex: 'benefitType', width: 80, render: (b: string) => t(`benefits.type.${b}` as 'benefits.type.gift') },
          { title: t('benefits.list.direction'), dataIndex: 'direction', width: 80, render: (d: string) => t(`benefits.direction.${d}` as 'benefits.direction.given') },
          { title: t('benefits.list.client'), key: 'client', ellipsis: true, render: (_: unknown, e: Entry) => (e as LedgerEntry).client?.name ?? t('common.none') },
          { title: t('benefits.list.counterparty'), key: 'counterparty', ellipsis: true, render: (_: unknown, e: Entry) => (e as LedgerEntry).counterparty.name },
          { title: t('benefits.list.requester'), key: 'requester', width: 90, render: (_: unknown, e: Entry) => (e as LedgerEntry).requester.displayName },
          { title: t('benefits.list.department'), key: 'department', width: 90, render: (_: unknown, e: Entry) => departmentName({ ...(e as LedgerEntry).department, code: '', nameEn: (e as LedgerEntry).department.nameEn ?? undefined }) },
        ] as TableColumnsType<Entry>)
      : []),
    { title: t('benefits.ledger.amount'), key: 'amount', align: 'right', width: 130, render: (_, e) => <span data-testid="ledger-amount">{formatMoney(e.amount)}</span> },
    { title: t('benefits.ledger.amountCny'), key: 'amountCny', align: 'right', width: 130, render: (_, e) => formatMoney(e.amountCny) },
    {
      title: t('benefits.ledger.payment'),
      key: 'payment',
      width: 170,
      render: (_, e) => (e.paymentMethod ? `${t(`benefits.method.${e.paymentMethod}`)}${e.voucherNo ? ` · ${e.voucherNo}` : ''}` : (e.voucherNo ?? '')),
    },
    { title: t('benefits.ledger.note'), dataIndex: 'note', ellipsis: true, render: (n: string | null) => n ?? '' },
    { title: t('benefits.ledger.by'), key: 'by', width: 90, render: (_, e) => e.createdBy?.displayName ?? t('common.none') },
    ...(onReverse
      ? ([{
          title: t('common.actions'),
          key: 'actions',
          width: 90,
          fixed: 'right',
          render: (_: unknown, e: Entry) =>
            e.kind === 'payment' && !isReversed(e) ? (
              <Button size="small" danger type="link" onClick={() => onReverse(e)} data-testid="reverse-payment">
                {t('benefits.action.reverse')}
              </Button>
            ) : null,
        }] as TableColumnsType<Entry>)
      : []),
  ];
  return <Table<Entry> rowKey="id" size="small" columns={columns} scroll={{ x: withRequest ? 1400 : 900 }} data-testid={testId} {...table} />;
}
