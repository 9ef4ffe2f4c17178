import { Button, Flex, Form, Input, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { IDENTIFIER_SCHEMES, NAME_LANGUAGES, NAME_TYPES } from './types';

type Path = (string | number)[];

/** Fields of a NameInput; `inline` drops the labels for rows of a list. */
export function NameFields({ prefix = [], inline = false }: { prefix?: Path; inline?: boolean }) {
  const { t } = useTranslation();
  const style = inline ? { marginBottom: 8 } : undefined;
  return (
    <>
      <Form.Item name={[...prefix, 'name']} label={!inline && t('parties.name')} style={{ ...style, flex: 2 }} rules={[{ required: true, whitespace: true, message: t('registry.required') }]}>
        <Input placeholder={inline ? t('parties.name') : undefined} />
      </Form.Item>
      <Form.Item name={[...prefix, 'nameType']} label={!inline && t('parties.nameType')} style={{ ...style, flex: 1 }} initialValue="alias">
        <Select options={NAME_TYPES.filter((n) => n !== 'primary').map((n) => ({ value: n, label: t(`registry.nameType.${n}`) }))} />
      </Form.Item>
      <Form.Item name={[...prefix, 'language']} label={!inline && t('parties.language')} style={{ ...style, flex: 1 }}>
        <Select allowClear placeholder={t('parties.languageAuto')} options={NAME_LANGUAGES.map((l) => ({ value: l, label: t(`registry.language.${l}`) }))} />
      </Form.Item>
    </>
  );
}

/** Fields of an IdentifierInput; check digits are validated by the server. */
export function IdentifierFields({ prefix = [], inline = false }: { prefix?: Path; inline?: boolean }) {
  const { t } = useTranslation();
  const style = inline ? { marginBottom: 8 } : undefined;
  return (
    <>
      <Form.Item name={[...prefix, 'scheme']} label={!inline && t('parties.scheme')} style={{ ...style, flex: 1 }} initialValue="uscc">
        <Select options={IDENTIFIER_SCHEMES.map((s) => ({ value: s, label: t(`registry.scheme.${s}`) }))} popupMatchSelectWidth={false} />
      </Form.Item>
      <Form.Item name={[...prefix, 'value']} label={!inline && t('parties.identifierValue')} style={{ ...style, flex: 2 }} rules={[{ required: true, whitespace: true, message: t('registry.required') }]}>
        <Input placeholder={inline ? t('parties.identifierValue') : undefined} autoComplete="off" />
      </Form.Item>
      <Form.Item name={[...prefix, 'country']} label={!inline && t('parties.country')} style={{ ...style, width: 72 }}>
        <Input placeholder="CN" maxLength={2} />
      </Form.Item>
    </>
  );
}

/** A Form.List of name or identifier rows with add and remove buttons. */
export function RowsField({ name, label, addText, Row }: { name: string; label: string; addText: string; Row: typeof NameFields }) {
  return (
    <Form.Item label={label}>
      <Form.List name={name}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start">
                <Row prefix={[field.name]} inline />
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
              </Flex>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()}>{addText}</Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
