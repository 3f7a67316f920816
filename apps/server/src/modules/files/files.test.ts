import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openPostgres, rowsOf, type TDatabase } from '../../db/client.js';
import { createTestClock } from '../../platform/clock.js';
import { files } from '../../platform/platform.tables.js';
import { loginTourist, type TSession } from '../../test/build-test-app.js';
import { createTestDatabase } from '../../test/test-database.js';
import { databaseFileStore } from './files.store.js';

/**
 * Two instances, each with its own DATA_DIR, on one database (on PostgreSQL two pools, as two processes would have;
 * on PGlite, which one process owns, one handle): a photo uploaded through one is read through the other.
 */
let database: TDatabase & { url?: string };
let second: TDatabase | null = null;
const apps: FastifyInstance[] = [];
const dirs: string[] = [];

async function instance(
  db: TDatabase,
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-files-')),
  env: Record<string, string> = {},
) {
  dirs.push(dataDir);
  const config = { ...loadConfig({ DEMO: 'true', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env }), slaSweeper: false };
  const app = await buildApp({
    config,
    database: db,
    clock: createTestClock(new Date()),
    rateLimit: false,
    logger: false,
  });
  await app.ready();
  apps.push(app);
  return { app, dataDir };
}

function upload(s: TSession, buf: Buffer) {
  const b = '----zl';
  const payload = Buffer.concat([
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return s.inject({
    method: 'POST',
    url: '/api/files',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  });
}

/** The same signed-in browser, talking to another instance (sessions live in the shared database). */
const through = (s: TSession, app: FastifyInstance): TSession => ({
  ...s,
  inject: (o) => app.inject({ ...o, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(o.headers ?? {}) } }),
});

const photo = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();

beforeAll(async () => {
  database = await createTestDatabase();
  second = database.url ? await openPostgres(database.url, 4) : null;
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await second?.close();
  await database.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('photos are stored where every instance sees them', () => {
  it('uploaded through one instance, read through the other; nothing lands in either data directory', async () => {
    const a = await instance(database);
    const b = await instance(second ?? database);
    const owner = await loginTourist(a.app, '13300000011');
    const up = await upload(owner, await photo());
    expect(up.statusCode).toBe(201);
    const id = up.json().id as string;

    const viaA = await owner.inject({ method: 'GET', url: `/api/files/${id}` });
    const viaB = await through(owner, b.app).inject({ method: 'GET', url: `/api/files/${id}` });
    expect(viaB.statusCode).toBe(200);
    expect(viaB.headers['content-type']).toBe('image/jpeg');
    expect(viaB.rawPayload.equals(viaA.rawPayload)).toBe(true);
    expect(viaB.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    for (const d of [a.dataDir, b.dataDir]) expect(fs.existsSync(path.join(d, 'uploads'))).toBe(false);
  });

  it('a caller who may not see the file is refused before its content is read; a missing file is 404', async () => {
    const a = apps[0] ?? (await instance(database)).app;
    const owner = await loginTourist(a, '13300000012');
    const stranger = await loginTourist(a, '13300000013');
    const id = (await upload(owner, await photo())).json().id as string;
    const get = vi.spyOn(databaseFileStore, 'get');
    try {
      const refused = await stranger.inject({ method: 'GET', url: `/api/files/${id}` });
      expect(refused.statusCode).toBe(404);
      expect(get).not.toHaveBeenCalled();
      const missing = await owner.inject({ method: 'GET', url: '/api/files/00000000-0000-4000-8000-000000000000' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('not_found');
      expect(get).not.toHaveBeenCalled();
      // A record whose content is gone (a half-restored database) is not found either, never a 500.
      await database.db.execute(sql`DELETE FROM file_contents WHERE file_id = ${id}`);
      const gone = await owner.inject({ method: 'GET', url: `/api/files/${id}` });
      expect(gone.statusCode).toBe(404);
      expect(get).toHaveBeenCalledTimes(1);
    } finally {
      get.mockRestore();
    }
  });

  it('photos an older version kept in DATA_DIR/uploads move into the database at start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-files-old-'));
    const jpeg = await sharp(await photo())
      .jpeg()
      .toBuffer();
    const storageName = `${'ab'.repeat(16)}.jpg`;
    fs.mkdirSync(path.join(dataDir, 'uploads'));
    fs.writeFileSync(path.join(dataDir, 'uploads', storageName), jpeg);
    const owner = await loginTourist(apps[0], '13300000014');
    const [row] = await database.db
      .insert(files)
      .values({ ownerUserId: owner.userId, mime: 'image/jpeg', size: jpeg.length, storageName })
      .returning({ id: files.id });

    const restarted = await instance(database, dataDir);
    const res = await through(owner, restarted.app).inject({ method: 'GET', url: `/api/files/${row.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(jpeg)).toBe(true);
    const stored = rowsOf(await database.db.execute(sql`SELECT 1 FROM file_contents WHERE file_id = ${row.id}`));
    expect(stored).toHaveLength(1);
    // A second start imports nothing twice.
    await instance(database, dataDir);
    const again = rowsOf(
      await database.db.execute(sql`SELECT count(*)::int AS n FROM file_contents WHERE file_id = ${row.id}`),
    );
    expect(again).toEqual([{ n: 1 }]);
  });
});

/**
 * A bucket on loopback speaking the two calls the store makes (PUT and GET of an object, NoSuchKey when absent),
 * refusing requests not signed with the configured key: enough to prove the store talks S3 as a real one hears it.
 */
function fakeBucket() {
  const objects = new Map<string, Buffer>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!String(req.headers.authorization).startsWith('AWS4-HMAC-SHA256 Credential=AKZHILVTEST/')) {
        res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
        return;
      }
      const key = decodeURIComponent(req.url!.split('?')[0]);
      if (req.method === 'PUT') {
        objects.set(key, Buffer.concat(chunks));
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === 'GET' && objects.has(key)) {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': objects.get(key)!.length });
        res.end(objects.get(key));
      } else {
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>');
      }
    });
  });
  return { objects, server };
}

describe('FILES_STORE=s3: photos in an S3-compatible bucket', () => {
  it('uploaded through one instance, read through the other from the bucket; a missing object is 404', async () => {
    const bucket = fakeBucket();
    await new Promise<void>((r) => bucket.server.listen(0, '127.0.0.1', r));
    try {
      const env = {
        FILES_STORE: 's3',
        S3_ENDPOINT: `http://127.0.0.1:${(bucket.server.address() as AddressInfo).port}`,
        S3_BUCKET: 'zhilv-photos',
        S3_ACCESS_KEY: 'AKZHILVTEST',
        S3_SECRET_KEY: 'secret-for-the-test',
      };
      const a = await instance(database, undefined, env);
      const b = await instance(second ?? database, undefined, env);
      const owner = await loginTourist(a.app, '13300000015');
      const up = await upload(owner, await photo());
      expect(up.statusCode).toBe(201);
      const id = up.json().id as string;
      const stored = bucket.objects.get(`/zhilv-photos/files/${id}`);
      expect(stored?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      const inDb = rowsOf(await database.db.execute(sql`SELECT 1 FROM file_contents WHERE file_id = ${id}`));
      expect(inDb).toHaveLength(0);
      const viaB = await through(owner, b.app).inject({ method: 'GET', url: `/api/files/${id}` });
      expect(viaB.statusCode).toBe(200);
      expect(viaB.rawPayload.equals(stored!)).toBe(true);
      bucket.objects.clear();
      const gone = await owner.inject({ method: 'GET', url: `/api/files/${id}` });
      expect(gone.statusCode).toBe(404);
    } finally {
      await new Promise((r) => bucket.server.close(r));
    }
  });

  it('refuses to start with FILES_STORE=s3 but no bucket settings', () => {
    expect(() => loadConfig({ FILES_STORE: 's3', S3_BUCKET: 'b' })).toThrow(
      /S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY/,
    );
  });
});
