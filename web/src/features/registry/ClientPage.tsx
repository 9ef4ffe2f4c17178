import { useState } from 'react';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ClientContacts } from './ClientContacts';
import { ClientFormModal } from './ClientFormModal';
import { ClientDescriptions } from './PartyClientCard';
import { Pending } from './Pending';
import { useClient } from './queries';
import { partyPath } from './types';

export default function ClientPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const canWrite = useAuth().can('registry.write');
  const client = useClient(id);
  const [editing, setEditing] = useState(false);

  if (!client.data) return <Pending error={client.error} />;
  const c = client.data;
  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }}>{c.party.name}</Typography.Title>
            <Link to={partyPath(c.party.id)}>{t('clients.openParty')}</Link>
          </Space>
        }
        extra={canWrite && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
      >
        <ClientDescriptions client={c} column={3} />
      </Card>
      <ClientContacts client={c} canWrite={canWrite} />
      {canWrite && <ClientFormModal open={editing} client={c} onClose={() => setEditing(false)} />}
    </Flex>
  );
}
