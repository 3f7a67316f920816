import fs from 'node:fs/promises';
import path from 'node:path';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf, type TDb, type TExecutor } from '../../db/client.js';
import { files } from '../../platform/platform.tables.js';
import { fileContents } from './files.tables.js';

/**
 * Where photo contents live. `database` (the default) keeps them in `file_contents`, written in the transaction
 * that writes the file's record: every instance and every database backup has them. `s3` (FILES_STORE=s3) puts
 * them in an S3-compatible bucket under `files/<id>`, inside the record's transaction before it commits: a failed
 * upload leaves no record, a failed commit at worst an object nothing refers to. The bucket is then backed up on
 * its own.
 */
export type TFileStore = {
  kind: 'database' | 's3';
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

export type TS3Settings = { endpoint: string; bucket: string; accessKey: string; secretKey: string; region: string };

/** The SDK is loaded only by an instance configured for S3 (it costs about a second to load here). */
export function s3FileStore(c: TS3Settings): TFileStore {
  const sdk = import('@aws-sdk/client-s3');
  const client = sdk.then(
    ({ S3Client }) =>
      new S3Client({
        endpoint: c.endpoint,
        region: c.region,
        credentials: { accessKeyId: c.accessKey, secretAccessKey: c.secretKey },
        // S3-compatible stores (MinIO, Ceph, the clouds' own) address buckets by path and may not know the SDK's
        // newer checksum trailers: send plain bodies with the classic signature.
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
      }),
  );
  const key = (fileId: string) => `files/${fileId}`;
  return {
    kind: 's3',
    async put(_tx, fileId, data) {
      const { PutObjectCommand } = await sdk;
      await (await client).send(
        new PutObjectCommand({ Bucket: c.bucket, Key: key(fileId), Body: data, ContentType: 'image/jpeg' }),
      );
    },
    async get(_db, fileId) {
      const { GetObjectCommand, NoSuchKey } = await sdk;
      try {
        const out = await (await client).send(new GetObjectCommand({ Bucket: c.bucket, Key: key(fileId) }));
        return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : null;
      } catch (err) {
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (err instanceof NoSuchKey || status === 404) return null;
        throw err;
      }
    },
  };
}

/** A file's record, without its content: what the access check needs. */
export async function getFileRecord(db: TExecutor, id: string) {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row ?? null;
}

/**
 * Copies photos an older version kept in `<DATA_DIR>/uploads` into the store, once, and only if the folder exists.
 * Into the database: records without a content row (several instances starting together insert each once, ON
 * CONFLICT); the disk copies stay for the operator to remove after a backup. Into a bucket: each file on disk that
 * has a record (a PUT of the same key is harmless), then renamed `.imported` so the next start skips it. Answers
 * what it did.
 */
export async function importDiskFiles(db: TDb, dataDir: string, store: TFileStore = databaseFileStore) {
  const dir = path.join(dataDir, 'uploads');
  const done = { imported: 0, missing: 0 };
  try {
    await fs.access(dir);
  } catch {
    return done;
  }
  const pending = rowsOf<{ id: string; storage_name: string }>(
    store.kind === 'database'
      ? await db.execute(sql`SELECT f.id, f.storage_name FROM files f
          WHERE NOT EXISTS (SELECT 1 FROM file_contents c WHERE c.file_id = f.id)`)
      : await db.execute(sql`SELECT f.id, f.storage_name FROM files f`),
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
    if (store.kind === 'database') await db.insert(fileContents).values({ fileId: row.id, data }).onConflictDoNothing();
    else {
      await store.put(db, row.id, data);
      await fs.rename(path.join(dir, row.storage_name), path.join(dir, `${row.storage_name}.imported`));
    }
    done.imported++;
  }
  return done;
}

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
