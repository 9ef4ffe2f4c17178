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
    const relatives = d.items.filter((i) => i.type === 'relative').length;
    return t('declarations.itemCount', { relatives, interests: d.items.length - relatives });
  };
}

/** The declared items and the review outcome, for an expanded row. */
export function DeclarationView({ declaration: d }: { declaration: Declaration }) {
  const { t } = useTranslation();
  const details = (i: DeclarationItem) =>
    (i.type === 'relative'
      ? [[t('declarations.idNumber'), i.idNumber], [t('declarations.employer'), i.employer], [t('declarations.position'), i.position]]
      : [[t('registry.scheme.uscc'), i.uscc], [t('relationships.percentage'), i.percentage && `${String(i.percentage).replace(/%$/, '')}%`], [t('relationships.role'), i.role], [t('relationships.period'), i.validFrom || i.validTo ? `${i.validFrom ?? '…'} ~ ${i.validTo ?? '…'}` : null]]
    )
      .filter(([, value]) => value)
      .map(([label, value]) => `${label}：${value}`)
      .join('；');
  const columns: TableColumnsType<DeclarationItem> = [
    { title: t('declarations.itemType'), dataIndex: 'type', width: 110, render: (v: DeclarationItem['type']) => <Tag>{t(`declarations.itemTypes.${v}`)}</Tag> },
    { title: t('relationships.type'), dataIndex: 'relation', width: 120, render: (v: DeclarationItem['relation']) => t(`registry.relType.${v}`) },
    { title: t('declarations.nameOrOrganisation'), key: 'name', render: (_, i) => (i.type === 'relative' ? i.name : i.organisation) },
    { title: t('declarations.details'), key: 'details', render: (_, i) => details(i) || t('common.none') },
    { title: t('declarations.notes'), dataIndex: 'notes', render: (v?: string | null) => v || t('common.none') },
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
