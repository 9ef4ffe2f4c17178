// Evidence files of a benefit request: the bytes go to the shared evidence store under their SHA-256,
// the record and its history entry (with the hash) commit together.
import { and, eq, isNull } from 'drizzle-orm';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/database';
import { Conflict, NotFound } from '../../platform/errors';
import { inspectEvidence, readEvidence, storeEvidence } from '../../platform/files/evidence-store';
import { benefitAttachments } from './benefits.tables';
import { getBenefitSettings } from './policy.service';
import { expectVersion, lockRequest, recordHistory, requireRequester, saveRequest } from './request-store';
import { assertReadable } from './requests.read';

type EvidenceKind = (typeof benefitAttachments.$inferInsert)['evidenceKind'];

const ATTACHABLE = ['draft', 'returned', 'in_approval', 'approved'];

export async function addAttachment(
  db: Db,
  dir: string,
  ctx: RequestContext,
  requestId: string,
  input: { kind: EvidenceKind; name: string; content: Buffer },
) {
  const { attachmentMaxMb } = await getBenefitSettings(db);
  const { mediaType, sha256 } = inspectEvidence(input.name, input.content, attachmentMaxMb);
  await storeEvidence(dir, sha256, input.content);
  return inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, requestId);
    requireRequester(row, ctx);
    if (!ATTACHABLE.includes(row.state)) throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: 'attach' }, { state: row.state, version: row.version });
    const [attachment] = await tx
      .insert(benefitAttachments)
      .values({ requestId, evidenceKind: input.kind, fileName: input.name, mediaType, sizeBytes: input.content.length, sha256, uploadedBy: ctx.principal?.userId ?? null })
      .returning();
    const saved = await saveRequest(tx, row, {});
    const facts = { attachmentId: attachment!.id, fileName: input.name, evidenceKind: input.kind, sizeBytes: input.content.length, sha256 };
    await recordHistory(tx, ctx, saved, { kind: 'attachment_added', evidence: facts, after: facts });
    return attachment!;
  });
}

/** Takes an attachment off a draft or returned request; the file and its record stay for the trail. */
export async function removeAttachment(db: Db, ctx: RequestContext, requestId: string, attachmentId: string, version: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockRequest(tx, ctx, requestId);
    requireRequester(row, ctx);
    expectVersion(row, version);
    if (!['draft', 'returned'].includes(row.state)) throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: 'remove_attachment' }, { state: row.state, version: row.version });
    const [removed] = await tx
      .update(benefitAttachments)
      .set({ removedAt: new Date(), removedBy: ctx.principal?.userId ?? null })
      .where(and(eq(benefitAttachments.id, attachmentId), eq(benefitAttachments.requestId, requestId), isNull(benefitAttachments.removedAt)))
      .returning();
    if (!removed) throw NotFound('ATTACHMENT_NOT_FOUND');
    const saved = await saveRequest(tx, row, {});
    const facts = { attachmentId, fileName: removed.fileName, sha256: removed.sha256 };
    await recordHistory(tx, ctx, saved, { kind: 'attachment_removed', evidence: facts, before: facts, after: null });
  });
}

/** The file for a reader of its request, checked against its recorded hash's name. */
export async function openAttachment(db: Db, dir: string, ctx: RequestContext, requestId: string, attachmentId: string) {
  await assertReadable(db, ctx, requestId);
  const [attachment] = await db.select().from(benefitAttachments).where(and(eq(benefitAttachments.id, attachmentId), eq(benefitAttachments.requestId, requestId)));
  if (!attachment) throw NotFound('ATTACHMENT_NOT_FOUND');
  return { attachment, stream: readEvidence(dir, attachment.sha256) };
}
