import { z } from 'zod';
import { isoDate, pageQuery } from '../../platform/http/schemas';
import { IsoDay } from './registry.types';

const text = (max: number) => z.string().trim().min(1).max(max);
// No transforms: the same schemas describe requests and responses (zod must encode them back).
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** A relative of the declarant; `employer` names where they work (often the point: a client). */
export const RelativeItem = z.object({
  type: z.literal('relative'),
  relation: z.enum(['spouse', 'parent', 'child', 'sibling', 'relative']),
  name: text(200),
  idNumber: optionalText(32),
  employer: optionalText(300),
  position: optionalText(200),
  notes: optionalText(1000),
});

/** An outside interest of the declarant: shareholding, directorship, side job, business partnership. */
export const InterestItem = z.object({
  type: z.literal('interest'),
  relation: z.enum(['shareholder', 'director', 'supervisor', 'legal_representative', 'employee', 'business_partner']),
  organisation: text(300),
  uscc: optionalText(32),
  percentage: z.union([z.string().trim(), z.number()]).nullish(),
  role: optionalText(200),
  validFrom: IsoDay.nullish(),
  validTo: IsoDay.nullish(),
  notes: optionalText(1000),
});

/**
 * A personal dispute (个人纠纷) of the declarant: with a party already in the registry
 * (`counterpartyId`), or a person or organisation named, found by its identifier (resident ID
 * number or USCC) when given. Ongoing while `endedOn` is empty.
 */
export const DisputeItem = z.object({
  type: z.literal('dispute'),
  counterpartyId: z.uuid().nullish(),
  counterpartyKind: z.enum(['person', 'org']).nullish(),
  counterpartyName: optionalText(300),
  counterpartyIdentifier: optionalText(32),
  description: text(1000),
  since: IsoDay,
  endedOn: IsoDay.nullish(),
});

export const DeclarationItem = z.discriminatedUnion('type', [RelativeItem, InterestItem, DisputeItem]);
export type DeclarationItem = z.infer<typeof DeclarationItem>;

export const DeclarationInput = z.object({
  statement: optionalText(4000),
  items: z.array(DeclarationItem).max(100),
});

export const DeclarationListQuery = pageQuery.extend({
  scope: z.enum(['mine', 'review']).default('mine'),
  status: z.enum(['submitted', 'accepted', 'rejected', 'withdrawn']).optional(),
});

const UserRef = z.object({ id: z.uuid(), username: z.string(), displayName: z.string() });

export const DeclarationSchema = z.object({
  id: z.uuid(),
  user: UserRef,
  status: z.enum(['submitted', 'accepted', 'rejected', 'withdrawn']),
  statement: z.string().nullable(),
  items: z.array(DeclarationItem),
  submittedAt: isoDate,
  reviewedBy: UserRef.nullable(),
  reviewedAt: isoDate.nullable(),
  reviewComment: z.string().nullable(),
  relationshipIds: z.array(z.uuid()),
});

export const ReviewBody = z.object({ comment: optionalText(2000) });
export const RejectBody = z.object({ comment: text(2000) });
