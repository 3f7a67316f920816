import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { openPostgres, runMigrations, type TDb } from '../apps/server/src/db/client.js';
import { seedDefaultRouting } from '../apps/server/src/modules/work-orders/index.js';
import { dropDatabase, median, percentile, pgbenchTpcb, recreateDatabase, report } from './lib.js';

const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
const TEXTS = [
  '导游强迫我们在玉器店购物，不买不让走。',
  '出租车不打表，绕路多收了一百元。',
  '酒店房间有霉味，前台拒绝换房。',
  '景区排队两小时，工作人员态度很差。',
  '餐馆菜单没有标价，结账时乱收费。',
  '网上订的门票到了景区说无效。',
];

/** Signed-in sessions made directly in the database (a bench must not trip the login rate limits). */
async function makeSessions(db: TDb, role: string, n: number, extra: Record<string, unknown> = {}) {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(16).toString('hex');
    const [u] = rows<{ id: string }>(
      await db.execute(sql`insert into users (role, phone, display_name, consent_version, department_id, username)
        values (${role}, ${role === 'tourist' ? `131${String(i).padStart(8, '0')}` : null}, ${`bench ${role} ${i}`}, '2026-11',
          ${(extra.departmentId as string) ?? null}, ${role === 'tourist' ? null : `bench_${role}_${i}`}) returning id`),
    );
    await db.execute(sql`insert into sessions (id, user_id, csrf_token, expires_at)
      values (${createHash('sha256').update(token).digest('hex')}, ${u.id}, ${csrf}, now() + interval '1 day')`);
    tokens.push(`${token}|${csrf}`);
  }
  return tokens;
}

type TLoad = { average: number; total: number; non2xx: number; errors: number; status: unknown; p99: number };

/** Runs autocannon in a child process (load-worker.mjs), off the event loop of the server it measures. */
function load(workerData: {
  url: string;
  connections: number;
  duration: number;
  post?: { tokens: string[]; texts: string[]; tag: string };
}): Promise<TLoad> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-worker.mjs', import.meta.url), { stdio: 'inherit' });
    child.once('message', (m) => resolve(m as TLoad));
    child.once('error', reject);
    child.send(workerData);
  });
}

export async function benchIntake() {
  const url = await recreateDatabase('zhilv_bench_intake');
  const database = await openPostgres(url, 20);
  await runMigrations(database);
  await database.db.execute(
    sql`insert into departments (code, name, name_en) values ('culture_tourism', '文化和旅游局', 'Culture and Tourism Bureau')`,
  );
  await database.db.transaction((tx) => seedDefaultRouting(tx));
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url }), slaSweeper: false };
  const app = await buildApp({ config, database, rateLimit: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  const tokens = await makeSessions(database.db, 'tourist', 200);
  {
    // One request by hand first: a misconfigured run must fail loudly, not report 0/s.
    const [token, csrf] = tokens[0].split('|');
    const probe = await fetch(`${base}/api/work-orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `zl_session=${token}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ kind: 'complaint', text: TEXTS[0] }),
    });
    if (probe.status !== 201) throw new Error(`intake probe failed: ${probe.status} ${await probe.text()}`);
  }
  const runs: number[] = [];
  const tpcb: number[] = [];
  for (let i = 0; i < 6; i++) {
    const before = rows<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from work_orders`))[0].n;
    const started = Date.now();
    const result = await load({
      url: `${base}/api/work-orders`,
      connections: 64,
      duration: 5,
      post: { tokens, texts: TEXTS, tag: String(i) },
    });
    if (i === 0)
      console.log(
        `INTAKE warm-up: ${result.total} requests, non-2xx ${result.non2xx}, errors ${result.errors}, status ${JSON.stringify(result.status)}`,
      );
    const after = rows<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from work_orders`))[0].n;
    const rate = (after - before) / ((Date.now() - started) / 1000);
    // The baseline's run right after: pgbench's TPC-B at 8 clients on this machine, on a database of its own.
    const tps = await pgbenchTpcb(8, 5);
    if (i > 0) {
      // the first run of each is the warm-up
      runs.push(rate);
      tpcb.push(tps);
    }
  }
  report({
    id: 'INTAKE',
    what: 'appeals/s over HTTP on PostgreSQL (committed rows counted in the database)',
    value: median(runs),
    unit: 'appeals/s',
    runs,
    baseline: { what: 'pgbench TPC-B tps at 8 clients, runs alternating', value: median(tpcb) },
    target: { ratio: '≥', of: 1 },
  });

  // A department queue of 100k orders, paged with the keyset cursor.
  const [{ id: deptId }] = rows<{ id: string }>(await database.db.execute(sql`select id from departments limit 1`));
  await database.db.execute(sql`
    insert into work_orders (tracking_no, kind, source, status, text, department_id, created_at)
    select 'BQ' || lpad(g::text, 9, '0'), 'complaint', 'portal', 'handling', '队列基准 queue bench', ${deptId}, now() - (g || ' seconds')::interval
    from generate_series(1, 100000) g`);
  // VACUUM as autovacuum would soon after a bulk load: it flushes the GIN pending list of co_department_ids.
  await database.db.execute(sql`vacuum analyze work_orders`);
  const [staff] = await makeSessions(database.db, 'department_staff', 1, { departmentId: deptId });
  const [token] = staff.split('|');
  const lat: number[] = [];
  const pk: number[] = [];
  const [{ id: oneId }] = rows<{ id: string }>(
    await database.db.execute(sql`select id from work_orders where department_id = ${deptId} limit 1`),
  );
  let cursor: string | null = null;
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/work-orders?pageSize=50${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { cookie: `zl_session=${token}` },
    });
    const body = (await res.json()) as { nextCursor: string | null };
    if (i >= 20) lat.push(performance.now() - t);
    // Its baseline, alternating: one order read by its primary key through the same stack and session.
    const p0 = performance.now();
    const one = await fetch(`${base}/api/work-orders/${oneId}`, { headers: { cookie: `zl_session=${token}` } });
    await one.arrayBuffer();
    if (i >= 20) pk.push(performance.now() - p0);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  report({
    id: 'QUEUE',
    what: 'department queue of 100k orders, keyset pages of 50 (p99 over 480 pages)',
    value: percentile(lat, 99),
    unit: 'ms p99',
    runs: [percentile(lat, 50), percentile(lat, 99)],
    baseline: {
      what: 'p99 ms of a primary-key read of one order through the same stack, alternating',
      value: percentile(pk, 99),
    },
    target: { ratio: '≤', of: 3 },
  });
  await app.close();
  await database.close();
  await dropDatabase('zhilv_bench_intake');
}
