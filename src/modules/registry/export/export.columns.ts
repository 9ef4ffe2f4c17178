// The columns of each export. CSV headers are the import's column names, so an export loads again;
// XLSX headers are labels in the reader's language.
import { maskIdentifier, type IdentifierScheme } from '../../../core/identifiers';
import { moneyToDecimalString } from '../../../core/money';
import { column, type Column } from '../../../platform/export/tabular';
import type { ClientExportRow, PartyExportRow, RelationshipExportRow } from './export.sources';

// Lists inside a cell are separated as the import reads them.
const list = (values: readonly string[]) => values.join('|');
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const day = (value: Date | null) => value?.toISOString().slice(0, 10) ?? null;

/** ID and passport numbers leave masked, whoever exports. */
const numbers = (row: PartyExportRow, scheme: IdentifierScheme) => list(row.identifiers.filter((i) => i.scheme === scheme).map((i) => maskIdentifier(i.scheme, i.value)));

export const partyColumns: Column<PartyExportRow>[] = [
  column('id', '编号', 'ID', 38, (p) => p.key),
  column('kind', '类型', 'Kind', 8, (p) => p.kind),
  column('name', '名称', 'Name', 36, (p) => p.primaryName),
  column('aliases', '别名', 'Other names', 36, (p) => list(p.aliases)),
  column('uscc', '统一社会信用代码', 'USCC', 22, (p) => numbers(p, 'uscc')),
  column('id_number', '身份证号码', 'ID number', 22, (p) => numbers(p, 'cn_resident_id')),
  column('passport', '护照号码', 'Passport', 14, (p) => numbers(p, 'passport')),
  column('other_identifiers', '其他证件号码', 'Other identifiers', 20, (p) => numbers(p, 'other')),
  column('country', '国家或地区', 'Country', 8, (p) => p.country),
  column('address', '地址', 'Address', 36, (p) => p.address),
  column('public_official', '公职人员', 'Public official', 10, (p) => yesNo(p.publicOfficial)),
  column('official_position', '公职职务', 'Official position', 24, (p) => p.officialPosition),
  column('client', '客户', 'Client', 8, (p) => yesNo(p.isClient)),
  column('staff', '员工', 'Staff', 8, (p) => yesNo(p.isStaff)),
  column('notes', '备注', 'Notes', 30, (p) => p.notes),
  column('created_at', '创建日期', 'Created', 12, (p) => day(p.createdAt)),
  column('ended_at', '终止日期', 'Ended', 12, (p) => day(p.endedAt)),
];

export const clientColumns: Column<ClientExportRow>[] = [
  column('party', '主体编号', 'Party ID', 38, (c) => c.partyKey),
  column('name', '客户名称', 'Client', 36, (c) => c.party.name),
  column('status', '状态', 'Status', 10, (c) => c.status),
  column('owner', '负责人', 'Owner', 14, (c) => c.owner?.username ?? null),
  column('owner_name', '负责人姓名', 'Owner name', 12, (c) => c.owner?.displayName ?? null),
  column('department', '部门', 'Department', 10, (c) => c.department?.code ?? null),
  column('service_lines', '服务项目', 'Service lines', 30, (c) => list(c.serviceLines)),
  column('start_date', '开始日期', 'Start date', 12, (c) => c.startDate),
  column('end_date', '结束日期', 'End date', 12, (c) => c.endDate),
  column('annual_revenue', '年收入', 'Annual revenue', 16, (c) => (c.annualRevenue ? moneyToDecimalString(c.annualRevenue) : null)),
  column('currency', '币种', 'Currency', 8, (c) => c.annualRevenue?.currency ?? null),
];

export const relationshipColumns: Column<RelationshipExportRow>[] = [
  column('from', '起始主体编号', 'From ID', 38, (r) => r.fromKey),
  column('from_name', '起始主体', 'From', 30, (r) => r.from.name),
  column('type', '关系类型', 'Type', 16, (r) => r.type),
  column('to', '目标主体编号', 'To ID', 38, (r) => r.toKey),
  column('to_name', '目标主体', 'To', 30, (r) => r.to.name),
  column('percentage', '持股比例', 'Percentage', 10, (r) => r.percentage),
  column('role', '职务或称谓', 'Role', 16, (r) => r.role),
  column('valid_from', '开始日期', 'Valid from', 12, (r) => r.validFrom),
  column('valid_to', '结束日期', 'Valid to', 12, (r) => r.validTo),
  column('current', '当前有效', 'Current', 8, (r) => yesNo(r.current)),
  column('source', '来源', 'Source', 10, (r) => r.source),
  column('notes', '备注', 'Notes', 30, (r) => r.notes),
];
