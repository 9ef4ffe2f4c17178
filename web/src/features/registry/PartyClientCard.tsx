import { Card, Descriptions, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatMoney } from '../../app/money';
import { clientPath, type Client, type ClientStatus, type PartyDetail } from './types';

const STATUS_COLORS: Record<ClientStatus, string> = { prospect: 'gold', active: 'green', former: 'default' };

export function ClientStatusTag({ status }: { status: ClientStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`registry.clientStatus.${status}`)}</Tag>;
}

/** Status, owner, department, service lines, dates and revenue of a client. */
export function ClientDescriptions({ client, column = 2 }: { client: Client; column?: number }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: column }}
      items={[
        { key: 'status', label: t('clients.status'), children: <ClientStatusTag status={client.status} /> },
        { key: 'owner', label: t('clients.owner'), children: client.owner?.displayName ?? none },
        { key: 'department', label: t('clients.department'), children: client.department?.name ?? none },
        { key: 'lines', label: t('clients.serviceLines'), children: client.serviceLines.length ? client.serviceLines.map((s) => <Tag key={s}>{s}</Tag>) : none },
        { key: 'period', label: t('clients.period'), children: `${client.startDate ?? '…'} ~ ${client.endDate ?? '…'}` },
        { key: 'revenue', label: t('clients.revenue'), children: formatMoney(client.annualRevenue, none) },
      ]}
    />
  );
}

/** On a party's page: its client record, if any, and the clients it is a contact of. */
export function PartyClientCard({ party }: { party: PartyDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('parties.clientCard')} extra={party.client && <Link to={clientPath(party.client.id)}>{t('parties.openClient')}</Link>}>
      {party.client && <ClientDescriptions client={party.client} column={3} />}
      {party.contactOf.length > 0 && (
        <List
          header={<Typography.Text strong>{t('parties.contactOf')}</Typography.Text>}
          size="small"
          dataSource={party.contactOf}
          renderItem={(c) => (
            <List.Item>
              <Link to={clientPath(c.clientId)}>{c.name}</Link>
              <Typography.Text type="secondary">{[c.role, c.title].filter(Boolean).join(' · ')}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
