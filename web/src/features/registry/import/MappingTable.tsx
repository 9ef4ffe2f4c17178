import { Select, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportField, Mapping } from './importTypes';

interface Props {
  fields: ImportField[];
  columns: string[];
  mapping: Mapping;
  onChange(mapping: Mapping): void;
}

/** Which column of the file feeds each field; the server's own guess comes prefilled. */
export function MappingTable({ fields, columns, mapping, onChange }: Props) {
  const { t } = useTranslation();
  const options = columns.map((c) => ({ value: c, label: c }));
  const tableColumns: TableColumnsType<ImportField> = [
    {
      title: t('imports.field'),
      dataIndex: 'name',
      width: 180,
      render: (name: string, f) => (
        <>
          <Typography.Text code>{name}</Typography.Text>
          {f.required && <Typography.Text type="danger"> *</Typography.Text>}
        </>
      ),
    },
    { title: t('imports.description'), dataIndex: 'description' },
    {
      title: t('imports.column'),
      key: 'column',
      width: 240,
      render: (_, f) => (
        <Select
          allowClear
          value={mapping[f.name]}
          placeholder={t('imports.notMapped')}
          status={f.required && !mapping[f.name] ? 'error' : undefined}
          options={options}
          onChange={(column?: string) => onChange({ ...mapping, [f.name]: column })}
          style={{ width: '100%' }}
        />
      ),
    },
  ];
  return <Table<ImportField> rowKey="name" size="small" pagination={false} columns={tableColumns} dataSource={fields} />;
}

/** The server's mapping, else a column named like the field (case-insensitive). */
export function guessMapping(fields: ImportField[], columns: string[], known: Record<string, string> = {}): Mapping {
  const byName = new Map(columns.map((c) => [c.trim().toLowerCase(), c]));
  return Object.fromEntries(fields.map((f) => [f.name, known[f.name] ?? byName.get(f.name.toLowerCase())]));
}
