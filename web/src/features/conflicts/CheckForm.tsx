import { useState } from 'react';
import { Button, Flex, Form, Input, Radio, Select, Tooltip, Typography } from 'antd';
import { CloseOutlined, IdcardOutlined, MinusCircleOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { IDENTIFIER_SCHEMES, PARTY_KINDS, type IdentifierScheme, type PartyKind } from '../registry/types';
import { Suggestions } from './Suggestions';
import { MATCH_MODES, MAX_HOPS, MAX_IDENTIFIERS, MAX_SUBJECTS, SUBJECT_ROLES, type ConflictCheckInput, type ConflictSettings, type MatchMode, type SubjectRole } from './types';

type KindChoice = 'auto' | PartyKind;

interface SubjectValues {
  name?: string;
  kind: KindChoice;
  role: SubjectRole;
  identifiers?: { scheme?: IdentifierScheme; value?: string }[];
}

interface FormValues {
  subjects: SubjectValues[];
  purpose?: string;
  mode: MatchMode;
  hops: number;
}

const newSubject = (role: SubjectRole = 'prospective_client'): SubjectValues => ({ name: '', kind: 'auto', role, identifiers: [] });

/** The request body: an automatic kind is left out, empty identifier rows are dropped. */
function toInput(values: FormValues): ConflictCheckInput {
  return {
    subjects: values.subjects.map((s) => ({
      name: (s.name ?? '').trim(),
      ...(s.kind === 'auto' ? {} : { kind: s.kind }),
      role: s.role,
      identifiers: (s.identifiers ?? [])
        .filter((id) => id.scheme && id.value?.trim())
        .map((id) => ({ scheme: id.scheme!, value: id.value!.trim() })),
    })),
    mode: values.mode,
    hops: values.hops,
    purpose: values.purpose?.trim() || null,
  };
}

/** Type-ahead for the subject being typed, reading its name and kind and the mode from the form. */
function SubjectSuggestions({ index }: { index: number }) {
  const name = Form.useWatch(['subjects', index, 'name']) as string | undefined;
  const kind = Form.useWatch(['subjects', index, 'kind']) as KindChoice | undefined;
  const mode = Form.useWatch('mode') as MatchMode | undefined;
  return <Suggestions name={name ?? ''} kind={kind === 'auto' ? undefined : kind} mode={mode ?? 'fuzzy'} />;
}

interface CheckFormProps {
  settings: ConflictSettings;
  running: boolean;
  onRun(input: ConflictCheckInput): void;
}

/** One or more subjects with their kind, role and identifiers; the purpose, match mode and hops. */
export function CheckForm({ settings, running, onRun }: CheckFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  // The subject whose name is being typed gets the type-ahead under its input.
  const [active, setActive] = useState<number | null>(0);

  const addIdentifier = (subject: number) => {
    const path: ['subjects', number, 'identifiers'] = ['subjects', subject, 'identifiers'];
    const current = (form.getFieldValue(path) as SubjectValues['identifiers']) ?? [];
    if (current.length < MAX_IDENTIFIERS) form.setFieldValue(path, [...current, { scheme: 'uscc', value: '' }]);
  };

  const initialValues: FormValues = { subjects: [newSubject()], mode: settings.defaultMode, hops: settings.defaultHops, purpose: '' };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => {
        setActive(null);
        onRun(toInput(values));
      }}
      data-testid="check-form"
    >
      <Form.List name="subjects">
        {(subjects, { add, remove }) => (
          <Flex vertical gap={12} style={{ marginBottom: 16 }}>
            {subjects.map((subject, index) => (
              <div key={subject.key} data-testid={`subject-${index}`}>
                <Flex wrap gap={8} align="flex-start">
                  <div style={{ flex: '1 1 320px', minWidth: 240 }}>
                    <Form.Item
                      name={[subject.name, 'name']}
                      label={index === 0 ? t('conflicts.form.name') : undefined}
                      rules={[{ required: true, whitespace: true, message: t('conflicts.form.nameRequired') }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input
                        allowClear
                        autoComplete="off"
                        maxLength={300}
                        placeholder={t('conflicts.form.namePlaceholder')}
                        onFocus={() => setActive(index)}
                        onChange={() => setActive(index)}
                        onKeyDown={(e) => e.key === 'Escape' && setActive(null)}
                        data-testid={`subject-name-${index}`}
                        autoFocus={index === 0}
                      />
                    </Form.Item>
                    {active === index && <SubjectSuggestions index={index} />}
                  </div>
                  <Form.Item name={[subject.name, 'kind']} label={index === 0 ? t('conflicts.form.kind') : undefined} style={{ marginBottom: 0 }}>
                    <Select
                      style={{ width: 120 }}
                      data-testid={`subject-kind-${index}`}
                      options={[
                        { value: 'auto', label: t('conflicts.kind.auto') },
                        ...PARTY_KINDS.map((k) => ({ value: k, label: t(`registry.kind.${k}`) })),
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[subject.name, 'role']} label={index === 0 ? t('conflicts.form.role') : undefined} style={{ marginBottom: 0 }}>
                    <Select style={{ width: 150 }} data-testid={`subject-role-${index}`} options={SUBJECT_ROLES.map((r) => ({ value: r, label: t(`conflicts.role.${r}`) }))} />
                  </Form.Item>
                  <Form.Item label={index === 0 ? ' ' : undefined} style={{ marginBottom: 0 }}>
                    <Flex gap={4}>
                      <Tooltip title={t('conflicts.form.addIdentifierHelp')}>
                        <Button icon={<IdcardOutlined />} onClick={() => addIdentifier(subject.name)} data-testid={`add-identifier-${index}`}>
                          {t('conflicts.form.addIdentifier')}
                        </Button>
                      </Tooltip>
                      {subjects.length > 1 && (
                        <Tooltip title={t('conflicts.form.removeSubject')}>
                          <Button
                            icon={<CloseOutlined />}
                            aria-label={t('conflicts.form.removeSubject')}
                            onClick={() => {
                              remove(subject.name);
                              setActive(null);
                            }}
                          />
                        </Tooltip>
                      )}
                    </Flex>
                  </Form.Item>
                </Flex>
                <Form.List name={[subject.name, 'identifiers']}>
                  {(ids, { remove: removeId }) =>
                    ids.length > 0 && (
                      <Flex vertical gap={6} style={{ marginTop: 8, paddingInlineStart: 16 }}>
                        {ids.map((id) => (
                          <Flex key={id.key} gap={8} align="flex-start">
                            <Form.Item name={[id.name, 'scheme']} style={{ marginBottom: 0 }}>
                              <Select style={{ width: 170 }} options={IDENTIFIER_SCHEMES.map((s) => ({ value: s, label: t(`registry.scheme.${s}`) }))} />
                            </Form.Item>
                            <Form.Item
                              name={[id.name, 'value']}
                              rules={[{ required: true, whitespace: true, message: t('conflicts.form.identifierRequired') }]}
                              style={{ marginBottom: 0, flex: '0 1 280px' }}
                            >
                              <Input maxLength={64} placeholder={t('conflicts.form.identifierPlaceholder')} />
                            </Form.Item>
                            <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('conflicts.form.removeIdentifier')} onClick={() => removeId(id.name)} />
                          </Flex>
                        ))}
                      </Flex>
                    )
                  }
                </Form.List>
              </div>
            ))}
            <div>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={subjects.length >= MAX_SUBJECTS}
                onClick={() => {
                  add(newSubject('counterparty'));
                  setActive(subjects.length);
                }}
                data-testid="add-subject"
              >
                {t('conflicts.form.addSubject')}
              </Button>
              <Typography.Text type="secondary" style={{ marginInlineStart: 12, fontSize: 12 }}>
                {t('conflicts.form.subjectsHelp')}
              </Typography.Text>
            </div>
          </Flex>
        )}
      </Form.List>

      <Form.Item name="purpose" label={t('conflicts.form.purpose')} extra={t('conflicts.form.purposeHelp')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} showCount placeholder={t('conflicts.form.purposePlaceholder')} data-testid="check-purpose" />
      </Form.Item>

      <Flex wrap gap={24} align="flex-end">
        <Form.Item name="mode" label={t('conflicts.form.mode')} tooltip={t('conflicts.form.modeHelp')} style={{ marginBottom: 0 }}>
          <Radio.Group optionType="button" data-testid="check-mode" options={MATCH_MODES.map((m) => ({ value: m, label: t(`conflicts.mode.${m}`) }))} />
        </Form.Item>
        <Form.Item name="hops" label={t('conflicts.form.hops')} tooltip={t('conflicts.form.hopsHelp')} style={{ marginBottom: 0 }}>
          <Radio.Group
            optionType="button"
            data-testid="check-hops"
            options={Array.from({ length: MAX_HOPS + 1 }, (_, h) => ({ value: h, label: String(h) }))}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={running} data-testid="run-check">
              {t('conflicts.form.run')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setActive(0);
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form.Item>
      </Flex>
    </Form>
  );
}
