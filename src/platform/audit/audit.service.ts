import { and, asc, count, desc, eq, gt, gte, ilike, lte, sql, type SQL } from 'drizzle-orm';
import { visibleEntityRow } from '../access/client-scope';
import { entryHash, findBreak, GENESIS_HASH, type ChainBreak, type StoredEntry } from '../../core/audit-chain';
import { users } from '../auth/auth.tables';
import type { RequestContext } from '../context';
import { insertRows } from '../db/bulk';
import type { Db, Tx } from '../db/database';
import { auditEntries } from './audit.tables';

// Serialises appends across transactions and processes so the chain stays a single line.
const AUDIT_CHAIN_LOCK = 727_002;

export interface AuditRecord {
  action: string; // e.g. 'user.create', 'auth.login'
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the acting user, e.g. for a sign-in where nobody is signed in yet. */
  actorId?: string | null;
}

/** Appends one entry to the audit trail inside the caller's transaction. */
export async function appendAudit(tx: Tx, ctx: RequestContext, record: AuditRecord): Promise<number> {
  return appendAuditBatch(tx, ctx, [record]);
}

/**
 * Appends entries in order inside the caller's transaction, chained one to the next; bulk work
 * (imports) writes thousands at once. Returns the last sequence number.
 */
export async function appendAuditBatch(tx: Tx, ctx: RequestContext, records: readonly AuditRecord[]): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ seq: auditEntries.seq, hash: auditEntries.hash }).from(auditEntries).orderBy(desc(auditEntries.seq)).limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows = records.map((record) => {
    seq += 1;
    const fields = {
      seq,
      at,
      actorId: record.actorId !== undefined ? record.actorId : (ctx.principal?.userId ?? null),
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      before: toJson(record.before),
      after: toJson(record.after),
      requestId: ctx.requestId,
      ip: ctx.ip,
    };
    const hash = entryHash(prevHash, fields);
    const row = { ...fields, at: new Date(at), prevHash, hash };
    prevHash = hash;
    return row;
  });
  await insertRows(tx, auditEntries, rows);
  return seq;
}

/** Round-trips through JSON so what is hashed is exactly what jsonb stores and gives back. */
function toJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

export interface AuditFilter {
  actor?: string; // username
  action?: string; // prefix, e.g. 'auth.' or 'user.create'
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}

/** Entries about clients a recusal or barrier keeps the reader out of are left out of what they read. */
const visibleEntry = (ctx: RequestContext) =>
  visibleEntityRow(ctx, { type: auditEntries.entityType, id: auditEntries.entityId }, sql`concat_ws(' ', ${auditEntries.entityId}, ${auditEntries.before}::text, ${auditEntries.after}::text)`);

function whereOf(ctx: RequestContext, filter: AuditFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visibleEntry(ctx)];
  if (filter.actor) conditions.push(sql`lower(${users.username}) = lower(${filter.actor})`);
  if (filter.action) conditions.push(ilike(auditEntries.action, `${escapeLike(filter.action)}%`));
  if (filter.entityType) conditions.push(eq(auditEntries.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEntries.entityId, filter.entityId));
  if (filter.from) conditions.push(gte(auditEntries.at, filter.from));
  if (filter.to) conditions.push(lte(auditEntries.at, filter.to));
  return and(...conditions);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const entryColumns = {
  seq: auditEntries.seq,
  at: auditEntries.at,
  action: auditEntries.action,
  entityType: auditEntries.entityType,
  entityId: auditEntries.entityId,
  before: auditEntries.before,
  after: auditEntries.after,
  requestId: auditEntries.requestId,
  ip: auditEntries.ip,
  hash: auditEntries.hash,
  actorId: users.id,
  actorUsername: users.username,
  actorDisplayName: users.displayName,
};

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['items'][number];

/** Newest first, one page. */
export async function listAudit(db: Db, ctx: RequestContext, filter: AuditFilter, page: number, pageSize: number) {
  const where = whereOf(ctx, filter);
  const [items, [total]] = await Promise.all([
    db
      .select(entryColumns)
      .from(auditEntries)
      .leftJoin(users, eq(users.id, auditEntries.actorId))
      .where(where)
      .orderBy(desc(auditEntries.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditEntries).leftJoin(users, eq(users.id, auditEntries.actorId)).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Every matching entry, oldest first, in batches (for exports of any size). */
export async function* streamAudit(db: Db, ctx: RequestContext, filter: AuditFilter, batchSize = 1000) {
  let after = 0;
  for (;;) {
    const where = whereOf(ctx, filter);
    const batch = await db
      .select(entryColumns)
      .from(auditEntries)
      .leftJoin(users, eq(users.id, auditEntries.actorId))
      .where(where ? and(where, gt(auditEntries.seq, after)) : gt(auditEntries.seq, after))
      .orderBy(asc(auditEntries.seq))
      .limit(batchSize);
    if (batch.length === 0) return;
    yield* batch;
    after = batch[batch.length - 1]!.seq;
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: ChainBreak | null;
}

/** Walks the whole chain in order, recomputing every hash. */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
  const [totalRow] = await db.select({ n: count() }).from(auditEntries);
  const total = totalRow?.n ?? 0;
  let previous: { seq: number; hash: string } | null = null;
  let checked = 0;
  for (;;) {
    const batch: StoredEntry[] = (
      await db
        .select()
        .from(auditEntries)
        .where(gt(auditEntries.seq, previous?.seq ?? 0))
        .orderBy(asc(auditEntries.seq))
        .limit(2000)
    ).map((row) => ({ ...row, at: row.at.toISOString() }));
    if (batch.length === 0) break;
    const broken = findBreak(batch, previous);
    if (broken) return { ok: false, checked: checked + batch.findIndex((e) => e.seq === broken.seq), firstBroken: broken };
    checked += batch.length;
    previous = batch[batch.length - 1]!;
    onProgress?.(checked, total);
  }
  return { ok: true, checked, firstBroken: null };
}

/**
 * The trail as an ordered change feed for in-memory caches (the conflict-check index): `seq` is
 * handed out under the chain lock, so entries become visible in sequence order and without gaps.
 */
export async function changesSince(db: Db, afterSeq: number, entityType: string, limit = 5000) {
  const rows = await db
    .select({ seq: auditEntries.seq, entityId: auditEntries.entityId })
    .from(auditEntries)
    .where(and(gt(auditEntries.seq, afterSeq), lte(auditEntries.seq, afterSeq + limit), eq(auditEntries.entityType, entityType)))
    .orderBy(asc(auditEntries.seq));
  return { entityIds: [...new Set(rows.flatMap((r) => (r.entityId ? [r.entityId] : [])))], lastSeq: Math.min(await lastAuditSeq(db), afterSeq + limit) };
}

export async function lastAuditSeq(db: Db): Promise<number> {
  const [last] = await db.select({ seq: sql<number>`coalesce(max(${auditEntries.seq}), 0)::int` }).from(auditEntries);
  return last?.seq ?? 0;
}
