import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../app/components/FormModal';
import { formatDay } from './dates';
import { IdentifierFields } from './PartyListFields';
import { useAction, useRegistryRefresh } from './queries';
import { partyApi, type Identifier, type IdentifierScheme, type PartyDetail } from './types';

type IdentifierValues = { scheme: IdentifierScheme; value: string; country?: string };

/** Identifiers, masked where personal; revealing one is audited on the server. */
export function PartyIdentifiers({ party, canWrite }: { party: PartyDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const canReveal = useAuth().can('identifiers.reveal');
  const act = useAction();
  const refresh = useRegistryRefresh();
  const [adding, setAdding] = useState(false);
  const editable = canWrite && !party.endedAt;

  async function reveal(identifier: Identifier) {
    try {
      const { value } = await api.post<{ value: string }>(partyApi(party.id, `/identifiers/${identifier.id}/reveal`));
      modal.info({
        title: t(`registry.scheme.${identifier.scheme}`),
        content: (
          <>
            <Typography.Paragraph code copyable style={{ fontSize: 16, marginTop: 12 }}>{value}</Typography.Paragraph>
            <Alert type="info" showIcon title={t('parties.revealAudited')} />
          </>
        ),
      });
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const columns: TableColumnsType<Identifier> = [
    { title: t('parties.scheme'), dataIndex: 'scheme', render: (v: IdentifierScheme) => t(`registry.scheme.${v}`) },
    { title: t('parties.identifierValue'), dataIndex: 'value', render: (v: string, i) => <Typography.Text code delete={!!i.endedAt}>{v}</Typography.Text> },
    { title: t('parties.country'), dataIndex: 'country', render: (v: string | null) => v ?? t('common.none') },
    { title: t('registry.since'), dataIndex: 'createdAt', render: (v: string) => formatDay(v) },
    { title: t('registry.endedAt'), dataIndex: 'endedAt', render: (v: string | null) => formatDay(v) },
  ];
  if (canReveal || editable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, i) => (
        <Space size={0}>
          {canReveal && i.masked && <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => reveal(i)}>{t('parties.reveal')}</Button>}
          {editable && !i.endedAt && (
            <Popconfirm title={t('parties.endIdentifierConfirm')} onConfirm={() => act(() => api.post(partyApi(party.id, `/identifiers/${i.id}/end`)))}>
              <Button type="link" size="small" danger>{t('registry.end')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('parties.identifiers')}
      extra={editable && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('parties.addIdentifier')}</Button>}
    >
      <Table<Identifier> rowKey="id" size="small" pagination={false} columns={columns} dataSource={party.identifiers} scroll={{ x: 500 }} />
      <FormModal<IdentifierValues>
        open={adding}
        title={t('parties.addIdentifier')}
        okText={t('common.create')}
        onCancel={() => setAdding(false)}
        onSubmit={async ({ scheme, value, country }) => {
          await api.post(partyApi(party.id, '/identifiers'), { scheme, value: value.trim(), country: country?.trim().toUpperCase() || null });
          setAdding(false);
          await refresh();
        }}
      >
        <IdentifierFields />
      </FormModal>
    </Card>
  );
}
