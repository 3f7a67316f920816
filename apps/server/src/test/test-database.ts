import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { openPgliteMemory, openPostgres, type TDatabase } from '../db/client.js';

/**
 * A fresh, migrated database for one test file: cloned from the run's template. On PostgreSQL `url` names it, for a
 * test that opens a second instance's pool on the same database.
 */
export async function createTestDatabase(): Promise<TDatabase & { url?: string }> {
  const template = process.env.ZHILV_TEST_TEMPLATE;
  if (!template) throw new Error('ZHILV_TEST_TEMPLATE is not set: run tests through vitest (global setup)');
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `zhilv_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openPostgres(u.toString(), 10);
    return {
      ...db,
      url: u.toString(),
      async close() {
        await db.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const blob = new Blob([fs.readFileSync(template)]);
  return openPgliteMemory(blob);
}
