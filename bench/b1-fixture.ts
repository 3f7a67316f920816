import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { openPglite, openPostgres, runMigrations, type TDatabase, type TDb } from '../apps/server/src/db/client.js';
import { addDays, localDay, localInstant } from '../apps/server/src/modules/reservations/capacity.js';
import { dropDatabase, recreateDatabase } from './lib.js';

/** Shared set-up of the reservation benchmarks (B1–B4): an app on PostgreSQL or PGlite, spots, slots, sessions. */

export const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
export const q = async <T = Record<string, unknown>>(db: TDb, text: ReturnType<typeof sql>) =>
  rows<T>(await db.execute(text));

/** The day every bench slot lives on: 30 days ahead (never "today", so same-day sales pauses do not apply). */
export const BENCH_DAY = addDays(localDay(new Date()), 30);

export type TBenchApp = { database: TDatabase; base: string; url: string | null; close(): Promise<void> };

/** The app listening on a local port, on a fresh PostgreSQL database (pool of 20) or a fresh PGlite directory. */
export async function startApp(kind: 'postgres' | 'pglite', name: string): Promise<TBenchApp & { dir?: string }> {
  let database: TDatabase;
  let url: string | null = null;
  let dir: string | undefined;
  if (kind === 'postgres') {
    url = await recreateDatabase(name);
    database = await openPostgres(url, 20);
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    database = await openPglite(dir);
  }
  await runMigrations(database);
  const started = await listen(database);
  return {
    ...started,
    url,
    dir,
    async close() {
      await started.close();
      if (kind === 'postgres') await dropDatabase(name);
      else if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function listen(database: TDatabase) {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'false' }), slaSweeper: false };
  const app = await buildApp({ config, database, rateLimit: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    database,
    base,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

let phoneSerial = 0;
/** Signed-in tourists (consent given) made directly in the database: a bench must not trip the login limits. */
export async function touristSessions(db: TDb, n: number) {
  const tokens: string[] = [];
  const users: string[] = [];
  for (let i = 0; i < n; i++) {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(16).toString('hex');
    const [u] = await q<{ id: string }>(
      db,
      sql`insert into users (role, phone, display_name, consent_version)
        values ('tourist', ${`139${String(++phoneSerial).padStart(8, '0')}`}, ${`bench tourist ${phoneSerial}`}, '2026-11')
        returning id`,
    );
    await db.execute(sql`insert into sessions (id, user_id, csrf_token, expires_at)
      values (${createHash('sha256').update(token).digest('hex')}, ${u.id}, ${csrf}, now() + interval '1 day')`);
    tokens.push(`${token}|${csrf}`);
    users.push(u.id);
  }
  return { tokens, users };
}

let uscc = 0;
/**
 * `spots` reservable scenic spots, each with `slotsPerSpot` slots of `quota` on BENCH_DAY (08:00 on, 30 minutes
 * each). Written straight to the tables (the publishing API is not what is measured). Answers the slot ids,
 * spot by spot in order.
 */
export async function makeSpots(db: TDb, spots: number, slotsPerSpot: number, quota: number) {
  const slotIds: string[][] = [];
  for (let s = 0; s < spots; s++) {
    const [b] = await q<{ id: string }>(
      db,
      sql`insert into businesses (name, name_en, kind, uscc, region_code, lng, lat, a_level)
        values (${`基准景区${++uscc}`}, ${`Bench Spot ${uscc}`}, 'scenic_spot', ${`BENCH${String(uscc).padStart(13, '0')}`},
          '530702', 100.23, 26.87, 4) returning id`,
    );
    await db.execute(sql`insert into reservable_spots (business_id, instant_capacity, daily_capacity, opens_at_minute,
        closes_at_minute, average_stay_minutes, slot_minutes, max_party_size)
      values (${b.id}, 1000000, 10000000, 0, 1440, 120, 30, 5)`);
    await db.execute(sql`insert into spot_occupancy (business_id) values (${b.id})`);
    const ids = await q<{ id: string }>(
      db,
      sql`insert into time_slots (business_id, day, starts_at, ends_at, quota, remaining)
        select ${b.id}, ${BENCH_DAY}::date, ${localInstant(BENCH_DAY, 8 * 60).toISOString()}::timestamptz + (g * interval '30 minutes'),
               ${localInstant(BENCH_DAY, 8 * 60 + 30).toISOString()}::timestamptz + (g * interval '30 minutes'), ${quota}, ${quota}
          from generate_series(0, ${slotsPerSpot - 1}) g
        returning id`,
    );
    slotIds.push(ids.map((r) => r.id));
  }
  return slotIds;
}

/** Committed bookings (and people) of the given slots, and whether any slot holds more than its quota. */
export async function countBooked(db: TDb, slotList: string[]) {
  const slotIds = `{${slotList.join(',')}}`; // one array parameter (an array in the template would be spread)
  const [r] = await q<{ bookings: number; people: number; oversold: number; inconsistent: number }>(
    db,
    sql`select
      (select count(*)::int from bookings where slot_id = any(${slotIds}::uuid[]) and status = 'booked') as bookings,
      (select coalesce(sum(party_size), 0)::int from bookings where slot_id = any(${slotIds}::uuid[]) and status = 'booked') as people,
      (select count(*)::int from time_slots s where s.id = any(${slotIds}::uuid[]) and
        (select coalesce(sum(party_size), 0) from bookings b where b.slot_id = s.id and b.status = 'booked') > s.quota) as oversold,
      (select count(*)::int from time_slots s where s.id = any(${slotIds}::uuid[]) and
        (select coalesce(sum(party_size), 0) from bookings b where b.slot_id = s.id and b.status = 'booked') <> s.quota - s.remaining) as inconsistent`,
  );
  return r;
}

export type TLoad = {
  average: number;
  total: number;
  non2xx: number;
  errors: number;
  status: Record<string, { count: number }>;
  p99: number;
  p50: number;
};

/** Booking load from its own process (b1-booking-worker.mjs). */
export function bookingLoad(workerData: {
  url: string;
  connections: number;
  duration: number;
  tokens: string[];
  slots: string[];
  tag: number;
  zipf?: number;
  party?: [number, number];
  /** open loop: requests per second offered in all */
  rate?: number;
}): Promise<TLoad> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./b1-booking-worker.mjs', import.meta.url), { stdio: 'inherit' });
    child.once('message', (m) => resolve(m as TLoad));
    child.once('error', reject);
    child.send(workerData);
  });
}

