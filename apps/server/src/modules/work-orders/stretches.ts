import type { TExecutor } from '../../db/client.js';
import { AppError } from '../../platform/errors.js';
import type { TActionCtx } from './actions/types.js';
import { loadSlaContext, startClock } from './clocks.js';
import * as procedure from './procedure.store.js';

/**
 * The two first-response clocks and the stretches they belong to (procedure.tables.ts): the command center's from
 * submission (or a return) to its dispatch, each department's from its dispatch (or transfer) to its acceptance.
 * The order's `response` timer is always the current holder's: a hand-over restarts it from the hand-over, and the
 * stretch that ends keeps the previous holder's record.
 */

/** The first stretches of new orders: the command center's, or — auto-dispatched at intake — the department's. */
export async function openFirstStretches(
  tx: TExecutor,
  rows: { id: string; departmentId: string | null; responseDueAt: Date }[],
  now: Date,
) {
  await procedure.insertStretches(
    tx,
    rows.flatMap((r) =>
      r.departmentId
        ? [
            // The routing rule dispatched it at once: the command center answered at submission.
            {
              workOrderId: r.id,
              holder: 'command_center',
              startedAt: now,
              responseDueAt: now,
              respondedAt: now,
              endedAt: now,
              endReason: 'dispatched',
            },
            {
              workOrderId: r.id,
              holder: 'department',
              departmentId: r.departmentId,
              startedAt: now,
              responseDueAt: r.responseDueAt,
            },
          ]
        : [{ workOrderId: r.id, holder: 'command_center', startedAt: now, responseDueAt: r.responseDueAt }],
    ),
  );
}

/**
 * The order changes hands: the holder's stretch ends (the command center's dispatch is its response), the next
 * holder's starts with its own response clock from now. Answers the order's new response deadline.
 */
export async function handOver(
  c: TActionCtx,
  to: { holder: 'command_center' | 'department'; departmentId: string | null },
  reason: 'dispatched' | 'returned' | 'transferred' | 'redispatched',
): Promise<{ responseDueAt: Date }> {
  const { tx, o, now } = c;
  // A department's pending request or running suspension is its own: settle it before the order leaves.
  if (reason !== 'dispatched' && (await procedure.liveTimeRequest(tx, o.id)))
    throw new AppError('time_request_live', 422);
  if (reason === 'dispatched') await procedure.markResponded(tx, o.id, now);
  await procedure.endStretch(tx, o.id, now, reason);
  const responseDueAt = await startClock(tx, await loadSlaContext(tx), o, 'response', now);
  await procedure.insertStretches(tx, [
    { workOrderId: o.id, holder: to.holder, departmentId: to.departmentId, startedAt: now, responseDueAt },
  ]);
  return { responseDueAt };
}

/** The holder answered (a department's acceptance; the command center's decision to refuse or merge). */
export const responded = (c: TActionCtx) => procedure.markResponded(c.tx, c.o.id, c.now);

/** The order closed: the last stretch ends. */
export const closeStretch = (c: TActionCtx, reason: 'closed' | 'unfounded' | 'merged' | 'refused') =>
  procedure.endStretch(c.tx, c.o.id, c.now, reason);
