import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { FormModal } from '../../app/components/FormModal';
import { PartyBasicFields, toPartyBasics, type PartyBasicValues } from './PartyFields';
import { useRegistryRefresh } from './queries';
import { partyApi, type PartyDetail } from './types';

export function PartyEditModal({ open, party, onClose }: { open: boolean; party: PartyDetail; onClose(): void }) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  const initialValues: PartyBasicValues = {
    name: party.primaryName,
    country: party.country ?? undefined,
    address: party.address ?? undefined,
    notes: party.notes ?? undefined,
    publicOfficial: party.publicOfficial,
    officialPosition: party.officialPosition ?? undefined,
  };
  return (
    <FormModal<PartyBasicValues>
      open={open}
      title={t('parties.edit')}
      okText={t('common.save')}
      initialValues={initialValues}
      onCancel={onClose}
      onSubmit={async (values) => {
        await api.patch(partyApi(party.id), toPartyBasics(values));
        onClose();
        await refresh();
      }}
    >
      <PartyBasicFields partyId={party.id} />
    </FormModal>
  );
}

/** Ends a party; it stays on record with the reason. */
export function PartyEndModal({ open, party, onClose }: { open: boolean; party: PartyDetail; onClose(): void }) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={t('parties.endTitle', { name: party.primaryName })}
      okText={t('parties.end')}
      onCancel={onClose}
      onSubmit={async ({ reason }) => {
        await api.post(partyApi(party.id, '/end'), { reason: reason.trim() });
        onClose();
        await refresh();
      }}
    >
      <Form.Item name="reason" label={t('parties.endReason')} rules={[{ required: true, whitespace: true, message: t('registry.required') }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
