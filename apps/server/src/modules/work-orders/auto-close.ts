import { sql } from 'drizzle-orm';
import { rowsOf, type TDb } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeSweepAudit } from '../../platform/audit.js';
import type { TEventHub } from '../../platform/events.js';
import { getProcedureRules } from './procedure.store.js';
import { liveOrderEvent } from './work-orders.service.js';
import * as store from './work-orders.store.js';

/** The entry's note: the order closed without the tourist's rating (未评价关闭). */
export const NOT_RATED_NOTE = '未评价，自动归档 Closed as not rated';

/**
 * 未评价关闭: resolved orders a portal tourist has not rated within the local rule's days (procedure_rules
 * autoCloseDays, counted from the resolution in calendar days) close as not rated — no satisfaction recorded.
 * Set-based and exactly once: one statement claims a batch (FOR UPDATE SKIP LOCKED, so a tourist's rating that
 * holds the order's lock wins and another instance takes other rows) and moves each from resolved to closed, so an
 * order closes once whatever the number of sweeps; each gets its tourist-visible `close` entry, its last stretch
 * ends, and the batch writes one audit row listing its orders. Orders without a portal tourist wait for the
 * command center's call-back (回访) instead. `now` is the app's clock. Answers how many closed.
 */
export async function closeUnratedOrders(
  db: TDb,
  events: TEventHub,
  opts: { now: Date; batch?: number },
): Promise<number> {
  const { now } = opts;
  const at = sql`${now.toISOString()}::timestamptz`;
  const closed = await db.transaction(async (tx) => {
    const { autoCloseDays } = await getProcedureRules(tx);
    const before = new Date(now.getTime() - autoCloseDays * 86_400_000).toISOString();
    const res = await tx.execute(sql`
      with due as (
        select id from work_orders
        where status = 'resolved' and resolved_at <= ${before}::timestamptz
          and source = 'portal' and reporter_user_id is not null
        order by resolved_at
        limit ${opts.batch ?? 500}
        for update skip locked
      ), upd as (
        update work_orders w set status = 'closed', closed_at = ${at}, updated_at = ${at}
        from due where w.id = due.id
        returning w.id
      ), ev as (
        insert into work_order_events (work_order_id, action, actor_role, note, visibility, at)
        select id, 'close', 'system', ${NOT_RATED_NOTE}, 'tourist', ${at} from upd
      ), st as (
        update work_order_stretches s set ended_at = ${at}, end_reason = 'closed'
        from upd where s.work_order_id = upd.id and s.ended_at is null
      )
      select id from upd`);
    const ids = rowsOf<{ id: string }>(res).map((r) => r.id);
    if (ids.length)
      await writeSweepAudit(
        tx,
        SYSTEM_ACTOR,
        ids.map((id) => ({ action: 'work_order.auto_close', objectType: 'work_order', objectId: id })),
        now,
      );
    return ids;
  });
  // the queues and the tourist's page follow the change live
  for (const id of closed) {
    const o = await store.getWorkOrder(db, id);
    if (o) events.publish(liveOrderEvent(o));
  }
  return closed.length;
}
