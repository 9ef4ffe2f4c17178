import { z } from 'zod';
import { identifierSchemes } from '../../core/identifiers';
import { nameLanguages, nameTypes } from '../../core/names';
import { partyKinds, relationshipTypes } from '../../core/relationships';
import { isIsoDate } from '../../core/relationships';
import { isoDate, pageQuery } from '../../platform/http/schemas';

export const IsoDay = z.string().refine(isIsoDate, 'YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

export const PartyKindSchema = z.enum(partyKinds);
export const NameInput = z.object({
  name: text(300),
  language: z.enum(nameLanguages).optional(),
  nameType: z.enum(nameTypes).exclude(['primary']).default('alias'),
});
export const IdentifierInput = z.object({
  scheme: z.enum(identifierSchemes),
  value: text(64),
  country: optionalText(2),
});

export const PartyInput = z.object({
  kind: PartyKindSchema,
  name: text(300),
  aliases: z.array(NameInput).max(50).default([]),
  identifiers: z.array(IdentifierInput).max(20).default([]),
  country: optionalText(2),
  address: optionalText(500),
  notes: optionalText(4000),
  publicOfficial: z.boolean().default(false),
  officialPosition: optionalText(300),
  /** Confirms the caller knows of a party with a nearly identical name and means a different one. */
  acknowledgeSimilar: z.boolean().default(false),
});
export type PartyInput = z.infer<typeof PartyInput>;

export const PartyChanges = z
  .object({
    name: text(300),
    country: optionalText(2),
    address: optionalText(500),
    notes: optionalText(4000),
    publicOfficial: z.boolean(),
    officialPosition: optionalText(300),
  })
  .partial();
export type PartyChanges = z.infer<typeof PartyChanges>;

export const PartyListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  kind: PartyKindSchema.optional(),
  country: z.string().trim().max(2).optional(),
  client: z.enum(['yes', 'no']).optional(),
  publicOfficial: z.enum(['yes', 'no']).optional(),
  staff: z.enum(['yes', 'no']).optional(),
  includeEnded: z.enum(['yes', 'no']).default('no'),
  sort: z.enum(['name', 'createdAt', 'updatedAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type PartyListQuery = z.infer<typeof PartyListQuery>;

export const PartySummarySchema = z.object({
  id: z.uuid(),
  kind: PartyKindSchema,
  primaryName: z.string(),
  ref: z.string().nullable(),
  country: z.string().nullable(),
  publicOfficial: z.boolean(),
  isClient: z.boolean(),
  isStaff: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
  endedAt: isoDate.nullable(),
});

export const PartyNameSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  language: z.enum(nameLanguages),
  nameType: z.enum(nameTypes),
  createdAt: isoDate,
  endedAt: isoDate.nullable(),
});

export const IdentifierSchema = z.object({
  id: z.uuid(),
  scheme: z.enum(identifierSchemes),
  /** Masked for ID and passport numbers; the full value comes only from the reveal endpoint. */
  value: z.string(),
  masked: z.boolean(),
  country: z.string().nullable(),
  createdAt: isoDate,
  endedAt: isoDate.nullable(),
});

export const RelationshipSchema = z.object({
  id: z.uuid(),
  type: z.enum(relationshipTypes),
  from: z.object({ id: z.uuid(), name: z.string(), kind: PartyKindSchema }),
  to: z.object({ id: z.uuid(), name: z.string(), kind: PartyKindSchema }),
  percentage: z.string().nullable(),
  shareBasisPoints: z.number().int().nullable(),
  role: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  current: z.boolean(),
  source: z.string(),
  notes: z.string().nullable(),
  createdAt: isoDate,
  supersededById: z.uuid().nullable(),
});

export const RelationshipInput = z.object({
  fromPartyId: z.uuid(),
  toPartyId: z.uuid(),
  type: z.enum(relationshipTypes),
  percentage: z.union([z.string().trim(), z.number()]).nullish(),
  role: optionalText(200),
  validFrom: IsoDay.nullish(),
  validTo: IsoDay.nullish(),
  notes: optionalText(2000),
});
export type RelationshipInput = z.infer<typeof RelationshipInput>;

export const RelationshipChanges = RelationshipInput.omit({ fromPartyId: true, toPartyId: true, type: true }).partial();

export const RelationshipListQuery = pageQuery.extend({
  partyId: z.uuid().optional(),
  type: z.enum(relationshipTypes).optional(),
  status: z.enum(['current', 'ended', 'all']).default('current'),
  source: z.enum(['manual', 'declared', 'imported', 'ftm', 'seed']).optional(),
});

const MoneySchema = z.object({ amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), currency: z.string().regex(/^[A-Z]{3}$/) });

export const ClientStatusSchema = z.enum(['prospect', 'active', 'former']);
export const ClientInput = z.object({
  partyId: z.uuid().optional(),
  party: PartyInput.optional(),
  status: ClientStatusSchema.default('prospect'),
  ownerUserId: z.uuid().nullish(),
  departmentId: z.uuid().nullish(),
  serviceLines: z.array(text(100)).max(20).default([]),
  startDate: IsoDay.nullish(),
  endDate: IsoDay.nullish(),
  annualRevenue: MoneySchema.nullish(),
});
export type ClientInput = z.infer<typeof ClientInput>;

export const ClientChanges = ClientInput.omit({ partyId: true, party: true }).partial();
export type ClientChanges = z.infer<typeof ClientChanges>;

export const ClientListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: ClientStatusSchema.optional(),
  departmentId: z.uuid().optional(),
  ownerUserId: z.uuid().optional(),
  sort: z.enum(['name', 'status', 'startDate', 'revenue', 'createdAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

const UserRef = z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }).nullable();
const DepartmentRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable();

export const ContactSchema = z.object({
  id: z.uuid(),
  party: z.object({ id: z.uuid(), name: z.string() }),
  role: z.string().nullable(),
  title: z.string().nullable(),
  isPrimary: z.boolean(),
  createdAt: isoDate,
  endedAt: isoDate.nullable(),
});

export const ClientSchema = z.object({
  id: z.uuid(),
  party: z.object({ id: z.uuid(), name: z.string(), kind: PartyKindSchema }),
  status: ClientStatusSchema,
  owner: UserRef,
  department: DepartmentRef,
  serviceLines: z.array(z.string()),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  annualRevenue: MoneySchema.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const ContactInput = z.object({
  partyId: z.uuid().optional(),
  /** A new person, created with the contact. */
  person: z.object({ name: text(300), aliases: z.array(NameInput).max(20).default([]) }).optional(),
  role: optionalText(100),
  title: optionalText(100),
  isPrimary: z.boolean().default(false),
});
