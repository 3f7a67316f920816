import {
  SLA_CLOCK_LABELS,
  SLA_CLOCKS,
  type TClassifyResponse,
  type TLocale,
  type TSlaClock,
  type TWorkOrderDetail,
  type TWorkOrderSummary,
} from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { maskName, maskPhone } from '../../platform/mask.js';
import { LATE_STAGE_NOTES } from './sla.js';
import { allowedActions, type TWorkOrderAction } from './state-machine.js';
import { can, mayKnowReporter, readableEntries, seesActorNames } from './work-orders.policy.js';
import * as store from './work-orders.store.js';

type TSummaryRow = Awaited<ReturnType<typeof store.listWorkOrders>>['items'][number];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const SLA_ACTIONS = new Set(['remind', 'overdue', 'urge', 'escalate']);
const SLA_NOTE = new RegExp(`^(${SLA_CLOCKS.join('|')})(?=\\s|$)`);

/**
 * A timeline note as the reader sees it. The SLA steps the system writes (sla-sweeper.ts, the demo data) store
 * the clock's id first ("response 50%", "resolution"): shown as its label in the reader's language (响应 50%).
 * Everything else, a person's urge reason included, is shown as written.
 */
export function timelineNote(
  e: { action: string; actorRole: string | null; note: string | null },
  lang: TLocale,
): string | null {
  if (!e.note || e.actorRole !== 'system' || !SLA_ACTIONS.has(e.action)) return e.note;
  const clock = SLA_NOTE.exec(e.note)?.[1] as TSlaClock | undefined;
  if (!clock) return e.note;
  const l = lang === 'en' ? 'en' : 'zh';
  const rest = e.note.slice(clock.length);
  const late = Object.values(LATE_STAGE_NOTES).find((n) => n.stored === rest);
  return `${SLA_CLOCK_LABELS[clock][l]}${late ? late[l] : rest}`;
}

/** `businessNameEn` is optional: a row read without it shows the Chinese name in English too. */
export function toSummary(
  r: Omit<TSummaryRow, 'businessNameEn'> & { businessNameEn?: string | null },
  lang: TLocale,
): TWorkOrderSummary {
  const o = r.order;
  return {
    id: o.id,
    trackingNo: o.trackingNo,
    kind: o.kind as TWorkOrderSummary['kind'],
    source: o.source as TWorkOrderSummary['source'],
    status: o.status as TWorkOrderSummary['status'],
    category: (o.category ?? null) as TWorkOrderSummary['category'],
    text: o.text,
    businessId: o.businessId,
    // English mode: the business's English name where it has one (contracts: a name for the reader)
    businessName: (lang === 'en' && r.businessNameEn ? r.businessNameEn : r.businessName) ?? null,
    departmentId: o.departmentId,
    departmentName: (lang === 'en' ? r.departmentNameEn : r.departmentName) ?? null,
    createdAt: o.createdAt.toISOString(),
    responseDueAt: iso(o.responseDueAt),
    resolutionDueAt: iso(o.resolutionDueAt),
    overdue: !!r.overdue,
    urgeCount: o.urgeCount,
  };
}

/** Actions this actor may take on this order now: role and object (policy) and state (state machine). */
export function actionsNow(actor: TActor, o: store.TWorkOrderRow): TWorkOrderAction[] {
  return allowedActions(o.status, o.reopenCount).filter((a) => can(actor, a, o));
}

export type TDetailParts = {
  names: Awaited<ReturnType<typeof store.getNames>>;
  events: Awaited<ReturnType<typeof store.listEvents>>;
  /** a clock of the order breached (its sla_timers row says so) */
  overdue: boolean;
};

/** The full view of one order for one actor: what they may see of it, and what they may do now. */
export async function toDetail(
  db: TExecutor,
  o: store.TWorkOrderRow,
  actor: TActor,
  lang: TLocale,
): Promise<TWorkOrderDetail> {
  return composeDetail(
    o,
    {
      names: await store.getNames(db, o),
      events: await store.listEvents(db, o.id, readableEntries(actor, o)),
      overdue: await store.isOverdue(db, o.id),
    },
    actor,
    lang,
  );
}

