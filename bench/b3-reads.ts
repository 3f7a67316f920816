import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, runMigrations } from '../apps/server/src/db/client.js';
import {
  BENCH_DAY,
  helloWorld,
  listen,
  makeSpots,
  probeBooking,
  q,
  readLoad,
  startApp,
  touristSessions,
} from './b1-fixture.js';
import { median, report } from './lib.js';

/*
 * B3: availability and business reads over HTTP — the reservable spots with their busy-ness, one spot's slots of
 * a day, its live occupancy, and a signed-in tourist's ticket — requested in turn on 50 connections, against
 * Fastify hello-world measured in the same run (as the intake bench does). B4 runs the same on PGlite and adds
 * the cold start: opening an existing PGlite directory to the first answer.
 */
/** An app with 50 spots of 10 slots and one signed-in tourist's ticket, and the four paths B3 reads in turn. */
async function readsApp(kind: 'postgres' | 'pglite', name: string) {
  const app = await startApp(kind, name);
  const db = app.database.db;
  const spots = await makeSpots(db, 50, 10, 500);
  const [spot] = await q<{ business_id: string }>(
    db,
    sql`select business_id from time_slots where id = ${spots[0][0]}`,
  );
  const { tokens } = await touristSessions(db, 1);
  const ticket = await probeBooking(app.base, tokens[0], spots[0][2], '530702190001010038');
  const cookie = `zl_session=${tokens[0].split('|')[0]}`;
  const paths = [
    '/api/reservations/spots',
    `/api/reservations/spots/${spot.business_id}/availability?from=${BENCH_DAY}&days=1`,
    `/api/reservations/spots/${spot.business_id}/occupancy`,
    `/api/reservations/bookings/${ticket.id}`,
  ];
  for (const p of paths) {
    const res = await fetch(`${app.base}${p}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`read probe ${p}: ${res.status} ${await res.text()}`);
  }
  return { base: app.base, paths, cookie, close: app.close };
}

async function readRun(a: Awaited<ReturnType<typeof readsApp>>, rate?: number) {
  const r = await readLoad({ base: a.base, paths: a.paths, connections: 50, duration: 5, cookie: a.cookie, rate });
  if (r.non2xx || r.errors) throw new Error(`reads answered non-2xx ${r.non2xx}, errors ${r.errors}`);
  return r;
}

/**
 * B3 (PostgreSQL) or B4's reads (PGlite): a warm-up, then 5 runs, each followed by a run of its baseline — Fastify
 * hello-world for B3, the same reads on a server-backed app for B4 — so that each ratio compares figures of the
 * same minutes (the machine's speed drifts by a third within a bench run).
 */
export async function readFigures(kind: 'postgres' | 'pglite') {
  const app = await readsApp(kind, `zhilv_bench_b3_${kind}`);
  const server = kind === 'pglite' ? await readsApp('postgres', 'zhilv_bench_b4_reads_server') : null;
  try {
    const runs: number[] = [];
    const p99s: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await readRun(app);
      const base = server ? (await readRun(server)).average : (await helloWorld()).average;
      if (i > 0) {
        runs.push(r.average);
        p99s.push(r.p99);
        baselines.push(base);
      }
    }
    const rate = median(runs);
    const p99 = median(p99s);
    const baseline = median(baselines);
    if (kind === 'postgres') {
      report({
        id: 'B3',
        what: 'reads (spots with busy-ness, slots of a day, occupancy, ticket) req/s, 50 connections',
        value: rate,
        unit: 'req/s',
        runs,
        baseline: { what: 'Fastify hello-world req/s, its runs alternating with these', value: baseline },
        target: { ratio: '≥', of: 0.3 },
      });
      // Latency at an offered rate of half the reads' maximum, open loop, against hello-world at the same rate.
      const offered = Math.max(1, Math.round(rate / 2));
      const ours: number[] = [];
      const hellos: number[] = [];
      for (let i = 0; i < 3; i++) {
        ours.push((await readRun(app, offered)).p99);
        hellos.push((await helloWorld(50, 5, offered)).p99);
      }
      report({
        id: 'B3',
        what: `reads latency p99, open loop at ${offered} req/s (median of 3 runs)`,
        value: median(ours),
        unit: 'ms p99',
        runs: ours,
        baseline: { what: 'hello-world p99 at the same offered rate', value: Math.max(median(hellos), 1) },
        target: { ratio: '≤', of: 3 },
      });
    } else {
      report({
        id: 'B4',
        what: 'PGlite: reads req/s, 50 connections',
        value: rate,
        unit: 'req/s',
        runs,
        baseline: { what: 'the same reads on the PostgreSQL server, its runs alternating with these', value: baseline },
        target: { ratio: '≥', of: 0.5 },
      });
      console.log(`B4 PGlite (no target): reads p99 ${p99.toFixed(0)} ms (closed loop)`);
    }
  } finally {
    await server?.close();
    await app.close();
  }
}

/** B4 cold start: an existing, migrated PGlite directory opened by a new app, until the first answer. */
export async function coldStart() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhilv_bench_cold-'));
  try {
    const first = await openPglite(dir);
    await runMigrations(first);
    await makeSpots(first.db, 20, 10, 100);
    await first.close();
    // The baseline: a bare PGlite open of the same directory and one query, alternating with the app's start.
    const bare: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < 5; i++) {
      const b0 = performance.now();
      const plain = await openPglite(dir);
      await plain.db.execute(sql`select 1`);
      bare.push(performance.now() - b0);
      await plain.close();
      const t0 = performance.now();
      const database = await openPglite(dir);
      await runMigrations(database); // as the server's start does: nothing to apply, but it checks
      const app = await listen(database);
      const res = await fetch(`${app.base}/api/reservations/spots`);
      full.push(performance.now() - t0);
      await app.close();
      if (res.status !== 200) throw new Error(`cold start: ${res.status}`);
    }
    report({
      id: 'B4',
      what: 'PGlite cold start: open the data directory, build the app, first answer (spots list)',
      value: median(full),
      unit: 'ms',
      runs: full,
      baseline: { what: 'ms for a bare PGlite open of the same directory and one query', value: median(bare) },
      target: { ratio: '≤', of: 10 },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const benchReads = () => readFigures('postgres');
