// The benefit ledger read back: entries with their labels, totals and summaries aggregated in SQL,
// and the export, which pages through by key so its size never matters.
import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { benefitTypeLabels } from '../../core/benefits/policy';
import { moneyToDecimalString, type Money } from '../../core/money';
import { noteRefusal, visibleClient, visibleParty } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import { departments, users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/database';
import { Invalid } from '../../platform/errors';
import { column, type Column } from '../../platform/export/tabular';
import type { Locale } from '../../platform/i18n/messages';
import { clients, parties } from '../registry/registry.tables';
import { benefitLedgerEntries as e, benefitRequests } from './benefits.tables';
import { rateToDecimalString } from './amounts';
import type { LedgerEntryDto, LedgerEntryKind, LedgerFilter, LedgerGrouping, LedgerSummary, LedgerTotals } from './ledger.types';

const clientParty = alias(parties, 'ledger_client_party');
const counterparty = alias(parties, 'ledger_counterparty');
const creator = alias(users, 'ledger_creator');

/**
 * Every filter is a column of the entry itself, so the (dimension, entry_date) indexes serve it.
 * Entries of clients the reader is recused or walled off from are left out of every list, total,
 * summary and export alike; asking for such a client by name is noted as a refused attempt.
 */
function whereOf(ctx: RequestContext, filter: LedgerFilter): SQL | undefined {
  const { from, to } = filter;
  if (from && to && from > to) throw Invalid('LEDGER_DATE_RANGE', { from, to }, [{ path: 'to', message: 'DATE_ORDER' }]);
  if (filter.clientId) noteRefusal(ctx, filter.clientId);
  return and(
    visibleClient(ctx, e.clientId),
    visibleParty(ctx, e.counterpartyPartyId),
    from ? gte(e.entryDate, from) : undefined,
    to ? lte(e.entryDate, to) : undefined,
    filter.clientId ? eq(e.clientId, filter.clientId) : undefined,
    filter.counterpartyPartyId ? eq(e.counterpartyPartyId, filter.counterpartyPartyId) : undefined,
    filter.requesterId ? eq(e.requesterId, filter.requesterId) : undefined,
    filter.departmentId ? eq(e.departmentId, filter.departmentId) : undefined,
    filter.benefitType ? eq(e.benefitType, filter.benefitType) : undefined,
    filter.direction ? eq(e.direction, filter.direction) : undefined,
    filter.kind ? eq(e.kind, filter.kind) : undefined,
  );
}

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' as const });

/** Sums travel as bigint text: exact whatever the driver does with numeric, and checked on the way in. */
function minorOf(text: string | null | undefined): number {
  const value = Number(text ?? '0');
  if (!Number.isSafeInteger(value)) throw new RangeError(`Ledger sum beyond the safe integer range: ${text}`);
  return value;
}

// The kind is a literal, not a parameter: grouping sets need the select list to repeat itself exactly.
const sumOf = (kind: LedgerEntryKind) => sql<string>`coalesce(sum(${e.amountCnyMinor}) filter (where ${e.kind} = ${sql.raw(`'${kind}'`)}), 0)::bigint::text`;
const figures = { requested: sumOf('request'), approved: sumOf('approval'), paid: sumOf('payment'), reversed: sumOf('reversal') };

function figuresOf(row: { requested: string; approved: string; paid: string; reversed: string }) {
  const [requested, approved, paid, reversed] = [minorOf(row.requested), minorOf(row.approved), minorOf(row.paid), minorOf(row.reversed)];
  return { requested: cny(requested), approved: cny(approved), paid: cny(paid), reversed: cny(reversed), net: cny(paid + reversed) };
}

function entrySelection(locale: Locale) {
  return {
    id: e.id,
    requestId: e.requestId,
    requestRef: benefitRequests.ref,
    kind: e.kind,
    entryDate: e.entryDate,
    amountMinor: e.amountMinor,
    currency: e.currency,
    rateNumerator: e.rateNumerator,
    rateDenominator: e.rateDenominator,
    amountCnyMinor: e.amountCnyMinor,
    direction: e.direction,
    benefitType: e.benefitType,
    clientId: e.clientId,
    clientName: clientParty.primaryName,
    counterpartyId: e.counterpartyPartyId,
    counterpartyName: counterparty.primaryName,
    requesterId: e.requesterId,
    requesterName: users.displayName,
    departmentId: e.departmentId,
    departmentName: locale === 'en' ? departments.nameEn : departments.name,
    paymentMethod: e.paymentMethod,
    voucherNo: e.voucherNo,
    reversesEntryId: e.reversesEntryId,
    note: e.note,
    createdAt: e.createdAt,
    createdById: e.createdBy,
    createdByName: creator.displayName,
  };
}

const entryQuery = (db: Db, locale: Locale) =>
  db
    .select(entrySelection(locale))
    .from(e)
    .innerJoin(benefitRequests, eq(benefitRequests.id, e.requestId))
    .leftJoin(clients, eq(clients.id, e.clientId))
    .leftJoin(clientParty, eq(clientParty.id, clients.partyId))
    .innerJoin(counterparty, eq(counterparty.id, e.counterpartyPartyId))
    .innerJoin(users, eq(users.id, e.requesterId))
    .innerJoin(departments, eq(departments.id, e.departmentId))
    .leftJoin(creator, eq(creator.id, e.createdBy))
    .$dynamic();

type EntryRow = Awaited<ReturnType<typeof entryQuery>>[number];

function toEntry(row: EntryRow): LedgerEntryDto {
  return {
    id: row.id,
    requestId: row.requestId,
    requestRef: row.requestRef,
    kind: row.kind,
    entryDate: row.entryDate,
    amount: { amountMinor: row.amountMinor, currency: row.currency },
    rate: row.rateNumerator !== null && row.rateDenominator !== null ? { numerator: row.rateNumerator, denominator: row.rateDenominator } : null,
    amountCny: cny(row.amountCnyMinor),
    direction: row.direction,
    benefitType: row.benefitType,
    client: row.clientId ? { id: row.clientId, name: row.clientName ?? '' } : null,
    counterparty: { id: row.counterpartyId, name: row.counterpartyName },
    requester: { id: row.requesterId, displayName: row.requesterName },
    department: { id: row.departmentId, name: row.departmentName },
    paymentMethod: row.paymentMethod,
    voucherNo: row.voucherNo,
    reversesEntryId: row.reversesEntryId,
    note: row.note,
    createdAt: row.createdAt,
    createdBy: row.createdById ? { id: row.createdById, displayName: row.createdByName ?? '' } : null,
  };
}

/** The totals of everything the filter selects, not only one page. */
export async function ledgerTotals(db: Db, ctx: RequestContext, filter: LedgerFilter): Promise<LedgerTotals> {
  const [row] = await db
    .select({ count: count(), ...figures })
    .from(e)
    .where(whereOf(ctx, filter));
  const { requested, approved, paid, reversed, net } = figuresOf(row!);
  return { count: row!.count, requested, approved, paid, reversed, netPaid: net };
}

/** One page of entries, newest first, with the totals of the whole filter. */
export async function listLedgerEntries(db: Db, ctx: RequestContext, query: LedgerFilter & { page: number; pageSize: number }, locale: Locale) {
  const { page, pageSize, ...filter } = query;
  const where = whereOf(ctx, filter);
  const [rows, totals] = await Promise.all([
    entryQuery(db, locale)
      .where(where)
      .orderBy(desc(e.entryDate), desc(e.createdAt), desc(e.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ledgerTotals(db, ctx, filter),
  ]);
  return { items: rows.map(toEntry), total: totals.count, page, pageSize, totals };
}

const noClient: Record<Locale, string> = { 'zh-CN': '（无客户）', en: '(no client)' };

/** What each grouping groups by: a column of the entry, so the aggregation reads the ledger alone. */
function groupKey(groupBy: LedgerGrouping): SQL {
  switch (groupBy) {
    case 'client':
      return sql`${e.clientId}`;
    case 'counterparty':
      return sql`${e.counterpartyPartyId}`;
    case 'requester':
      return sql`${e.requesterId}`;
    case 'department':
      return sql`${e.departmentId}`;
    case 'benefitType':
      return sql`${e.benefitType}`;
    case 'month':
      return sql`to_char(${e.entryDate}, 'YYYY-MM')`;
  }
}

/**
 * The ledger grouped one way, in a single statement: the groups and the grand total come from one
 * scan of the entries (grouping sets), and only then are the few groups labelled, so the labels'
 * tables are looked up by key rather than joined to every entry. Sorted by net paid, largest
 * first, then by label in the reader's collation (the same on every database).
 */
export async function summariseLedger(db: Db, ctx: RequestContext, query: LedgerFilter & { groupBy: LedgerGrouping }, locale: Locale): Promise<LedgerSummary> {
  const { groupBy, ...filter } = query;
  const where = whereOf(ctx, filter);
  const key = groupKey(groupBy);
  const groups = db.$with('ledger_groups').as(
    db
      .select({
        isTotal: sql<number>`grouping(${key})::int`.as('is_total'),
        groupKey: sql<string | null>`${key}`.as('group_key'),
        requests: sql<number>`count(distinct ${e.requestId})::int`.as('requests'),
        requested: figures.requested.as('requested'),
        approved: figures.approved.as('approved'),
        paid: figures.paid.as('paid'),
        reversed: figures.reversed.as('reversed'),
      })
      .from(e)
      .where(where)
      .groupBy(sql`grouping sets ((${key}), ())`),
  );
  const label: Partial<Record<LedgerGrouping, SQL>> = {
    client: sql`${clientParty.primaryName}`,
    counterparty: sql`${counterparty.primaryName}`,
    requester: sql`${users.displayName}`,
    department: sql`${locale === 'en' ? departments.nameEn : departments.name}`,
  };
  let labelled = db
    .with(groups)
    .select({
      isTotal: groups.isTotal,
      key: sql<string | null>`${groups.groupKey}::text`,
      label: sql<string | null>`${label[groupBy] ?? sql`null`}`,
      count: groups.requests,
      requested: groups.requested,
      approved: groups.approved,
      paid: groups.paid,
      reversed: groups.reversed,
    })
    .from(groups)
    .$dynamic();
  if (groupBy === 'client') labelled = labelled.leftJoin(clients, sql`${clients.id} = ${groups.groupKey}`).leftJoin(clientParty, eq(clientParty.id, clients.partyId));
  if (groupBy === 'counterparty') labelled = labelled.leftJoin(counterparty, sql`${counterparty.id} = ${groups.groupKey}`);
  if (groupBy === 'requester') labelled = labelled.leftJoin(users, sql`${users.id} = ${groups.groupKey}`);
  if (groupBy === 'department') labelled = labelled.leftJoin(departments, sql`${departments.id} = ${groups.groupKey}`);
  const result = await labelled;

  const labelOf = (row: (typeof result)[number]) => {
    if (groupBy === 'benefitType') return benefitTypeLabels[row.key as keyof typeof benefitTypeLabels]?.[locale] ?? row.key ?? '';
    if (groupBy === 'month') return row.key ?? '';
    if (groupBy === 'client' && row.key === null) return noClient[locale];
    return row.label ?? '';
  };
  const collator = new Intl.Collator(locale);
  const rows = result
    .filter((row) => row.isTotal === 0)
    .map((row) => ({ key: row.key, label: labelOf(row), count: row.count, ...figuresOf(row) }))
    .sort((a, b) => b.net.amountMinor - a.net.amountMinor || collator.compare(a.label, b.label) || (a.key ?? '').localeCompare(b.key ?? ''));
  const grand = result.find((row) => row.isTotal === 1);
  // The empty grouping set answers even when no entry matches; the fallback only satisfies the types.
  const totals = grand ? { count: grand.count, ...figuresOf(grand) } : { count: 0, ...figuresOf({ requested: '0', approved: '0', paid: '0', reversed: '0' }) };
  return { groupBy, rows, totals };
}

// ---- Export ---------------------------------------------------------------------------------

const BATCH = 500;

/**
 * Every entry the filter selects, oldest first as a ledger reads, in batches. Each batch starts
 * after the last key of the one before (entry date, time recorded, id), so a large ledger costs
 * the same per batch however far in it is.
 */
export async function* ledgerEntryBatches(db: Db, ctx: RequestContext, filter: LedgerFilter, locale: Locale, batchSize = BATCH): AsyncIterable<LedgerEntryDto[]> {
  const where = whereOf(ctx, filter);
  let after: EntryRow | undefined;
  for (;;) {
    const keyset = after ? sql`(${e.entryDate}, ${e.createdAt}, ${e.id}) > (${after.entryDate}::date, ${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
    const rows = await entryQuery(db, locale)
      .where(and(where, keyset))
      .orderBy(asc(e.entryDate), asc(e.createdAt), asc(e.id))
      .limit(batchSize);
    if (rows.length) yield rows.map(toEntry);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1];
  }
}

/** Records who exported which slice of the ledger, before any of it leaves. */
export async function auditLedgerExport(db: Db, ctx: RequestContext, filter: LedgerFilter, format: 'csv' | 'xlsx'): Promise<number> {
  const where = whereOf(ctx, filter);
  const [row] = await db.select({ n: count() }).from(e).where(where);
  const rows = row?.n ?? 0;
  await inTransaction(db, (tx) => appendAudit(tx, ctx, { action: 'benefit.ledger.export', entityType: 'benefit_ledger', after: { format, filter, rows } }));
  return rows;
}

const totalFigures = ['requested', 'approved', 'paid', 'reversed', 'netPaid'] as const;
type TotalFigure = (typeof totalFigures)[number];

export type LedgerExportLine = { entry: LedgerEntryDto } | { total: TotalFigure; amountCny: Money; count: number };

/** The entries, then the totals as rows, summed from exactly the rows written. */
export async function* ledgerExportLines(batches: AsyncIterable<LedgerEntryDto[]>): AsyncIterable<LedgerExportLine[]> {
  const sums: Record<LedgerEntryKind, number> = { request: 0, approval: 0, payment: 0, reversal: 0 };
  const counts: Record<LedgerEntryKind, number> = { request: 0, approval: 0, payment: 0, reversal: 0 };
  for await (const entries of batches) {
    for (const entry of entries) {
      sums[entry.kind] += entry.amountCny.amountMinor;
      counts[entry.kind] += 1;
      if (!Number.isSafeInteger(sums[entry.kind])) throw new RangeError('Ledger total beyond the safe integer range');
    }
    yield entries.map((entry) => ({ entry }));
  }
  const line = (total: TotalFigure, amountMinor: number, n: number): LedgerExportLine => ({ total, amountCny: cny(amountMinor), count: n });
  yield [
    line('requested', sums.request, counts.request),
    line('approved', sums.approval, counts.approval),
    line('paid', sums.payment, counts.payment),
    line('reversed', sums.reversal, counts.reversal),
    line('netPaid', sums.payment + sums.reversal, counts.payment + counts.reversal),
  ];
}

const kindLabels: Record<LedgerEntryKind, Record<Locale, string>> = {
  request: { 'zh-CN': '申请', en: 'Request' },
  approval: { 'zh-CN': '批准', en: 'Approval' },
  payment: { 'zh-CN': '支付', en: 'Payment' },
  reversal: { 'zh-CN': '冲销', en: 'Reversal' },
};
const totalLabels: Record<TotalFigure, Record<Locale, string>> = {
  requested: { 'zh-CN': '申请合计', en: 'Total requested' },
  approved: { 'zh-CN': '批准合计', en: 'Total approved' },
  paid: { 'zh-CN': '支付合计', en: 'Total paid' },
  reversed: { 'zh-CN': '冲销合计', en: 'Total reversed' },
  netPaid: { 'zh-CN': '净支付合计', en: 'Net paid' },
};
const directionLabels: Record<'given' | 'received', Record<Locale, string>> = {
  given: { 'zh-CN': '给予', en: 'Given' },
  received: { 'zh-CN': '收受', en: 'Received' },
};
export const ledgerTotalMark: Record<Locale, string> = { 'zh-CN': '合计', en: 'Total' };

/** The export's columns; values in the reader's language, money as exact decimal text. */
export function ledgerColumns(locale: Locale): Column<LedgerExportLine>[] {
  const entryCell =
    <T extends string | number | null>(value: (entry: LedgerEntryDto) => T, total: (line: Extract<LedgerExportLine, { total: TotalFigure }>) => T | null = () => null) =>
    (line: LedgerExportLine) =>
      'entry' in line ? value(line.entry) : total(line);
  return [
    column('entry_date', '日期', 'Date', 12, entryCell((x) => x.entryDate, () => ledgerTotalMark[locale])),
    column('request_ref', '申请编号', 'Request', 16, entryCell((x) => x.requestRef)),
    column('kind', '类别', 'Entry', 14, entryCell((x) => kindLabels[x.kind][locale], (t) => totalLabels[t.total][locale])),
    column('direction', '方向', 'Direction', 10, entryCell((x) => directionLabels[x.direction][locale])),
    column('benefit_type', '利益类型', 'Benefit type', 12, entryCell((x) => benefitTypeLabels[x.benefitType][locale])),
    column('client', '客户', 'Client', 28, entryCell((x) => x.client?.name ?? null)),
    column('counterparty', '对方', 'Counterparty', 28, entryCell((x) => x.counterparty.name)),
    column('requester', '申请人', 'Requester', 12, entryCell((x) => x.requester.displayName)),
    column('department', '部门', 'Department', 14, entryCell((x) => x.department.name)),
    column('amount', '金额', 'Amount', 16, entryCell((x) => moneyToDecimalString(x.amount))),
    column('currency', '币种', 'Currency', 8, entryCell((x) => x.amount.currency)),
    column('rate', '汇率', 'Rate', 12, entryCell((x) => (x.rate ? rateToDecimalString(x.rate) : null))),
    column('amount_cny', '人民币金额', 'Amount (CNY)', 16, entryCell((x) => moneyToDecimalString(x.amountCny), (t) => moneyToDecimalString(t.amountCny))),
    column('payment_method', '支付方式', 'Payment method', 14, entryCell((x) => x.paymentMethod)),
    column('voucher_no', '凭证号', 'Voucher no.', 16, entryCell((x) => x.voucherNo)),
    column('note', '备注', 'Note', 30, entryCell((x) => x.note, (t) => (locale === 'en' ? `${t.count} entries` : `${t.count} 条`))),
    column('entry_id', '分录编号', 'Entry ID', 38, entryCell((x) => x.id)),
  ];
}
