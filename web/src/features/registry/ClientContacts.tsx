import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, Popconfirm, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { FormModal } from '../../app/components/FormModal';
import { formatDay } from './dates';
import { PartySelect } from './PartySelect';
import { useAction, useRegistryRefresh } from './queries';
import { clientApi, partyPath, type ClientDetail, type Contact } from './types';

interface Values {
  source: 'existing' | 'new';
  partyId?: string;
  personName?: string;
  role?: string;
  title?: string;
  isPrimary: boolean;
}

function ContactModal({ open, client, onClose }: { open: boolean; client: ClientDetail; onClose(): void }) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  async function submit(v: Values) {
    await api.post(clientApi(client.id, '/contacts'), {
      ...(v.source === 'new' ? { person: { name: v.personName?.trim() } } : { partyId: v.partyId }),
      role: v.role?.trim() || null,
      title: v.title?.trim() || null,
      isPrimary: v.isPrimary,
    });
    onClose();
    await refresh();
  }
  return (
    <FormModal<Values> open={open} title={t('clients.addContact')} okText={t('common.create')} initialValues={{ source: 'existing', isPrimary: false }} onCancel={onClose} onSubmit={submit}>
      <Form.Item name="source">
        <Radio.Group optionType="button" options={[{ value: 'existing', label: t('clients.existingPerson') }, { value: 'new', label: t('clients.newPerson') }]} />
      </Form.Item>
      <Form.Item noStyle dependencies={['source']}>
        {({ getFieldValue }) =>
          getFieldValue('source') === 'new' ? (
            <Form.Item name="personName" label={t('clients.personName')} rules={[{ required: true, whitespace: true, message: t('registry.required') }]}>
              <Input maxLength={300} />
            </Form.Item>
          ) : (
            <Form.Item name="partyId" label={t('clients.contactParty')} rules={[{ required: true, message: t('registry.required') }]}>
              <PartySelect kind="person" />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="role" label={t('clients.contactRole')}>
        <Input maxLength={100} placeholder={t('clients.contactRoleHint')} />
      </Form.Item>
      <Form.Item name="title" label={t('clients.contactTitle')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="isPrimary" valuePropName="checked">
        <Checkbox>{t('clients.primaryContact')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

export function ClientContacts({ client, canWrite }: { client: ClientDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const act = useAction();
  const [adding, setAdding] = useState(false);
  const none = t('common.none');

  const columns: TableColumnsType<Contact> = [
    {
      title: t('clients.personName'),
      dataIndex: 'party',
      render: (p: Contact['party'], c) => (
        <>
          <Link to={partyPath(p.id)}>{c.endedAt ? <s>{p.name}</s> : p.name}</Link> {c.isPrimary && <Tag color="blue">{t('clients.primary')}</Tag>}
        </>
      ),
    },
    { title: t('clients.contactRole'), dataIndex: 'role', render: (v: string | null) => v ?? none },
    { title: t('clients.contactTitle'), dataIndex: 'title', render: (v: string | null) => v ?? none },
    { title: t('registry.since'), dataIndex: 'createdAt', render: (v: string) => formatDay(v) },
    { title: t('registry.endedAt'), dataIndex: 'endedAt', render: (v: string | null) => formatDay(v) },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) =>
        !c.endedAt && (
          <Popconfirm title={t('clients.endContactConfirm', { name: c.party.name })} onConfirm={() => act(() => api.post(clientApi(client.id, `/contacts/${c.id}/end`)))}>
            <Button type="link" size="small" danger>{t('registry.end')}</Button>
          </Popconfirm>
        ),
    });
  }

  return (
    <Card title={t('clients.contacts')} extra={canWrite && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('clients.addContact')}</Button>}>
      <Table<Contact> rowKey="id" size="small" pagination={false} columns={columns} dataSource={client.contacts} scroll={{ x: 700 }} />
      {canWrite && <ContactModal open={adding} client={client} onClose={() => setAdding(false)} />}
    </Card>
  );
}
