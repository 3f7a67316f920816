import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { gridScopeOf, responsiblesOf } from './index.js';

let t: TTestApp;
let admin: TSession;
let dispatcher: TSession;
let deptStaff: TSession;
const session = async (role: Parameters<typeof buildUser>[1]['role'], extra: Record<string, unknown> = {}) => {
  const u = await buildUser(t.database.db, { role, ...extra });
  return { user: u, s: await loginStaff(t.app, u.username!, TEST_PASSWORD) };
};
let code = 0;
const newGrid = async (over: Record<string, unknown> = {}) => {
  const res = await admin.inject({
    method: 'POST',
    url: '/api/grids',
    payload: { code: `T${Date.now() % 1e7}${++code}`, name: `测试网格${code}`, regionCode: '530702', ...over },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; code: string };
};

beforeAll(async () => {
  t = await buildTestApp();
  await buildRegion(t.database.db, { code: '530702', name: '古城区' });
  admin = (await session('system_admin')).s;
  dispatcher = (await session('dispatcher')).s;
  deptStaff = (await session('department_staff', { departmentId: (await buildDepartment(t.database.db)).id })).s;
});
afterAll(() => t.close());

describe('grids', () => {
  it('the admin creates and edits grids; codes are unique, regions known, a leaders’ grid names a leader', async () => {
    const g = await newGrid();
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/grids',
      payload: { code: g.code, name: '重复', regionCode: '530702' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', field: 'code' });
    const region = await admin.inject({
      method: 'POST',
      url: '/api/grids',
      payload: { code: 'TNOREGION', name: '无区划', regionCode: '999999' },
    });
    expect(region.json()).toMatchObject({ code: 'field_invalid', field: 'regionCode' });
    const notLeader = await admin.inject({
      method: 'PUT',
      url: `/api/grids/${g.id}`,
      payload: { code: g.code, name: '专属', regionCode: '530702', leaderUserId: admin.userId },
    });
    expect(notLeader.json()).toMatchObject({ code: 'field_invalid', field: 'leaderUserId' });
    const { user: leader } = await session('leader');
    const ok = await admin.inject({
      method: 'PUT',
      url: `/api/grids/${g.id}`,
      payload: { code: g.code, name: '局领导专属网格', regionCode: '530702', leaderUserId: leader.id },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().leaderUserId).toBe(leader.id);
    const extra = await admin.inject({
      method: 'POST',
      url: '/api/grids',
      payload: { code: 'TX1', name: 'x', regionCode: '530702', workerUserId: leader.id },
    });
    expect(extra.statusCode).toBe(400);
    for (const s of [dispatcher, deptStaff])
      expect(
        (
          await s.inject({
            method: 'PUT',
            url: `/api/grids/${g.id}`,
            payload: { code: g.code, name: 'x', regionCode: '530702' },
          })
        ).statusCode,
      ).toBe(403);
  });

  it('members: heads and workers, full- or part-time; the list replaces; ineligible or repeated accounts are refused', async () => {
    const g = await newGrid();
    const { user: w } = await session('grid_worker');
    const { user: head } = await session('grid_worker');
    const put = (members: unknown[]) =>
      admin.inject({ method: 'PUT', url: `/api/grids/${g.id}/members`, payload: { members } });
    const res = await put([
      { userId: w.id, role: 'grid_worker', employment: 'part_time' },
      { userId: head.id, role: 'grid_head' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({ userId: head.id, role: 'grid_head', employment: 'full_time' }),
      expect.objectContaining({ userId: w.id, role: 'grid_worker', employment: 'part_time' }),
    ]);
    const { user: tourist } = await session('business');
    expect((await put([{ userId: tourist.id, role: 'grid_worker' }])).json()).toMatchObject({ field: 'members' });
    expect(
      (
        await put([
          { userId: w.id, role: 'grid_worker' },
          { userId: w.id, role: 'grid_head' },
        ])
      ).statusCode,
    ).toBe(409);
    expect((await put([{ userId: w.id, role: 'boss' }])).statusCode).toBe(400);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'grid.members'), eq(auditLog.objectId, g.id)));
    expect(audit).toHaveLength(1);
    const detail = await dispatcher.inject({ method: 'GET', url: `/api/grids/${g.id}` });
    expect(detail.json().members).toHaveLength(2);
    expect(detail.json().can).toEqual({ edit: false });
  });

  it('who sees what: a member their grids only (another grid is 404), departments and the command center all, a business none', async () => {
    const mine = await newGrid();
    const theirs = await newGrid();
    const { user: w, s: worker } = await session('grid_worker');
    await admin.inject({
      method: 'PUT',
      url: `/api/grids/${mine.id}/members`,
      payload: { members: [{ userId: w.id, role: 'grid_worker' }] },
    });
    const b = await buildBusiness(t.database.db, { gridId: mine.id });
    const list = await worker.inject({ method: 'GET', url: '/api/grids?pageSize=200' });
    expect(list.json().items.map((g: { id: string }) => g.id)).toEqual([mine.id]);
    expect((await worker.inject({ method: 'GET', url: `/api/grids/${mine.id}` })).json().businesses).toEqual([
      expect.objectContaining({ id: b.id }),
    ]);
    expect((await worker.inject({ method: 'GET', url: `/api/grids/${theirs.id}` })).statusCode).toBe(404);
    expect(
      (await worker.inject({ method: 'GET', url: '/api/grids/00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
    expect((await worker.inject({ method: 'GET', url: '/api/grids/coverage' })).statusCode).toBe(403);
    expect(
      (await worker.inject({ method: 'PUT', url: `/api/grids/${mine.id}/members`, payload: { members: [] } }))
        .statusCode,
    ).toBe(403);
    const { s: lonely } = await session('grid_worker');
    expect((await lonely.inject({ method: 'GET', url: '/api/grids' })).json().total).toBe(0);
    for (const s of [dispatcher, deptStaff])
      expect((await s.inject({ method: 'GET', url: `/api/grids/${theirs.id}` })).statusCode).toBe(200);
    const { s: biz } = await session('business', { businessId: b.id });
    expect((await biz.inject({ method: 'GET', url: '/api/grids' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/grids' })).statusCode).toBe(401);
    expect(await gridScopeOf(t.database.db, w.id)).toEqual({
      gridIds: [mine.id],
      headOfGridIds: [],
      businessIds: [b.id],
    });
  });

  it('assigns a business to one grid with its 包保 official; responsiblesOf names the grid’s people and the official', async () => {
    const g = await newGrid();
    const { user: w } = await session('grid_worker');
    const { user: head } = await session('grid_worker');
    const { user: official } = await session('department_staff');
    await admin.inject({
      method: 'PUT',
      url: `/api/grids/${g.id}/members`,
      payload: {
        members: [
          { userId: w.id, role: 'grid_worker' },
          { userId: head.id, role: 'grid_head' },
        ],
      },
    });
    const b = await buildBusiness(t.database.db);
    const other = await buildBusiness(t.database.db);
    const assign = (id: string, body: object) =>
      admin.inject({ method: 'PUT', url: `/api/grid-assignments/${id}`, payload: body });
    expect((await assign(b.id, { gridId: g.id, guarantorUserId: official.id })).statusCode).toBe(200);
    expect(
      (
        await assign(b.id, { gridId: g.id, guarantorUserId: (await buildUser(t.database.db, { role: 'tourist' })).id })
      ).json(),
    ).toMatchObject({ field: 'guarantorUserId' });
    expect(
      (await assign(b.id, { gridId: '00000000-0000-4000-8000-000000000000', guarantorUserId: null })).json(),
    ).toMatchObject({ field: 'gridId' });
    expect(
      (await assign('00000000-0000-4000-8000-000000000000', { gridId: g.id, guarantorUserId: null })).statusCode,
    ).toBe(404);
    expect(
      (
        await dispatcher.inject({
          method: 'PUT',
          url: `/api/grid-assignments/${b.id}`,
          payload: { gridId: null, guarantorUserId: null },
        })
      ).statusCode,
    ).toBe(403);
    const r = await responsiblesOf(t.database.db, [b.id, other.id]);
    expect(r.get(b.id)).toEqual([w.id, head.id, official.id].sort());
    expect(r.get(other.id)).toEqual([]);
    const detail = await admin.inject({ method: 'GET', url: `/api/grids/${g.id}` });
    expect(detail.json().businesses).toEqual([expect.objectContaining({ id: b.id, guarantorUserId: official.id })]);
    expect((await assign(b.id, { gridId: null, guarantorUserId: null })).statusCode).toBe(200);
    expect((await responsiblesOf(t.database.db, [b.id])).get(b.id)).toEqual([]);
  });

  it('coverage shows what is not covered, over the load, and a move list; the load limit is a parameter', async () => {
    const region = await buildRegion(t.database.db, { code: '530799', name: '测试县' });
    const a = await newGrid({ regionCode: region.code });
    const empty = await newGrid({ regionCode: region.code });
    const spare = await newGrid({ regionCode: region.code });
    const { user: w } = await session('grid_worker');
    const { user: w2 } = await session('grid_worker');
    await admin.inject({
      method: 'PUT',
      url: `/api/grids/${a.id}/members`,
      payload: { members: [{ userId: w.id, role: 'grid_worker' }] },
    });
    await admin.inject({
      method: 'PUT',
      url: `/api/grids/${spare.id}/members`,
      payload: { members: [{ userId: w2.id, role: 'grid_worker' }] },
    });
    for (let i = 0; i < 5; i++) await buildBusiness(t.database.db, { regionCode: region.code, gridId: a.id });
    const loose = await buildBusiness(t.database.db, { regionCode: region.code });
    const res = await deptStaff.inject({ method: 'GET', url: `/api/grids/coverage?regionCode=${region.code}` });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.maxLoad).toBe(3);
    expect(c.businessesWithoutGrid.map((b: { id: string }) => b.id)).toEqual([loose.id]);
    expect(c.businessesWithoutGuarantor).toHaveLength(6);
    expect(c.overloadedWorkers).toEqual([expect.objectContaining({ userId: w.id, load: 5 })]);
    expect(c.gridsWithoutWorker.map((g: { id: string }) => g.id)).toEqual([empty.id]);
    expect(c.suggestedMoves.length).toBeGreaterThanOrEqual(2);
    expect(c.suggestedMoves.every((m: { toGridId: string }) => m.toGridId !== empty.id)).toBe(true);
    expect(c.byCounty).toEqual([
      expect.objectContaining({ regionCode: region.code, grids: 3, businesses: 6, withGrid: 5 }),
    ]);
    const relaxed = await dispatcher.inject({
      method: 'GET',
      url: `/api/grids/coverage?regionCode=${region.code}&maxLoad=5`,
    });
    expect(relaxed.json().overloadedWorkers).toEqual([]);
    expect((await dispatcher.inject({ method: 'GET', url: '/api/grids/coverage?maxLoad=0' })).statusCode).toBe(400);
  });
});

async function book(sheets: Record<string, unknown[][]>) {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const multipart = (buf: Buffer) => {
  const b = '----zlgrids';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="g.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      buf,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
};

describe('Excel', () => {
  it('exports grids, members and assignments on three sheets with bilingual headers', async () => {
    const g = await newGrid({ name: '导出测试网格' });
    const { user: w } = await session('grid_worker', { displayName: '导出网格员' });
    await admin.inject({
      method: 'PUT',
      url: `/api/grids/${g.id}/members`,
      payload: { members: [{ userId: w.id, role: 'grid_head' }] },
    });
    await buildBusiness(t.database.db, { name: '导出测试商户', gridId: g.id });
    const res = await admin.inject({ method: 'GET', url: `/api/grids/export?q=${g.code}` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['网格 Grids', '网格成员 Members', '归属与包保 Assignments']);
    const values = (i: number) =>
      wb.worksheets[i]
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1));
    expect(values(0)).toEqual([expect.arrayContaining([g.code, '导出测试网格', '导出网格员', 1, '导出测试商户'])]);
    expect(values(1)).toEqual([expect.arrayContaining([g.code, w.username, '导出网格员', '网格长', '专职'])]);
    expect(values(2)).toContainEqual(expect.arrayContaining(['导出测试商户', g.code]));
    expect((await dispatcher.inject({ method: 'GET', url: '/api/grids/export' })).statusCode).toBe(403);
  });

  it('imports after a preview: new grids, members, a business moved with its official; a stale token or a bad row writes nothing', async () => {
    const { user: w } = await session('grid_worker');
    const { user: official } = await session('leader');
    const b = await buildBusiness(t.database.db);
    const file = await book({
      g: [
        ['网格编码 Code', '网格名称 Name', '行政区划代码 Region code'],
        ['IMP-01', '导入网格', '530702'],
      ],
      m: [
        ['网格编码 Grid code', '账号 Username', '角色 Role', '专兼职 Employment'],
        ['IMP-01', w.username, '网格员', '兼职'],
      ],
      a: [
        ['统一社会信用代码 USCC', '网格编码 Grid code', '包保责任人账号 Guarantor username'],
        [b.uscc, 'IMP-01', official.username],
      ],
    });
    const preview = await admin.inject({ method: 'POST', url: '/api/grids/import/preview', ...multipart(file) });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().counts).toEqual({ new: 1, changed: 2, unchanged: 0, invalid: 0 });
    const stale = await admin.inject({
      method: 'POST',
      url: `/api/grids/import?token=${'0'.repeat(64)}`,
      ...multipart(file),
    });
    expect(stale.statusCode).toBe(409);
    const done = await admin.inject({
      method: 'POST',
      url: `/api/grids/import?token=${preview.json().token}`,
      ...multipart(file),
    });
    expect(done.json()).toMatchObject({ grids: 1, members: 1, assignments: 1, errors: [] });
    const grid = (await admin.inject({ method: 'GET', url: '/api/grids?q=IMP-01' })).json().items[0];
    expect(grid).toMatchObject({ code: 'IMP-01', memberCount: 1, businessCount: 1 });
    expect((await responsiblesOf(t.database.db, [b.id])).get(b.id)).toEqual([w.id, official.id].sort());

    const bad = await book({
      g: [
        ['网格编码 Code', '网格名称 Name', '行政区划代码 Region code'],
        ['IMP-02', '坏网格', '12'],
      ],
      m: [
        ['网格编码 Grid code', '账号 Username'],
        ['NOPE', 'nobody'],
      ],
    });
    const p2 = await admin.inject({ method: 'POST', url: '/api/grids/import/preview', ...multipart(bad) });
    expect(p2.json().counts.invalid).toBe(2);
    const r2 = await admin.inject({
      method: 'POST',
      url: `/api/grids/import?token=${p2.json().token}`,
      ...multipart(bad),
    });
    expect(r2.statusCode).toBe(422);
    expect((await admin.inject({ method: 'GET', url: '/api/grids?q=IMP-02' })).json().total).toBe(0);
    const notBook = await admin.inject({
      method: 'POST',
      url: '/api/grids/import/preview',
      ...multipart(Buffer.from('hello')),
    });
    expect(notBook.statusCode).toBe(422);
  });
});
