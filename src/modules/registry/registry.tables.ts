import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { identifierSchemes } from '../../core/identifiers';
import { nameLanguages, nameTypes } from '../../core/names';
import { partyKinds, relationshipTypes } from '../../core/relationships';
import { departments, users } from '../../platform/auth/auth.tables';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const day = (name: string) => date(name, { mode: 'string' });

export const partyKindEnum = pgEnum('party_kind', partyKinds);
export const nameLanguageEnum = pgEnum('name_language', nameLanguages);
export const nameTypeEnum = pgEnum('name_type', nameTypes);
export const identifierSchemeEnum = pgEnum('identifier_scheme', identifierSchemes);
export const relationshipTypeEnum = pgEnum('relationship_type', relationshipTypes);
export const recordSourceEnum = pgEnum('record_source', ['manual', 'declared', 'imported', 'ftm', 'seed']);
export const clientStatusEnum = pgEnum('client_status', ['prospect', 'active', 'former']);
export const declarationStatusEnum = pgEnum('declaration_status', ['submitted', 'accepted', 'rejected', 'withdrawn']);

/** A person or an organisation the firm knows of. Ended, never deleted. */
export const parties = pgTable(
  'parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: partyKindEnum('kind').notNull(),
    primaryName: text('primary_name').notNull(),
    /** The key an import file gave it, so later files (relationships, clients) can refer to it. */
    ref: text('ref'),
    country: text('country'),
    address: text('address'),
    notes: text('notes'),
    /** Staff are parties too: the user account this person is. */
    userId: uuid('user_id').references(() => users.id),
    publicOfficial: boolean('public_official').notNull().default(false),
    officialPosition: text('official_position'),
    source: recordSourceEnum('source').notNull().default('manual'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('parties_ref_idx').on(t.ref),
    uniqueIndex('parties_user_idx').on(t.userId),
    index('parties_primary_name_idx').on(t.primaryName),
  ],
);

export const partyNames = pgTable(
  'party_names',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    name: text('name').notNull(),
    normalized: text('normalized').notNull(),
    language: nameLanguageEnum('language').notNull(),
    nameType: nameTypeEnum('name_type').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('party_names_party_idx').on(t.partyId), index('party_names_normalized_idx').on(t.normalized)],
);

export const partyIdentifiers = pgTable(
  'party_identifiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    scheme: identifierSchemeEnum('scheme').notNull(),
    value: text('value').notNull(),
    country: text('country'),
    createdAt: ts('created_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [
    index('party_identifiers_party_idx').on(t.partyId),
    // One live holder per identifier: the duplicate guard, enforced by the database too.
    uniqueIndex('party_identifiers_live_idx').on(t.scheme, t.value).where(sql`${t.endedAt} is null`),
  ],
);

export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    status: clientStatusEnum('status').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    departmentId: uuid('department_id').references(() => departments.id),
    serviceLines: text('service_lines').array().notNull().default(sql`'{}'::text[]`),
    startDate: day('start_date'),
    endDate: day('end_date'),
    annualRevenueMinor: bigint('annual_revenue_minor', { mode: 'number' }),
    revenueCurrency: text('revenue_currency'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('clients_party_idx').on(t.partyId), index('clients_owner_idx').on(t.ownerUserId), index('clients_department_idx').on(t.departmentId)],
);

export const clientContacts = pgTable(
  'client_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    role: text('role'),
    title: text('title'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('client_contacts_client_idx').on(t.clientId), index('client_contacts_party_idx').on(t.partyId)],
);

/** Typed, directed link between two parties. Never overwritten: a change supersedes, an end keeps its dates. */
export const relationships = pgTable(
  'relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromPartyId: uuid('from_party_id')
      .notNull()
      .references(() => parties.id),
    toPartyId: uuid('to_party_id')
      .notNull()
      .references(() => parties.id),
    type: relationshipTypeEnum('type').notNull(),
    shareBasisPoints: integer('share_basis_points'),
    /** Title or rank: 董事长, 处长, 表兄… */
    role: text('role'),
    validFrom: day('valid_from'),
    validTo: day('valid_to'),
    source: recordSourceEnum('source').notNull(),
    declarationId: uuid('declaration_id'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    supersededById: uuid('superseded_by_id'),
    supersededAt: ts('superseded_at'),
  },
  (t) => [index('relationships_from_idx').on(t.fromPartyId), index('relationships_to_idx').on(t.toPartyId), index('relationships_type_idx').on(t.type)],
);

/** A staff member's declaration of relatives and outside interests; every submission is kept. */
export const declarations = pgTable(
  'declarations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    status: declarationStatusEnum('status').notNull(),
    items: jsonb('items').notNull(),
    statement: text('statement'),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    reviewComment: text('review_comment'),
  },
  (t) => [index('declarations_user_idx').on(t.userId), index('declarations_status_idx').on(t.status)],
);
