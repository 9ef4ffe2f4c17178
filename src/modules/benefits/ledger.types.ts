import { z } from 'zod';
import { benefitTypes } from '../../core/benefits/policy';
import { isoDate, pageQuery } from '../../platform/http/schemas';

export const ledgerEntryKinds = ['request', 'approval', 'payment', 'reversal'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

export const ledgerGroupings = ['client', 'counterparty', 'requester', 'department', 'benefitType', 'month'] as const;
export type LedgerGrouping = (typeof ledgerGroupings)[number];

/** A calendar date that exists (2026-02-30 is refused). */
const day = z.iso.date();

/** The filters every ledger view and the export share; from and to are inclusive entry dates. */
export const LedgerFilterQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  clientId: z.uuid().optional(),
  counterpartyPartyId: z.uuid().optional(),
  requesterId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  benefitType: z.enum(benefitTypes).optional(),
  direction: z.enum(['given', 'received']).optional(),
  kind: z.enum(ledgerEntryKinds).optional(),
});
export type LedgerFilter = z.infer<typeof LedgerFilterQuery>;

export const LedgerEntriesQuery = LedgerFilterQuery.extend(pageQuery.shape);
export const LedgerSummaryQuery = LedgerFilterQuery.extend({ groupBy: z.enum(ledgerGroupings) });
export const LedgerExportQuery = LedgerFilterQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/** Signed: a reversal is negative. */
export const LedgerMoneySchema = z.object({ amountMinor: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER), currency: z.string().regex(/^[A-Z]{3}$/) });
const CnyMoney = z.object({ amountMinor: z.number().int(), currency: z.literal('CNY') });
const Named = z.object({ id: z.uuid(), name: z.string() });
const Person = z.object({ id: z.uuid(), displayName: z.string() });

export const LedgerEntrySchema = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  requestRef: z.string(),
  kind: z.enum(ledgerEntryKinds),
  entryDate: z.string(),
  amount: LedgerMoneySchema,
  /** 1 unit of the entry's currency = numerator / denominator CNY; null for CNY. */
  rate: z.object({ numerator: z.number().int(), denominator: z.number().int() }).nullable(),
  amountCny: CnyMoney,
  direction: z.enum(['given', 'received']),
  benefitType: z.enum(benefitTypes),
  client: Named.nullable(),
  counterparty: Named,
  requester: Person,
  department: Named,
  paymentMethod: z.string().nullable(),
  voucherNo: z.string().nullable(),
  reversesEntryId: z.uuid().nullable(),
  note: z.string().nullable(),
  createdAt: isoDate,
  createdBy: Person.nullable(),
});
export type LedgerEntryDto = z.infer<typeof LedgerEntrySchema>;

/** Over the whole filter, in CNY: reversed is negative, netPaid = paid + reversed. */
export const LedgerTotalsSchema = z.object({
  count: z.number().int(),
  requested: CnyMoney,
  approved: CnyMoney,
  paid: CnyMoney,
  reversed: CnyMoney,
  netPaid: CnyMoney,
});
export type LedgerTotals = z.infer<typeof LedgerTotalsSchema>;

export const LedgerEntriesPageSchema = z.object({
  items: z.array(LedgerEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: LedgerTotalsSchema,
});

/** count is the number of distinct requests; net = paid + reversed. */
const Figures = {
  count: z.number().int(),
  requested: CnyMoney,
  approved: CnyMoney,
  paid: CnyMoney,
  reversed: CnyMoney,
  net: CnyMoney,
};

export const LedgerSummarySchema = z.object({
  groupBy: z.enum(ledgerGroupings),
  /** key is the client, party, user or department id, the benefit type or YYYY-MM; null for entries without a client. */
  rows: z.array(z.object({ key: z.string().nullable(), label: z.string(), ...Figures })),
  totals: z.object(Figures),
});
export type LedgerSummary = z.infer<typeof LedgerSummarySchema>;
