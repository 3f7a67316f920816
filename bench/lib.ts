import { execSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function dbUrl(name: string) {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function recreateDatabase(name: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return dbUrl(name);
}

/**
 * Drops a section's database when the section is done: what it leaves behind (a million orders, dead rows) would
 * otherwise keep autovacuum busy on the same two cores while the next sections measure.
 */
export async function dropDatabase(name: string) {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : Number.NaN;
};
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : Number.NaN;
};
export const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

export type TFigure = {
  id: string;
  what: string;
  value: number;
  unit: string;
  baseline?: { what: string; value: number };
  target: string;
  pass: boolean;
  runs?: number[];
};
export const figures: TFigure[] = [];

export function report(f: TFigure) {
  figures.push(f);
  const ratio = f.baseline
    ? ` | baseline ${f.baseline.what} ${f.baseline.value.toFixed(1)} → ratio ${(f.value / f.baseline.value).toFixed(2)}`
    : '';
  const runs = f.runs ? ` (runs ${spread(f.runs)})` : '';
  console.log(
    `${f.pass ? 'PASS' : 'MISS'} ${f.id.padEnd(6)} ${f.what}: ${f.value.toFixed(1)} ${f.unit}${runs}${ratio} | target ${f.target}`,
  );
}

/**
 * How busy the machine's CPUs were from now until the returned function is called (all processes: the app, the
 * database, the load generator), from /proc/stat; null where there is none. Tells a figure bound by the work
 * itself (the CPUs full) from one bound by waiting.
 */
export function cpuBusy(): () => number | null {
  const read = () => {
    try {
      const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
      return ticks.map(Number);
    } catch {
      return null;
    }
  };
  const start = read();
  return () => {
    const end = read();
    if (!start || !end) return null;
    const d = end.map((v, i) => v - start[i]);
    const total = d.reduce((a, b) => a + b, 0);
    // idle and iowait are the 4th and 5th columns
    return total > 0 ? 1 - (d[3] + d[4]) / total : null;
  };
}

/** B7: the hardware normaliser printed beside every report. */
export function hardwareNormaliser() {
  const out: string[] = [];
  try {
    const fsync = execSync(
      '/usr/lib/postgresql/15/bin/pg_test_fsync -s 1 -f /tmp/zhilv_pg_test_fsync.out 2>/dev/null | grep -E -m1 "^\\s+fdatasync\\s"',
      {
        shell: '/bin/bash',
      },
    )
      .toString()
      .trim();
    out.push(`pg_test_fsync: ${fsync.replace(/\s+/g, ' ')}`);
  } catch {
    out.push('pg_test_fsync: not available');
  }
  try {
    execSync(`pgbench -i -q -s 1 "${PG_ADMIN_URL}" >/dev/null 2>&1`);
    const tpcb = execSync(`pgbench -c 8 -j 2 -T 5 "${PG_ADMIN_URL}" 2>/dev/null | grep -m1 "tps ="`).toString().trim();
    const sel = execSync(`pgbench -S -c 8 -j 2 -T 5 "${PG_ADMIN_URL}" 2>/dev/null | grep -m1 "tps ="`)
      .toString()
      .trim();
    out.push(`pgbench TPC-B 8 clients: ${tpcb}`, `pgbench select-only 8 clients: ${sel}`);
  } catch {
    out.push('pgbench: not available');
  }
  return out;
}