/** GET load from its own process (b3-read-worker.mjs): `paths` are requested in turn on each connection. */
export function readLoad(workerData: {
  base: string;
  paths: string[];
  connections: number;
  duration: number;
  cookie?: string;
  /** open loop: requests per second offered in all */
  rate?: number;
}): Promise<TLoad> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./b3-read-worker.mjs', import.meta.url), { stdio: 'inherit' });
    child.once('message', (m) => resolve(m as TLoad));
    child.once('error', reject);
    child.send(workerData);
  });
}

/** Fastify hello-world measured in this run, as the intake bench does (the read baseline). */
export async function helloWorld(connections = 50, duration = 5, rate?: number) {
  const app = Fastify();
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const r = await readLoad({ base: `http://127.0.0.1:${port}`, paths: ['/'], connections, duration, rate });
  await app.close();
  return r;
}

/** One booking by hand first: a misconfigured run must fail loudly, not report 0/s. */
export async function probeBooking(base: string, token: string, slotId: string, idNumber: string) {
  const [t, csrf] = token.split('|');
  const res = await fetch(`${base}/api/reservations/bookings`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `zl_session=${t}`,
      'x-csrf-token': csrf,
      'idempotency-key': `probe-${randomBytes(6).toString('hex')}`,
    },
    body: JSON.stringify({ slotId, visitors: [{ name: '探针', idNumber }] }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`booking probe failed: ${res.status} ${body}`);
  return JSON.parse(body) as { id: string; ticketCode: string };
}
