import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { createCommandRunner } from '../../platform/commands/index.js';
import { createEventHub, type TLiveEvent } from '../../platform/events.js';
import { auditLog, smsOutbox } from '../../platform/platform.tables.js';
import { outboxSmsProvider } from '../../platform/sms.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { loadClassifier } from './classify/classifier.js';
import { act } from './work-orders.actions.js';
import type { TWorkOrderDeps } from './work-orders.service.js';
import { workOrderEvents, workOrders } from './work-orders.tables.js';

/**
 * The command runner (platform/commands) under a work-order action: a subscriber's hook runs inside the command's
 * transaction — its failure rolls the whole command back, its writes commit with it — and live events go out only
 * after the commit.
 */
let t: TTestApp;
let staff: TSession;
let staffActor: TActor;
let dispatcher: TSession;
let tourist: TSession;
let dept: { id: string };

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  dept = await buildDepartment(db);
  const d = await buildUser(db, { role: 'dispatcher' });
  dispatcher = await loginStaff(t.app, d.username!, TEST_PASSWORD);
  const s = await buildUser(db, { role: 'department_staff', departmentId: dept.id });
  staff = await loginStaff(t.app, s.username!, TEST_PASSWORD);
  staffActor = {
    id: s.id,
    role: 'department_staff',
    displayName: 'x',
    departmentId: dept.id,
    businessId: null,
    ip: null,
  };
  tourist = await loginTourist(t.app, '13700000081');
});
afterAll(() => t.close());

/** An order the department has accepted, ready to be resolved. */
async function acceptedOrder() {
  const filed = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind: 'complaint', text: '景区门口的餐馆菜价与菜单不符，多收了两百元。' },
  });
  const id = filed.json().id as string;
  const go = (s: TSession, action: string, payload?: object) =>
    s.inject({ method: 'POST', url: `/api/work-orders/${id}/${action}`, payload });
  expect((await go(dispatcher, 'dispatch', { departmentId: dept.id, coDepartmentIds: [], note: '' })).statusCode).toBe(
    200,
  );
  expect((await go(staff, 'accept')).statusCode).toBe(200);
  return id;
}

/** Work-order deps with a runner of their own, its transactions and live pushes recorded in order. */
async function recordingDeps() {
  const log: string[] = [];
  const db = t.database.db;
  const recordingDb = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return async (fn: Parameters<TDb['transaction']>[0]) => {
        const out = await target.transaction(fn);
        log.push('commit');
        return out;
      };
    },
  }) as TDb;
  const events = createEventHub();
  const publish = events.publish;
  events.publish = (e: TLiveEvent) => {
    log.push(`publish:${e.channel}`);
    publish(e);
  };
  const commands = createCommandRunner({ db: recordingDb, clock: t.clock, events });
  const deps: TWorkOrderDeps = {
    db: recordingDb,
    clock: t.clock,
    events,
    sms: outboxSmsProvider,
    classifier: await loadClassifier(),
    commands,
  };
  return { deps, commands, log };
}

const resolved = (id: string) =>
  t.database.db
    .select({ id: workOrderEvents.id })
    .from(workOrderEvents)
    .where(and(eq(workOrderEvents.workOrderId, id), eq(workOrderEvents.action, 'resolve')));

describe('command runner', () => {
  it('a hook that fails rolls the whole command back: status, timeline, audit, text message, live event', async () => {
    const id = await acceptedOrder();
    const { deps, commands, log } = await recordingDeps();
    commands.onCommand('work-order.resolved', async (c) => {
      log.push(`hook:${c.facts.statusBefore}->${c.facts.statusAfter}`);
      throw new Error('credit module is down');
    });
    const smsBefore = await t.database.db.$count(smsOutbox);
    await expect(
      act(deps, staffActor, id, { action: 'resolve', text: '已责令商家退还多收款项。' }, 'zh-CN'),
    ).rejects.toThrow('credit module is down');
    const [o] = await t.database.db.select().from(workOrders).where(eq(workOrders.id, id));
    expect(o.status).toBe('handling');
    expect(o.answer).toBeNull();
    expect(await resolved(id)).toEqual([]);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'work_order.resolve')));
    expect(audits).toEqual([]);
    expect(await t.database.db.$count(smsOutbox)).toBe(smsBefore);
    expect(log).toEqual(['hook:handling->resolved']);
  });

  it('a hook writes inside the same transaction; live events are pushed only after the commit', async () => {
    const id = await acceptedOrder();
    const { deps, commands, log } = await recordingDeps();
    commands.onCommand('work-order.resolved', async (c) => {
      log.push('hook');
      // What a credit module would do: its own write, in the command's transaction.
      await writeAudit(c.tx, c.actor, {
        action: 'test.credit_deduction',
        objectType: 'business',
        objectId: c.facts.workOrderId,
      });
    });
    commands.onCommand('work-order.accepted', async () => {
      log.push('wrong hook');
    });
    const detail = await act(deps, staffActor, id, { action: 'resolve', text: '已退款。' }, 'zh-CN');
    expect(detail.status).toBe('resolved');
    // hook inside, then commit, then the pushes (the order's live event and the notices')
    expect(log[0]).toBe('hook');
    expect(log[1]).toBe('commit');
    expect(log.slice(2).length).toBeGreaterThan(0);
    expect(log.slice(2).every((l) => l.startsWith('publish:'))).toBe(true);
    expect(log).toContain('publish:work-orders');
    const deduction = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'test.credit_deduction')));
    expect(deduction).toHaveLength(1);
    expect((await resolved(id)).length).toBe(1);
  });

  it('refuses before any write: someone else’s order answers 404, a wrong action 409, and no hook runs', async () => {
    const id = await acceptedOrder();
    const { deps, commands, log } = await recordingDeps();
    commands.onCommand('work-order.dispatched', async () => {
      log.push('hook');
    });
    const other: TActor = { ...staffActor, departmentId: (await buildDepartment(t.database.db)).id };
    await expect(act(deps, other, id, { action: 'resolve', text: '越权办结' }, 'zh-CN')).rejects.toMatchObject({
      status: 404,
    });
    const dispatcherActor: TActor = { ...staffActor, id: dispatcher.userId, role: 'dispatcher', departmentId: null };
    await expect(
      act(
        deps,
        dispatcherActor,
        id,
        { action: 'dispatch', departmentId: dept.id, coDepartmentIds: [], note: '' },
        'zh-CN',
      ),
    ).rejects.toMatchObject({ status: 409, code: 'invalid_transition' });
    expect(log).toEqual([]);
  });
});
