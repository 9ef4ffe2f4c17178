import { DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { FormModal } from '../../app/components/FormModal';
import { fromIsoDay, toIsoDay } from './dates';
import { PartySelect } from './PartySelect';
import { useRegistryRefresh } from './queries';
import { RELATIONSHIP_TYPES, type PartyDetail, type Relationship, type RelationshipType } from './types';

interface TermValues {
  percentage?: string;
  role?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  notes?: string;
}

const toTerms = (v: TermValues) => ({
  percentage: v.percentage?.trim() || null,
  role: v.role?.trim() || null,
  validFrom: toIsoDay(v.validFrom),
  validTo: toIsoDay(v.validTo),
  notes: v.notes?.trim() || null,
});

/** Percentage (shareholdings only), role, validity and notes: the parts a correction may change. */
function TermFields({ type }: { type?: RelationshipType }) {
  const { t } = useTranslation();
  return (
    <>
      {type === 'shareholder' && (
        <Form.Item name="percentage" label={t('relationships.percentage')} rules={[{ required: true, message: t('registry.required') }]} extra={t('relationships.percentageHelp')}>
          <Input suffix="%" style={{ width: 160 }} />
        </Form.Item>
      )}
      <Form.Item name="role" label={t('relationships.role')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('relationships.period')} style={{ marginBottom: 0 }}>
        <Form.Item name="validFrom" style={{ display: 'inline-block', marginInlineEnd: 8 }}>
          <DatePicker placeholder={t('relationships.validFrom')} />
        </Form.Item>
        <Form.Item name="validTo" style={{ display: 'inline-block' }}>
          <DatePicker placeholder={t('relationships.validTo')} />
        </Form.Item>
      </Form.Item>
      <Form.Item name="notes" label={t('relationships.notes')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

interface AddValues extends TermValues {
  outgoing: boolean;
  type: RelationshipType;
  otherPartyId: string;
}

/** Records a relationship between this party and another, in either direction. */
export function RelationshipAddModal({ open, party, onClose }: { open: boolean; party: PartyDetail; onClose(): void }) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  return (
    <FormModal<AddValues>
      open={open}
      title={t('relationships.add')}
      okText={t('common.create')}
      initialValues={{ outgoing: true }}
      onCancel={onClose}
      onSubmit={async ({ outgoing, type, otherPartyId, ...terms }) => {
        const [fromPartyId, toPartyId] = outgoing ? [party.id, otherPartyId] : [otherPartyId, party.id];
        await api.post('/api/registry/relationships', { fromPartyId, toPartyId, type, ...toTerms(terms) });
        onClose();
        await refresh();
      }}
    >
      <Form.Item name="outgoing" label={t('relationships.direction')}>
        <Radio.Group
          options={[
            { value: true, label: t('relationships.outgoing', { name: party.primaryName }) },
            { value: false, label: t('relationships.incoming', { name: party.primaryName }) },
          ]}
        />
      </Form.Item>
      <Form.Item name="type" label={t('relationships.type')} rules={[{ required: true, message: t('registry.required') }]}>
        <Select options={RELATIONSHIP_TYPES.map((r) => ({ value: r, label: t(`registry.relType.${r}`) }))} />
      </Form.Item>
      <Form.Item name="otherPartyId" label={t('relationships.otherParty')} rules={[{ required: true, message: t('registry.required') }]}>
        <PartySelect excludeId={party.id} />
      </Form.Item>
      <Form.Item noStyle dependencies={['type']}>
        {({ getFieldValue }) => <TermFields type={getFieldValue('type') as RelationshipType | undefined} />}
      </Form.Item>
    </FormModal>
  );
}

/** `relationship` outlives `open` so the dialog keeps its content while it animates closed. */
interface RelationshipDialogProps {
  open: boolean;
  relationship?: Relationship;
  onClose(): void;
}

/** A correction: the server keeps the old version and links it to the new one. */
export function RelationshipSupersedeModal({ open, relationship: r, onClose }: RelationshipDialogProps) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  const initialValues: TermValues | undefined = r && {
    percentage: r.percentage?.replace('%', '') ?? undefined,
    role: r.role ?? undefined,
    validFrom: fromIsoDay(r.validFrom),
    validTo: fromIsoDay(r.validTo),
    notes: r.notes ?? undefined,
  };
  return (
    <FormModal<TermValues>
      open={open}
      title={t('relationships.supersede')}
      okText={t('common.save')}
      initialValues={initialValues}
      onCancel={onClose}
      onSubmit={async (values) => {
        await api.post(`/api/registry/relationships/${r?.id}/supersede`, toTerms(values));
        onClose();
        await refresh();
      }}
    >
      {r && <TermFields type={r.type} />}
    </FormModal>
  );
}

export function RelationshipEndModal({ open, relationship: r, onClose }: RelationshipDialogProps) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  return (
    <FormModal<{ validTo: Dayjs }>
      open={open}
      title={t('relationships.endTitle')}
      okText={t('registry.end')}
      initialValues={{ validTo: dayjs() }}
      onCancel={onClose}
      onSubmit={async ({ validTo }) => {
        await api.post(`/api/registry/relationships/${r?.id}/end`, { validTo: toIsoDay(validTo) });
        onClose();
        await refresh();
      }}
    >
      <Form.Item name="validTo" label={t('relationships.validTo')} rules={[{ required: true, message: t('registry.required') }]}>
        <DatePicker />
      </Form.Item>
    </FormModal>
  );
}
