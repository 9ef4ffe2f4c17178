import { randomUUID } from 'node:crypto';
import { appendAuditBatch, type AuditRecord } from '../../../platform/audit/audit.service';
import type { RequestContext } from '../../../platform/context';
import { insertRows } from '../../../platform/db/bulk';
import type { Tx } from '../../../platform/db/database';
import { insertPartiesBulk, insertRelationshipsBulk } from '../bulk-write';
import { clientContacts, clients } from '../registry.tables';
import type { ClientRecord } from './validate-clients';
import type { ContactRecord } from './validate-contacts';
import type { PartyRecord } from './validate-parties';
import type { RelationshipRecord } from './validate-relationships';

const CHUNK = 1000;
export type Progress = (done: number) => void;

/** Runs `write` on chunks of the records; ids are made here so rows and audit entries need no round trip. */
async function inChunks<R>(records: readonly R[], progress: Progress | undefined, write: (chunk: readonly R[], ids: string[]) => Promise<void>) {
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    await write(chunk, chunk.map(() => randomUUID()));
    progress?.(chunk.length);
  }
}

const audit = (action: string, entityType: string, entityId: string, after: unknown): AuditRecord => ({ action, entityType, entityId, after });

export async function writeParties(tx: Tx, ctx: RequestContext, records: readonly PartyRecord[], progress?: Progress) {
  await inChunks(records, progress, (chunk, ids) =>
    insertPartiesBulk(
      tx,
      ctx,
      chunk.map((p, i) => ({ ...p, id: ids[i]!, aliases: p.aliases.map((name) => ({ name, nameType: 'alias' as const })), source: 'imported' as const })),
      'import',
    ),
  );
  const names = records.reduce((n, p) => n + 1 + p.aliases.length, 0);
  const identifiers = records.reduce((n, p) => n + p.identifiers.length, 0);
  return { parties: records.length, names, identifiers };
}

export async function writeClients(tx: Tx, ctx: RequestContext, records: readonly ClientRecord[], progress?: Progress) {
  await inChunks(records, progress, async (chunk, ids) => {
    const rows = chunk.map((c, i) => ({
      id: ids[i]!,
      partyId: c.partyId,
      status: c.status,
      ownerUserId: c.ownerUserId,
      departmentId: c.departmentId,
      serviceLines: c.serviceLines,
      startDate: c.startDate,
      endDate: c.endDate,
      annualRevenueMinor: c.annualRevenueMinor,
      revenueCurrency: c.revenueCurrency,
    }));
    await insertRows(tx, clients, rows);
    await appendAuditBatch(tx, ctx, rows.map((row) => audit('client.import', 'client', row.id, row)));
  });
  return { clients: records.length };
}

export async function writeContacts(tx: Tx, ctx: RequestContext, records: readonly ContactRecord[], progress?: Progress) {
  await inChunks(records, progress, async (chunk, ids) => {
    const rows = chunk.map((c, i) => ({ id: ids[i]!, clientId: c.clientId, partyId: c.partyId, role: c.role, title: c.title, isPrimary: c.isPrimary }));
    await insertRows(tx, clientContacts, rows);
    // Filed under the client, as contacts added by hand are, so the client's history shows them.
    await appendAuditBatch(tx, ctx, rows.map((row) => audit('contact.import', 'client', row.clientId, row)));
  });
  return { contacts: records.length };
}

export async function writeRelationships(tx: Tx, ctx: RequestContext, records: readonly RelationshipRecord[], progress?: Progress) {
  await inChunks(records, progress, (chunk) => insertRelationshipsBulk(tx, ctx, chunk.map((r) => ({ ...r, source: 'imported' as const })), 'import'));
  return { relationships: records.length };
}
