import { CALL_MAX_AGE_HOURS, type TCallIntakeRequest, type TLocale, type TWorkOrderDetail } from '@zhilv/contracts';
import type { TActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { createOutbox } from '../../platform/notify.js';
import { createSystemWorkOrder } from './system-intake.js';
import type { TWorkOrderDeps } from './work-orders.service.js';
import * as store from './work-orders.store.js';

/** A phone clock a little ahead of the server's is not a call from the future. */
const FUTURE_SKEW_MS = 2 * 60_000;
const MOBILE = /^1[3-9]\d{9}$/;
/** The prefecture's wall clock (UTC+8, no daylight saving) for the timeline's note. */
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * 热线/窗口受理: the dispatcher logs a call (or a visitor at the counter) as a work order through the system intake
 * path (system-intake.ts), so it gets its tracking number, both SLA clocks, the routing of its category, timeline,
 * audit row and notices like every other order. What is particular: the clocks start at the time of the call, not
 * at entry (a call logged 20 minutes later is already 20 minutes into its response time); the caller has no
 * account, so the order has no reporter and keeps the caller's number as its contact phone (answers show it
 * masked); a mobile caller gets the receipt SMS with the tracking number. The Idempotency-Key makes a double tap
 * one order.
 */
export function createCallIntake(
  deps: TWorkOrderDeps,
  view: (actor: TActor, id: string, lang: TLocale) => Promise<TWorkOrderDetail>,
) {
  const { db, clock, events, sms } = deps;
  return {
    async log(actor: TActor, input: TCallIntakeRequest, lang: TLocale, key: string): Promise<TWorkOrderDetail> {
      if (!actor.id) throw new AppError('forbidden', 403);
      const now = clock.now();
      const calledAt = new Date(input.calledAt);
      if (calledAt.getTime() > now.getTime() + FUTURE_SKEW_MS) throw new AppError('called_at_future', 422, 'calledAt');
      if (now.getTime() - calledAt.getTime() > CALL_MAX_AGE_HOURS * 3_600_000)
        throw new AppError('called_at_too_old', 422, 'calledAt');
      const outbox = createOutbox(events);
      const id = await db.transaction(async (tx) => {
        const prior = await claimIdempotencyKey<{ workOrderId: string }>(tx, key, actor.id!, hashRequest(input), now);
        if (prior) return prior.workOrderId;
        if (input.businessId && !(await store.businessesByIds(tx, [input.businessId])).has(input.businessId))
          throw new AppError('business_not_found', 422, 'businessId');
        const o = await createSystemWorkOrder(
          tx,
          outbox,
          {
            kind: input.kind,
            source: input.source,
            category: input.category,
            text: input.text,
            reporterUserId: null,
            businessId: input.businessId ?? null,
            contactPhone: input.callerPhone,
            note:
              input.source === 'hotline'
                ? `热线来电登记，录入于 ${local(now)} · hotline call, logged at ${local(now)}`
                : `现场/窗口受理，录入于 ${local(now)} · walk-in, logged at ${local(now)}`,
          },
          calledAt,
          actor,
        );
        if (MOBILE.test(input.callerPhone))
          await sms.send(
            tx,
            input.callerPhone,
            'received',
            `【智旅】您的诉求已受理，编号 ${o.trackingNo}。Your appeal ${o.trackingNo} was received.`,
          );
        await storeIdempotentAnswer(tx, key, actor.id!, { workOrderId: o.id });
        await outbox.flush(tx);
        return o.id;
      });
      outbox.afterCommit();
      return view(actor, id, lang);
    },
  };
}
export type TCallIntake = ReturnType<typeof createCallIntake>;
