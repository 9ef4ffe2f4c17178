import { useState } from 'react';
import { Button, Card, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { FormModal } from '../../app/components/FormModal';
import { formatDay } from './dates';
import { NameFields } from './PartyListFields';
import { useAction, useRegistryRefresh } from './queries';
import { partyApi, type NameLanguage, type NameType, type PartyDetail, type PartyName } from './types';

type NameValues = { name: string; nameType: NameType; language?: NameLanguage };

/** Every name the party is known by, with its history; writers add and end aliases. */
export function PartyNames({ party, canWrite }: { party: PartyDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const act = useAction();
  const refresh = useRegistryRefresh();
  const [adding, setAdding] = useState(false);
  const editable = canWrite && !party.endedAt;

  const columns: TableColumnsType<PartyName> = [
    { title: t('parties.name'), dataIndex: 'name', render: (name: string, n) => (n.endedAt ? <s>{name}</s> : name) },
    { title: t('parties.nameType'), dataIndex: 'nameType', render: (v: NameType) => <Tag color={v === 'primary' ? 'blue' : undefined}>{t(`registry.nameType.${v}`)}</Tag> },
    { title: t('parties.language'), dataIndex: 'language', render: (v: NameLanguage) => t(`registry.language.${v}`) },
    { title: t('registry.since'), dataIndex: 'createdAt', render: (v: string) => formatDay(v) },
    { title: t('registry.endedAt'), dataIndex: 'endedAt', render: (v: string | null) => formatDay(v) },
  ];
  if (editable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, n) =>
        !n.endedAt && n.nameType !== 'primary' && (
          <Popconfirm title={t('parties.endNameConfirm', { name: n.name })} onConfirm={() => act(() => api.post(partyApi(party.id, `/names/${n.id}/end`)))}>
            <Button type="link" size="small" danger>{t('registry.end')}</Button>
          </Popconfirm>
        ),
    });
  }

  return (
    <Card
      title={t('parties.names')}
      extra={editable && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('parties.addName')}</Button>}
    >
      <Table<PartyName> rowKey="id" size="small" pagination={false} columns={columns} dataSource={party.names} scroll={{ x: 500 }} />
      <FormModal<NameValues>
        open={adding}
        title={t('parties.addName')}
        okText={t('common.create')}
        onCancel={() => setAdding(false)}
        onSubmit={async (values) => {
          await api.post(partyApi(party.id, '/names'), { ...values, name: values.name.trim() });
          setAdding(false);
          await refresh();
        }}
      >
        <NameFields />
      </FormModal>
    </Card>
  );
}
