import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

type TSchema = typeof schema;
/** One type for both drivers: services never know which database they run on. */
export type TDb = PgDatabase<PgQueryResultHKT, TSchema>;
export type TTx = PgTransaction<PgQueryResultHKT, TSchema, ExtractTablesWithRelations<TSchema>>;
/** Anything that can run a query: the database or an open transaction. */
export type TExecutor = TDb | TTx;

export type TDatabase = {
  db: TDb;
  kind: 'pglite' | 'postgres';
  /**
   * Receives NOTIFY messages on a channel. `onReset` is called when messages may have been missed (the
   * listening connection dropped and reconnected): a listener that caches must then drop what it holds.
   * Answers a function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReset: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const pgliteListen =
  (client: PGlite): TDatabase['listen'] =>
  async (channel, onMessage) => {
    const stop = await client.listen(channel, onMessage);
    return async () => {
      if (!client.closed) await stop();
    };
  };

/**
 * LISTEN on its own connection (a pooled one would be handed to queries). A dropped connection is replaced
 * after a pause, and the listener told to reset, since notifications sent meanwhile are lost.
 */
function postgresListen(url: string): TDatabase['listen'] {
  return async (channel, onMessage, onReset) => {
    if (!/^[a-z_]+$/.test(channel)) throw new Error('listen: bad channel');
    let stopped = false;
    let client: pg.Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (m) => {
        if (m.channel === channel) onMessage(m.payload ?? '');
      });
      c.on('error', () => {
        /* 'end' follows and reconnects */
      });
      c.on('end', () => {
        if (stopped) return;
        onReset();
        retry = setTimeout(() => void connect().catch(() => {}), 1000);
      });
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      client = c;
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    };
  };
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** PGlite allows one process per data directory; a second one would corrupt it. */
function acquireLock(dir: string): () => void {
  const lockFile = path.join(dir, 'zhilv.lock');
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) {
      throw new Error(
        `The data directory ${dir} is in use by process ${pid}. Stop it first, or set DATA_DIR to another directory / DATABASE_URL to a PostgreSQL server. 数据目录正被进程 ${pid} 使用。`,
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

/**
 * Opens PGlite in `<dataDir>/pgdata`. A first start creates the cluster in a temporary directory and
 * renames it into place, so an interrupted first start never leaves a half-made cluster behind.
 */
export async function openPglite(dataDir: string, opts: { lock?: boolean } = {}): Promise<TDatabase> {
  const release = opts.lock === false ? () => {} : acquireLock(dataDir);
  const target = path.join(dataDir, 'pgdata');
  try {
    if (!fs.existsSync(target)) {
      const tmp = `${target}.init-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      const init = await PGlite.create(tmp);
      await init.close();
      fs.renameSync(tmp, target);
    }
    const client = await PGlite.create(target);
    const db = drizzlePglite(client, { schema }) as unknown as TDb;
    return {
      db,
      kind: 'pglite',
      listen: pgliteListen(client),
      async close() {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** An in-memory PGlite, optionally from a dumped data directory (tests clone a migrated template). */
export async function openPgliteMemory(loadDataDir?: Blob): Promise<TDatabase> {
  const client = await PGlite.create(loadDataDir ? { loadDataDir } : undefined);
  const db = drizzlePglite(client, { schema }) as unknown as TDb;
  return { db, kind: 'pglite', listen: pgliteListen(client), close: () => client.close() };
}

export async function openPostgres(url: string, max = 20): Promise<TDatabase> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server closes (restart, failover) must not take the process down; the pool
  // replaces it on the next checkout.
  pool.on('error', (err) => {
    // Once the pool is ending, its connections closing (or being terminated by the server meanwhile) is expected.
    if (!pool.ending) console.error(`PostgreSQL idle connection error: ${err.message}`);
  });
  const db = drizzleNodePg(pool, { schema }) as unknown as TDb;
  return { db, kind: 'postgres', listen: postgresListen(url), close: () => pool.end() };
}

/** The rows of a raw `execute`, whichever driver answered (node-postgres gives a result object, PGlite too, a mock an array). */
export function rowsOf<T = Record<string, unknown>>(res: unknown): T[] {
  return (Array.isArray(res) ? res : ((res as { rows?: T[] }).rows ?? [])) as T[];
}

/**
 * Runs a statement as a named prepared statement: on the PostgreSQL server each pooled connection parses and
 * plans it once, then only binds and executes. Worth it for the wide CTE inserts that run for every new work
 * order: parsing and planning them was most of what a new order's two clocks added to its insert (B6's clock
 * cost, `BENCH=sla`: 1.11–1.12 unprepared, 1.09–1.10 prepared, the order-only insert itself cheaper too). The
 * name is the text's hash, so one text is one statement on every connection whatever its parameters; callers
 * must not build texts from unbounded variety (each is kept per connection). PGlite, in
 * process, runs it as any other statement. Answers what `execute` answers. It goes the way drizzle's own
 * `execute` goes (`dialect.sqlToQuery`, then `_.session.prepareQuery`, here with a name), which drizzle 0.45 does
 * not type as public: work-orders.store.test fails if an upgrade changes it.
 */
export async function executePrepared(db: TExecutor, query: SQL): Promise<unknown> {
  const d = db as unknown as {
    dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
    _: {
      session: {
        prepareQuery(q: unknown, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> };
      };
    };
  };
  const built = d.dialect.sqlToQuery(query);
  const name = `zl_${createHash('sha1').update(built.sql).digest('hex').slice(0, 20)}`;
  return d._.session.prepareQuery(built, undefined, name, false).execute();
}

/** One drizzle instance per pooled connection, made once (building one reads the whole schema). */
const connectionDbs = new WeakMap<pg.PoolClient, TDb>();

/**
 * A transaction in as few round trips as its logic allows. Its first statements reach the server in the same
 * message as its BEGIN, and its last one in the same message as its COMMIT: on the PostgreSQL server, where
 * each round trip waits for an event loop busy with HTTP, a transaction needs only the round trips of its
 * middle statements, and the row locks its last statement takes are held for the commit alone — which on a
 * hot row bounds how many transactions a second can take it (B1, B2). `body` gets the rows of each first
 * statement, runs the middle ones and answers its result and the last statement. First and last statements
 * carry no parameters (a message holding several statements cannot): their callers build them from values
 * they have checked. On PGlite, with no network between, it is an ordinary transaction.
 */
export async function transactionWith<T>(
  db: TDb,
  first: string[],
  body: (tx: TExecutor, firstRows: Record<string, unknown>[][]) => Promise<{ result: T; last: string }>,
): Promise<T> {
  const pool = (db as unknown as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) {
    return db.transaction(async (tx) => {
      const firstRows: Record<string, unknown>[][] = [];
      for (const text of first) {
        firstRows.push(rowsOf(await tx.execute(sql.raw(text))));
      }
      const { result, last } = await body(tx, firstRows);
      await tx.execute(sql.raw(last));
      return result;
    });
  }
  const client = await pool.connect();
  let conn = connectionDbs.get(client);
  if (!conn) {
    conn = drizzleNodePg(client, { schema }) as unknown as TDb;
    connectionDbs.set(client, conn);
  }
  let broken: Error | undefined;
  try {
    const opened = (await client.query(['begin', ...first].join('; '))) as unknown as pg.QueryResult | pg.QueryResult[];
    const firstRows = (Array.isArray(opened) ? opened : [opened]).slice(1).map((r) => r.rows);
    const { result, last } = await body(conn, firstRows);
    await client.query(`${last}; commit`);
    return result;
  } catch (err) {
    // After a failed statement the transaction is aborted (or, had the commit itself failed, already over).
    await client.query('rollback').catch((e: Error) => {
      broken = e;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

export async function runMigrations(database: TDatabase): Promise<void> {
  if (database.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the drizzle migrators take their own driver type
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    // biome-ignore lint/suspicious/noExplicitAny: see above
    await migrateNodePg(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
  }
}
