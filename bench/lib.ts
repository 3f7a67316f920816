import { execFileSync, execSync } from 'node:child_process';
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

/**
 * A figure's target (PERFORMANCE.md): a ratio to a baseline measured in the same run, or a count that must be
 * exact. Absolute figures are printed for reading, never judged — these machines drift by a third in minutes.
 */
export type TTarget = { ratio: '≥' | '≤'; of: number } | { count: number };

export type TFigure = {
  id: string;
  what: string;
  value: number;
  unit: string;
  /** required for a ratio target: the same machine, the same run, alternating with the figure where it can */
  baseline?: { what: string; value: number };
  target: TTarget;
  /** a further condition the figure holds only with (e.g. every answer was "sold out"), with what it checks */
  also?: { ok: boolean; what: string };
  runs?: number[];
};
export type TReported = TFigure & { ratio: number | null; pass: boolean };
export const figures: TReported[] = [];

const targetText = (t: TTarget) => ('count' in t ? `= ${t.count}` : `${t.ratio} ${t.of}×`);
const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

/** Judges a figure by its ratio (or count) and prints it as `figure | value | baseline | ratio | target | PASS/MISS`. */
export function report(f: TFigure) {
  const ratio = f.baseline && f.baseline.value > 0 ? f.value / f.baseline.value : null;
  const held =
    'count' in f.target
      ? f.value === f.target.count
      : ratio !== null && (f.target.ratio === '≥' ? ratio >= f.target.of : ratio <= f.target.of);
  const pass = held && (f.also?.ok ?? true);
  figures.push({ ...f, ratio, pass });
  const runs = f.runs?.length ? ` (runs ${spread(f.runs)})` : '';
  const base = f.baseline ? `${num(f.baseline.value)} (${f.baseline.what})` : '—';
  const also = f.also ? ` | ${f.also.what}: ${f.also.ok ? 'yes' : 'NO'}` : '';
  console.log(
    `${f.id} ${f.what} | ${num(f.value)} ${f.unit}${runs} | ${base} | ${ratio === null ? '—' : `${ratio.toFixed(2)}×`} | ${targetText(f.target)}${also} | ${pass ? 'PASS' : 'MISS'}`,
  );
}

/** The run's figures as one table, printed at the end (the note quotes it). */
export function printTable() {
  console.log('\n| figure | what | value | baseline | ratio | target | result |\n|---|---|---|---|---|---|---|');
  for (const f of figures)
    console.log(
      `| ${f.id} | ${f.what.replace(/\|/g, '/')} | ${num(f.value)} ${f.unit} | ${f.baseline ? `${num(f.baseline.value)} ${f.baseline.what.replace(/\|/g, '/')}` : '—'} | ${f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`} | ${targetText(f.target)}${f.also ? `; ${f.also.what}` : ''} | ${f.pass ? 'PASS' : 'MISS'} |`,
    );
}

/**
 * pgbench running `script` (its own SQL file) against `url`; answers committed transactions per second as
 * pgbench counts them, and its output. Variables go into the SQL as written, so string values are quoted here.
 */
export function pgbench(
  url: string,
  script: string,
  opts: { clients: number; seconds: number; vars?: Record<string, string>; name: string },
) {
  const file = `/tmp/zhilv_${opts.name}.sql`;
  fs.writeFileSync(file, script);
  const args = ['-n', '-c', String(opts.clients), '-j', '2', '-T', String(opts.seconds), '-f', file];
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('-D', `${k}='${v.replace(/'/g, "''")}'`);
  args.push(url);
  let out: string;
  try {
    out = execFileSync('pgbench', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (e) {
    throw new Error(`pgbench failed: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
  }
  const tps = Number(out.match(/tps = ([\d.]+)/)?.[1] ?? Number.NaN);
  return { tps, out };
}

/** pgbench's own TPC-B at `clients` clients, on a database of its own (initialised on first use), for `seconds`. */
export async function pgbenchTpcb(clients: number, seconds: number) {
  if (!tpcbReady) {
    const url = await recreateDatabase('zhilv_bench_tpcb');
    execFileSync('pgbench', ['-i', '-q', '-s', '1', url], { stdio: 'ignore' });
    tpcbReady = url;
  }
  const out = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), tpcbReady], {
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
  return Number(out.match(/tps = ([\d.]+)/)?.[1] ?? Number.NaN);
}
let tpcbReady: string | null = null;

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
