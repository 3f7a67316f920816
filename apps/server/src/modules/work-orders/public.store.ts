import { sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';

/** Fewer orders than this and a business or department is shown but not ranked: a rate of 1 of 1 says nothing. */
export const MIN_ORDERS_TO_RANK = 5;

type TRateRow = {
  id: string;
  name: string;
  name_en: string | null;
  volume: number;
  resolved: number;
  unfounded: number;
  rated: number;
  satisfied: number;
};

/**
 * Public rates over the last 365 days: resolved (已解决) and closed without resolution (未解决关闭) counted
 * apart, satisfaction over rated orders only. Merged orders count once, in the order they were merged into.
 */
export async function publicRates(db: TExecutor, by: 'business' | 'department') {
  const key = by === 'business' ? sql`w.business_id` : sql`w.department_id`;
  const join =
    by === 'business'
      ? sql`join businesses t on t.id = w.business_id`
      : sql`join departments t on t.id = w.department_id`;
  const res = await db.execute(sql`
    select t.id, t.name, t.name_en, count(*)::int as volume,
      count(*) filter (where w.status in ('resolved','closed'))::int as resolved,
      count(*) filter (where w.status = 'unfounded')::int as unfounded,
      count(*) filter (where w.satisfaction is not null)::int as rated,
      count(*) filter (where w.satisfaction in ('satisfied','basically_satisfied'))::int as satisfied
    from work_orders w ${join}
    where w.status <> 'merged' and w.created_at > now() - interval '365 days' and ${key} is not null
    group by t.id, t.name, t.name_en
    order by volume desc
    limit 500`);
  return rowsOf<TRateRow>(res).map((r) => {
    const ranked = r.volume >= MIN_ORDERS_TO_RANK;
    return {
      id: r.id,
      name: r.name,
      nameEn: r.name_en,
      volume: r.volume,
      resolved: r.resolved,
      unfounded: r.unfounded,
      resolvedRate: r.resolved / r.volume,
      unfoundedRate: r.unfounded / r.volume,
      satisfactionRate: r.rated ? r.satisfied / r.rated : null,
      ranked,
    };
  });
}

type TPublicOrderRow = {
  id: string;
  tracking_no: string;
  kind: string;
  category: string | null;
  status: string;
  text: string;
  answer: string | null;
  created_at: Date | string;
  resolved_at: Date | string | null;
  closed_at: Date | string | null;
  business_name: string | null;
  business_name_en: string | null;
  /** what the system knows as personal for this order, for the anonymiser; never sent out */
  reporter_name: string | null;
  reporter_phone: string | null;
  contact_phone: string | null;
  business_contact_name: string | null;
  department_name: string | null;
  department_name_en: string | null;
};

/**
 * Closed orders for the public page with what the system knows as personal for each (the reporter's name and
 * phone, the business's contact); the caller anonymises the text with it and with `namesIn`. The tourist's
 * rating is not read: it is the tourist's, not the public's.
 */
export async function publicClosedOrders(
  db: TExecutor,
  f: { businessId?: string; departmentId?: string; page: number; pageSize: number },
) {
  const conds = [sql`w.status in ('resolved','closed','unfounded')`, sql`w.kind <> 'report'`];
  if (f.businessId) conds.push(sql`w.business_id = ${f.businessId}`);
  if (f.departmentId) conds.push(sql`w.department_id = ${f.departmentId}`);
  const where = sql.join(conds, sql` and `);
  const res = await db.execute(sql`
    select w.id, w.tracking_no, w.kind, w.category, w.status, w.text, w.answer, w.created_at, w.resolved_at,
      w.closed_at, b.name as business_name, b.name_en as business_name_en, d.name as department_name,
      d.name_en as department_name_en, u.display_name as reporter_name, u.phone as reporter_phone,
      w.contact_phone, b.contact_name as business_contact_name
    from work_orders w left join businesses b on b.id = w.business_id left join departments d on d.id = w.department_id
      left join users u on u.id = w.reporter_user_id
    where ${where}
    order by w.created_at desc
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`);
  const total = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from work_orders w where ${where}`),
  )[0].n;
  return { rows: rowsOf<TPublicOrderRow>(res), total };
}

/**
 * The names of people the system holds — practitioners, business contacts, staff — that occur in these texts.
 * Tourists other than the reporter are not searched: there may be millions, and their names are not on file
 * as real names (a tourist signs in by phone).
 */
export async function namesIn(db: TExecutor, texts: string[]): Promise<string[]> {
  const present = texts.filter(Boolean);
  if (!present.length) return [];
  const res = await db.execute(sql`
    with t(body) as (select unnest(array[${sql.join(
      present.map((p) => sql`${p}`),
      sql`, `,
    )}]::text[]))
    select distinct n.name from (
      select name from practitioners
      union select contact_name from businesses where contact_name is not null
      union select display_name from users where role <> 'tourist'
    ) n(name)
    where char_length(n.name) >= 2 and exists (select 1 from t where strpos(t.body, n.name) > 0)`);
  return rowsOf<{ name: string }>(res).map((r) => r.name);
}
