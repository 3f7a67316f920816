import { sql } from 'drizzle-orm';
import { openPostgres, runMigrations } from '../apps/server/src/db/client.js';
import { inForceSql } from '../apps/server/src/modules/credit/credit.store.js';
import { creditEvents } from '../apps/server/src/modules/credit/credit.tables.js';
import { businesses } from '../apps/server/src/modules/master-data/master-data.tables.js';
import { dropDatabase, median, recreateDatabase, report } from './lib.js';

const BUSINESSES = Number(process.env.B10_BUSINESSES ?? 100_000);
const EVENTS = Number(process.env.B10_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.B10_RUNS ?? 7);

/**
 * B10: every business's credit score and grade recomputed from its events — the application's own predicate
 * (credit.store inForceSql: effective, not expired, not repaired), the base and the thresholds, every business
 * including those without events (ungraded) — against a plain GROUP BY sum of the same events, alternating, in the
 * same run. Both aggregate inside the database into one row, so neither measures the transfer of 100k rows.
 */
export async function benchCredit() {
  const url = await recreateDatabase('zhilv_bench_credit');
  const pg = await openPostgres(url, 2);
  await runMigrations(pg);
  const db = pg.db;
  console.log(`B10: loading ${BUSINESSES.toLocaleString()} businesses and ${EVENTS.toLocaleString()} events …`);
  const t0 = Date.now();
  await db.execute(sql`
    insert into businesses (name, kind, uscc, region_code)
    select '基准商户' || g, 'shop', 'B10' || lpad(g::text, 15, '0'), '530702' from generate_series(1, ${BUSINESSES}) g`);
  const [rule] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from credit_rules where code = 'complaint_founded'`),
  );
  // Events over the last two years: a third expired, one in twenty repaired, a few in the future.
  await db.execute(sql`
    insert into credit_events (subject_type, subject_id, rule_id, rule_code, rule_version, category, points,
      evidence_type, evidence_id, effective_at, valid_until, repaired_at, public)
    select 'business', b.id, ${rule.id}::uuid, 'complaint_founded', 1, 'other', (array[-5, -8, -3, 2, 5, -15])[1 + (g % 6)],
      'work_order', g::text,
      now() - ((g::bigint * 7919) % 730) * interval '1 day',
      case when g % 3 = 0 then now() - ((g::bigint * 7919) % 730) * interval '1 day' + interval '365 days' end,
      case when g % 20 = 0 then now() - interval '1 day' end,
      true
    from generate_series(1, ${EVENTS}) g
    join (select id, row_number() over (order by id) - 1 as n from businesses) b on b.n = g % ${BUSINESSES}`);
  await db.execute(sql`analyze`);
  console.log(`B10: loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const at = new Date();
  const s = { baseScore: 100, a: 95, b: 85, c: 70 };
  const recompute = async () => {
    const start = performance.now();
    const r = await db.execute(sql`
      with sums as (
        select ${creditEvents.subjectId} as subject_id,
          coalesce(sum(${creditEvents.points}) filter (where ${inForceSql(at)}), 0) as sum, count(*) as n
        from ${creditEvents} group by ${creditEvents.subjectId}),
      scored as (
        select b.id, ${s.baseScore} + coalesce(sums.sum, 0) as score, sums.n
        from ${businesses} b left join sums on sums.subject_id = b.id)
      select count(*) as n, sum(score) as total,
        count(*) filter (where n is null) as ungraded,
        count(*) filter (where n is not null and score >= ${s.a}) as a,
        count(*) filter (where n is not null and score < ${s.a} and score >= ${s.b}) as b,
        count(*) filter (where n is not null and score < ${s.b} and score >= ${s.c}) as c,
        count(*) filter (where n is not null and score < ${s.c}) as d
      from scored`);
    return { ms: performance.now() - start, row: rowsOf<Record<string, string>>(r)[0] };
  };
  const groupBy = async () => {
    const start = performance.now();
    const r = await db.execute(sql`
      select count(*) as n, sum(s) as total from (
        select ${creditEvents.subjectId}, sum(${creditEvents.points}) as s from ${creditEvents} group by ${creditEvents.subjectId}) x`);
    return { ms: performance.now() - start, row: rowsOf<Record<string, string>>(r)[0] };
  };
  await recompute();
  await groupBy(); // warm-up
  const rec: number[] = [];
  const base: number[] = [];
  let last: Record<string, string> = {};
  for (let i = 0; i < RUNS; i++) {
    const r = await recompute();
    rec.push(r.ms);
    last = r.row;
    base.push((await groupBy()).ms);
  }
  console.log(
    `B10: scored ${last.n} businesses: A ${last.a}, B ${last.b}, C ${last.c}, D ${last.d}, ungraded ${last.ungraded}`,
  );
  report({
    id: 'B10',
    what: `recompute every score and grade (${Number(last.n).toLocaleString()} businesses, ${EVENTS.toLocaleString()} events, median ms of ${RUNS})`,
    value: median(rec),
    unit: 'ms',
    runs: rec,
    baseline: { what: 'plain GROUP BY sum of the same events, median ms', value: median(base) },
    target: { ratio: '≤', of: 2 },
  });
  await pg.close();
  await dropDatabase('zhilv_bench_credit');
}

function rowsOf<T>(r: unknown): T[] {
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}
