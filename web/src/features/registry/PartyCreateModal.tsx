import { useState } from 'react';
import { Alert, App, Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../app/api';
import { FormModal } from '../../app/components/FormModal';
import { IdentifierFields, NameFields, RowsField } from './PartyListFields';
import { PartyBasicFields, toPartyBasics, type PartyBasicValues } from './PartyFields';
import { useRegistryRefresh } from './queries';
import { PARTY_KINDS, partyPath, type IdentifierScheme, type NameLanguage, type NameType, type PartyDetail, type PartyKind } from './types';

interface Values extends PartyBasicValues {
  kind: PartyKind;
  aliases?: { name: string; nameType: NameType; language?: NameLanguage }[];
  identifiers?: { scheme: IdentifierScheme; value: string; country?: string }[];
}

/** The party already holding one of these identifiers (the 409 names it, but not its id). */
export function PartyCreateModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRegistryRefresh();
  const [taken, setTaken] = useState<{ message: string; holder?: { id: string; name: string } }>();

  async function submit(values: Values) {
    setTaken(undefined);
    const body = {
      kind: values.kind,
      ...toPartyBasics(values),
      aliases: (values.aliases ?? []).map((a) => ({ ...a, name: a.name.trim() })),
      identifiers: (values.identifiers ?? []).map((i) => ({ scheme: i.scheme, value: i.value.trim(), country: i.country?.trim().toUpperCase() || null })),
    };
    const create = (acknowledgeSimilar: boolean) => api.post<PartyDetail>('/api/registry/parties', { ...body, acknowledgeSimilar });
    let created: PartyDetail;
    try {
      created = await create(false);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'PARTY_IDENTIFIER_EXISTS') {
        setTaken({ message: e.message, holder: e.details.party as { id: string; name: string } | undefined });
        return;
      }
      if (e.code !== 'SIMILAR_PARTY_EXISTS') throw e;
      const confirmed = await modal.confirm({ title: t('parties.similarTitle'), content: `${e.message} ${t('parties.similarConfirm')}` });
      if (!confirmed) return;
      created = await create(true);
    }
    message.success(t('parties.created'));
    onClose();
    await refresh();
    navigate(partyPath(created.id));
  }

  return (
    <FormModal<Values>
      open={open}
      title={t('parties.create')}
      okText={t('common.create')}
      initialValues={{ kind: 'org', publicOfficial: false }}
      onCancel={() => {
        setTaken(undefined);
        onClose();
      }}
      onSubmit={submit}
    >
      {taken && (
        <Alert
          type="error"
          showIcon
          title={taken.message}
          description={taken.holder && <Link to={partyPath(taken.holder.id)} target="_blank">{t('parties.openExisting', { name: taken.holder.name })}</Link>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item name="kind" label={t('parties.kind')}>
        <Radio.Group optionType="button" options={PARTY_KINDS.map((k) => ({ value: k, label: t(`registry.kind.${k}`) }))} />
      </Form.Item>
      <PartyBasicFields
        extra={
          <>
            <RowsField name="aliases" label={t('parties.aliases')} addText={t('parties.addAlias')} Row={NameFields} />
            <RowsField name="identifiers" label={t('parties.identifiers')} addText={t('parties.addIdentifier')} Row={IdentifierFields} />
          </>
        }
      />
    </FormModal>
  );
}
