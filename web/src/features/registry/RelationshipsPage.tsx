import { Card, Flex, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../app/paging';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { ExportButtons } from './ExportButtons';
import { KEYS } from './queries';
import { useRelationshipColumns } from './relationshipColumns';
import { RELATIONSHIP_TYPES, SOURCES, type Relationship, type RelationshipType, type Source } from './types';

type Status = 'current' | 'ended' | 'all';
type Filters = { type?: RelationshipType; status: Status; source?: Source };

export default function RelationshipsPage() {
  const { t } = useTranslation();
  const list = usePagedList<Relationship, Filters>(KEYS.relationships, '/api/registry/relationships', { status: 'current' });
  const columns = useRelationshipColumns();
  const set = (patch: Partial<Filters>) => list.setFilters({ ...list.filters, ...patch });

  return (
    <Card title={t('relationships.title')} extra={<ExportButtons list="relationships" filters={list.filters} />}>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('relationships.type')}
          value={list.filters.type}
          onChange={(type?: RelationshipType) => set({ type })}
          options={RELATIONSHIP_TYPES.map((r) => ({ value: r, label: t(`registry.relType.${r}`) }))}
          style={{ width: 160 }}
        />
        <Select
          value={list.filters.status}
          onChange={(status: Status) => set({ status })}
          options={(['current', 'ended', 'all'] as const).map((s) => ({ value: s, label: t(`relationships.statusFilter.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('registry.source')}
          value={list.filters.source}
          onChange={(source?: Source) => set({ source })}
          options={SOURCES.map((s) => ({ value: s, label: t(`registry.sourceName.${s}`) }))}
          style={{ width: 130 }}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Relationship> rowKey="id" columns={columns} {...list.tableProps} scroll={{ x: 1100 }} />
    </Card>
  );
}
