import { Button, Card, Flex, Form, Input, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { checkMitigation } from '../../../../src/core/cases/lifecycle';
import { ClientsPicker, UsersPicker, type Option } from './Pickers';
import { useTaxonomyOptions } from './queries';
import type { MitigationInput } from './types';

/** Kinds that keep people away from clients: they name staff (access control reads them). */
export const STAFF_KINDS: ReadonlySet<string> = new Set(['recusal', 'information_barrier']);

// The refusals checkMitigation gives, and the message of each.
const FAULTS = { UNKNOWN_MITIGATION: 'kind', MITIGATION_NEEDS_STAFF: 'staff', MITIGATION_NEEDS_CLIENT: 'client', MITIGATION_NEEDS_DESCRIPTION: 'description' } as const;

export type MitigationValues = Partial<MitigationInput>;

interface Props {
  /** The case's staff and clients, offered first. */
  staff: Option[];
  clients: Option[];
}

/** What the form holds as the request's mitigations: empty descriptions dropped, staff only for the kinds that name them. */
export const toMitigations = (values: MitigationValues[] | undefined): MitigationInput[] =>
  (values ?? []).map((m) => ({
    kind: m.kind ?? '',
    description: m.description?.trim() || null,
    staffIds: m.kind && STAFF_KINDS.has(m.kind) ? (m.staffIds ?? []) : [],
    clientIds: m.clientIds ?? [],
  }));

/**
 * The mitigations of a resolution (Form.List "mitigations"): a recusal of named staff, an information
 * barrier, disclosure and consent, a restructured engagement, declining or leaving the client. Each row
 * is checked as the server checks it (src/core's checkMitigation), so the fault shows on its row.
 */
export function MitigationsEditor({ staff, clients }: Props) {
  const { t } = useTranslation();
  const kinds = useTaxonomyOptions('mitigationKinds');
  const form = Form.useFormInstance();
  const known = kinds.options.map((o) => o.value);

  return (
    <Form.List
      name="mitigations"
      rules={[{ validator: async (_, rows: unknown[] | undefined) => (rows?.length ? undefined : Promise.reject(new Error(t('cases.mitigation.required')))) }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={12} data-testid="mitigations-editor">
          {fields.map(({ key, name }) => (
            <Card key={key} size="small" data-testid="mitigation-row" title={t('cases.mitigation.number', { n: name + 1 })} extra={<Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('cases.mitigation.remove')} />}>
              {/* The row's fields keep their values while the dialog mounts (the form does not preserve unmounted fields), and staff while another kind is tried. */}
              <Form.Item
                preserve
                name={[name, 'kind']}
                label={t('cases.mitigation.kind')}
                dependencies={[['mitigations', name, 'staffIds'], ['mitigations', name, 'clientIds'], ['mitigations', name, 'description']]}
                rules={[
                  {
                    validator: async () => {
                      const row = (form.getFieldValue(['mitigations', name]) ?? {}) as MitigationValues;
                      const fault = checkMitigation({ kind: row.kind ?? '', description: row.description ?? '', staffIds: row.staffIds ?? [], clientIds: row.clientIds ?? [] }, known);
                      if (fault) throw new Error(t(`cases.mitigation.fault.${FAULTS[fault as keyof typeof FAULTS] ?? 'kind'}`));
                    },
                  },
                ]}
              >
                <Select options={kinds.options} style={{ maxWidth: 320 }} data-testid="mitigation-kind" />
              </Form.Item>
              <Form.Item noStyle dependencies={[['mitigations', name, 'kind']]}>
                {() => {
                  const kind = form.getFieldValue(['mitigations', name, 'kind']) as string | undefined;
                  return (
                    <>
                      {kind && STAFF_KINDS.has(kind) && (
                        <Form.Item preserve name={[name, 'staffIds']} label={t('cases.mitigation.staff')} extra={t(`cases.mitigation.staffHelp.${kind === 'recusal' ? 'recusal' : 'barrier'}`)}>
                          <UsersPicker preset={staff} testId="mitigation-staff" />
                        </Form.Item>
                      )}
                      <Form.Item preserve name={[name, 'clientIds']} label={t('cases.mitigation.clients')} extra={t('cases.mitigation.clientsHelp')}>
                        <ClientsPicker preset={clients} testId="mitigation-clients" />
                      </Form.Item>
                    </>
                  );
                }}
              </Form.Item>
              <Form.Item preserve name={[name, 'description']} label={t('cases.mitigation.description')} style={{ marginBottom: 0 }}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="mitigation-description" />
              </Form.Item>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'recusal', staffIds: staff.map((s) => s.value), clientIds: clients.map((c) => c.value) })} data-testid="mitigation-add">
            {t('cases.mitigation.add')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
