import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { findAuditLog, verifyAuditChain } from '../../platform/audit.js';
import { auditLog, notifications } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { sweeperIdleMs, sweepSlaTimers } from './sla-sweeper.js';
import { slaTimers, workOrderEvents, workOrders } from './work-orders.tables.js';
import { timelineNote } from './work-orders.view.js';

let t: TTestApp;
let tourist: TSession;
let dispatcher: TSession;
let deptId: string;
const MIN = 60_000;

beforeAll(async () => {
  t = await buildTestApp();
  deptId = (await buildDepartment(t.database.db)).id;
  const d = await buildUser(t.database.db, { role: 'dispatcher' });
  dispatcher = await loginStaff(t.app, d.username!, TEST_PASSWORD);
  tourist = await loginTourist(t.app, '13500000001');
});
afterAll(() => t.close());

async function newComplaint() {
  const res = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind: 'complaint', text: '酒店前台态度恶劣，拒绝退还押金。' },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; createdAt: string };
}

const eventsOf = async (id: string) =>
  (await t.database.db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, id))).map(
    (e) => `${e.action}:${e.note ?? ''}`,
  );

describe('SLA clocks on a controllable clock', () => {
  it('reminds at 50% and 80%, goes overdue at 100% and escalates exactly once', async () => {
    const o = await newComplaint();
    const t0 = new Date(o.createdAt).getTime();
    const sweep = (ms: number) => sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0 + ms) });

    await sweep(2 * MIN);
    expect((await eventsOf(o.id)).filter((e) => e.startsWith('remind'))).toEqual([]);
    await sweep(2.5 * MIN);
    expect((await eventsOf(o.id)).filter((e) => e.startsWith('remind'))).toEqual(['remind:response 50%']);
    await sweep(2.6 * MIN); // same stage again: nothing new
    await sweep(4 * MIN);
    await sweep(5 * MIN);
    await sweep(5 * MIN);
    const ev = await eventsOf(o.id);
    expect(ev.filter((e) => e.startsWith('remind'))).toEqual(['remind:response 50%', 'remind:response 80%']);
    expect(ev.filter((e) => e.startsWith('overdue'))).toEqual(['overdue:response']);
    // The flag is the clock's own row; the order row is not written by a breach.
    const flags = await t.database.db.select().from(slaTimers).where(eq(slaTimers.workOrderId, o.id));
    expect(Object.fromEntries(flags.map((f) => [f.clock, f.overdue]))).toEqual({ response: true, resolution: false });
    const [row] = await t.database.db.select().from(workOrders).where(eq(workOrders.id, o.id));
    expect(row.escalationLevel).toBe(0);
    const seen = await tourist.inject({ method: 'GET', url: `/api/work-orders/${o.id}` });
    expect(seen.json().overdue).toBe(true);
    const listed = await dispatcher.inject({ method: 'GET', url: '/api/work-orders?overdue=true&pageSize=100' });
    expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(o.id);
    // Statistics read the same flag: the overdue list (level 1 implied) and "overdue now".
    const late = (await dispatcher.inject({ method: 'GET', url: '/api/statistics/work-orders/overdue' })).json();
    expect(late.items.find((x: { id: string }) => x.id === o.id)).toMatchObject({
      responseOverdue: true,
      resolutionOverdue: false,
      escalationLevel: 1,
    });
    const stats = (
      await dispatcher.inject({ method: 'GET', url: '/api/statistics/work-orders?groupBy=category' })
    ).json();
    expect(stats.items.reduce((n: number, i: { overdueNow: number }) => n + i.overdueNow, 0)).toBeGreaterThanOrEqual(1);
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.objectId, o.id));
    expect(
      notes
        .filter((n) => n.kind === 'overdue')
        .map((n) => n.role)
        .sort(),
    ).toEqual(['dispatcher']);
  });

  it('a sweep writes one audit row per action for its batch, listing its orders; a search by order finds it', async () => {
    const orders = [await newComplaint(), await newComplaint(), await newComplaint()];
    const t0 = Math.max(...orders.map((o) => new Date(o.createdAt).getTime()));
    const ids = orders.map((o) => o.id);
    // every response clock past 100% (the stages before it first, one per sweep)
    for (let i = 0; i < 3; i++) await sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0 + 5.5 * MIN) });
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(
        sql`${auditLog.action} = 'sla.overdue_response' and ${auditLog.objectIds} ?| ${`{${ids.join(',')}}`}::text[]`,
      );
    expect(rows).toHaveLength(1);
    expect(rows[0].objectId).toBeNull();
    expect([...(rows[0].objectIds as string[])].sort()).toEqual(expect.arrayContaining([...ids].sort()));
    expect(rows[0].after).toMatchObject({ count: (rows[0].objectIds as string[]).length });
    // each order's own timeline still has its entry
    for (const id of ids)
      expect((await eventsOf(id)).filter((e) => e.startsWith('overdue'))).toEqual(['overdue:response']);
    // the audit search by one order finds the batch row; the chain still verifies with the new column hashed
    const found = await findAuditLog(t.database.db, {
      objectId: ids[1],
      action: 'sla.overdue_response',
      page: 1,
      pageSize: 10,
    });
    expect(found.items.map((r) => r.id)).toEqual([rows[0].id]);
    const check = await verifyAuditChain(t.database.db, 0, 50_000);
    expect(check.findings).toEqual([]);
  });

  it('repeated lateness: second urge at 150%, report to the leader at 200%, then the clock is done', async () => {
    const o = await newComplaint();
    const t0 = new Date(o.createdAt).getTime();
    // Jumping far ahead fires every due stage, one per sweep, in order — never twice.
    for (let i = 0; i < 8; i++) await sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0 + 11 * MIN) });
    const ev = (await eventsOf(o.id)).filter(
      (e) => /^(remind|overdue|urge|escalate)/.test(e) && e.includes('response'),
    );
    expect(ev).toEqual([
      'remind:response 50%',
      'remind:response 80%',
      'overdue:response',
      'urge:response 150% — second urge 二次督办',
      'escalate:response 200% → leader 报告领导',
    ]);
    const timers = await t.database.db.select().from(slaTimers).where(eq(slaTimers.workOrderId, o.id));
    // The response clock is done: its row stays without a due time, still flagged; only resolution runs.
    expect(timers.filter((x) => x.dueAt).map((x) => x.clock)).toEqual(['resolution']);
    expect(timers.find((x) => x.clock === 'response')).toMatchObject({ dueAt: null, overdue: true });
    const [row] = await t.database.db.select().from(workOrders).where(eq(workOrders.id, o.id));
    expect(row).toMatchObject({ escalationLevel: 3, urgeCount: 1 });
  });

  it('the order’s timeline names the clock in the reader’s language: 响应 / 办结, response / resolution', async () => {
    const o = await newComplaint();
    const t0 = new Date(o.createdAt).getTime();
    // Past the response clock's 100%: reminders (internal) and the overdue entry (the tourist sees it too).
    for (let i = 0; i < 3; i++) await sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0 + 5 * MIN) });
    const sla = async (s: TSession, lang?: string) => {
      const res = await s.inject({
        method: 'GET',
        url: `/api/work-orders/${o.id}`,
        headers: lang ? { 'accept-language': lang } : {},
      });
      expect(res.statusCode).toBe(200);
      return (res.json().timeline as { action: string; note: string | null }[])
        .filter((e) => ['remind', 'overdue'].includes(e.action))
        .map((e) => `${e.action}:${e.note}`);
    };
    expect(await sla(dispatcher)).toEqual(['remind:响应 50%', 'remind:响应 80%', 'overdue:响应']);
    expect(await sla(dispatcher, 'en')).toEqual(['remind:response 50%', 'remind:response 80%', 'overdue:response']);
    expect(await sla(tourist, 'zh-CN')).toEqual(['overdue:响应']);
    expect(await sla(tourist, 'en')).toEqual(['overdue:response']);
    // The stored note keeps the clock's id; the label is the view's.
    expect((await eventsOf(o.id)).filter((e) => e.startsWith('overdue'))).toEqual(['overdue:response']);
    // Later stages and the resolution clock read the same way; a person's own words are shown as written.
    const system = (action: string, note: string) => ({ action, actorRole: 'system', note });
    expect(timelineNote(system('urge', 'resolution 150% — second urge 二次督办'), 'zh-CN')).toBe('办结 150%，二次督办');
    expect(timelineNote(system('urge', 'resolution 150% — second urge 二次督办'), 'en')).toBe(
      'resolution 150%, second urge',
    );
    expect(timelineNote(system('escalate', 'response 200% → leader 报告领导'), 'en')).toBe(
      'response 200%, reported to the leader',
    );
    expect(timelineNote(system('escalate', 'response 200% → leader 报告领导'), 'zh-CN')).toBe('响应 200%，报告领导');
    expect(timelineNote(system('overdue', 'resolution'), 'zh-CN')).toBe('办结');
    expect(timelineNote({ action: 'urge', actorRole: 'dispatcher', note: 'response 太慢' }, 'zh-CN')).toBe(
      'response 太慢',
    );
    expect(timelineNote(system('submit', 'response'), 'zh-CN')).toBe('response');
    expect(timelineNote(system('overdue', 'responsetime'), 'zh-CN')).toBe('responsetime');
  });

  it('a clock stops when the order is accepted, and survives a restart mid-way', async () => {
    const o = await newComplaint();
    const t0 = new Date(o.createdAt).getTime();
    await sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0 + 3 * MIN) });
    // "Restart": a second app instance on the same database picks up where the first left off.
    const second = await buildApp({
      config: { ...loadConfig({ LOG_LEVEL: 'silent' }), slaSweeper: false },
      database: t.database,
      logger: false,
    });
    await second.ready();
    await Promise.all([
      sweepSlaTimers(t.database.db, second.events, { now: new Date(t0 + 6 * MIN) }),
      sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0 + 6 * MIN) }),
    ]);
    await sweepSlaTimers(t.database.db, second.events, { now: new Date(t0 + 6 * MIN) });
    await second.close();
    const ev = await eventsOf(o.id);
    expect(ev.filter((e) => e === 'overdue:response')).toHaveLength(1);
    expect(ev.filter((e) => e === 'remind:response 80%')).toHaveLength(1);

    const o2 = await newComplaint();
    await dispatcher.inject({
      method: 'POST',
      url: `/api/work-orders/${o2.id}/dispatch`,
      payload: { departmentId: deptId, note: '' },
    });
    const staff = await buildUser(t.database.db, { role: 'department_staff', departmentId: deptId });
    const s = await loginStaff(t.app, staff.username!, TEST_PASSWORD);
    expect((await s.inject({ method: 'POST', url: `/api/work-orders/${o2.id}/accept` })).statusCode).toBe(200);
    const left = await t.database.db.select().from(slaTimers).where(eq(slaTimers.workOrderId, o2.id));
    expect(left.map((x) => x.clock)).toEqual(['resolution']);
  });

  it('the department on the clock follows dispatch: its head hears of the breach', async () => {
    const o = await newComplaint();
    const t0 = new Date(o.createdAt).getTime();
    const res = await dispatcher.inject({
      method: 'POST',
      url: `/api/work-orders/${o.id}/dispatch`,
      payload: { departmentId: deptId, note: '' },
    });
    expect(res.statusCode).toBe(200);
    const timers = await t.database.db.select().from(slaTimers).where(eq(slaTimers.workOrderId, o.id));
    expect(timers.map((x) => x.departmentId)).toEqual([deptId, deptId]);
    for (let i = 0; i < 3; i++) await sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0 + 5 * MIN) });
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.objectId, o.id));
    expect(notes.filter((n) => n.kind === 'overdue').map((n) => [n.role, n.departmentId])).toEqual(
      expect.arrayContaining([
        ['dispatcher', null],
        ['department_head', deptId],
      ]),
    );
  });

  it('a mass breach: each order escalated once, one summary notice naming them instead of one per order', async () => {
    const orders: { id: string; createdAt: string }[] = [];
    for (let i = 0; i < 25; i++) orders.push(await newComplaint());
    const t0 = Math.max(...orders.map((o) => new Date(o.createdAt).getTime()));
    const before = (await t.database.db.select().from(notifications)).length;
    for (let i = 0; i < 4; i++) await sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0 + 5 * MIN) });
    for (const o of orders) expect((await eventsOf(o.id)).filter((e) => e === 'overdue:response')).toHaveLength(1);
    const fresh = (await t.database.db.select().from(notifications)).slice(before);
    const overdue = fresh.filter((n) => n.kind === 'overdue' && n.role === 'dispatcher');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].titleZh).toMatch(/^\d+ 个工单：工单响应超时$/);
    expect(overdue[0].titleEn).toMatch(/^\d+ orders: Order overdue \(response\)$/);
    expect(overdue[0].bodyZh.split('、').length).toBeGreaterThanOrEqual(25);
  });
});

