import { z } from 'zod';
import { isoDate } from '../http/schemas';

export const AuditFilterQuery = z.object({
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: isoDate,
  actor: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});

export const VerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string(), expectedSeq: z.number().int().optional() }).nullable(),
});
