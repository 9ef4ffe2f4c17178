// Evidence files of every module: kept on disk under the attachments directory, named by their SHA-256
// (so the same file twice is stored once and a file cannot be swapped under its record), with the hash
// in the owning record and its audit entry. Only files whose content matches their extension are taken.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { DomainError, Invalid } from '../errors';

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

/** The file's media type and hash, or the refusal: empty (400), over `maxMb` (413), a type not taken (415). */
export function inspectEvidence(fileName: string, content: Buffer, maxMb: number): { mediaType: string; sha256: string } {
  if (content.length === 0) throw Invalid('ATTACHMENT_EMPTY');
  if (content.length > maxMb * 1024 * 1024) throw new DomainError(413, 'ATTACHMENT_TOO_LARGE', { maxMb });
  const mediaType = mediaTypeOf(fileName, content);
  if (!mediaType) throw new DomainError(415, 'ATTACHMENT_TYPE_NOT_ALLOWED');
  return { mediaType, sha256: createHash('sha256').update(content).digest('hex') };
}

const pathOf = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);

/**
 * Writes the bytes durably (temporary file, fsync, rename); an existing file with that hash is kept.
 * Callers store before their record commits: a failed commit leaves only an unreferenced file.
 */
export async function storeEvidence(dir: string, sha256: string, content: Buffer): Promise<void> {
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

/** The stored bytes of a recorded hash. */
export const readEvidence = (dir: string, sha256: string): ReadStream => createReadStream(pathOf(dir, sha256));

/** Sends a stored evidence file as a download, its hash in a header so the receiver can check it. */
export function sendEvidence(reply: FastifyReply, file: { mediaType: string; fileName: string; sha256: string }, stream: ReadStream) {
  return reply
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-sha256', file.sha256)
    .send(stream);
}
