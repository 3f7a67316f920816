import type { TRole } from '@zhilv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.js';

/**
 * The list and the detail answer from one rule (ADR 0003): for every actor, the ids the list returns are exactly
 * the ids whose detail answers 200 — for grids and for letters, over grids with heads, workers, a worker in two
 * grids, a leaders' grid, businesses in and out of grids, and their letters.
 */
let t: TTestApp;
const actors: { name: string; s: TSession }[] = [];
const gridIds: string[] = [];
const letterIds: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  await buildRegion(db, { code: '530702' });
  const login = async (role: TRole, extra: Record<string, unknown> = {}) => {
    const u = await buildUser(db, { role, ...extra });
    return { u, s: await loginStaff(t.app, u.username!, TEST_PASSWORD) };
  };
  const admin = await login('system_admin');
  const leader = await login('leader');
  const workers = [await login('grid_worker'), await login('grid_worker'), await login('grid_worker')];
  for (let i = 0; i < 4; i++) {
    const g = await admin.s.inject({
      method: 'POST',
      url: '/api/grids',
      payload: {
        code: `PG${i}`,
        name: `属性网格${i}`,
        regionCode: '530702',
        leaderUserId: i === 3 ? leader.u.id : null,
      },
    });
    gridIds.push(g.json().id);
  }
  // worker 0 in grids 0 and 1; worker 1 heads grid 1 and works grid 2; worker 2 in no grid; grid 3 is the leader's
  const members: [number, number, string][] = [
    [0, 0, 'grid_worker'],
    [1, 0, 'grid_worker'],
    [1, 1, 'grid_head'],
    [2, 1, 'grid_worker'],
  ];
  for (let gi = 0; gi < 4; gi++)
    await admin.s.inject({
      method: 'PUT',
      url: `/api/grids/${gridIds[gi]}/members`,
      payload: {
        members: members.filter(([g]) => g === gi).map(([, w, role]) => ({ userId: workers[w].u.id, role })),
      },
    });
  const tpl = await admin.s.inject({
    method: 'POST',
    url: '/api/letter-templates',
    payload: {
      code: 'prop_test',
      topic: 'work_safety',
      title: '属性测试责任状',
      body: '一二三四五六七八九十',
      partyAName: '市局',
    },
  });
  const bizAccounts = [];
  for (const gridId of [gridIds[0], gridIds[1], gridIds[2], gridIds[3], null]) {
    const b = await buildBusiness(db, { gridId });
    bizAccounts.push(await login('business', { businessId: b.id }));
    const l = await admin.s.inject({
      method: 'POST',
      url: '/api/responsibility-letters',
      payload: {
        templateId: tpl.json().id,
        businessId: b.id,
        partyAUserId: leader.u.id,
        periodStart: '2026-12-01',
        periodEnd: '2027-11-30',
      },
    });
    letterIds.push(l.json().id);
  }
  const dept = await buildDepartment(db);
  actors.push(
    { name: 'admin', s: admin.s },
    { name: 'leader', s: leader.s },
    { name: 'dispatcher', s: (await login('dispatcher')).s },
    { name: 'department_staff', s: (await login('department_staff', { departmentId: dept.id })).s },
    ...workers.map((w, i) => ({ name: `worker${i}`, s: w.s })),
    ...bizAccounts.map((b, i) => ({ name: `business${i}`, s: b.s })),
  );
});
afterAll(() => t.close());

describe('who sees what: lists and details agree', () => {
  it('for grids and letters, every actor', async () => {
    const seen: Record<string, { grids: number; letters: number }> = {};
    for (const a of actors) {
      const ids = async (url: string) => {
        const r = await a.s.inject({ method: 'GET', url });
        return r.statusCode === 200 ? (r.json().items as { id: string }[]).map((x) => x.id).sort() : [];
      };
      const detailOk = async (base: string, all: string[]) => {
        const ok: string[] = [];
        for (const id of all)
          if ((await a.s.inject({ method: 'GET', url: `${base}/${id}` })).statusCode === 200) ok.push(id);
        return ok.sort();
      };
      const listGrids = (await ids('/api/grids?pageSize=200')).filter((id) => gridIds.includes(id));
      expect(listGrids, a.name).toEqual(await detailOk('/api/grids', gridIds));
      const listLetters = (await ids('/api/responsibility-letters?pageSize=200')).filter((id) =>
        letterIds.includes(id),
      );
      expect(listLetters, a.name).toEqual(await detailOk('/api/responsibility-letters', letterIds));
      seen[a.name] = { grids: listGrids.length, letters: listLetters.length };
    }
    expect(seen).toEqual({
      admin: { grids: 4, letters: 5 },
      leader: { grids: 4, letters: 5 },
      dispatcher: { grids: 4, letters: 5 },
      department_staff: { grids: 4, letters: 5 },
      worker0: { grids: 2, letters: 2 },
      worker1: { grids: 2, letters: 2 },
      worker2: { grids: 0, letters: 0 },
      business0: { grids: 0, letters: 1 },
      business1: { grids: 0, letters: 1 },
      business2: { grids: 0, letters: 1 },
      business3: { grids: 0, letters: 1 },
      business4: { grids: 0, letters: 1 },
    });
  });
});
