import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers, in the form anyone can recompute. */
export interface ChainedFields {
  seq: number;
  at: string; // ISO 8601 with milliseconds, UTC
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** hash = SHA-256(prevHash + "\n" + canonicalJson(fields)), hex. */
export function entryHash(prevHash: string, fields: ChainedFields): string {
  const { seq, at, actorId, action, entityType, entityId, before, after, requestId, ip } = fields;
  const covered = { seq, at, actorId, action, entityType, entityId, before, after, requestId, ip };
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(covered)}`).digest('hex');
}

export interface StoredEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

export type ChainBreak = { seq: number; reason: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch'; expectedSeq?: number };

/**
 * Checks a run of entries in sequence order, continuing from `previous` (the last entry already
 * checked, or null at the start of the chain). Returns the first break, or null.
 */
export function findBreak(entries: readonly StoredEntry[], previous: { seq: number; hash: string } | null): ChainBreak | null {
  let expectedSeq = previous ? previous.seq + 1 : 1;
  let prevHash = previous ? previous.hash : GENESIS_HASH;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { seq: entry.seq, reason: 'sequence_gap', expectedSeq };
    if (entry.prevHash !== prevHash) return { seq: entry.seq, reason: 'prev_hash_mismatch' };
    if (entryHash(entry.prevHash, entry) !== entry.hash) return { seq: entry.seq, reason: 'hash_mismatch' };
    expectedSeq += 1;
    prevHash = entry.hash;
  }
  return null;
}
