// Evidence files: kept on disk under the attachments directory, named by their SHA-256 (so the
// same file twice is stored once and a file cannot be swapped under its record), with the hash in
// the audit trail.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/database';
import { Conflict, DomainError, Invalid, NotFound } from '../../platform/errors';
import { benefitAttachments } from './benefits.tables';
import { getBenefitSettings } from './policy.service';
import { expectVersion, lockRequest, recordHistory, requireRequester, saveRequest } from './request-store';
import { assertReadable } from './requests.read';

type EvidenceKind = (typeof benefitAttachments.$inferInsert)['evidenceKind'];

const zip = [0x50, 0x4b, 0x03, 0x04];
// Extension → media type and the bytes such a file starts with (none for plain text).
const allowedTypes: ReadonlyMap<string, { mediaType: string; magic: readonly (readonly number[])[] }> = new Map([
  ['.pdf', { mediaType: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] }],
  ['.png', { mediaType: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] }],
  ['.jpg', { mediaType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] }],
  ['.jpeg', { mediaType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] }],
  ['.gif', { mediaType: 'image/gif', magic: [[0x47, 0x49, 0x46, 0x38]] }],
  ['.webp', { mediaType: 'image/webp', magic: [[0x52, 0x49, 0x46, 0x46]] }],
  ['.txt', { mediaType: 'text/plain; charset=utf-8', magic: [] }],
  ['.csv', { mediaType: 'text/csv; charset=utf-8', magic: [] }],
  ['.xlsx', { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [zip] }],
  ['.docx', { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [zip] }],
]);

/** The media type for a file name whose content matches its extension; text must be UTF-8 without NULs. */
function mediaTypeOf(fileName: string, content: Buffer): string | null {
  const type = allowedTypes.get(extname(fileName).toLowerCase());
  if (!type) return null;
  if (type.magic.length === 0) {
    const text = content.toString('utf8');
    return text.includes('\u0000') || text.includes('\uFFFD') ? null : type.mediaType;
  }
  return type.magic.some((magic) => magic.every((byte, i) => content[i] === byte)) ? type.mediaType : null;
}

const pathOf = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);

/** Writes the bytes durably (temporary file, fsync, rename); an existing file with that hash is kept. */
async function store(dir: string, sha256: string, content: Buffer): Promise<void> {
  const target = pathOf(dir, sha256);
  if (await stat(target).then(() => true, () => false)) return;
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID()}.part`;
  const file = await open(temporary, 'wx');
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, target);
}

const ATTACHABLE = ['draft', 'returned', 'in_approval', 'approved'];

export async function addAttachment(
  db: Db,
  dir: string,
  ctx: RequestContext,
  requestId: string,
  input: { kind: EvidenceKind; name: string; content: Buffer },
) {
  const { attachmentMaxMb } = await getBenefitSettings(db);
  if (input.content.length === 0) throw Invalid('ATTACHMENT_EMPTY');
  if (input.content.length > attachmentMaxMb * 1024 * 1024) throw new DomainError(413, 'ATTACHMENT_TOO_LARGE', { maxMb: attachmentMaxMb });
  const mediaType = mediaTypeOf(input.name, input.content);
  if (!mediaType) throw new DomainError(415, 'ATTACHMENT_TYPE_NOT_ALLOWED');
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  // The file is on disk before the record commits; a failed commit leaves only an unreferenced file.
  await store(dir, sha256, input.content);
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
  return { attachment, stream: createReadStream(pathOf(dir, attachment.sha256)) };
}
