import { isCurrencyCode, moneyToDecimalString, parseMoney } from '../../../core/money';
import type { RequestContext } from '../../../platform/context';
import type { Executor } from '../../../platform/db/database';
import type { MessageCode } from '../../../platform/i18n/messages';
import { departmentsByCode, visiblePartiesByRef, usersByName } from './lookups';
import { fieldsOf, firstLines, type ImportRow, type Rejections } from './row-checks';

type ClientStatus = 'prospect' | 'active' | 'former';

export interface ClientRecord {
  line: number;
  ref: string;
  partyId: string;
  status: ClientStatus;
  owner: string | null;
  ownerUserId: string | null;
  department: string | null;
  departmentId: string | null;
  serviceLines: string[];
  startDate: string | null;
  endDate: string | null;
  annualRevenueMinor: number | null;
  revenueCurrency: string | null;
}

const STATUSES: Record<string, ClientStatus> = {
  prospect: 'prospect',
  active: 'active',
  former: 'former',
  潜在: 'prospect',
  潜在客户: 'prospect',
  现有: 'active',
  现有客户: 'active',
  前客户: 'former',
};

export async function validateClients(executor: Executor, ctx: RequestContext, rows: readonly ImportRow[], rejections: Rejections, progress?: (done: number) => void): Promise<ClientRecord[]> {
  const partyLine = firstLines();
  const drafts: Omit<ClientRecord, 'partyId' | 'ownerUserId' | 'departmentId'>[] = [];
  for (const row of rows) {
    const f = fieldsOf(row, rejections);
    const ref = f.text('party', 100, true);
    const firstLine = ref ? partyLine(ref, row.line) : undefined;
    if (firstLine !== undefined) f.reject('party', 'DUPLICATE_IN_FILE', { line: firstLine });
    const status = f.choice('status', STATUSES, 'active');
    const owner = f.text('owner', 100);
    const department = f.text('department', 50);
    const serviceLines = f.list('service_lines', 100);
    const startDate = f.date('start_date');
    const endDate = f.date('end_date');
    if (startDate && endDate && endDate < startDate) f.reject('end_date', 'DATE_ORDER');
    const currency = (row.get('currency') || 'CNY').toUpperCase();
    if (!isCurrencyCode(currency)) f.reject('currency', 'UNKNOWN_CURRENCY');
    const revenueText = row.get('annual_revenue');
    const revenue = revenueText && isCurrencyCode(currency) ? parseMoney(revenueText, currency) : null;
    if (revenueText && isCurrencyCode(currency) && (!revenue || revenue.amountMinor < 0)) f.reject('annual_revenue', 'INVALID_MONEY');
    if (ref && status) {
      drafts.push({ line: row.line, ref, status, owner, department, serviceLines, startDate, endDate, annualRevenueMinor: revenue?.amountMinor ?? null, revenueCurrency: revenue ? currency : null });
    }
    progress?.(1);
  }
  const known = await visiblePartiesByRef(executor, ctx, drafts.map((d) => d.ref));
  const owners = await usersByName(executor, drafts.flatMap((d) => (d.owner ? [d.owner] : [])));
  const departments = await departmentsByCode(executor, drafts.flatMap((d) => (d.department ? [d.department] : [])));
  const records: ClientRecord[] = [];
  for (const draft of drafts) {
    const reject = (field: string, code: MessageCode, params?: Record<string, string>) => rejections.add(draft.line, field, code, params);
    const party = known.get(draft.ref);
    if (!party) reject('party', 'UNKNOWN_PARTY');
    else if (party.ended) reject('party', 'PARTY_ENDED');
    else if (party.clientId) reject('party', 'CLIENT_EXISTS', { party: party.name });
    const ownerUserId = draft.owner ? (owners.get(draft.owner.toLowerCase()) ?? null) : null;
    if (draft.owner && !ownerUserId) reject('owner', 'UNKNOWN_USER');
    const departmentId = draft.department ? (departments.get(draft.department.toUpperCase()) ?? null) : null;
    if (draft.department && !departmentId) reject('department', 'UNKNOWN_DEPARTMENT');
    if (party && !rejections.has(draft.line)) records.push({ ...draft, partyId: party.id, ownerUserId, departmentId });
  }
  return records;
}

export function previewClient(c: ClientRecord): Record<string, string> {
  return {
    party: c.ref,
    status: c.status,
    owner: c.owner ?? '',
    department: c.department ?? '',
    service_lines: c.serviceLines.join('|'),
    start_date: c.startDate ?? '',
    end_date: c.endDate ?? '',
    annual_revenue: c.annualRevenueMinor === null ? '' : moneyToDecimalString({ amountMinor: c.annualRevenueMinor, currency: c.revenueCurrency! }),
    currency: c.revenueCurrency ?? '',
  };
}
