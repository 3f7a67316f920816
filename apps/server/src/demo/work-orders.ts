import { CATEGORY_IDS, type TWorkOrderKind, type TWorkOrderSource, type TWorkOrderStatus } from '@zhilv/contracts';
import { sql } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { businesses, departments } from '../modules/master-data/master-data.tables.js';
import {
  ENTRY_VISIBILITY,
  entryVisibilityOf,
  loadClassifier,
  seedDefaultRouting,
} from '../modules/work-orders/index.js';
import { addDuration, DEFAULT_SLA_POLICIES, nextStage, resolvePolicy } from '../modules/work-orders/sla.js';
import { DEFAULT_ROUTING } from '../modules/work-orders/work-orders.admin.js';
import { slaTimers, workOrderEvents, workOrders } from '../modules/work-orders/work-orders.tables.js';
import { prng } from './prng.js';
import { DEMO_TEXTS } from './work-order-texts.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const EMPTY_CALENDAR = { holidays: new Set<string>(), workdays: new Set<string>() };

type TEvt = typeof workOrderEvents.$inferInsert;

/**
 * 300 work orders over the past 90 days, in every state, with timelines, clocks and ratings consistent with
 * the rules: older orders are mostly finished (some late), recent ones still open with running clocks.
 */
export async function loadDemoWorkOrders(tx: TTx): Promise<void> {
  await seedDefaultRouting(tx);
  const rnd = prng(20261123);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const classifier = await loadClassifier();
  const biz = await tx
    .select({
      id: businesses.id,
      name: businesses.name,
      regionCode: businesses.regionCode,
      lng: businesses.lng,
      lat: businesses.lat,
    })
    .from(businesses);
  const depts = new Map(
    (await tx.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]),
  );
  if (!biz.length || !depts.size) return;
  const staff = await tx.select({ id: users.id, role: users.role, departmentId: users.departmentId }).from(users);
  const dispatcher = staff.find((u) => u.role === 'dispatcher');
  const gridWorker = staff.find((u) => u.role === 'grid_worker');
  const tourists = staff.filter((u) => u.role === 'tourist').map((u) => u.id);
  for (let i = 1; i <= 24; i++) {
    const [t] = await tx
      .insert(users)
      .values({
        role: 'tourist',
        phone: `1390000${String(i).padStart(4, '0')}`,
        displayName: `游客${String(i).padStart(4, '0')}`,
        consentVersion: '2026-11',
        consentAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (t) tourists.push(t.id);
  }
  const deptStaff = (deptId: string) =>
    staff.find((u) => u.departmentId === deptId && u.role === 'department_staff')?.id ?? null;

  const now = Date.now();
  const orders: (typeof workOrders.$inferInsert)[] = [];
  const events: TEvt[] = [];
  const timers: (typeof slaTimers.$inferInsert)[] = [];
  const finalStates: TWorkOrderStatus[] = [
    'closed',
    'closed',
    'closed',
    'closed',
    'closed',
    'resolved',
    'resolved',
    'unfounded',
    'merged',
    'handling',
  ];
  const openStates: TWorkOrderStatus[] = [
    'pending',
    'dispatched',
    'handling',
    'handling',
    'awaiting_material',
    'resolved',
  ];
  for (let n = 1; n <= 300; n++) {
    const t = pick(DEMO_TEXTS);
    const b = pick(biz);
    const recent = n > 255;
    const created = new Date(recent ? now - rnd() * 2 * DAY : now - (3 + rnd() * 87) * DAY);
    const status = recent ? openStates[n % openStates.length] : finalStates[n % finalStates.length];
    const source: TWorkOrderSource =
      n % 11 === 0 ? 'hotline' : n % 13 === 0 ? 'suggestion_box' : n % 17 === 0 && gridWorker ? 'grid' : 'portal';
    const kind: TWorkOrderKind = source === 'suggestion_box' ? 'suggestion' : source === 'grid' ? 'report' : t.kind;
    const text = t.text.replaceAll('{b}', b.name);
    const c = classifier.classify(text);
    const category = (CATEGORY_IDS as readonly string[]).includes(c.category) ? c.category : t.category;
    const deptId = depts.get(DEFAULT_ROUTING[category as keyof typeof DEFAULT_ROUTING]) ?? [...depts.values()][0];
    const policy = resolvePolicy(DEFAULT_SLA_POLICIES, kind, category as never);
    const responseDue = addDuration(created, policy.response, EMPTY_CALENDAR);
    const resolutionDue = addDuration(created, policy.resolution, EMPTY_CALENDAR);
    const reporter = source === 'portal' ? pick(tourists) : source === 'grid' ? gridWorker!.id : null;
    const id = crypto.randomUUID();
    const handler = deptStaff(deptId);
    const ev = (action: string, at: number, extra: Partial<TEvt> = {}) =>
      events.push({
        workOrderId: id,
        action,
        at: new Date(at),
        visibility: entryVisibilityOf(action),
        ...extra,
      });
    ev('submit', created.getTime(), {
      actorId: reporter,
      actorRole: source === 'grid' ? 'grid_worker' : reporter ? 'tourist' : 'anonymous',
    });
    ev('classify', created.getTime(), {
      actorRole: 'system',
      note: `${c.category} (${Math.round(c.confidence * 100)}%) ${c.keywords.join(' ')}`,
    });

    // Lateness varies by order so the statistics have something to say: about one in five is slow.
    const slow = rnd() < 0.2;
    let at = created.getTime() + (slow ? 10 + rnd() * 60 : 1 + rnd() * 3) * MIN;
    const o: typeof workOrders.$inferInsert = {
      id,
      trackingNo: '',
      kind,
      source,
      status,
      category,
      text,
      businessId: b.id,
      regionCode: b.regionCode,
      reporterUserId: reporter,
      contactPhone: source === 'suggestion_box' && n % 2 ? `1370000${String(n).padStart(4, '0')}` : null,
      anonymous: kind === 'report' && n % 3 === 0,
      lng: b.lng,
      lat: b.lat,
      occurredAt: new Date(created.getTime() - rnd() * 6 * HOUR),
      classification: { ...c, department: DEFAULT_ROUTING[category as keyof typeof DEFAULT_ROUTING] },
      createdAt: created,
      updatedAt: created,
      responseDueAt: responseDue,
      resolutionDueAt: resolutionDue,
    };
    const past = (ms: number) => Math.min(ms, now - MIN);
    if (status !== 'pending') {
      at = past(at);
      if (status === 'merged' || status === 'unfounded') {
        ev(status, at, {
          actorId: dispatcher?.id,
          actorRole: 'dispatcher',
          // 不予受理 names its ground (REFUSAL_GROUND_LABELS), as the dispatcher's action writes it
          note:
            status === 'unfounded'
              ? '没有明确的被投诉人或具体事实 No clear respondent or facts：经核实，反映情况无具体事实。'
              : '与同一商户的在先工单重复，已合并。',
        });
        o.closedAt = new Date(at);
        if (status === 'unfounded') o.refusalGround = 'no_clear_respondent';
      } else {
        ev('dispatch', at, {
          actorId: dispatcher?.id,
          actorRole: 'dispatcher',
          departmentId: deptId,
          note: '请核实处理。',
        });
        o.departmentId = deptId;
        if (status !== 'dispatched') {
          at = past(at + (slow ? 5 + rnd() * 90 : 0.5 + rnd() * 1) * MIN);
          ev('accept', at, { actorId: handler, actorRole: 'department_staff', departmentId: deptId });
          o.respondedAt = new Date(at);
          if (status === 'awaiting_material') {
            at = past(at + rnd() * 2 * HOUR);
            ev('request_material', at, {
              actorId: handler,
              actorRole: 'department_staff',
              departmentId: deptId,
              note: '请提供消费凭证照片。',
            });
          }
          if (status === 'resolved' || status === 'closed') {
            at = past(at + (slow ? 20 + rnd() * 40 : 1 + rnd() * 15) * HOUR);
            // Chosen by the order number, not the PRNG: the rest of the demo stays as it was.
            const answer = t.answers[n % t.answers.length];
            ev('resolve', at, { actorId: handler, actorRole: 'department_staff', departmentId: deptId, note: answer });
            Object.assign(o, { answer, resolvedAt: new Date(at) });
            if (status === 'closed') {
              at = past(at + rnd() * 24 * HOUR);
              const satisfaction = rnd() < 0.72 ? 'satisfied' : rnd() < 0.75 ? 'basically_satisfied' : 'unsatisfied';
              ev('rate', at, { actorId: reporter, actorRole: 'tourist', note: satisfaction });
              Object.assign(o, {
                satisfaction,
                closedAt: new Date(at),
                satisfactionReason: satisfaction === 'unsatisfied' ? '处理太慢' : null,
              });
            }
          }
        }
      }
    }
    const overdue = {
      response:
        (o.respondedAt ? o.respondedAt.getTime() : now) > responseDue.getTime() &&
        status !== 'merged' &&
        status !== 'unfounded',
      resolution:
        (o.resolvedAt ? o.resolvedAt.getTime() : now) > resolutionDue.getTime() &&
        ['pending', 'dispatched', 'handling', 'awaiting_material', 'resolved', 'closed'].includes(status),
    };
    if (overdue.response || overdue.resolution) o.escalationLevel = 1;
    o.updatedAt = new Date(Math.max(at, created.getTime()));
    // Open orders keep running clocks: the next stage that lies in the future. A breached clock keeps its row
    // (stopped: without a due time) as the order's overdue flag, and its breach is on the timeline.
    const open = ['pending', 'dispatched', 'handling', 'awaiting_material'].includes(status);
    for (const [clock, deadline, stopped] of [
      ['response', responseDue, !!o.respondedAt],
      ['resolution', resolutionDue, false],
    ] as const) {
      let s = open && !stopped ? nextStage(created, deadline, null) : null;
      while (s && s.at.getTime() <= now) s = nextStage(created, deadline, s.stage);
      if (overdue[clock])
        events.push({
          workOrderId: id,
          action: 'overdue',
          actorRole: 'system',
          note: clock,
          visibility: ENTRY_VISIBILITY.overdue,
          at: deadline,
        });
      if (s || overdue[clock])
        timers.push({
          workOrderId: id,
          departmentId: o.departmentId ?? null,
          clock,
          stage: s?.stage ?? 'overdue',
          dueAt: s?.at ?? null,
          startAt: created,
          deadlineAt: deadline,
          overdue: overdue[clock],
        });
    }
    orders.push(o);
  }
  orders.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
  orders.forEach((o, i) => {
    const day = new Date(o.createdAt!.getTime() + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
    o.trackingNo = `ZL${day}${String(i + 1).padStart(6, '0')}`;
  });
  for (let i = 0; i < orders.length; i += 100) await tx.insert(workOrders).values(orders.slice(i, i + 100));
  // Timelines read in id order: insert each order's steps in time order (a breach comes before a later reply).
  events.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  for (let i = 0; i < events.length; i += 500) await tx.insert(workOrderEvents).values(events.slice(i, i + 500));
  if (timers.length) await tx.insert(slaTimers).values(timers);
  // One stretch per demo order (who holds it now, from its creation), as migration 0023 gives existing orders.
  await tx.execute(sql`
    insert into work_order_stretches (work_order_id, holder, department_id, started_at, response_due_at, responded_at,
      ended_at, end_reason)
    select id, case when department_id is null then 'command_center' else 'department' end, department_id, created_at,
      coalesce(response_due_at, created_at), responded_at, closed_at,
      case when status in ('closed', 'unfounded', 'merged') then status end
    from work_orders`);
  await tx.execute(sql`select setval('work_order_tracking_seq', ${orders.length})`);
}
