import { type TDrawGrade, type TPublishedDraw, verifyDraw } from '@zhilv/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../platform/deadlines/index.js';
import { notifications } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { gridMembers, grids } from '../grids/index.js';
import { businesses } from '../master-data/master-data.tables.js';
import { INSPECT_DEADLINE, PUBLISH_DEADLINE } from './draws.deadlines.js';
import { drawTasks } from './draws.tables.js';
import { completeDrawTask } from './index.js';

let t: TTestApp;
let deptA: { id: string };
let deptB: { id: string };
let headA: TSession;
let headB: TSession;
let leader: TSession;
let gridWorker: TSession;
let admin: TSession;
const inspectorsA: { id: string; s: TSession }[] = [];
let inspectorB: { id: string; s: TSession };
let plainStaffA: TSession;
const targets: { id: string }[] = [];
// A county no demo business is in: the plans' target pool is exactly this test's businesses.
const COUNTY = '539901';

async function staff(
  role: 'department_staff' | 'department_head' | 'leader' | 'grid_worker' | 'system_admin',
  departmentId?: string,
) {
  const u = await buildUser(t.database.db, { role, departmentId: departmentId ?? null });
  return { id: u.id, s: await loginStaff(t.app, u.username!, TEST_PASSWORD) };
}

const certify = (by: TSession, userId: string, departmentId: string, no: string) =>
  by.inject({
    method: 'POST',
    url: '/api/draws/certificates',
    payload: { userId, certificateNo: no, departmentId, validFrom: '2020-01-01', validUntil: '2099-12-31' },
  });

const ALL: Record<TDrawGrade, number> = { A: 1, B: 1, C: 1, D: 1, ungraded: 1 };
const planBody = (over: Record<string, unknown> = {}) => ({
  name: '2026年第四季度旅游市场双随机抽查',
  departmentIds: [deptA.id],
  periodStart: '2026-10-01',
  periodEnd: '2026-12-31',
  kinds: [],
  countyCodes: [COUNTY],
  grades: [],
  ratios: ALL,
  inspectorsPerTarget: 2,
  taskWorkingDays: 10,
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptA = await buildDepartment(db);
  deptB = await buildDepartment(db);
  headA = (await staff('department_head', deptA.id)).s;
  headB = (await staff('department_head', deptB.id)).s;
  leader = (await staff('leader')).s;
  gridWorker = (await staff('grid_worker')).s;
  admin = (await staff('system_admin')).s;
  for (let i = 0; i < 6; i++) inspectorsA.push(await staff('department_staff', deptA.id));
  inspectorB = await staff('department_staff', deptB.id);
  plainStaffA = (await staff('department_staff', deptA.id)).s;
  for (let i = 0; i < 4; i++) targets.push(await buildBusiness(db, { regionCode: `${COUNTY}001` }));
  // Target 0 sits in a grid whose worker is inspector 1 (the grid's responsible person): never paired.
  const [g] = await db
    .insert(grids)
    .values({ code: `g_${Date.now()}`, name: '测试网格', regionCode: COUNTY })
    .returning();
  await db.insert(gridMembers).values({ gridId: g.id, userId: inspectorsA[1].id, role: 'grid_worker' });
  await db.update(businesses).set({ gridId: g.id }).where(eq(businesses.id, targets[0].id));
}, 120_000);
afterAll(() => t.close());

