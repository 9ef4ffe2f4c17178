import { App, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../app/api';
import { FormModal } from '../../app/components/FormModal';
import { ClientFields, toClientChanges, toClientValues, type ClientValues } from './ClientFields';
import { PartySelect } from './PartySelect';
import { useRegistryRefresh } from './queries';
import { SimilarParties } from './SimilarParties';
import { clientApi, clientPath, type Client, type ClientDetail } from './types';

interface Values extends ClientValues {
  source: 'existing' | 'new';
  partyId?: string;
  newName?: string;
  newUscc?: string;
  newCountry?: string;
  newAddress?: string;
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

function NewOrganisationFields() {
  const { t } = useTranslation();
  const name = Form.useWatch<string | undefined>('newName');
  return (
    <>
      <Form.Item name="newName" label={t('clients.newName')} rules={required(t('registry.required'))}>
        <Input maxLength={300} />
      </Form.Item>
      <SimilarParties names={[name]} />
      <Form.Item name="newUscc" label={t('registry.scheme.uscc')}>
        <Input maxLength={18} autoComplete="off" />
      </Form.Item>
      <Form.Item name="newCountry" label={t('parties.country')}>
        <Input maxLength={2} placeholder="CN" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="newAddress" label={t('parties.address')}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}

/** Create a client (from an existing party or a new organisation) or, given `client`, edit one. */
export function ClientFormModal({ open, client, onClose }: { open: boolean; client?: Client; onClose(): void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRegistryRefresh();

  async function create(values: Values) {
    const party = values.source === 'new' && {
      kind: 'org',
      name: values.newName?.trim(),
      identifiers: values.newUscc?.trim() ? [{ scheme: 'uscc', value: values.newUscc.trim() }] : [],
      country: values.newCountry?.trim().toUpperCase() || null,
      address: values.newAddress?.trim() || null,
    };
    const send = (acknowledgeSimilar: boolean) =>
      api.post<ClientDetail>('/api/registry/clients', {
        ...toClientChanges(values),
        ...(party ? { party: { ...party, acknowledgeSimilar } } : { partyId: values.partyId }),
      });
    try {
      return await send(false);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'SIMILAR_PARTY_EXISTS')) throw e;
      const confirmed = await modal.confirm({ title: t('parties.similarTitle'), content: `${e.message} ${t('parties.similarConfirm')}` });
      return confirmed ? send(true) : null;
    }
  }

  async function submit(values: Values) {
    if (client) {
      await api.patch(clientApi(client.id), toClientChanges(values));
      message.success(t('common.saved'));
    } else {
      const created = await create(values);
      if (!created) return;
      message.success(t('clients.created'));
      navigate(clientPath(created.id));
    }
    onClose();
    await refresh();
  }

  return (
    <FormModal<Values>
      open={open}
      title={client ? t('clients.edit') : t('clients.create')}
      okText={client ? t('common.save') : t('common.create')}
      initialValues={client ? toClientValues(client) : { source: 'existing', status: 'prospect', currency: 'CNY' }}
      onCancel={onClose}
      onSubmit={submit}
    >
      {!client && (
        <>
          <Form.Item name="source" label={t('clients.partySource')}>
            <Radio.Group optionType="button" options={[{ value: 'existing', label: t('clients.existingParty') }, { value: 'new', label: t('clients.newOrganisation') }]} />
          </Form.Item>
          <Form.Item noStyle dependencies={['source']}>
            {({ getFieldValue }) =>
              getFieldValue('source') === 'new' ? (
                <NewOrganisationFields />
              ) : (
                <Form.Item name="partyId" label={t('clients.party')} rules={[{ required: true, message: t('registry.required') }]}>
                  <PartySelect />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      )}
      <ClientFields />
    </FormModal>
  );
}
