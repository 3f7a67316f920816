import { randomUUID } from 'node:crypto';
import type { TClassifyResponse, TLocale, TWorkOrderDetail } from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { auditBatchInsert, type TAuditEntry, type TAuditHead } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { createGroupCommit } from '../../platform/group-commit.js';
import {
  claimIdempotencyKey,
  claimIdempotencyKeys,
  hashRequest,
  storeIdempotentAnswers,
} from '../../platform/idempotency.js';
import { createOutbox } from '../../platform/notify.js';
import { attachFiles } from '../files/index.js';
import { deadlineFor, loadSlaContext, newOrderTimers } from './clocks.js';
import { scheduleDecisionLimits } from './decision-limits.js';
import { openFirstStretches } from './stretches.js';
import { ENTRY_VISIBILITY } from './work-orders.policy.js';
import type { TSubmission, TWorkOrderDeps } from './work-orders.service.js';
import { liveOrderEvent } from './work-orders.service.js';
import * as store from './work-orders.store.js';
import { composeDetail } from './work-orders.view.js';

type TClassifyFn = (
  text: string,
  tx: TExecutor,
) => Promise<TClassifyResponse & { departmentId: string | null; autoDispatch: boolean; threshold: number }>;

type TItem = {
  actor: TActor;
  s: TSubmission;
  lang: TLocale;
  key?: string;
  resolve: (d: TWorkOrderDetail) => void;
  reject: (e: unknown) => void;
};

/** What one item of a batch came to: its answer, or "try me alone" (a case only the one-order path decides). */
type TOutcome = { detail: TWorkOrderDetail } | { alone: true };

/** Orders written per transaction at most. */
const MAX_BATCH = 64;

/**
 * Intake with group commit. Under load, appeals that arrive while `deps.writers` transactions are in flight wait
 * (platform/group-commit.ts: no timer, only as long as those take) and are then written together — one
 * multi-row statement per table instead of a dozen round trips per appeal, which is what bounds intake on these
 * machines. Each caller is answered only after the transaction holding its order committed. At low load every
 * appeal gets its own transaction at once (after the event loop's current turn), so nothing waits. Anything
 * unusual in a batch (an unknown business, a replayed or repeated Idempotency-Key, any error) sends those appeals
 * down the one-order path, which answers exactly as before: prior answer, 409 in flight, 422 mismatch or not
 * found.
 */
