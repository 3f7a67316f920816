import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPgliteMemory, openPostgres, runMigrations } from '../db/client.js';

/**
 * Migrates a template database once per run. PGlite: dumped to a file every test file loads from (creating
 * a database takes seconds, loading a dump far less). PostgreSQL (TEST_DATABASE_URL): a template database
 * each test file clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // One template per run, so that two runs on one server (two checkouts, two sessions) never drop each other's.
    const template = `zhilv_template_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${template}`;
    const db = await openPostgres(u.toString(), 2);
    await runMigrations(db);
    await db.close();
    process.env.ZHILV_TEST_TEMPLATE = template;
    return async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await a.end();
    };
  }
  const db = await openPgliteMemory();
  await runMigrations(db);
  // biome-ignore lint/suspicious/noExplicitAny: dumpDataDir is on the PGlite client behind drizzle
  const client = (db.db as any).$client;
  const dump: Blob = await client.dumpDataDir('gzip');
  await db.close();
  const file = path.join(os.tmpdir(), `zhilv-template-${process.pid}.tgz`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.ZHILV_TEST_TEMPLATE = file;
  return () => fs.rmSync(file, { force: true });
}
