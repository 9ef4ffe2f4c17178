import { useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { PartyClientCard } from './PartyClientCard';
import { PartyEditModal, PartyEndModal } from './PartyEditModal';
import { PartyGraph } from './PartyGraph';
import { PartyIdentifiers } from './PartyIdentifiers';
import { PartyNames } from './PartyNames';
import { PartyRelationships } from './PartyRelationships';
import { PartyTags } from './PartyTags';
import { Pending } from './Pending';
import { useParty } from './queries';
import type { PartyDetail } from './types';

function PartyHeader({ party, canWrite }: { party: PartyDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<{ action: 'edit' | 'end'; open: boolean }>({ action: 'edit', open: false });
  const close = () => setDialog((d) => ({ ...d, open: false }));
  const none = t('common.none');
  const editable = canWrite && !party.endedAt;

  return (
    <Card
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{party.primaryName}</Typography.Title>
          <Tag>{t(`registry.kind.${party.kind}`)}</Tag>
          <PartyTags party={party} />
        </Space>
      }
      extra={
        editable && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setDialog({ action: 'edit', open: true })}>{t('common.edit')}</Button>
            <Button danger icon={<StopOutlined />} onClick={() => setDialog({ action: 'end', open: true })}>{t('parties.end')}</Button>
          </Space>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'ref', label: t('parties.ref'), children: party.ref ?? none },
          { key: 'country', label: t('parties.country'), children: party.country ?? none },
          { key: 'address', label: t('parties.address'), children: party.address ?? none },
          ...(party.publicOfficial ? [{ key: 'position', label: t('parties.officialPosition'), children: party.officialPosition ?? none }] : []),
          { key: 'source', label: t('registry.source'), children: t(`registry.sourceName.${party.source}`) },
          { key: 'created', label: t('registry.createdAt'), children: formatDateTime(party.createdAt) },
          { key: 'updated', label: t('registry.updatedAt'), children: formatDateTime(party.updatedAt) },
          ...(party.endedAt ? [{ key: 'ended', label: t('registry.endedAt'), children: `${formatDateTime(party.endedAt)} · ${party.endReason ?? ''}` }] : []),
          { key: 'notes', label: t('parties.notes'), span: 'filled' as const, children: party.notes ?? none },
        ]}
      />
      {editable && (
        <>
          <PartyEditModal open={dialog.open && dialog.action === 'edit'} party={party} onClose={close} />
          <PartyEndModal open={dialog.open && dialog.action === 'end'} party={party} onClose={close} />
        </>
      )}
    </Card>
  );
}

export default function PartyPage() {
  const { id = '' } = useParams();
  const canWrite = useAuth().can('registry.write');
  const party = useParty(id);

  if (!party.data) return <Pending error={party.error} />;
  const p = party.data;
  return (
    <Flex vertical gap={16}>
      <PartyHeader party={p} canWrite={canWrite} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}><PartyNames party={p} canWrite={canWrite} /></Col>
        <Col xs={24} xl={12}><PartyIdentifiers party={p} canWrite={canWrite} /></Col>
      </Row>
      {(p.client || p.contactOf.length > 0) && <PartyClientCard party={p} />}
      <PartyRelationships party={p} canWrite={canWrite} />
      <PartyGraph partyId={p.id} />
    </Flex>
  );
}
