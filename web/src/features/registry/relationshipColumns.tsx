import type { ReactNode } from 'react';
import { Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { partyPath, type PartyRef, type Relationship, type RelationshipType, type Source } from './types';

function PartyLink({ party, self }: { party: PartyRef; self?: string }) {
  // The party whose page this is needs no link to itself.
  return party.id === self ? <Typography.Text strong>{party.name}</Typography.Text> : <Link to={partyPath(party.id)}>{party.name}</Link>;
}

function Status({ r }: { r: Relationship }) {
  const { t } = useTranslation();
  if (r.supersededById) return <Tag>{t('relationships.superseded')}</Tag>;
  return r.current ? <Tag color="green">{t('relationships.current')}</Tag> : <Tag>{t('relationships.ended')}</Tag>;
}

/** from → type → to columns shared by the relationships list and a party's page. */
export function useRelationshipColumns(options: { self?: string; actions?: (r: Relationship) => ReactNode } = {}): TableColumnsType<Relationship> {
  const { t } = useTranslation();
  const columns: TableColumnsType<Relationship> = [
    { title: t('relationships.from'), dataIndex: 'from', render: (p: PartyRef) => <PartyLink party={p} self={options.self} /> },
    {
      title: t('relationships.type'),
      dataIndex: 'type',
      render: (type: RelationshipType) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Tag color="geekblue">{t(`registry.relType.${type}`)}</Tag>
          <Typography.Text type="secondary"><ArrowRightOutlined /></Typography.Text>
        </span>
      ),
    },
    { title: t('relationships.to'), dataIndex: 'to', render: (p: PartyRef) => <PartyLink party={p} self={options.self} /> },
    { title: t('relationships.percentage'), dataIndex: 'percentage', width: 90, render: (v: string | null) => v ?? t('common.none') },
    { title: t('relationships.role'), dataIndex: 'role', render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('relationships.period'),
      key: 'period',
      width: 200,
      render: (_, r) => `${r.validFrom ?? '…'} ~ ${r.validTo ?? '…'}`,
    },
    { title: t('relationships.status'), key: 'status', width: 90, render: (_, r) => <Status r={r} /> },
    { title: t('registry.source'), dataIndex: 'source', width: 100, render: (v: Source) => t(`registry.sourceName.${v}`) },
  ];
  const { actions } = options;
  if (actions) columns.push({ title: t('common.actions'), key: 'actions', render: (_, r) => actions(r) });
  return columns;
}
