import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { files } from '../../platform/platform.tables.js';

/** How many photos this user uploaded and has not attached to anything yet. */
export const countUnattached = (db: TExecutor, ownerUserId: string) =>
  db.$count(files, and(eq(files.ownerUserId, ownerUserId), isNull(files.objectId)));

export async function insertFile(
  tx: TExecutor,
  v: { ownerUserId: string | null; mime: string; size: number; storageName: string },
) {
  const [row] = await tx.insert(files).values(v).returning({ id: files.id });
  return row;
}

export async function getFile(db: TExecutor, id: string) {
  return (await db.select().from(files).where(eq(files.id, id)))[0];
}

/** Ties the owner's own unattached files to an object; answers the ids it tied. */
export async function attachOwnFiles(
  tx: TExecutor,
  ownerUserId: string | null,
  ids: string[],
  objectType: string,
  objectId: string,
) {
  return tx
    .update(files)
    .set({ objectType, objectId })
    .where(
      and(
        inArray(files.id, ids),
        ownerUserId ? eq(files.ownerUserId, ownerUserId) : sql`false`,
        isNull(files.objectId),
      ),
    )
    .returning({ id: files.id });
}
