import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TAuditChainHead } from '@zhilv/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openPglite, openPostgres, rowsOf, runMigrations, type TDatabase } from '../db/client.js';
import { loadDemoDataIfEmpty } from '../demo/index.js';
import { verifyAuditChain } from '../platform/audit.js';
import { createTestClock } from '../platform/clock.js';
import { loginTourist } from './build-test-app.js';
import { createTestDatabase } from './test-database.js';

/**
 * The README's backup commands, run as an operator would, then the restored copy compared with the original:
 * every table's row count and checksum (photo contents included), and the audit chain intact up to the head
 * saved before the backup. On PGlite the backup is a copy of DATA_DIR while the server is stopped; on PostgreSQL
 * (TEST_DATABASE_URL) pg_dump -Fc and pg_restore into a fresh database.
 */

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

async function app(database: TDatabase, dataDir: string): Promise<FastifyInstance> {
  const config = { ...loadConfig({ DEMO: 'true', LOG_LEVEL: 'silent', DATA_DIR: dataDir }), slaSweeper: false };
  const a = await buildApp({ config, database, clock: createTestClock(new Date()), rateLimit: false, logger: false });
  await a.ready();
  return a;
}

/** The demo data, a photo and an appeal with it: every kind of row a backup must carry, files included. */
async function fill(database: TDatabase, dataDir: string) {
  await loadDemoDataIfEmpty(database);
  const a = await app(database, dataDir);
  const tourist = await loginTourist(a, '13300000021');
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#36c' } })
    .jpeg()
    .toBuffer();
  const b = '----zl';
  const up = await tourist.inject({
    method: 'POST',
    url: '/api/files',
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
  });
  expect(up.statusCode).toBe(201);
  const photoId = up.json().id as string;
  const order = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    headers: { 'idempotency-key': randomUUID() },
    payload: { kind: 'complaint', text: '备份测试：商店售卖过期食品，附照片为证。', photoIds: [photoId] },
  });
  expect(order.statusCode).toBe(201);
  const photo = (await tourist.inject({ method: 'GET', url: `/api/files/${photoId}` })).rawPayload;
  await a.close();
  return { photoId, photo, cookieOf: tourist.cookie };
}

type TSnapshot = Record<string, { rows: number; checksum: string }>;

/** Every table of every schema but the system's: its row count and a checksum of its rows in a fixed order. */
async function snapshot(database: TDatabase): Promise<TSnapshot> {
  const tables = rowsOf<{ s: string; t: string }>(
    await database.db.execute(sql`SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1, 2`),
  );
  const out: TSnapshot = {};
  for (const { s, t } of tables) {
    const name = sql.raw(`"${s}"."${t}"`);
    const [r] = rowsOf<{ n: number; sum: string }>(
      await database.db.execute(
        sql`SELECT count(*)::int AS n, coalesce(md5(string_agg(md5(x::text), ',' ORDER BY md5(x::text))), '') AS sum FROM ${name} x`,
      ),
    );
    out[`${s}.${t}`] = { rows: r.n, checksum: r.sum };
  }
  return out;
}

async function auditHead(database: TDatabase): Promise<TAuditChainHead> {
  const check = await verifyAuditChain(database.db, 0, 1_000_000);
  expect(check.findings).toEqual([]);
  return check.head!;
}

/** What must hold on any restored copy: same tables, rows and checksums; chain intact to the saved head; photo back. */
async function expectSame(
  restored: TDatabase,
  dataDir: string,
  before: { snap: TSnapshot; head: TAuditChainHead; photoId: string; photo: Buffer },
) {
  const after = await snapshot(restored);
  expect(Object.keys(after)).toEqual(Object.keys(before.snap));
  expect(after).toEqual(before.snap);
  expect(after['public.file_contents'].rows).toBeGreaterThan(0);
  expect(after['public.audit_log'].rows).toBeGreaterThan(0);
  const check = await verifyAuditChain(restored.db, 0, 1_000_000, before.head);
  expect(check.findings).toEqual([]);
  expect(check.head).toEqual(before.head);
  // The restored copy serves the photo, and takes new writes on the same chain (its sequences came along).
  const a = await app(restored, dataDir);
  try {
    const owner = await loginTourist(a, '13300000021');
    const photo = await owner.inject({ method: 'GET', url: `/api/files/${before.photoId}` });
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.equals(before.photo)).toBe(true);
    const more = await owner.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { 'idempotency-key': randomUUID() },
      payload: { kind: 'suggestion', text: '恢复之后的第一条建议：多设几个饮水点。' },
    });
    expect(more.statusCode).toBe(201);
    const next = await verifyAuditChain(restored.db, 0, 1_000_000, before.head);
    expect(next.findings).toEqual([]);
    expect(next.head!.id).toBeGreaterThan(before.head.id);
  } finally {
    await a.close();
  }
}

describe('backup and restore', () => {
  it('PGlite: a copy of DATA_DIR taken while the server is stopped restores everything', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-backup-'));
    const copyDir = `${dataDir}-restored`;
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    cleanup.push(() => fs.rmSync(copyDir, { recursive: true, force: true }));
    const source = await openPglite(dataDir);
    await runMigrations(source);
    const { photoId, photo } = await fill(source, dataDir);
    const snap = await snapshot(source);
    const head = await auditHead(source);
    await source.close(); // the server is stopped

    // README: cp -a "$DATA_DIR" backup/ … and to restore, cp -a backup/ "$DATA_DIR" (server stopped)
    fs.cpSync(dataDir, copyDir, { recursive: true, preserveTimestamps: true });
    const started = performance.now();
    const restored = await openPglite(copyDir);
    await runMigrations(restored); // what a start does: nothing to apply
    const restoreMs = performance.now() - started;
    try {
      await expectSame(restored, copyDir, { snap, head, photoId, photo });
    } finally {
      await restored.close();
    }
    console.log(
      `backup/restore PGlite: ${Object.keys(snap).length} tables, ${Object.values(snap).reduce((n, t) => n + t.rows, 0)} rows, opened in ${restoreMs.toFixed(0)} ms, checksums equal`,
    );
  }, 180_000);

  it.runIf(!!process.env.TEST_DATABASE_URL)(
    'PostgreSQL: pg_dump -Fc, then pg_restore into a fresh database, restores everything',
    async () => {
      const source = await createTestDatabase();
      cleanup.push(() => source.close());
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-backup-pg-'));
      cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const { photoId, photo } = await fill(source, dataDir);
      const snap = await snapshot(source);
      const head = await auditHead(source);

      const dump = path.join(dataDir, 'zhilv.dump');
      // README: pg_dump -Fc "$DATABASE_URL" -f zhilv.dump
      execFileSync('pg_dump', ['-Fc', '-f', dump, source.url!]);
      const target = new URL(source.url!);
      const name = `zhilv_r_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      target.pathname = `/${name}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
      cleanup.push(async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      });
      // README: createdb zhilv_restored && pg_restore --no-owner -d postgres://…/zhilv_restored zhilv.dump
      const started = performance.now();
      execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.toString(), dump]);
      const restoreMs = performance.now() - started;
      const restored = await openPostgres(target.toString(), 4);
      try {
        await expectSame(restored, dataDir, { snap, head, photoId, photo });
      } finally {
        await restored.close();
      }
      console.log(
        `backup/restore PostgreSQL: ${Object.keys(snap).length} tables, ${Object.values(snap).reduce((n, t) => n + t.rows, 0)} rows, dump ${(fs.statSync(dump).size / 1024).toFixed(0)} kB, pg_restore ${restoreMs.toFixed(0)} ms, checksums equal`,
      );
    },
    180_000,
  );
});
