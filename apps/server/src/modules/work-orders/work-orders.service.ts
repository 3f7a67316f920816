import type {
  TCategoryId,
  TClassifyResponse,
  TCreateWorkOrderRequest,
  TLocale,
  TWorkOrderDetail,
  TWorkOrderKind,
  TWorkOrderListQuery,
  TWorkOrderSource,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { createOutbox } from '../../platform/notify.js';
import type { TSmsProvider } from '../../platform/sms.js';
import { attachFiles } from '../files/index.js';
import type { Classifier } from './classify/classifier.js';
import { deadlineFor, loadSlaContext, routingFor, startNewOrderClocks } from './clocks.js';
import { scoreDuplicates } from './duplicates.js';
import { canView } from './work-orders.policy.js';
import * as store from './work-orders.store.js';
import { composeDetail, toDetail, toSummary } from './work-orders.view.js';

export type TWorkOrderDeps = {
  db: TDb;
  clock: TClock;
  events: TEventHub;
  sms: TSmsProvider;
  classifier: Classifier;
};

export type TSubmission = {
  kind: TWorkOrderKind;
  source: TWorkOrderSource;
  text: string;
  businessId?: string;
  location?: { lng: number; lat: number };
  occurredAt?: string;
  photoIds?: string[];
  anonymous?: boolean;
  contactPhone?: string;
};

export function createWorkOrderService(deps: TWorkOrderDeps) {
  const { db, clock, events, sms, classifier } = deps;

  /** Classification with the department the admin routes the category to. */
  async function classify(
    text: string,
    tx: TExecutor = db,
  ): Promise<TClassifyResponse & { departmentId: string | null; autoDispatch: boolean; threshold: number }> {
    const c = classifier.classify(text);
    const r = (await routingFor(tx)).find((x) => x.category === c.category);
    return {
      category: c.category as TCategoryId,
      confidence: c.confidence,
      department: r?.departmentCode ?? '',
      keywords: c.keywords,
      alternatives: c.alternatives.map((a) => ({ category: a.category as TCategoryId, confidence: a.confidence })),
      departmentId: r?.departmentId ?? null,
      autoDispatch: r?.autoDispatch ?? false,
      threshold: r?.threshold ?? 1,
    };
  }

  /**
   * Files one appeal from any source: classifies it, starts its clocks, and — when the admin switched
   * auto-dispatch on for its category and the classifier is confident enough — dispatches it at once.
   */
  async function submit(
    actor: TActor,
    s: TSubmission,
    lang: TLocale,
    idempotencyKey?: string,
  ): Promise<TWorkOrderDetail> {
    const outbox = createOutbox(events);
    const result = await db.transaction(async (tx) => {
      if (idempotencyKey && actor.id) {
        const prior = await claimIdempotencyKey<TWorkOrderDetail>(
          tx,
          idempotencyKey,
          actor.id,
          hashRequest(s),
          clock.now(),
        );
        if (prior) return prior;
      }
      const now = clock.now();
      let regionCode: string | null = null;
      let location = s.location ?? null;
      const biz = s.businessId ? await store.businessExists(tx, s.businessId) : undefined;
      if (s.businessId) {
        const b = biz;
        if (!b) throw new AppError('business_not_found', 422, 'businessId');
        regionCode = b.regionCode;
        if (!location && b.lng != null && b.lat != null) location = { lng: b.lng, lat: b.lat };
      }
      const c = await classify(s.text, tx);
      const { departmentId: routedDept, autoDispatch, threshold, ...classification } = c;
      const autoDept = autoDispatch && routedDept && c.confidence >= threshold ? routedDept : null;
      // Deadlines are known before the insert: the order is written once (tracking number from the sequence
      // inside the same INSERT), its two timers in one more statement.
      const ctx = await loadSlaContext(tx);
      const responseDueAt = deadlineFor(ctx, { kind: s.kind, category: c.category }, 'response', now);
      const resolutionDueAt = deadlineFor(ctx, { kind: s.kind, category: c.category }, 'resolution', now);
      const saved = await store.insertWorkOrder(tx, {
        trackingNo: store.trackingNumberSql(now),
        kind: s.kind,
        source: s.source,
        status: autoDept ? 'dispatched' : 'pending',
        category: c.category,
        text: s.text,
        businessId: s.businessId ?? null,
        regionCode,
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
      });
      const trackingNo = saved.trackingNo;
      if (s.photoIds?.length) await attachFiles(tx, actor, s.photoIds, 'work_order', saved.id);
      await startNewOrderClocks(tx, saved.id, now, { response: responseDueAt, resolution: resolutionDueAt });
      const evts: store.TEventInsert[] = [
        { workOrderId: saved.id, action: 'submit', actorId: actor.id, actorRole: actor.role, at: now },
        {
          workOrderId: saved.id,
          action: 'classify',
          actorRole: 'system',
          note: `${c.category} (${Math.round(c.confidence * 100)}%) ${c.keywords.join(' ')}`,
          internal: true,
          at: now,
        },
      ];
      const ref = { objectType: 'work_order', objectId: saved.id };
      if (autoDept) {
        evts.push({
          workOrderId: saved.id,
          action: 'dispatch',
          actorRole: 'system',
          departmentId: autoDept,
          note: 'auto-dispatch 自动派单',
          at: now,
        });
        outbox.notify(
          { role: 'department_staff', departmentId: autoDept },
          { kind: 'dispatched', titleZh: `新工单 ${trackingNo}`, titleEn: `New work order ${trackingNo}`, ...ref },
        );
      } else {
        outbox.notify(
          { role: 'dispatcher' },
          {
            kind: 'submitted',
            titleZh: `新诉求待派单 ${trackingNo}`,
            titleEn: `New appeal to dispatch ${trackingNo}`,
            ...ref,
          },
        );
      }
      const eventIds = await store.insertEvents(tx, evts);
      await writeAudit(tx, actor.id ? actor : { ...SYSTEM_ACTOR, role: 'anonymous', ip: actor.ip }, {
        action: 'work_order.submit',
        objectType: 'work_order',
        objectId: saved.id,
        after: { trackingNo, kind: s.kind, source: s.source, status: saved.status, category: c.category },
      });
      const phone = s.contactPhone;
      if (phone)
        await sms.send(
          tx,
          phone,
          'received',
          `【智旅】您的诉求已受理，编号 ${trackingNo}。Your appeal ${trackingNo} was received.`,
        );
      await outbox.flush(tx);
      outbox.publish(liveOrderEvent(saved));
      // The answer is composed from what this transaction just wrote; only an auto-dispatch needs a name looked up.
      const depts = autoDept ? (await store.getNames(tx, saved)).depts : [];
      const detail = composeDetail(
        saved,
        {
          names: {
            depts,
            business: biz ? { name: biz.name, nameEn: biz.nameEn } : null,
            reporter: actor.id ? { displayName: actor.displayName, phoneMasked: actor.phoneMasked ?? null } : null,
          },
          events: evts.map((e, i) => {
            const d = depts.find((x) => x.id === e.departmentId);
            return {
              id: eventIds[i] ?? i,
              action: e.action,
              actorRole: e.actorRole ?? null,
              actorName: e.actorId ? actor.displayName : null,
              note: e.note ?? null,
              internal: e.internal ?? false,
              departmentName: d?.name ?? null,
              departmentNameEn: d?.nameEn ?? null,
              at: e.at as Date,
            };
          }),
        },
        actor,
        lang,
      );
      if (idempotencyKey && actor.id) await storeIdempotentAnswer(tx, idempotencyKey, actor.id, detail);
      return detail;
    });
    outbox.afterCommit();
    return result;
  }

  async function submitFromPortal(actor: TActor, body: TCreateWorkOrderRequest, lang: TLocale, key?: string) {
    return submit(actor, { ...body, source: 'portal' }, lang, key);
  }

  async function getForActor(actor: TActor, id: string, lang: TLocale) {
    const o = await store.getWorkOrder(db, id);
    // Someone else's order answers exactly like a missing one: ids cannot be probed.
    if (!o || !canView(actor, o)) throw notFound();
    return toDetail(db, o, actor, lang);
  }

  function scopeFor(actor: TActor): store.TListScope {
    switch (actor.role) {
      case 'dispatcher':
      case 'leader':
        return { all: true };
      case 'department_staff':
      case 'department_head':
        return { departmentId: actor.departmentId ?? '00000000-0000-0000-0000-000000000000' };
      case 'business':
        return { businessId: actor.businessId ?? '00000000-0000-0000-0000-000000000000' };
      default:
        return { reporterUserId: actor.id ?? '00000000-0000-0000-0000-000000000000' };
    }
  }

  async function list(actor: TActor, q: TWorkOrderListQuery, lang: TLocale) {
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    const { items, total } = await store.listWorkOrders(
      db,
      scopeFor(actor),
      {
        status: q.status,
        kind: q.kind,
        category: q.category,
        source: q.source,
        departmentId: q.departmentId,
        overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        q: q.q,
      },
      { page: q.page, pageSize: q.pageSize, cursor },
    );
    const last = items.at(-1);
    return {
      items: items.map((r) => toSummary(r, lang)),
      total,
      page: q.page,
      pageSize: q.pageSize,
      nextCursor: last && items.length === q.pageSize ? encodeCursor(last.order.createdAt, last.order.id) : null,
    };
  }

  async function duplicates(actor: TActor, id: string, lang: TLocale) {
    const o = await store.getWorkOrder(db, id);
    if (!o || !canView(actor, o)) throw notFound();
    const since = new Date(o.createdAt.getTime() - 30 * 86_400_000);
    const candidates = await store.findDuplicateCandidates(db, o, since);
    return scoreDuplicates(o, candidates).map(({ row, score }) => ({ ...toSummary(row, lang), score }));
  }

  return { classify, submit, submitFromPortal, getForActor, list, duplicates };
}
export type TWorkOrderService = ReturnType<typeof createWorkOrderService>;

export function liveOrderEvent(o: store.TWorkOrderRow) {
  const departments = [o.departmentId, ...o.coDepartmentIds].filter(Boolean);
  return {
    channel: 'work-orders',
    event: 'work-order',
    data: { id: o.id, status: o.status, trackingNo: o.trackingNo },
    filter: (s: { role: string; departmentId: string | null; businessId: string | null }) =>
      s.role === 'dispatcher' ||
      s.role === 'leader' ||
      (!!s.departmentId && departments.includes(s.departmentId)) ||
      (s.role === 'business' && o.businessInvolved && s.businessId === o.businessId),
  };
}

function encodeCursor(createdAt: Date, id: string) {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}
function decodeCursor(c: string) {
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const createdAt = new Date(at);
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw new AppError('validation_failed', 400, 'cursor');
  return { createdAt, id };
}