describe('enforcement certificates and declared relations', () => {
  it('a head certifies their own department’s staff; other departments, duplicates and bad input are refused', async () => {
    for (const [i, x] of inspectorsA.entries())
      expect((await certify(headA, x.id, deptA.id, `ZF-A-${Date.now()}-${i}`)).statusCode).toBe(201);
    expect((await certify(headA, inspectorB.id, deptB.id, `ZF-B-${Date.now()}`)).statusCode).toBe(403);
    expect((await certify(admin, inspectorB.id, deptB.id, `ZF-B-${Date.now()}`)).statusCode).toBe(201);
    expect((await certify(headA, inspectorsA[0].id, deptA.id, `ZF-A-again-${Date.now()}`)).statusCode).toBe(409);
    const bad = await certify(headA, inspectorsA[0].id, deptA.id, 'x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('certificateNo');
    // A grid worker holds no certificate.
    const gw = await buildUser(t.database.db, { role: 'grid_worker' });
    expect((await certify(admin, gw.id, deptA.id, `ZF-G-${Date.now()}`)).json().code).toBe(
      'draw_certificate_not_staff',
    );
    const listA = (await headA.inject({ method: 'GET', url: '/api/draws/certificates' })).json();
    expect(listA.every((c: { departmentId: string }) => c.departmentId === deptA.id)).toBe(true);
    expect(listA.length).toBe(6);
    expect((await gridWorker.inject({ method: 'GET', url: '/api/draws/certificates' })).statusCode).toBe(403);
  });

  it('an inspector declares a relation to a business; only certified inspectors may', async () => {
    const r = await inspectorsA[0].s.inject({
      method: 'POST',
      url: '/api/draws/relations',
      payload: { businessId: targets[1].id, reason: '配偶经营' },
    });
    expect(r.statusCode).toBe(201);
    const again = await inspectorsA[0].s.inject({
      method: 'POST',
      url: '/api/draws/relations',
      payload: { businessId: targets[1].id, reason: '配偶经营' },
    });
    expect(again.statusCode).toBe(409);
    const uncertified = await plainStaffA.inject({
      method: 'POST',
      url: '/api/draws/relations',
      payload: { businessId: targets[1].id, reason: '亲属' },
    });
    expect(uncertified.json().code).toBe('draw_no_certificate');
    const mine = (await inspectorsA[0].s.inject({ method: 'GET', url: '/api/draws/relations' })).json();
    expect(mine.map((x: { businessId: string }) => x.businessId)).toEqual([targets[1].id]);
  });
});

let planId: string;
let published: TPublishedDraw;

describe('a plan: create, freeze, draw', () => {
  it('only planners of the plan’s departments create it; bad input answers 400 with its field', async () => {
    expect(
      (await plainStaffA.inject({ method: 'POST', url: '/api/draws/plans', payload: planBody() })).statusCode,
    ).toBe(403);
    expect(
      (
        await headB.inject({
          method: 'POST',
          url: '/api/draws/plans',
          payload: planBody({ departmentIds: [deptA.id] }),
        })
      ).statusCode,
    ).toBe(403);
    const one = await headA.inject({
      method: 'POST',
      url: '/api/draws/plans',
      payload: planBody({ inspectorsPerTarget: 1 }),
    });
    expect(one.statusCode).toBe(400);
    expect(one.json().field).toBe('inspectorsPerTarget');
    const period = await headA.inject({
      method: 'POST',
      url: '/api/draws/plans',
      payload: planBody({ periodStart: '2026-12-31', periodEnd: '2026-10-01' }),
    });
    expect(period.statusCode).toBe(400);
    const ratio = await headA.inject({
      method: 'POST',
      url: '/api/draws/plans',
      payload: planBody({ ratios: { ...ALL, ungraded: 1.5 } }),
    });
    expect(ratio.statusCode).toBe(400);
    const ok = await headA.inject({ method: 'POST', url: '/api/draws/plans', payload: planBody() });
    expect(ok.statusCode).toBe(201);
    planId = ok.json().id;
  });

  it('other departments do not see it; its own staff and leaders do', async () => {
    expect((await headB.inject({ method: 'GET', url: `/api/draws/plans/${planId}` })).statusCode).toBe(404);
    expect((await inspectorB.s.inject({ method: 'GET', url: `/api/draws/plans/${planId}` })).statusCode).toBe(404);
    const listB = (await headB.inject({ method: 'GET', url: '/api/draws/plans' })).json();
    expect(listB.items.some((p: { id: string }) => p.id === planId)).toBe(false);
    expect((await plainStaffA.inject({ method: 'GET', url: `/api/draws/plans/${planId}` })).statusCode).toBe(200);
    const listL = (await leader.inject({ method: 'GET', url: '/api/draws/plans' })).json();
    expect(listL.items.some((p: { id: string }) => p.id === planId)).toBe(true);
    expect((await gridWorker.inject({ method: 'GET', url: '/api/draws/plans' })).statusCode).toBe(403);
  });

  it('a plan under 5% is refused at the freeze', async () => {
    const low = await headA.inject({
      method: 'POST',
      url: '/api/draws/plans',
      payload: planBody({ ratios: { A: 0, B: 0, C: 0, D: 0, ungraded: 0 } }),
    });
    const r = await headA.inject({ method: 'POST', url: `/api/draws/plans/${low.json().id}/freeze` });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('draw_ratio_below_minimum');
  });

  it('freezes the pools with their hashes; a second freeze and a draw before it are refused', async () => {
    expect(
      (
        await headA.inject({ method: 'POST', url: `/api/draws/plans/${planId}/draw`, payload: { publicValue: '1' } })
      ).json().code,
    ).toBe('draw_plan_not_frozen');
    expect((await plainStaffA.inject({ method: 'POST', url: `/api/draws/plans/${planId}/freeze` })).statusCode).toBe(
      403,
    );
    expect((await headB.inject({ method: 'POST', url: `/api/draws/plans/${planId}/freeze` })).statusCode).toBe(404);
    const f = await headA.inject({ method: 'POST', url: `/api/draws/plans/${planId}/freeze` });
    expect(f.statusCode).toBe(200);
    const p = f.json();
    expect(p.status).toBe('frozen');
    expect(p.targetPoolSize).toBe(4);
    expect(p.inspectorPoolSize).toBe(6);
    expect(p.targetPoolHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.mayDraw).toBe(true);
    expect((await headA.inject({ method: 'POST', url: `/api/draws/plans/${planId}/freeze` })).statusCode).toBe(409);
    // Not drawn yet: no public record.
    expect((await t.app.inject({ method: 'GET', url: `/api/public/draws/${planId}` })).statusCode).toBe(404);
  });

  it('draws with the public value: every target gets 2 inspectors, never one with a conflict', async () => {
    const bad = await headA.inject({
      method: 'POST',
      url: `/api/draws/plans/${planId}/draw`,
      payload: { publicValue: '' },
    });
    expect(bad.statusCode).toBe(400);
    const d = await headA.inject({
      method: 'POST',
      url: `/api/draws/plans/${planId}/draw`,
      payload: { publicValue: '2026-12-01 福彩3D 517' },
    });
    expect(d.statusCode).toBe(200);
    const p = d.json();
    expect(p.status).toBe('drawn');
    expect(p.tasks).toHaveLength(4);
    for (const task of p.tasks) expect(task.inspectors).toHaveLength(2);
    const on = (b: { id: string }) => p.tasks.find((x: { businessId: string }) => x.businessId === b.id);
    const ids = (task: { inspectors: { id: string }[] }) => task.inspectors.map((i) => i.id);
    const listed = (await headA.inject({ method: 'GET', url: '/api/draws/plans' })).json();
    expect(listed.items.find((x: { id: string }) => x.id === planId)).toMatchObject({ taskCount: 4, doneCount: 0 });
    expect(ids(on(targets[0]))).not.toContain(inspectorsA[1].id); // the grid's worker
    expect(ids(on(targets[1]))).not.toContain(inspectorsA[0].id); // the declared relation
    expect(
      (await headA.inject({ method: 'POST', url: `/api/draws/plans/${planId}/draw`, payload: { publicValue: '2' } }))
        .statusCode,
    ).toBe(409);
  });

  it('anyone re-runs the published record with the same code and gets the same pairs', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/public/draws/${planId}` });
    expect(r.statusCode).toBe(200);
    published = r.json();
    const input = {
      plan: published.plan,
      targets: published.targetPool.map(([id, grade, conflicts]) => ({ id, grade, conflicts })),
      inspectors: published.inspectorPool.map(([id, departmentId]) => ({ id, departmentId })),
      publicValue: published.publicValue,
    };
    expect(verifyDraw(input, published).ok).toBe(true);
    // A changed public value gives another seed: the verdict says so.
    expect(verifyDraw({ ...input, publicValue: '518' }, published).ok).toBe(false);
    const list = (await t.app.inject({ method: 'GET', url: '/api/public/draws' })).json();
    expect(list.some((x: { id: string }) => x.id === planId)).toBe(true);
  });
});

describe('tasks and publication', () => {
  let taskId: string;
  let inspector: { id: string; s: TSession };
  let outsider: TSession;

  it('an inspector lists their tasks; a task’s deadline reminds before it is due', async () => {
    const plan = (await headA.inject({ method: 'GET', url: `/api/draws/plans/${planId}` })).json();
    const task = plan.tasks[0];
    taskId = task.id;
    inspector = inspectorsA.find((x) => x.id === task.inspectors[0].id)!;
    const others = inspectorsA.filter((x) => !task.inspectors.some((i: { id: string }) => i.id === x.id));
    outsider = others[0].s;
    const mine = (await inspector.s.inject({ method: 'GET', url: '/api/draws/tasks' })).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(taskId);
    expect(mine.items.find((x: { id: string }) => x.id === taskId).mayRecord).toBe(true);
    // 10 working days: the reminder is due after 7 — sweep three weeks on.
    const fired = await sweepDeadlines(t.database.db, t.app.events, {
      now: new Date(t.clock.now().getTime() + 21 * 86_400_000),
      kinds: [INSPECT_DEADLINE],
    });
    expect(fired).toBeGreaterThan(0);
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.objectId, taskId));
    expect(notes.some((n) => n.kind === 'draw_task_remind' && n.userId === inspector.id)).toBe(true);
  });

  it('only its inspectors record the result; other departments get 404; a resend with its key is one record', async () => {
    const body = {
      result: 'rectify',
      problems: '消防通道堆放杂物',
      handling: '责令三日内整改',
      inspectedAt: t.clock.now().toISOString(),
    };
    expect(
      (await outsider.inject({ method: 'POST', url: `/api/draws/tasks/${taskId}/result`, payload: body })).statusCode,
    ).toBe(403);
    expect(
      (await inspectorB.s.inject({ method: 'POST', url: `/api/draws/tasks/${taskId}/result`, payload: body }))
        .statusCode,
    ).toBe(404);
    expect((await inspectorB.s.inject({ method: 'GET', url: `/api/draws/tasks/${taskId}` })).statusCode).toBe(404);
    const bad = await inspector.s.inject({
      method: 'POST',
      url: `/api/draws/tasks/${taskId}/result`,
      payload: { ...body, result: 'great' },
    });
    expect(bad.statusCode).toBe(400);
    const future = await inspector.s.inject({
      method: 'POST',
      url: `/api/draws/tasks/${taskId}/result`,
      payload: { ...body, inspectedAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString() },
    });
    expect(future.json().code).toBe('draw_inspected_in_future');
    const headers = { 'idempotency-key': `draw-result-${taskId}` };
    const a = await inspector.s.inject({
      method: 'POST',
      url: `/api/draws/tasks/${taskId}/result`,
      payload: body,
      headers,
    });
    const b = await inspector.s.inject({
      method: 'POST',
      url: `/api/draws/tasks/${taskId}/result`,
      payload: body,
      headers,
    });
    expect(a.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(a.json().status).toBe('done');
    expect(a.json().publishBy).toBeTruthy();
    const again = await inspector.s.inject({ method: 'POST', url: `/api/draws/tasks/${taskId}/result`, payload: body });
    expect(again.json().code).toBe('draw_task_not_open');
  });

  it('the inspections module completes a task in its own transaction', async () => {
    const plan = (await headA.inject({ method: 'GET', url: `/api/draws/plans/${planId}` })).json();
    const open = plan.tasks.find((x: { status: string }) => x.status === 'open');
    const inspectionId = '11111111-1111-4111-8111-111111111111';
    await t.database.db.transaction((tx) =>
      completeDrawTask(tx, {
        taskId: open.id,
        inspectionId,
        result: 'compliant',
        problems: '',
        handling: '',
        inspectedAt: t.clock.now(),
        now: t.clock.now(),
      }),
    );
    const [row] = await t.database.db.select().from(drawTasks).where(eq(drawTasks.id, open.id));
    expect(row.status).toBe('done');
    expect(row.inspectionId).toBe(inspectionId);
  });

  it('a result waiting for publication warns the heads before 20 working days pass', async () => {
    const fired = await sweepDeadlines(t.database.db, t.app.events, {
      now: new Date(t.clock.now().getTime() + 40 * 86_400_000),
      kinds: [PUBLISH_DEADLINE],
    });
    expect(fired).toBeGreaterThan(0);
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.objectId, planId));
    expect(notes.some((n) => n.kind === 'draw_publish_remind')).toBe(true);
  });

  it('a planner publishes: the public page answers only the legally public fields', async () => {
    expect((await plainStaffA.inject({ method: 'POST', url: `/api/draws/plans/${planId}/publish` })).statusCode).toBe(
      403,
    );
    expect((await headB.inject({ method: 'POST', url: `/api/draws/plans/${planId}/publish` })).statusCode).toBe(404);
    const p = await headA.inject({ method: 'POST', url: `/api/draws/plans/${planId}/publish` });
    expect(p.statusCode).toBe(200);
    expect((await headA.inject({ method: 'POST', url: `/api/draws/plans/${planId}/publish` })).json().code).toBe(
      'draw_nothing_to_publish',
    );
    const pub = (await t.app.inject({ method: 'GET', url: '/api/public/draw-results?pageSize=200' })).json();
    expect(pub.items.length).toBeGreaterThanOrEqual(2);
    for (const r of pub.items)
      expect(Object.keys(r).sort()).toEqual(
        ['businessName', 'departments', 'handling', 'inspectedOn', 'problems', 'result', 'uscc'].sort(),
      );
    expect(pub.items.some((r: { problems: string }) => r.problems === '消防通道堆放杂物')).toBe(true);
  });
});

describe('the previous draw', () => {
  it('a second draw never gives an inspector the target they had in their previous draw', async () => {
    const first = new Map(published.assignments.map((a) => [a.targetId, a.inspectorIds]));
    const c = await headA.inject({ method: 'POST', url: '/api/draws/plans', payload: planBody({ name: '第二轮' }) });
    const id = c.json().id;
    expect((await headA.inject({ method: 'POST', url: `/api/draws/plans/${id}/freeze` })).statusCode).toBe(200);
    const d = (
      await headA.inject({ method: 'POST', url: `/api/draws/plans/${id}/draw`, payload: { publicValue: '903' } })
    ).json();
    expect(d.tasks.length + d.unassigned.length).toBe(4);
    for (const task of d.tasks) for (const i of task.inspectors) expect(first.get(task.businessId)).not.toContain(i.id);
  });
});
