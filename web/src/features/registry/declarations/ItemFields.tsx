import type { ReactNode } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { INTEREST_RELATIONS, RELATIVE_RELATIONS } from './declarationTypes';

type RowProps = { name: number };

function Cell({ name, field, label, children, required = false, span = 8 }: { name: number; field: string; label: string; children: ReactNode; required?: boolean; span?: number }) {
  const { t } = useTranslation();
  return (
    <Col xs={24} md={span}>
      <Form.Item name={[name, field]} label={label} rules={required ? [{ required: true, whitespace: true, message: t('registry.required') }] : undefined}>
        {children}
      </Form.Item>
    </Col>
  );
}

function RelativeRow({ name }: RowProps) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Cell name={name} field="relation" label={t('declarations.relation')} required>
        <Select options={RELATIVE_RELATIONS.map((r) => ({ value: r, label: t(`registry.relType.${r}`) }))} />
      </Cell>
      <Cell name={name} field="name" label={t('declarations.relativeName')} required><Input maxLength={200} /></Cell>
      <Cell name={name} field="idNumber" label={t('declarations.idNumber')}><Input maxLength={32} autoComplete="off" /></Cell>
      <Cell name={name} field="employer" label={t('declarations.employer')} span={12}><Input maxLength={300} placeholder={t('declarations.employerHint')} /></Cell>
      <Cell name={name} field="position" label={t('declarations.position')} span={12}><Input maxLength={200} /></Cell>
      <Cell name={name} field="notes" label={t('declarations.notes')} span={24}><Input maxLength={1000} /></Cell>
    </Row>
  );
}

function InterestRow({ name }: RowProps) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Cell name={name} field="relation" label={t('declarations.interestRelation')} required>
        <Select options={INTEREST_RELATIONS.map((r) => ({ value: r, label: t(`registry.relType.${r}`) }))} />
      </Cell>
      <Cell name={name} field="organisation" label={t('declarations.organisation')} required><Input maxLength={300} /></Cell>
      <Cell name={name} field="uscc" label={t('registry.scheme.uscc')}><Input maxLength={32} autoComplete="off" /></Cell>
      <Cell name={name} field="percentage" label={t('declarations.percentageIfShares')}><Input suffix="%" /></Cell>
      <Cell name={name} field="role" label={t('relationships.role')}><Input maxLength={200} /></Cell>
      <Col xs={12} md={4}>
        <Form.Item name={[name, 'validFrom']} label={t('relationships.validFrom')}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item name={[name, 'validTo']} label={t('relationships.validTo')}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Col>
      <Cell name={name} field="notes" label={t('declarations.notes')} span={24}><Input maxLength={1000} /></Cell>
    </Row>
  );
}

/** A personal dispute: the other side is found in the registry by its identifier, else recorded by name. */
function DisputeRow({ name }: RowProps) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item name={[name, 'counterpartyKind']} label={t('declarations.counterpartyKind')} rules={[{ required: true, message: t('registry.required') }]}>
          <Select options={(['person', 'org'] as const).map((k) => ({ value: k, label: t(`declarations.counterpartyKinds.${k}`) }))} />
        </Form.Item>
      </Col>
      <Cell name={name} field="counterpartyName" label={t('declarations.counterpartyName')} required><Input maxLength={300} /></Cell>
      <Cell name={name} field="counterpartyIdentifier" label={t('declarations.counterpartyIdentifier')}><Input maxLength={32} autoComplete="off" /></Cell>
      <Col xs={12} md={4}>
        <Form.Item name={[name, 'since']} label={t('declarations.disputeSince')} rules={[{ required: true, message: t('registry.required') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item name={[name, 'endedOn']} label={t('declarations.disputeEndedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Col>
      <Cell name={name} field="description" label={t('declarations.disputeDescription')} required span={16}><Input maxLength={1000} /></Cell>
    </Row>
  );
}

const ROWS = { relatives: RelativeRow, interests: InterestRow, disputes: DisputeRow };

/** A growing list of relatives, interests or disputes, one small card per entry. */
export function ItemList({ list }: { list: keyof typeof ROWS }) {
  const { t } = useTranslation();
  const ItemRow = ROWS[list];
  return (
    <Form.List name={list}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t(`declarations.${list}Item`, { n: index + 1 })}
              extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>{t('declarations.removeItem')}</Button>}
              style={{ marginBottom: 12 }}
            >
              <ItemRow name={field.name} />
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }}>
            {t(`declarations.add.${list}`)}
          </Button>
        </>
      )}
    </Form.List>
  );
}
