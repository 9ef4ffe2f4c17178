import { DomainError, Invalid } from '../../../platform/errors';
import type { Locale } from '../../../platform/i18n/messages';

/** The kinds read from a table (CSV/XLSX); FtM files bring their own structure. */
export const tableKinds = ['parties', 'clients', 'contacts', 'relationships'] as const;
export type TableKind = (typeof tableKinds)[number];

export interface ImportField {
  name: string;
  required: boolean;
  description: Record<Locale, string>;
}

const field = (name: string, required: boolean, zh: string, en: string): ImportField => ({ name, required, description: { 'zh-CN': zh, en } });

export const importFields: Record<TableKind, readonly ImportField[]> = {
  parties: [
    field('id', true, '文件内编号，关系、客户文件据此引用该主体', 'The file’s own key; relationship and client files refer to the party by it'),
    field('kind', true, '类型：person（个人）或 org（机构）', 'person or org'),
    field('name', true, '名称', 'Name'),
    field('aliases', false, '别名，以 | 分隔', 'Other names, separated by |'),
    field('uscc', false, '统一社会信用代码', 'Unified social credit code'),
    field('id_number', false, '居民身份证号码', 'Resident ID number'),
    field('passport', false, '护照号码', 'Passport number'),
    field('country', false, '国家或地区（两位字母代码，如 CN）', 'Country (two-letter code, e.g. CN)'),
    field('address', false, '地址', 'Address'),
    field('notes', false, '备注', 'Notes'),
  ],
  clients: [
    field('party', true, '主体编号（主体文件中的 id）', 'Party id (the id in the parties file)'),
    field('status', false, '状态：prospect/潜在、active/现有（默认）、former/前客户', 'prospect, active (default) or former'),
    field('owner', false, '负责人用户名', 'Owner’s username'),
    field('department', false, '部门代码', 'Department code'),
    field('service_lines', false, '服务项目，以 | 分隔', 'Service lines, separated by |'),
    field('start_date', false, '开始日期（YYYY-MM-DD）', 'Start date (YYYY-MM-DD)'),
    field('end_date', false, '结束日期（YYYY-MM-DD）', 'End date (YYYY-MM-DD)'),
    field('annual_revenue', false, '年收入金额', 'Annual revenue'),
    field('currency', false, '币种（默认 CNY）', 'Currency (default CNY)'),
  ],
  contacts: [
    field('client', true, '客户的主体编号', 'The client’s party id'),
    field('person', true, '联系人（个人）的主体编号', 'The contact person’s party id'),
    field('role', false, '角色', 'Role'),
    field('title', false, '职务', 'Title'),
    field('primary', false, '是否主要联系人（是/否）', 'Primary contact (yes/no)'),
  ],
  relationships: [
    field('from', true, '起始主体编号', 'Party id the relationship starts from'),
    field('to', true, '目标主体编号', 'Party id the relationship points to'),
    field('type', true, '关系类型（代码或中文名称，如 shareholder / 股东）', 'Relationship type (code or Chinese label, e.g. shareholder / 股东)'),
    field('percentage', false, '持股比例（%）', 'Shareholding (%)'),
    field('role', false, '职务或称谓', 'Title or rank'),
    field('valid_from', false, '开始日期（YYYY-MM-DD）', 'Valid from (YYYY-MM-DD)'),
    field('valid_to', false, '结束日期（YYYY-MM-DD）', 'Valid to (YYYY-MM-DD)'),
    field('notes', false, '备注', 'Notes'),
  ],
};

const headerKey = (text: string) => text.trim().toLowerCase();

/**
 * Which column holds each field: the mapping first, else a column named like the field.
 * Returns field → column index, and the effective mapping (field → column name) for the report.
 */
export function resolveColumns(kind: TableKind, columns: readonly string[], mapping: Record<string, string> = {}) {
  const fields = importFields[kind];
  const byHeader = new Map<string, number>();
  columns.forEach((column, index) => {
    if (!byHeader.has(headerKey(column))) byHeader.set(headerKey(column), index);
  });
  const index = new Map<string, number>();
  const effective: Record<string, string> = {};
  for (const [name, column] of Object.entries(mapping)) {
    if (!fields.some((f) => f.name === name)) throw Invalid('INVALID_VALUE', { value: name }, [{ path: `mapping.${name}`, message: 'INVALID_VALUE' }]);
    if (!byHeader.has(headerKey(column))) throw missingColumn(name, column, columns);
  }
  for (const { name, required } of fields) {
    const column = mapping[name] ?? name;
    const at = byHeader.get(headerKey(column));
    if (at === undefined) {
      if (required) throw missingColumn(name, column, columns);
      continue;
    }
    index.set(name, at);
    effective[name] = columns[at]!;
  }
  return { index, mapping: effective };
}

// The header is line 1 of the file (the CLI's JSON report names it); the file's own columns let the
// UI offer the mapping step exactly when it is needed.
const missingColumn = (field: string, column: string, columns: readonly string[]) =>
  new DomainError(400, 'MISSING_COLUMN', { column }, [{ path: field, message: 'MISSING_COLUMN' }], { line: 1, columns });
