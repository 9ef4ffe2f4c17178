import { useState } from 'react';
import { Button, Card, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RelationshipAddModal, RelationshipEndModal, RelationshipSupersedeModal } from './RelationshipForms';
import { useRelationshipColumns } from './relationshipColumns';
import type { PartyDetail, Relationship } from './types';

type Dialog = { action: 'add' | 'supersede' | 'end'; open: boolean; relationship?: Relationship };

/** A party's relationships, current and ended; writers add, correct (supersede) and end them. */
export function PartyRelationships({ party, canWrite }: { party: PartyDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>({ action: 'add', open: false });
  const close = () => setDialog((d) => ({ ...d, open: false }));
  const editable = canWrite && !party.endedAt;

  const columns = useRelationshipColumns({
    self: party.id,
    actions: editable
      ? (r) =>
          r.current &&
          !r.supersededById && (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setDialog({ action: 'supersede', open: true, relationship: r })}>{t('relationships.supersede')}</Button>
              <Button type="link" size="small" danger onClick={() => setDialog({ action: 'end', open: true, relationship: r })}>{t('registry.end')}</Button>
            </Space>
          )
      : undefined,
  });

  return (
    <Card
      title={t('relationships.title')}
      extra={editable && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ action: 'add', open: true })}>{t('relationships.add')}</Button>}
    >
      <Table<Relationship>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={party.relationships}
        pagination={party.relationships.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 1000 }}
      />
      {editable && (
        <>
          <RelationshipAddModal open={dialog.open && dialog.action === 'add'} party={party} onClose={close} />
          <RelationshipSupersedeModal open={dialog.open && dialog.action === 'supersede'} relationship={dialog.relationship} onClose={close} />
          <RelationshipEndModal open={dialog.open && dialog.action === 'end'} relationship={dialog.relationship} onClose={close} />
        </>
      )}
    </Card>
  );
}
