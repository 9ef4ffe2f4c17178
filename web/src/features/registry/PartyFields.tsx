import type { ReactNode } from 'react';
import { Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { SimilarParties } from './SimilarParties';

export interface PartyBasicValues {
  name: string;
  country?: string;
  address?: string;
  notes?: string;
  publicOfficial: boolean;
  officialPosition?: string;
}

/** Empty text becomes null, which the API reads as "none". */
const clean = (text: string | undefined) => text?.trim() || null;

export function toPartyBasics(values: PartyBasicValues) {
  return {
    name: values.name.trim(),
    country: clean(values.country)?.toUpperCase() ?? null,
    address: clean(values.address),
    notes: clean(values.notes),
    publicOfficial: values.publicOfficial,
    officialPosition: values.publicOfficial ? clean(values.officialPosition) : null,
  };
}

function NameWarning({ partyId }: { partyId?: string }) {
  const name = Form.useWatch<string | undefined>('name');
  const aliases = Form.useWatch<{ name?: string }[] | undefined>('aliases');
  return <SimilarParties names={[name, ...(aliases ?? []).map((a) => a?.name)]} exceptId={partyId} />;
}

/** Name, country, address, notes and public-official fields, shared by create and edit. */
export function PartyBasicFields({ partyId, extra }: { partyId?: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="name" label={t('parties.name')} rules={[{ required: true, whitespace: true, message: t('registry.required') }]}>
        <Input maxLength={300} data-testid="party-name" />
      </Form.Item>
      <NameWarning partyId={partyId} />
      {extra}
      <Form.Item name="country" label={t('parties.country')} extra={t('parties.countryHelp')}>
        <Input maxLength={2} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="address" label={t('parties.address')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="notes" label={t('parties.notes')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="publicOfficial" label={t('parties.publicOfficial')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item noStyle dependencies={['publicOfficial']}>
        {({ getFieldValue }) =>
          getFieldValue('publicOfficial') && (
            <Form.Item name="officialPosition" label={t('parties.officialPosition')}>
              <Input maxLength={300} />
            </Form.Item>
          )
        }
      </Form.Item>
    </>
  );
}
