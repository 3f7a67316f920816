import fs from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type TDb, type TExecutor } from '../../db/client.js';
import { files } from '../../platform/platform.tables.js';
import { fileContents } from './files.tables.js';

/**
 * Where photo contents live. `database` (the default) keeps them in `file_contents`, written in the transaction
 * that writes the file's record. An S3-compatible store (FILES_STORE=s3) is configured but not implemented yet:
 * loadConfig refuses it, so no deployment believes its photos are somewhere they are not.
 */
export type TFileStore = {
  kind: 'database';
  put(tx: TExecutor, fileId: string, data: Buffer): Promise<void>;
  get(db: TExecutor, fileId: string): Promise<Buffer | null>;
};

export const databaseFileStore: TFileStore = {
  kind: 'database',
  async put(tx, fileId, data) {
    await tx.insert(fileContents).values({ fileId, data });
  },
  async get(db, fileId) {
    const [row] = await db
      .select({ data: fileContents.data })
      .from(fileContents)
      .where(eq(fileContents.fileId, fileId));
    return row?.data ?? null;
  },
};

/** A file's record, without its content: what the access check needs. */
export async function getFileRecord(db: TExecutor, id: string) {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row ?? null;
}

/**
 * Copies photos an older version kept in `<DATA_DIR>/uploads` into the database, once: only records without a
 * content row, and only if the folder exists. Several instances starting together insert each content once
 * (ON CONFLICT). The disk copies are left for the operator to remove after a backup. Answers what it did.
 */
export async function importDiskFiles(db: TDb, dataDir: string) {
  const dir = path.join(dataDir, 'uploads');
  const done = { imported: 0, missing: 0 };
  try {
    await fs.access(dir);
  } catch {
    return done;
  }
  const pending = rowsOf<{ id: string; storage_name: string }>(
    await db.execute(sql`SELECT f.id, f.storage_name FROM files f
      WHERE NOT EXISTS (SELECT 1 FROM file_contents c WHERE c.file_id = f.id)`),
  );
  for (const row of pending) {
    // storage names were made by the server (random hex + .jpg); anything else is not read
    if (!/^[0-9a-f]{32}\.jpg$/.test(row.storage_name)) continue;
    let data: Buffer;
    try {
      data = await fs.readFile(path.join(dir, row.storage_name));
    } catch {
      done.missing++;
      continue;
    }
    await db.insert(fileContents).values({ fileId: row.id, data }).onConflictDoNothing();
    done.imported++;
  }
  return done;
}
