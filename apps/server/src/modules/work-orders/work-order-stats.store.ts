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

export async function overdueOrders(db: TExecutor, departmentId: string | undefined, limit = 200) {
  const dept = departmentId ? sql`and w.department_id = ${departmentId}` : sql``;
  return rowsOf<{
    id: string;
    tracking_no: string;
    kind: string;
    category: string | null;
    status: string;
    department_name: string | null;
    department_name_en: string | null;
    created_at: string | Date;
    resolution_due_at: string | Date | null;
    response_overdue: boolean;
    resolution_overdue: boolean;
    escalation_level: number;
  }>(
    await db.execute(sql`
      select w.id, w.tracking_no, w.kind, w.category, w.status, d.name as department_name, d.name_en as department_name_en,
        w.created_at, w.resolution_due_at, ${overdueSql(sql`w.id`, 'response')} as response_overdue,
        ${overdueSql(sql`w.id`, 'resolution')} as resolution_overdue, greatest(w.escalation_level, 1) as escalation_level
      from work_orders w left join departments d on d.id = w.department_id
      where w.status in ('pending','dispatched','handling','awaiting_material') and ${overdueSql(sql`w.id`)} ${dept}
      order by w.resolution_due_at nulls last
      limit ${limit}`),
  );
}
