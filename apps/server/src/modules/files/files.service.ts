import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import {
  attachOwnFiles,
  countUnattached,
  databaseFileStore,
  getFileRecord,
  insertFile,
  type TFileStore,
} from './files.store.js';

const MAX_UNATTACHED_PER_USER = 30;

/** Image type by magic bytes, never by the name or the declared content type. */
export function sniffImage(buf: Buffer): 'jpeg' | 'png' | 'webp' | null {
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (buf.length > 12 && buf.subarray(0, 4).toString() === 'RIFF' && buf.subarray(8, 12).toString() === 'WEBP')
    return 'webp';
  return null;
}

export function createFilesService(deps: { db: TDb; store?: TFileStore }) {
  const store = deps.store ?? databaseFileStore;

  /**
   * Stores an evidence photo: checked by magic bytes, re-encoded to JPEG (which drops EXIF, GPS included, and
   * anything smuggled after the image). The record, its content and its audit entry are one transaction: no record
   * without its photo, no photo without its record.
   */
  async function upload(actor: TActor, buf: Buffer) {
    if (!sniffImage(buf)) throw new AppError('file_type', 415, 'file');
    const pending = await countUnattached(deps.db, actor.id!);
    if (pending >= MAX_UNATTACHED_PER_USER) throw new AppError('file_quota', 429, 'file');
    let out: Buffer;
    try {
      out = await sharp(buf, { limitInputPixels: 40_000_000 })
        .rotate()
        .resize({ width: 2048, height: 2048, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 82 })
        .toBuffer();
    } catch {
      throw new AppError('file_type', 415, 'file');
    }
    // The name a store may key the content by (and what older versions named the file on disk).
    const storageName = `${randomBytes(16).toString('hex')}.jpg`;
    return deps.db.transaction(async (tx) => {
      const row = await insertFile(tx, {
        ownerUserId: actor.id ?? null,
        mime: 'image/jpeg',
        size: out.length,
        storageName,
      });
      await store.put(tx, row.id, out);
      await writeAudit(tx, actor, {
        action: 'file.upload',
        objectType: 'file',
        objectId: row.id,
        after: { size: out.length },
      });
      return row;
    });
  }

  /** The record alone: the route checks access on it before any content is read. */
  const record = (id: string) => getFileRecord(deps.db, id);
  /** The content of a record the caller may read; null when it is not there. */
  const content = (row: { id: string }) => store.get(deps.db, row.id);

  return { upload, record, content };
}
export type TFilesService = ReturnType<typeof createFilesService>;

/**
 * Attaches uploaded photos to an object inside the caller's transaction. Only the uploader's own, not yet
 * attached files qualify: nobody can attach (and so expose) someone else's photo.
 */
export async function attachFiles(tx: TExecutor, actor: TActor, ids: string[], objectType: string, objectId: string) {
  if (!ids.length) return;
  const unique = [...new Set(ids)];
  const rows = await attachOwnFiles(tx, actor.id ?? null, unique, objectType, objectId);
  if (rows.length !== unique.length) throw new AppError('file_not_found', 422, 'photoIds');
}