/**
 * The order's answer is the text of its newest reply or resolve entry: a reader who may not read that entry (the
 * business, when the department addressed the tourist alone) does not get it through the answer field either.
 */
function answerFor(o: store.TWorkOrderRow, events: TDetailParts['events'], readable: Set<string>): string | null {
  if (readable.has('internal')) return o.answer;
  const last = events.findLast((e) => e.action === 'reply' || e.action === 'resolve');
  if (last) return readable.has(last.visibility) ? o.answer : null;
  // No entry says who it was for (an answer from before entries carried it): the tourist's, as it always was.
  return readable.has('tourist') ? o.answer : null;
}

/** The view from parts already at hand (a fresh submission composes it without reading back). */
/** The first reply or resolution on the timeline: the order's answer time, which a reopen must not move. */
function firstAnswer(events: { action: string; at: Date }[]): string | null {
  let first: Date | null = null;
  for (const e of events)
    if ((e.action === 'reply' || e.action === 'resolve') && (!first || e.at < first)) first = e.at;
  return first ? first.toISOString() : null;
}

export function composeDetail(
  o: store.TWorkOrderRow,
  parts: TDetailParts,
  actor: TActor,
  lang: TLocale,
): TWorkOrderDetail {
  const { names, events, overdue } = parts;
  const isStaff = seesActorNames(actor);
  // Read again here: a fresh submission's parts were composed by intake, not through listEvents.
  const readable = new Set(readableEntries(actor, o));
  const shown = events.filter((e) => readable.has(e.visibility));
  const lead = names.depts.find((d) => d.id === o.departmentId);
  const knowsReporter = mayKnowReporter(actor, o);
  return {
    ...toSummary(
      {
        order: o,
        overdue,
        businessName: names.business?.name ?? null,
        businessNameEn: names.business?.nameEn ?? null,
        departmentName: lead?.name ?? null,
        departmentNameEn: lead?.nameEn ?? null,
      },
      lang,
    ),
    reporterName: knowsReporter ? maskName(names.reporter?.displayName) : null,
    reporterPhoneMasked: knowsReporter ? (names.reporter?.phoneMasked ?? maskPhone(o.contactPhone)) : null,
    anonymous: o.anonymous,
    location: o.lng != null && o.lat != null ? { lng: o.lng, lat: o.lat } : null,
    occurredAt: iso(o.occurredAt),
    photoIds: o.photoIds,
    coDepartmentNames: names.depts
      .filter((d) => o.coDepartmentIds.includes(d.id))
      .map((d) => (lang === 'en' ? d.nameEn : d.name)),
    classification: isStaff ? ((o.classification as TClassifyResponse | null) ?? null) : null,
    answer: answerFor(o, events, readable),
    satisfaction: (o.satisfaction ?? null) as TWorkOrderDetail['satisfaction'],
    satisfactionReason: o.satisfactionReason,
    reopenCount: o.reopenCount,
    refusalGround: (o.refusalGround ?? null) as TWorkOrderDetail['refusalGround'],
    finding: (o.finding ?? null) as TWorkOrderDetail['finding'],
    respondedAt: iso(o.respondedAt),
    resolvedAt: iso(o.resolvedAt),
    answeredAt: firstAnswer(shown),
    timeline: shown.map((e) => ({
      id: String(e.id),
      action: e.action as TWorkOrderDetail['timeline'][number]['action'],
      actorRole: e.actorRole,
      // Tourists see which department acted, not the name of the person.
      actorName: isStaff ? (e.actorName ?? null) : null,
      note: timelineNote(e, lang),
      departmentName: (lang === 'en' ? e.departmentNameEn : e.departmentName) ?? null,
      visibility: readable.has('internal') ? e.visibility : null,
      at: e.at.toISOString(),
    })),
    allowedActions: can(actor, 'view', o) ? actionsNow(actor, o) : [],
  };
}
