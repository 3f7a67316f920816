import { stopClock } from '../clocks.js';
import { businessAnswered, decisionTaken } from '../decision-limits.js';
import { closeLiveTimeRequests } from '../procedure.store.js';
import * as store from '../work-orders.store.js';
import { toTourist } from './notices.js';
import type { TActionCtx, TActionDef } from './types.js';

/**
 * 办结: the department's final answer; both clocks stop and the tourist is asked to rate. Audience as reply. The
 * department records what it found: 属实 (founded, the default) or 不属实 (unfounded after investigation) — an
 * unfounded finding is told to the tourist as such and writes no credit event (credit.loop.ts).
 */
export const resolve: TActionDef<'resolve'> = {
  command: 'work-order.resolved',
  visibility: (p) => p.audience ?? 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    const finding = p.finding ?? 'founded';
    await stopClock(tx, o.id, 'response');
    await stopClock(tx, o.id, 'resolution');
    // A request still open lapses with the answer; a running suspension ends with it.
    await closeLiveTimeRequests(tx, o.id, now);
    // the decision limits end with the answer (a business not yet heard from is no longer chased)
    await decisionTaken(tx, o.id, now);
    await businessAnswered(tx, o.id, now);
    if (finding === 'unfounded')
      await toTourist(
        c,
        'unfounded',
        `工单 ${o.trackingNo} 经核查反映情况不属实，已办结，请查看答复并评价。`,
        `Order ${o.trackingNo} was found unfounded after investigation; please read the answer and rate it.`,
      );
    else
      await toTourist(
        c,
        'resolved',
        `工单 ${o.trackingNo} 已办结，请评价。`,
        `Order ${o.trackingNo} is resolved; please rate the answer.`,
      );
    await answerDuplicates(c, p.text, finding);
    return { answer: p.text, finding, resolvedAt: now, respondedAt: o.respondedAt ?? now };
  },
};

/**
 * Merged duplicates answer every reporter: the master order's final answer is written on each duplicate merged into
 * it (its answer, finding and a tourist-visible resolve entry, so its reporter reads it on the portal) and sent to
 * each reporter by text message under their own tracking number. The duplicates stay merged (nothing to rate).
 */
async function answerDuplicates(c: TActionCtx, text: string, finding: 'founded' | 'unfounded') {
  const dups = await store.mergedDuplicates(c.tx, c.o.id);
  if (!dups.length) return;
  const no = c.o.trackingNo;
  for (const d of dups) {
    await store.updateWorkOrder(c.tx, d.id, { answer: text, finding, updatedAt: c.now });
    await toTourist(
      c,
      'resolved',
      `您的工单 ${d.trackingNo} 已与 ${no} 合并办理，现已办结，答复可在工单中查看。`,
      `Your order ${d.trackingNo} was handled with ${no} and is now resolved; the answer is on your order.`,
      d,
    );
  }
  await store.insertEvents(
    c.tx,
    dups.map((d) => ({
      workOrderId: d.id,
      action: 'resolve',
      actorId: c.actor.id,
      actorRole: c.actor.role,
      departmentId: c.actor.departmentId,
      note: `${no}：${text}`,
      visibility: 'tourist' as const,
      at: c.now,
    })),
  );
}