export function createIntake(deps: TWorkOrderDeps, classify: TClassifyFn) {
  const { db, clock, events, sms } = deps;
  const writers = deps.writers ?? 4;
  const group = createGroupCommit<TItem>({ writers, maxBatch: MAX_BATCH, run });

  async function alone(it: TItem) {
    try {
      const [o] = await write([it], true);
      if ('detail' in o) it.resolve(o.detail);
      else throw new Error('intake: the one-order path cannot defer');
    } catch (e) {
      it.reject(e);
    }
  }

  async function run(batch: TItem[]) {
    if (batch.length === 1) return alone(batch[0]);
    let outcomes: TOutcome[];
    try {
      outcomes = await write(batch, false);
    } catch {
      // The batch rolled back as a whole: each appeal again on its own, so each gets its own answer or error.
      for (const it of batch) await alone(it);
      return;
    }
    const later: TItem[] = [];
    outcomes.forEach((o, i) => {
      if ('detail' in o) batch[i].resolve(o.detail);
      else later.push(batch[i]);
    });
    for (const it of later) await alone(it);
  }

  /** Writes the items' orders in one transaction. `single`: one item, answering exactly as the one-order path. */
  async function write(items: TItem[], single: boolean): Promise<TOutcome[]> {
    const outbox = createOutbox(events);
    const out = await db.transaction(async (tx) => {
      const now = clock.now();
      const outcomes: (TOutcome | null)[] = items.map(() => null);
      const bizIds = [...new Set(items.map((it) => it.s.businessId).filter((x): x is string => !!x))];
      const biz = await store.businessesByIds(tx, bizIds);
      const unknownBusiness = (it: TItem) => !!it.s.businessId && !biz.has(it.s.businessId);
      // Read with a batch's key claims; the one-order path reads it when it writes its audit row.
      let auditHead: TAuditHead | undefined;

      if (single) {
        // As it always answered: a replayed key first (its stored answer), then the business check.
        const it = items[0];
        if (it.key && it.actor.id) {
          const prior = await claimIdempotencyKey<TWorkOrderDetail>(tx, it.key, it.actor.id, hashRequest(it.s), now);
          if (prior) return [{ detail: prior }];
        }
        if (unknownBusiness(it)) throw new AppError('business_not_found', 422, 'businessId');
      } else {
        // A batch claims its keys at once. Left to the one-order path, after this commits: an unknown business
        // (checked before claiming, so no key is left claimed by an order that was never written), a key that
        // could not be claimed (a replay or one in flight), and the same key twice in this batch.
        const seen = new Set<string>();
        const claims: { key: string; userId: string; requestHash: string; i: number }[] = [];
        items.forEach((it, i) => {
          if (unknownBusiness(it)) {
            outcomes[i] = { alone: true };
            return;
          }
          if (!it.key || !it.actor.id) return;
          const scoped = `${it.actor.id}:${it.key}`;
          if (seen.has(scoped)) outcomes[i] = { alone: true };
          else claims.push({ key: it.key, userId: it.actor.id, requestHash: hashRequest(it.s), i });
          seen.add(scoped);
        });
        const claimed = await claimIdempotencyKeys(tx, claims, now);
        auditHead = claimed.auditHead;
        for (const c of claims) if (!claimed.owned.has(`${c.userId}:${c.key}`)) outcomes[c.i] = { alone: true };
      }

      const ctx = await loadSlaContext(tx);
      const prepared = [];
      for (const [i, it] of items.entries()) {
        if (outcomes[i]) continue;
        const { s, actor } = it;
        const b = s.businessId ? biz.get(s.businessId) : undefined;
        const location = s.location ?? (b && b.lng != null && b.lat != null ? { lng: b.lng, lat: b.lat } : null);
        const c = await classify(s.text, tx);
        const { departmentId: routedDept, autoDispatch, threshold, ...classification } = c;
        const autoDept = autoDispatch && routedDept && c.confidence >= threshold ? routedDept : null;
        const rule = { kind: s.kind, category: c.category };
        const responseDueAt = deadlineFor(ctx, rule, 'response', now);
        const resolutionDueAt = deadlineFor(ctx, rule, 'resolution', now);
        const row = {
          id: randomUUID(),
          trackingNo: store.trackingNumberSql(now),
          kind: s.kind,
          source: s.source,
          status: autoDept ? ('dispatched' as const) : ('pending' as const),
          category: c.category,
          text: s.text,
          businessId: s.businessId ?? null,
          regionCode: b?.regionCode ?? null,
          departmentId: autoDept,
          reporterUserId: actor.id,
          contactPhone: s.contactPhone ?? null,
          anonymous: s.kind === 'report' && !!s.anonymous,
          lng: location?.lng ?? null,
          lat: location?.lat ?? null,
          occurredAt: s.occurredAt ? new Date(s.occurredAt) : null,
          photoIds: s.photoIds ?? [],
          classification,
          createdAt: now,
          updatedAt: now,
          responseDueAt,
          resolutionDueAt,
        };
        prepared.push({ i, it, b, c, classification, autoDept, row });
      }
      if (!prepared.length) return outcomes as TOutcome[];

      // The orders and their clocks in one statement (tracking numbers from the sequence inside it).
      const timers = prepared.flatMap((p) =>
        newOrderTimers({ id: p.row.id, departmentId: p.row.departmentId }, now, {
          response: p.row.responseDueAt,
          resolution: p.row.resolutionDueAt,
        }),
      );
      const saved = await store.insertWorkOrders(
        tx,
        prepared.map((p) => p.row),
        timers,
      );
      await openFirstStretches(
        tx,
        prepared.map((p) => p.row),
        now,
      );
      // 旅游投诉处理办法: a complaint is accepted, refused or transferred within 5 working days
      await scheduleDecisionLimits(
        tx,
        prepared.map((p) => p.row),
        now,
      );

      const evts: store.TEventInsert[] = [];
      const audit: TAuditEntry[] = [];
      for (const p of prepared) {
        const o = saved.get(p.row.id)!;
        const { it, c, autoDept } = p;
        if (it.s.photoIds?.length) await attachFiles(tx, it.actor, it.s.photoIds, 'work_order', o.id);
        const ref = { objectType: 'work_order', objectId: o.id };
        evts.push(
          {
            workOrderId: o.id,
            action: 'submit',
            actorId: it.actor.id,
            actorRole: it.actor.role,
            visibility: ENTRY_VISIBILITY.submit,
            at: now,
          },
          {
            workOrderId: o.id,
            action: 'classify',
            actorRole: 'system',
            note: `${c.category} (${Math.round(c.confidence * 100)}%) ${p.classification.keywords.join(' ')}`,
            visibility: ENTRY_VISIBILITY.classify,
            at: now,
          },
        );
        if (autoDept) {
          evts.push({
            workOrderId: o.id,
            action: 'dispatch',
            actorRole: 'system',
            departmentId: autoDept,
            note: 'auto-dispatch 自动派单',
            visibility: ENTRY_VISIBILITY.dispatch,
            at: now,
          });
          outbox.notify(
            { role: 'department_staff', departmentId: autoDept },
            {
              kind: 'dispatched',
              titleZh: `新工单 ${o.trackingNo}`,
              titleEn: `New work order ${o.trackingNo}`,
              ...ref,
            },
          );
        } else {
          outbox.notify(
            { role: 'dispatcher' },
            {
              kind: 'submitted',
              titleZh: `新诉求待派单 ${o.trackingNo}`,
              titleEn: `New appeal to dispatch ${o.trackingNo}`,
              ...ref,
            },
          );
        }
        audit.push({
          actor: it.actor.id ? it.actor : { ...SYSTEM_ACTOR, role: 'anonymous', ip: it.actor.ip },
          action: 'work_order.submit',
          objectType: 'work_order',
          objectId: o.id,
          after: { trackingNo: o.trackingNo, kind: o.kind, source: o.source, status: o.status, category: o.category },
        });
        if (it.s.contactPhone)
          await sms.send(
            tx,
            it.s.contactPhone,
            'received',
            `【智旅】您的诉求已受理，编号 ${o.trackingNo}。Your appeal ${o.trackingNo} was received.`,
          );
        outbox.publish(liveOrderEvent(o));
      }
      // The timeline, the audit rows and the notices in one statement (one round trip after the audit's chain head).
      const alongside = [await auditBatchInsert(tx, SYSTEM_ACTOR, audit, auditHead, now), outbox.takeInsert()].filter(
        (x): x is NonNullable<typeof x> => x !== null,
      );
      const eventIds = await store.insertEvents(tx, evts, alongside);

      // Answers are composed from what this transaction wrote; only auto-dispatched orders look a name up.
      const answers: { key: string; userId: string; response: unknown }[] = [];
      for (const p of prepared) {
        const o = saved.get(p.row.id)!;
        // This order's timeline entries, and their ids (the insert answers ids in the order of `evts`).
        const at = evts.flatMap((ev, i) => (ev.workOrderId === o.id ? [i] : []));
        const mine = at.map((i) => evts[i]);
        const ids = at.map((i) => eventIds[i]);
        const depts = p.autoDept ? (await store.getNames(tx, o)).depts : [];
        const detail = composeDetail(
          o,
          {
            overdue: false,
            names: {
              depts,
              business: p.b ? { name: p.b.name, nameEn: p.b.nameEn } : null,
              reporter: p.it.actor.id
                ? { displayName: p.it.actor.displayName, phoneMasked: p.it.actor.phoneMasked ?? null }
                : null,
            },
            events: mine.map((ev, k) => {
              const d = depts.find((x) => x.id === ev.departmentId);
              return {
                id: ids[k] ?? k,
                action: ev.action,
                actorRole: ev.actorRole ?? null,
                actorName: ev.actorId ? p.it.actor.displayName : null,
                note: ev.note ?? null,
                visibility: ev.visibility,
                departmentName: d?.name ?? null,
                departmentNameEn: d?.nameEn ?? null,
                at: ev.at as Date,
              };
            }),
          },
          p.it.actor,
          p.it.lang,
        );
        if (p.it.key && p.it.actor.id) answers.push({ key: p.it.key, userId: p.it.actor.id, response: detail });
        outcomes[p.i] = { detail };
      }
      await storeIdempotentAnswers(tx, answers);
      return outcomes as TOutcome[];
    });
    outbox.afterCommit();
    return out;
  }

  /** Files one appeal; resolves once its order is committed. */
  function submit(actor: TActor, s: TSubmission, lang: TLocale, key?: string): Promise<TWorkOrderDetail> {
    return new Promise((resolve, reject) => {
      group.push({ actor, s, lang, key, resolve, reject });
    });
  }

  return { submit };
}
