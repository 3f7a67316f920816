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
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import type { TSmsProvider } from '../../platform/sms.js';
import type { Classifier } from './classify/classifier.js';
import { routingFor } from './clocks.js';
import { scoreDuplicates } from './duplicates.js';
import { createIntake } from './intake.js';
import { canView } from './work-orders.policy.js';
import * as store from './work-orders.store.js';
import { toDetail, toSummary } from './work-orders.view.js';

export type TWorkOrderDeps = {
  db: TDb;
  clock: TClock;
  events: TEventHub;
  sms: TSmsProvider;
  classifier: Classifier;
  /** Intake transactions in flight at once (intake.ts); 1 on PGlite, whose one connection runs them in turn. */
  writers?: number;
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
  const { db, classifier } = deps;

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
   * Written through the intake's group commit (intake.ts).
   */
  const intake = createIntake(deps, classify);
  function submit(actor: TActor, s: TSubmission, lang: TLocale, idempotencyKey?: string): Promise<TWorkOrderDetail> {
    return intake.submit(actor, s, lang, idempotencyKey);
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
    // The same readers as canView (work-orders.policy.ts): a grid worker hears of the reports it filed.
    filter: (s: { userId: string | null; role: string; departmentId: string | null; businessId: string | null }) =>
      (s.role === 'grid_worker' && !!s.userId && o.reporterUserId === s.userId) ||
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
