import type { TDb } from '../../db/client.js';
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
  const closed = await db.transaction(async (tx) => {
    const { autoCloseDays } = await getProcedureRules(tx);
    const before = new Date(now.getTime() - autoCloseDays * 86_400_000);
    const ids = await store.closeUnratedBatch(tx, { before, at: now, batch: opts.batch ?? 500, note: NOT_RATED_NOTE });
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
