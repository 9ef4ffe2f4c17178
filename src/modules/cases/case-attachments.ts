// Evidence filed on a conflict case (statements, correspondence, consent letters): anyone who may read
// the case may file and read it; a case hidden from the caller has no files either. The bytes go to
// the shared evidence store under their SHA-256; the record, the timeline line and the audit entry
// commit together.
import { and, asc, eq } from 'drizzle-orm';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/database';
import { NotFound } from '../../platform/errors';
import { inspectEvidence, readEvidence, storeEvidence } from '../../platform/files/evidence-store';
import { readableCase, record } from './cases.service';
import { conflictCaseAttachments } from './cases.tables';

/** The largest case file: statements and scanned letters, not recordings. */
export const CASE_ATTACHMENT_MAX_MB = 20;

const attachmentQuery = (db: Db) =>
  db
    .select({ attachment: conflictCaseAttachments, uploaderName: users.displayName })
    .from(conflictCaseAttachments)
    .leftJoin(users, eq(users.id, conflictCaseAttachments.uploadedBy));

const present = ({ attachment: a, uploaderName }: { attachment: typeof conflictCaseAttachments.$inferSelect; uploaderName: string | null }) => ({
  id: a.id,
  fileName: a.fileName,
  mediaType: a.mediaType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedBy: a.uploadedBy ? { id: a.uploadedBy, displayName: uploaderName ?? '' } : null,
  uploadedAt: a.uploadedAt,
});

export async function addCaseAttachment(db: Db, dir: string, ctx: RequestContext, caseId: string, input: { name: string; content: Buffer }) {
  // Whether the caller may see the case is settled before anything about the file is said.
  await readableCase(db, ctx, caseId);
  const { mediaType, sha256 } = inspectEvidence(input.name, input.content, CASE_ATTACHMENT_MAX_MB);
  await storeEvidence(dir, sha256, input.content);
  const id = await inTransaction(db, async (tx) => {
    const row = await readableCase(tx, ctx, caseId);
    const [attachment] = await tx
      .insert(conflictCaseAttachments)
      .values({ caseId: row.id, fileName: input.name, mediaType, sizeBytes: input.content.length, sha256, uploadedBy: ctx.principal?.userId ?? null })
      .returning();
    // Like a comment, a file does not change the case: its version stays, nobody's open form goes stale.
    await record(tx, ctx, row, { kind: 'attachment_added', details: { attachmentId: attachment!.id, fileName: input.name, sizeBytes: input.content.length, sha256 } });
    return attachment!.id;
  });
  const [added] = await attachmentQuery(db).where(eq(conflictCaseAttachments.id, id));
  return present(added!);
}

export async function listCaseAttachments(db: Db, ctx: RequestContext, caseId: string) {
  await readableCase(db, ctx, caseId);
  const rows = await attachmentQuery(db).where(eq(conflictCaseAttachments.caseId, caseId)).orderBy(asc(conflictCaseAttachments.uploadedAt), asc(conflictCaseAttachments.id));
  return { items: rows.map(present) };
}

/** The file for a reader of its case, read from the store under its recorded hash. */
export async function openCaseAttachment(db: Db, dir: string, ctx: RequestContext, caseId: string, attachmentId: string) {
  await readableCase(db, ctx, caseId);
  const [attachment] = await db.select().from(conflictCaseAttachments).where(and(eq(conflictCaseAttachments.id, attachmentId), eq(conflictCaseAttachments.caseId, caseId)));
  if (!attachment) throw NotFound('ATTACHMENT_NOT_FOUND');
  return { attachment, stream: readEvidence(dir, attachment.sha256) };
}
