import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.js';
import type { TSession } from '../../test/build-test-app.js';
import { inspections } from './inspections.tables.js';
import { buildInspectionsWorld, submit, uploadPhoto, visit } from './test-helpers.js';

let w: Awaited<ReturnType<typeof buildInspectionsWorld>>;

beforeAll(async () => {
  w = await buildInspectionsWorld();
}, 60_000);
afterAll(() => w.t.close());

const get = (s: TSession, url: string) => s.inject({ method: 'GET', url });
const post = (s: TSession, url: string, payload: object = {}) => s.inject({ method: 'POST', url, payload });

/** Worker A inspects business A: exits fail with a photo (major), the rest pass. */
async function failingVisit(over: Record<string, unknown> = {}, outcomes?: Parameters<typeof visit>[3]) {
  const photo = await uploadPhoto(w.s.workerA);
  const res = await submit(
    w.s.workerA,
    visit(
      w.t,
      w.bizA.id,
      w.checklist.id,
      outcomes ?? {
        exits: { outcome: 'fail', photoIds: [photo], note: '二楼安全出口被杂物堵塞' },
        extinguishers: { outcome: 'pass' },
        records: { outcome: 'not_applicable' },
      },
      over,
    ),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('checklists', () => {
  it('the admin revises a checklist: a new version, the old one retired but still readable', async () => {
    const v1 = w.checklist;
    expect(v1.version).toBe(1);
    const res = await w.s.admin.inject({
      method: 'POST',
      url: '/api/checklists',
      payload: {
        code: 'price_board',
        name: '明码标价',
        topic: 'price_display',
        items: [{ key: 'board', text: '公示价目表', severity: 'minor' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const rev = await w.s.admin.inject({
      method: 'POST',
      url: '/api/checklists',
      payload: {
        code: 'price_board',
        name: '明码标价（修订）',
        topic: 'price_display',
        items: [
          { key: 'board', text: '公示价目表', severity: 'minor' },
          { key: 'tags', text: '商品标价签齐全', severity: 'general', photoRequired: true },
        ],
      },
    });
    expect(rev.json()).toMatchObject({ version: 2, active: true });
    const active = (await get(w.s.workerA, '/api/checklists')).json();
    expect(
      active.filter((c: { code: string }) => c.code === 'price_board').map((c: { version: number }) => c.version),
    ).toEqual([2]);
    const old = await get(w.s.workerA, `/api/checklists/${res.json().id}`);
    expect(old.json()).toMatchObject({ version: 1, active: false });
    // An inspection may not start on a retired version: it keeps the one it was done with, but new ones use the new.
    const stale = await submit(w.s.workerA, visit(w.t, w.bizA.id, res.json().id, { board: { outcome: 'pass' } }));
    expect(stale.statusCode).toBe(422);
    expect(stale.json()).toMatchObject({ code: 'checklist_retired', field: 'checklistId' });
  });

  it('only the admin edits; bad input answers 400 naming the field', async () => {
    expect(
      (await post(w.s.workerA, '/api/checklists', { code: 'x_1', name: 'x', topic: 'hygiene', items: [] })).statusCode,
    ).toBe(403);
    const bad = await w.s.admin.inject({
      method: 'POST',
      url: '/api/checklists',
      payload: { code: 'Bad Code', name: 'x', topic: 'hygiene', items: [{ key: 'a', text: 'a', severity: 'huge' }] },
    });
    expect(bad.statusCode).toBe(400);
    const dup = await w.s.admin.inject({
      method: 'POST',
      url: '/api/checklists',
      payload: {
        code: 'dup_keys',
        name: 'x',
        topic: 'hygiene',
        items: [
          { key: 'a', text: 'a', severity: 'minor' },
          { key: 'a', text: 'b', severity: 'minor' },
        ],
      },
    });
    expect(dup.statusCode).toBe(422);
  });
});

describe('an inspection on the phone', () => {
  it('a failed item becomes a hazard with its deadline by severity; the record keeps GPS, version and flags', async () => {
    const i = await failingVisit();
    expect(i).toMatchObject({
      kind: 'patrol',
      result: 'fail',
      farFromBusiness: false,
      checklist: { id: w.checklist.id, version: 1 },
      business: { id: w.bizA.id },
      publishedAt: expect.any(String),
    });
    expect(i.distanceM).toBeLessThan(50);
    expect(i.hazardIds).toHaveLength(1);
    const h = (await get(w.s.workerA, `/api/hazards/${i.hazardIds[0]}`)).json();
    expect(h).toMatchObject({
      severity: 'major',
      status: 'open',
      round: 1,
      itemKey: 'exits',
      legalBasis: expect.stringContaining('消防法'),
    });
    // Major: 3 days from the submission.
    expect(new Date(h.dueAt).getTime() - new Date(i.submittedAt).getTime()).toBe(3 * 86_400_000);
    expect(h.hazardNo).toMatch(/^YH\d{8}[0-9A-F]{6}$/);
  });

  it('one Idempotency-Key makes one inspection however often it is replayed; another body with it is refused', async () => {
    const photo = await uploadPhoto(w.s.workerA);
    const body = visit(w.t, w.bizA.id, w.checklist.id, {
      exits: { outcome: 'pass' },
      extinguishers: { outcome: 'fail', photoIds: [photo] },
      records: { outcome: 'pass' },
    });
    const key = randomUUID();
    const answers = await Promise.all([submit(w.s.workerA, body, key), submit(w.s.workerA, body, key)]);
    const again = await submit(w.s.workerA, body, key);
    const ok = [...answers, again].filter((r) => r.statusCode === 201);
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ok.map((r) => r.json().id)).size).toBe(1);
    const rows = await w.t.database.db.select().from(inspections).where(eq(inspections.id, again.json().id));
    expect(rows).toHaveLength(1);
    const audits = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'inspection.submit'), eq(auditLog.objectId, again.json().id)));
    expect(audits).toHaveLength(1);
    const other = await submit(w.s.workerA, { ...body, notes: '换了内容' }, key);
    expect(other.statusCode).toBe(422);
    // A new key with the same photos is a second visit, and photos attach to one record only.
    expect((await submit(w.s.workerA, body)).json()).toMatchObject({ code: 'file_not_found' });
    const noKey = await w.s.workerA.inject({ method: 'POST', url: '/api/inspections', payload: body });
    expect(noKey.statusCode).toBe(400);
  });

  it('refuses bad visits with the field: a missing photo, a missing item, a start in the future', async () => {
    const noPhoto = await submit(
      w.s.workerA,
      visit(w.t, w.bizA.id, w.checklist.id, {
        exits: { outcome: 'fail' },
        extinguishers: { outcome: 'pass' },
        records: { outcome: 'pass' },
      }),
    );
    expect(noPhoto.statusCode).toBe(422);
    expect(noPhoto.json()).toMatchObject({ code: 'inspection_photo_required', field: 'results.0.photoIds' });
    const missing = await submit(w.s.workerA, visit(w.t, w.bizA.id, w.checklist.id, { exits: { outcome: 'pass' } }));
    expect(missing.json()).toMatchObject({ code: 'inspection_items_missing' });
    const future = await submit(
      w.s.workerA,
      visit(
        w.t,
        w.bizA.id,
        w.checklist.id,
        { exits: { outcome: 'pass' }, extinguishers: { outcome: 'pass' }, records: { outcome: 'pass' } },
        {
          startedAt: new Date(w.t.clock.now().getTime() + 3_600_000).toISOString(),
        },
      ),
    );
    expect(future.json()).toMatchObject({ code: 'inspection_started_at_invalid', field: 'startedAt' });
    const nul = await submit(w.s.workerA, { ...visit(w.t, w.bizA.id, w.checklist.id, {}), notes: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    const draw = await submit(
      w.s.workerA,
      visit(
        w.t,
        w.bizA.id,
        w.checklist.id,
        { exits: { outcome: 'pass' }, extinguishers: { outcome: 'pass' }, records: { outcome: 'pass' } },
        { kind: 'random_draw' },
      ),
    );
    expect(draw.json()).toMatchObject({ code: 'inspection_draw_task_missing' });
  });

  it('flags a visit far from the business, and a night or weekend check by Beijing time', async () => {
    // Saturday 2026-11-28 21:30 in the prefecture = 13:30 UTC.
    const res = await submit(
      w.s.workerA,
      visit(
        w.t,
        w.bizA.id,
        w.checklist.id,
        { exits: { outcome: 'pass' }, extinguishers: { outcome: 'pass' }, records: { outcome: 'pass' } },
        {
          startedAt: new Date(
            Math.min(Date.parse('2026-11-28T13:30:00Z'), w.t.clock.now().getTime() - 60_000),
          ).toISOString(),
          position: { lng: 100.3, lat: 26.87 },
        },
      ),
    );
    expect(res.statusCode, res.body).toBe(201);
    const i = res.json();
    expect(i.farFromBusiness).toBe(true);
    expect(i.distanceM).toBeGreaterThan(500);
    expect(i.result).toBe('pass');
    expect(i.hazardIds).toEqual([]);
  });

  it("a grid worker cannot inspect another grid's business; a business account or a tourist cannot inspect", async () => {
    const body = visit(w.t, w.bizB.id, w.checklist.id, {
      exits: { outcome: 'pass' },
      extinguishers: { outcome: 'pass' },
      records: { outcome: 'pass' },
    });
    expect((await submit(w.s.workerA, body)).statusCode).toBe(404);
    expect((await submit(w.s.bizB, body)).statusCode).toBe(403);
    // A department inspector may inspect any business of the sector.
    expect((await submit(w.s.staffB, body)).statusCode).toBe(201);
  });
});

describe('who sees what', () => {
  it("inspections: own grid, own business, leaders; not another grid's worker, business or department", async () => {
    const i = await failingVisit();
    expect((await get(w.s.workerA, `/api/inspections/${i.id}`)).statusCode).toBe(200);
    expect((await get(w.s.bizA, `/api/inspections/${i.id}`)).statusCode).toBe(200);
    expect((await get(w.s.leader, `/api/inspections/${i.id}`)).statusCode).toBe(200);
    expect((await get(w.s.workerB, `/api/inspections/${i.id}`)).statusCode).toBe(404);
    expect((await get(w.s.bizB, `/api/inspections/${i.id}`)).statusCode).toBe(404);
    expect((await get(w.s.staffB, `/api/inspections/${i.id}`)).statusCode).toBe(404);
    const hz = i.hazardIds[0];
    expect((await get(w.s.workerB, `/api/hazards/${hz}`)).statusCode).toBe(404);
    expect((await get(w.s.bizB, `/api/hazards/${hz}`)).statusCode).toBe(404);
    const listB = (await get(w.s.workerB, '/api/inspections?pageSize=200')).json();
    expect(listB.items.some((x: { id: string }) => x.id === i.id)).toBe(false);
    const listBizB = (await get(w.s.bizB, '/api/hazards?pageSize=200')).json();
    expect(listBizB.items.some((x: { id: string }) => x.id === hz)).toBe(false);
    const mine = (await get(w.s.workerA, '/api/inspections?mine=true&pageSize=200')).json();
    expect(mine.items.some((x: { id: string }) => x.id === i.id)).toBe(true);
  });

  it("a department sees its own inspectors' inspections and not another department's", async () => {
    const photo = await uploadPhoto(w.s.staffA);
    const res = await submit(
      w.s.staffA,
      visit(w.t, w.bizB.id, w.checklist.id, {
        exits: { outcome: 'fail', photoIds: [photo] },
        extinguishers: { outcome: 'pass' },
        records: { outcome: 'pass' },
      }),
    );
    const i = res.json();
    expect(i.departmentId).toBe(w.deptA.id);
    expect((await get(w.s.headA, `/api/inspections/${i.id}`)).statusCode).toBe(200);
    expect((await get(w.s.staffB, `/api/inspections/${i.id}`)).statusCode).toBe(404);
    // Business B's grid worker sees it too: it is about a business of their grid.
    expect((await get(w.s.workerB, `/api/inspections/${i.id}`)).statusCode).toBe(200);
  });

  it('a mystery visit and its hazards are hidden from the business until published', async () => {
    const photo = await uploadPhoto(w.s.staffA);
    const res = await submit(
      w.s.staffA,
      visit(
        w.t,
        w.bizA.id,
        w.checklist.id,
        {
          exits: { outcome: 'pass' },
          extinguishers: { outcome: 'fail', photoIds: [photo] },
          records: { outcome: 'pass' },
        },
        { kind: 'mystery' },
      ),
    );
    const i = res.json();
    expect(i.publishedAt).toBeNull();
    const hz = i.hazardIds[0];
    expect((await get(w.s.bizA, `/api/inspections/${i.id}`)).statusCode).toBe(404);
    expect((await get(w.s.bizA, `/api/hazards/${hz}`)).statusCode).toBe(404);
    expect(
      (await post(w.s.bizA, `/api/hazards/${hz}/answer`, { text: 'x', photoIds: [randomUUID()] })).statusCode,
    ).toBe(404);
    const list = (await get(w.s.bizA, '/api/hazards?pageSize=200')).json();
    expect(list.items.some((x: { id: string }) => x.id === hz)).toBe(false);
    expect((await post(w.s.workerB, `/api/inspections/${i.id}/publish`)).statusCode).toBe(404);
    const pub = await post(w.s.staffA, `/api/inspections/${i.id}/publish`);
    expect(pub.statusCode).toBe(200);
    expect((await post(w.s.staffA, `/api/inspections/${i.id}/publish`)).statusCode).toBe(409);
    expect((await get(w.s.bizA, `/api/inspections/${i.id}`)).statusCode).toBe(200);
    expect((await get(w.s.bizA, `/api/hazards/${hz}`)).statusCode).toBe(200);
  });

  it('the business confirms a record later in its own account, once', async () => {
    const i = await failingVisit();
    expect(i.confirmedAt).toBeNull();
    expect((await post(w.s.bizB, `/api/inspections/${i.id}/confirm`, { name: '李四' })).statusCode).toBe(404);
    const ok = await post(w.s.bizA, `/api/inspections/${i.id}/confirm`, { name: '张三' });
    expect(ok.json()).toMatchObject({ confirmedByName: '张三', confirmedVia: 'account' });
    expect((await post(w.s.bizA, `/api/inspections/${i.id}/confirm`, { name: '张三' })).statusCode).toBe(409);
  });
});

describe('rectification', () => {
  it('the business answers with evidence; rejected sets a new deadline; accepted closes it on time', async () => {
    const i = await failingVisit();
    const hz = i.hazardIds[0];
    const evidence = await uploadPhoto(w.s.bizA);
    expect((await post(w.s.bizA, `/api/hazards/${hz}/answer`, { text: '已清理', photoIds: [] })).statusCode).toBe(400);
    expect(
      (await post(w.s.bizB, `/api/hazards/${hz}/answer`, { text: '已清理', photoIds: [evidence] })).statusCode,
    ).toBe(404);
    // Someone else's photo cannot be attached.
    const foreign = await uploadPhoto(w.s.bizB);
    expect(
      (await post(w.s.bizA, `/api/hazards/${hz}/answer`, { text: '已清理', photoIds: [foreign] })).statusCode,
    ).toBe(422);
    const answered = await post(w.s.bizA, `/api/hazards/${hz}/answer`, { text: '已清理杂物', photoIds: [evidence] });
    expect(answered.json()).toMatchObject({ status: 'answered', answerPhotoIds: [evidence] });
    expect((await post(w.s.bizA, `/api/hazards/${hz}/answer`, { text: '再次', photoIds: [evidence] })).statusCode).toBe(
      409,
    );
    // The evidence photo is readable by the supervisor, not by another business.
    expect((await get(w.s.workerA, `/api/files/${evidence}`)).statusCode).toBe(200);
    expect((await get(w.s.bizB, `/api/files/${evidence}`)).statusCode).toBe(404);
    expect((await post(w.s.workerB, `/api/hazards/${hz}/review`, { decision: 'accept' })).statusCode).toBe(404);
    expect((await post(w.s.bizA, `/api/hazards/${hz}/review`, { decision: 'accept' })).statusCode).toBe(403);
    const rejected = await post(w.s.workerA, `/api/hazards/${hz}/review`, {
      decision: 'reject',
      note: '仍有杂物',
      days: 2,
    });
    expect(rejected.json()).toMatchObject({ status: 'open', round: 2 });
    expect(new Date(rejected.json().dueAt).getTime() - w.t.clock.now().getTime()).toBe(2 * 86_400_000);
    const evidence2 = await uploadPhoto(w.s.bizA);
    await post(w.s.bizA, `/api/hazards/${hz}/answer`, { text: '已彻底清理', photoIds: [evidence2] });
    const closed = await post(w.s.workerA, `/api/hazards/${hz}/review`, { decision: 'accept', note: '复查合格' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedOnTime: true });
    expect(closed.json().history.map((h: { action: string }) => h.action)).toEqual([
      'issued',
      'answered',
      'rejected',
      'answered',
      'accepted',
    ]);
    expect((await post(w.s.workerA, `/api/hazards/${hz}/review`, { decision: 'accept' })).statusCode).toBe(409);
  });

  it('serves the rectification order as a PDF with Chinese text, to those who see the hazard', async () => {
    const i = await failingVisit();
    const res = await get(w.s.bizA, `/api/hazards/${i.hazardIds[0]}/order.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(w.s.bizB, `/api/hazards/${i.hazardIds[0]}/order.pdf`)).statusCode).toBe(404);
  });

  it('a major hazard raises a work order and a referral with its number; a minor one cannot', async () => {
    const i = await failingVisit();
    const hz = i.hazardIds[0];
    expect((await post(w.s.bizA, `/api/hazards/${hz}/work-order`, { category: 'safety' })).statusCode).toBe(403);
    const wo = await post(w.s.workerA, `/api/hazards/${hz}/work-order`, { category: 'safety', note: '需消防部门处理' });
    expect(wo.statusCode, wo.body).toBe(200);
    expect(wo.json().workOrderId).toEqual(expect.any(String));
    expect((await post(w.s.workerA, `/api/hazards/${hz}/work-order`, { category: 'safety' })).statusCode).toBe(409);
    const ref = await post(w.s.workerA, `/api/hazards/${hz}/referral`, { note: '拒不整改，移送立案' });
    expect(ref.json().referralNo).toMatch(/^YS\d{8}[0-9A-F]{6}$/);
    const minor = await failingVisit(
      {},
      {
        exits: { outcome: 'pass' },
        extinguishers: { outcome: 'pass' },
        records: { outcome: 'fail' },
      },
    );
    const m = minor.hazardIds[0];
    expect((await post(w.s.workerA, `/api/hazards/${m}/referral`, { note: 'x' })).json()).toMatchObject({
      code: 'hazard_not_major',
    });
  });

  it('the admin changes the days by severity; new hazards get them', async () => {
    expect(
      (
        await w.s.workerA.inject({
          method: 'PUT',
          url: '/api/rectification-days',
          payload: { major: 2, general: 5, minor: 10 },
        })
      ).statusCode,
    ).toBe(403);
    const put = await w.s.admin.inject({
      method: 'PUT',
      url: '/api/rectification-days',
      payload: { major: 2, general: 5, minor: 10 },
    });
    expect(put.json()).toEqual({ major: 2, general: 5, minor: 10 });
    const i = await failingVisit();
    const h = (await get(w.s.workerA, `/api/hazards/${i.hazardIds[0]}`)).json();
    expect(new Date(h.dueAt).getTime() - new Date(i.submittedAt).getTime()).toBe(2 * 86_400_000);
    await w.s.admin.inject({
      method: 'PUT',
      url: '/api/rectification-days',
      payload: { major: 3, general: 7, minor: 15 },
    });
  });
});

describe('ledger and statistics', () => {
  it('the hazard ledger filters by grid and county and exports what the reader sees', async () => {
    await failingVisit();
    const byGrid = (await get(w.s.leader, `/api/hazards?gridId=${w.gridA.id}&pageSize=200`)).json();
    expect(byGrid.total).toBeGreaterThan(0);
    expect(byGrid.items.every((h: { gridId: string }) => h.gridId === w.gridA.id)).toBe(true);
    const county = (await get(w.s.leader, '/api/hazards?regionCode=530721&pageSize=200')).json();
    expect(county.items.every((h: { business: { regionCode: string } }) => h.business.regionCode === '530721')).toBe(
      true,
    );
    const res = await get(w.s.workerB, '/api/hazards/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets[0].getColumn(2).values.slice(2);
    expect(names.length).toBeGreaterThan(0);
    expect(names).not.toContain(w.bizA.name);
    expect((await get(w.s.bizA, '/api/hazards/export')).statusCode).toBe(403);
  });

  it('statistics per county, grid and department with coverage and the night/weekend share; Excel too', async () => {
    const s = (await get(w.s.leader, '/api/inspections/stats?by=county')).json();
    const a = s.rows.find((r: { key: string }) => r.key === '530702');
    expect(a.inspections).toBeGreaterThan(0);
    expect(a.coverage).toBeGreaterThan(0);
    expect(s.totals.inspections).toBeGreaterThan(0);
    const grid = (await get(w.s.workerA, '/api/inspections/stats?by=grid')).json();
    expect(grid.rows.map((r: { key: string }) => r.key)).not.toContain(w.gridB.id);
    const x = await get(w.s.leader, '/api/inspections/stats/export?by=department');
    expect(x.statusCode).toBe(200);
    expect((await get(w.s.bizA, '/api/inspections/stats')).statusCode).toBe(403);
  });
});

describe('interviews', () => {
  it('a department records an interview; the business sees its own, not others', async () => {
    const body = {
      businessId: w.bizA.id,
      incident: '11月20日游客在店内摔伤',
      heldAt: w.t.clock.now().toISOString(),
      participants: [
        { name: '王科长', organisation: '文化和旅游局' },
        { name: '赵经理', organisation: '测试商户' },
      ],
      minutes: '通报事故情况，责令企业整改。',
      commitments: [{ text: '一周内加装防滑垫', dueOn: '2026-12-31' }],
      followUpOn: '2026-12-31',
    };
    expect((await post(w.s.workerA, '/api/interviews', body)).statusCode).toBe(403);
    const res = await post(w.s.staffA, '/api/interviews', body);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect((await get(w.s.bizA, `/api/interviews/${id}`)).statusCode).toBe(200);
    expect((await get(w.s.bizB, `/api/interviews/${id}`)).statusCode).toBe(404);
    expect((await get(w.s.staffB, `/api/interviews/${id}`)).statusCode).toBe(404);
    expect(
      (await post(w.s.staffA, '/api/interviews', { ...body, commitments: [{ text: 'x', dueOn: '2026-02-30' }] }))
        .statusCode,
    ).toBe(400);
  });
});
