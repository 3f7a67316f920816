import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openPgliteMemory, openPostgres, runMigrations, type TDatabase } from '../../db/client.js';

// Migration 0010 (one active code per target, replaced codes kept as inactive rows) on data as 0009 left it:
// one row per target, holding its current code; codes replaced before were known only to the audit log.
const dirs: string[] = [];
let database: TDatabase | undefined;
let dropDatabase = async () => {};
afterAll(async () => {
  await database?.close();
  await dropDatabase();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** An empty database: PGlite in memory, or a new PostgreSQL database when TEST_DATABASE_URL is set. */
async function emptyDatabase(): Promise<TDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openPgliteMemory();
  const name = `zhilv_m_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  dropDatabase = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return openPostgres(u.toString(), 2);
}

/** The migrations folder as it was before the given migration. */
function migrationsBefore(idx: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhilv-migrations-'));
  dirs.push(dir);
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const file = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < idx);
  fs.writeFileSync(file, JSON.stringify(journal));
  return dir;
}

it('0010 keeps every existing code active and brings the replaced ones back from the audit log, inactive', async () => {
  database = await emptyDatabase();
  const before = { migrationsFolder: migrationsBefore(10) };
  // biome-ignore lint/suspicious/noExplicitAny: the drizzle migrators take their own driver type
  const driver = database.db as any;
  await (database.kind === 'pglite' ? migratePglite(driver, before) : migrateNodePg(driver, before));
  const db = database.db;
  const inn = randomUUID();
  const guide = randomUUID();
  // The inn's code was replaced twice (FIRST → SECOND → CURRENT); the guide's never.
  await db.execute(sql`insert into rating_codes (code, target_type, target_id, created_at) values
    ('CURRENT000', 'business', ${inn}, '2030-03-01T00:00:00Z'),
    ('GUIDE00000', 'practitioner', ${guide}, '2030-01-01T00:00:00Z')`);
  const deactivated = (at: string, code: string, replacedBy: string) =>
    db.execute(sql`insert into audit_log (at, action, object_type, object_id, before, after, hash) values
      (${at}, 'rating_code.deactivate', 'rating_code', ${code}, ${JSON.stringify({ code, active: true })}::jsonb,
       ${JSON.stringify({ active: false, replacedBy, targetType: 'business', targetId: inn })}::jsonb, ${randomUUID()})`);
  await deactivated('2030-02-01T00:00:00Z', 'FIRST00000', 'SECOND0000');
  await deactivated('2030-03-01T00:00:00Z', 'SECOND0000', 'CURRENT000');

  await runMigrations(database);

  const { rows } = (await db.execute(
    sql`select code, target_type, target_id, active, created_at from rating_codes order by code`,
  )) as unknown as { rows: Record<string, unknown>[] };
  const row = (code: string, targetType: string, targetId: string, active: boolean, createdAt: string) => ({
    code,
    target_type: targetType,
    target_id: targetId,
    active,
    created_at: `${createdAt}T00:00:00.000Z`,
  });
  expect(rows.map((r) => ({ ...r, created_at: new Date(r.created_at as string).toISOString() }))).toEqual([
    row('CURRENT000', 'business', inn, true, '2030-03-01'),
    // The first code's issue time is not known: its deactivation time stands in.
    row('FIRST00000', 'business', inn, false, '2030-02-01'),
    row('GUIDE00000', 'practitioner', guide, true, '2030-01-01'),
    // Issued when FIRST was replaced.
    row('SECOND0000', 'business', inn, false, '2030-02-01'),
  ]);
  // One active code per target from here on; inactive ones beside it are fine.
  await expect(
    db.execute(sql`insert into rating_codes (code, target_type, target_id) values ('OTHER00000', 'business', ${inn})`),
  ).rejects.toThrow();
  await db.execute(
    sql`insert into rating_codes (code, target_type, target_id, active) values ('OLDER00000', 'business', ${inn}, false)`,
  );
}, 60_000);
