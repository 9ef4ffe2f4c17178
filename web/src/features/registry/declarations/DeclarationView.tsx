import { Descriptions, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import type { Declaration, DeclarationItem, DeclarationStatus } from './declarationTypes';

const STATUS_COLORS: Record<DeclarationStatus, string> = { submitted: 'processing', accepted: 'success', rejected: 'error', withdrawn: 'default' };

export function DeclarationStatusTag({ status }: { status: DeclarationStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`declarations.status.${status}`)}</Tag>;
}

/** "2 relatives, 1 interest" for a list row. */
export function useItemCount(): (d: Declaration) => string {
  const { t } = useTranslation();
  return (d) => {
    const counted = (type: DeclarationItem['type']) => d.items.filter((i) => i.type === type).length;
    return t('declarations.itemCount', { relatives: counted('relative'), interests: counted('interest'), disputes: counted('dispute') });
  };
}

/** The declared items and the review outcome, for an expanded row. */
export function DeclarationView({ declaration: d }: { declaration: Declaration }) {
  const { t } = useTranslation();
  const period = (from?: string | null, to?: string | null) => (from || to ? `${from ?? '…'} ~ ${to ?? '…'}` : null);
  const details = (i: DeclarationItem) =>
    (i.type === 'relative'
      ? [[t('declarations.idNumber'), i.idNumber], [t('declarations.employer'), i.employer], [t('declarations.position'), i.position]]
      : i.type === 'dispute'
        ? [[t('declarations.counterpartyIdentifier'), i.counterpartyIdentifier], [t('relationships.period'), period(i.since, i.endedOn)]]
        : [[t('registry.scheme.uscc'), i.uscc], [t('relationships.percentage'), i.percentage && `${String(i.percentage).replace(/%$/, '')}%`], [t('relationships.role'), i.role], [t('relationships.period'), period(i.validFrom, i.validTo)]]
    )
      .filter(([, value]) => value)
      .map(([label, value]) => `${label}：${value}`)
      .join('；');
  const columns: TableColumnsType<DeclarationItem> = [
    { title: t('declarations.itemType'), dataIndex: 'type', width: 110, render: (v: DeclarationItem['type']) => <Tag>{t(`declarations.itemTypes.${v}`)}</Tag> },
    { title: t('relationships.type'), key: 'relation', width: 120, render: (_, i) => t(`registry.relType.${i.type === 'dispute' ? 'dispute' : i.relation}`) },
    // A dispute with a registry party picked by id carries no name of its own.
    { title: t('declarations.nameOrOrganisation'), key: 'name', render: (_, i) => (i.type === 'relative' ? i.name : i.type === 'dispute' ? i.counterpartyName || t('common.none') : i.organisation) },
    { title: t('declarations.details'), key: 'details', render: (_, i) => details(i) || t('common.none') },
    { title: t('declarations.notes'), key: 'notes', render: (_, i) => (i.type === 'dispute' ? i.description : i.notes) || t('common.none') },
  ];
  return (
    <>
      {d.statement && <Typography.Paragraph>{d.statement}</Typography.Paragraph>}
      <Table<DeclarationItem> size="small" pagination={false} columns={columns} dataSource={d.items.map((item, key) => ({ ...item, key }))} locale={{ emptyText: t('declarations.nothingDeclared') }} />
      {d.reviewedAt && (
        <Descriptions
          size="small"
          style={{ marginTop: 12 }}
          items={[
            { key: 'by', label: t('declarations.reviewedBy'), children: d.reviewedBy?.displayName ?? t('common.none') },
            { key: 'at', label: t('declarations.reviewedAt'), children: formatDateTime(d.reviewedAt) },
            { key: 'comment', label: t('declarations.reviewComment'), children: d.reviewComment ?? t('common.none') },
            ...(d.relationshipIds.length ? [{ key: 'rels', label: t('declarations.relationshipsCreated'), children: d.relationshipIds.length }] : []),
          ]}
        />
      )}
    </>
  );
}
