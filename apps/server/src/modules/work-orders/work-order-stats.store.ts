import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { overdueSql } from './work-orders.store.js';

export type TGroupBy = 'department' | 'category' | 'region' | 'month';
/** `now` is the app's clock: what counts as due or overdue. */
export type TStatsFilter = { groupBy: TGroupBy; from: Date; to: Date; now: Date; departmentId?: string };

export type TStatsRow = {
  key: string | null;
  name: string | null;
  name_en: string | null;
  volume: number;
  response_due: number;
  responded_in_time: number;
  resolution_due: number;
  resolved_in_time: number;
  resolved: number;
  rated: number;
  satisfied: number;
  reopened: number;
  overdue_now: number;
};

/**
 * The work-order figures the statistics module shows (it owns no tables and reads them through work-orders'
 * index). "In time" counts orders whose clock had
 * come due or stopped: an order still inside its window counts neither way.
 */
export async function workOrderStats(db: TExecutor, f: TStatsFilter) {
  const groups: Record<TGroupBy, { key: SQL; name: SQL; nameEn: SQL; join: SQL }> = {
    department: {
      key: sql`w.department_id::text`,
      name: sql`d.name`,
      nameEn: sql`d.name_en`,
      join: sql`left join departments d on d.id = w.department_id`,
    },
    category: { key: sql`w.category`, name: sql`null::text`, nameEn: sql`null::text`, join: sql`` },
    region: {
      key: sql`substr(w.region_code, 1, 6)`,
      name: sql`r.name`,
      nameEn: sql`null::text`,
      join: sql`left join regions r on r.code = substr(w.region_code, 1, 6)`,
    },
    month: {
      key: sql`to_char(w.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
      name: sql`null::text`,
      nameEn: sql`null::text`,
      join: sql``,
    },
  };
  const g = groups[f.groupBy];
  const conds = [
    sql`w.created_at >= ${f.from.toISOString()}::timestamptz`,
    sql`w.created_at < ${f.to.toISOString()}::timestamptz`,
    sql`w.status <> 'merged'`,
  ];
  if (f.departmentId)
    conds.push(sql`(w.department_id = ${f.departmentId} or ${f.departmentId}::uuid = any(w.co_department_ids))`);
  const now = sql`${f.now.toISOString()}::timestamptz`;
  const res = await db.execute(sql`
    select ${g.key} as key, ${g.name} as name, ${g.nameEn} as name_en,
      count(*)::int as volume,
      count(*) filter (where w.responded_at is not null or w.response_due_at < ${now})::int as response_due,
      count(*) filter (where w.responded_at is not null and w.responded_at <= w.response_due_at)::int as responded_in_time,
      count(*) filter (where w.resolved_at is not null or w.resolution_due_at < ${now})::int as resolution_due,
      count(*) filter (where w.resolved_at is not null and w.resolved_at <= w.resolution_due_at and not ${overdueSql(sql`w.id`, 'resolution')})::int as resolved_in_time,
      count(*) filter (where w.status in ('resolved', 'closed'))::int as resolved,
      count(*) filter (where w.satisfaction is not null)::int as rated,
      count(*) filter (where w.satisfaction in ('satisfied', 'basically_satisfied'))::int as satisfied,
      count(*) filter (where w.reopen_count > 0)::int as reopened,
      count(*) filter (where w.status in ('pending','dispatched','handling','awaiting_material') and ${overdueSql(sql`w.id`)})::int as overdue_now
    from work_orders w ${g.join}
    where ${sql.join(conds, sql` and `)}
    group by 1, 2, 3
    order by volume desc`);
  return rowsOf<TStatsRow>(res);
}

export type TOverdueFilter = {
  departmentId?: string;
  clock?: 'response' | 'resolution';
  status?: string;
  kind?: string;
  q?: string;
};

/**
 * Open orders with a breached clock, most overdue first. For each, the clock shown is the resolution clock when it
 * breached (the graver), else the response clock, with that clock's start and deadline.
 */
export async function overdueOrders(db: TExecutor, f: TOverdueFilter, limit = 200) {
  const conds = [sql`w.status in ('pending','dispatched','handling','awaiting_material')`];
  if (f.departmentId) conds.push(sql`w.department_id = ${f.departmentId}`);
  if (f.status) conds.push(sql`w.status = ${f.status}`);
  if (f.kind) conds.push(sql`w.kind = ${f.kind}`);
  if (f.clock) conds.push(sql`t.clock = ${f.clock}`);
  if (f.q) conds.push(sql`w.tracking_no ilike ${`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  return rowsOf<{
    id: string;
    tracking_no: string;
    kind: string;
    category: string | null;
    status: string;
    department_id: string | null;
    department_name: string | null;
    department_name_en: string | null;
    business_name: string | null;
    business_name_en: string | null;
    created_at: string | Date;
    resolution_due_at: string | Date | null;
    response_overdue: boolean;
    resolution_overdue: boolean;
    escalation_level: number;
    urge_count: number;
    overdue_clock: 'response' | 'resolution';
    clock_start: string | Date;
    clock_deadline: string | Date;
  }>(
    await db.execute(sql`
      select w.id, w.tracking_no, w.kind, w.category, w.status, w.department_id,
        d.name as department_name, d.name_en as department_name_en, b.name as business_name, b.name_en as business_name_en,
        w.created_at, w.resolution_due_at, ${overdueSql(sql`w.id`, 'response')} as response_overdue,
        ${overdueSql(sql`w.id`, 'resolution')} as resolution_overdue, greatest(w.escalation_level, 1) as escalation_level,
        w.urge_count, t.clock as overdue_clock, t.start_at as clock_start, t.deadline_at as clock_deadline
      from work_orders w
      join lateral (
        select ot.clock, ot.start_at, ot.deadline_at from sla_timers ot
        where ot.work_order_id = w.id and ot.overdue
        order by (ot.clock = 'resolution') desc limit 1
      ) t on true
      left join departments d on d.id = w.department_id
      left join businesses b on b.id = w.business_id
      where ${sql.join(conds, sql` and `)}
      order by t.deadline_at
      limit ${limit}`),
  );
}