describe('an idle sweeper sleeps until the next due instant', () => {
  let fresh: TTestApp;
  beforeAll(async () => {
    fresh = await buildTestApp();
  });
  afterAll(() => fresh.close());

  it('the poll interval with nothing due, the time left when a timer comes sooner, a pause when one is held', async () => {
    const db = fresh.database.db;
    expect(await sweeperIdleMs(db, 250)).toBe(250);
    const tourist2 = await loginTourist(fresh.app, '13500000002');
    const res = await tourist2.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '景区门口出租车拒载，要求加价。' },
    });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string };
    // The first stage (50% of five minutes) is minutes away: the full interval.
    expect(await sweeperIdleMs(db, 250)).toBe(250);
    const dueIn = async (ms: number) =>
      db.execute(sql`update sla_timers set due_at = now() + ${`${ms} milliseconds`}::interval
        where work_order_id = ${id} and clock = 'response'`);
    await dueIn(10_000);
    expect(await sweeperIdleMs(db, 60_000)).toBeGreaterThan(5_000);
    expect(await sweeperIdleMs(db, 60_000)).toBeLessThanOrEqual(10_000);
    // Due already but not taken (another instance holds it): a short pause, never a spin.
    await dueIn(-1_000);
    expect(await sweeperIdleMs(db, 250)).toBe(50);
    expect(await sweeperIdleMs(db, 250, 20)).toBe(20);
    expect(await sweeperIdleMs(db, 30)).toBe(30);
  });
});
