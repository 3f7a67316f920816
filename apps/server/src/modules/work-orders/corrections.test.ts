import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';

let t: TTestApp;
let dispatcher: TSession;
let admin: TSession;
let leader: TSession;
let tourist: TSession;
let deptId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptId = (await buildDepartment(db)).id;
  dispatcher = await loginStaff(t.app, (await buildUser(db, { role: 'dispatcher' })).username!, TEST_PASSWORD);
  admin = await loginStaff(t.app, (await buildUser(db, { role: 'system_admin' })).username!, TEST_PASSWORD);
  leader = await loginStaff(t.app, (await buildUser(db, { role: 'leader' })).username!, TEST_PASSWORD);
  tourist = await loginTourist(t.app, '13400000081');
});
afterAll(() => t.close());

const submit = (text: string) =>
  tourist.inject({ method: 'POST', url: '/api/work-orders', payload: { kind: 'complaint', text } });
const dispatch = (id: string, category?: string) =>
  dispatcher.inject({
    method: 'POST',
    url: `/api/work-orders/${id}/dispatch`,
    payload: { departmentId: deptId, ...(category ? { category } : {}) },
  });
const pending = async () =>
  (await admin.inject({ method: 'GET', url: '/api/admin/classifier/corrections?status=pending' })).json();

describe('learning from dispatchers', () => {
  it('records a category change with the text, both categories, who and when; an admin accepts and exports it', async () => {
    const o = (await submit('景区索道排队三个小时，只开了一条线，电话13912345678也没人接')).json();
    const before = o.category;
    const to = before === 'scenic_service' ? 'safety' : 'scenic_service';
    expect((await dispatch(o.id, to)).statusCode).toBe(200);

    const list = await pending();
    const row = list.items.find((x: { workOrderId: string }) => x.workOrderId === o.id);
    expect(row).toMatchObject({ originalCategory: before, correctedCategory: to, status: 'pending' });
    expect(row.correctedAt).toBeTruthy();
    expect(row.correctedByName).toBeTruthy();
    // The text leaves as a training row: personal data masked.
    expect(row.text).toContain('景区索道排队');
    expect(row.text).not.toContain('13912345678');

    const ok = await admin.inject({
      method: 'POST',
      url: `/api/admin/classifier/corrections/${row.id}/review`,
      payload: { decision: 'accepted' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('accepted');
    const again = await admin.inject({
      method: 'POST',
      url: `/api/admin/classifier/corrections/${row.id}/review`,
      payload: { decision: 'rejected' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('correction_already_reviewed');

    const jsonl = await admin.inject({ method: 'GET', url: '/api/admin/classifier/corrections/export?format=jsonl' });
    expect(jsonl.statusCode).toBe(200);
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ category: to, text: row.text });

    const xlsx = await admin.inject({ method: 'GET', url: '/api/admin/classifier/corrections/export?format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('Category');
    expect(sheet.getRow(2).getCell(1).value).toBe(to);
  });

  it('records nothing when the dispatcher keeps the category; rejected ones are not exported', async () => {
    const kept = (await submit('导游把我们关在玉器店里，不买东西不让走')).json();
    expect((await dispatch(kept.id)).statusCode).toBe(200);
    const same = (await submit('酒店房间很脏，床单有头发')).json();
    expect((await dispatch(same.id, same.category)).statusCode).toBe(200);
    const ids = (await pending()).items.map((x: { workOrderId: string }) => x.workOrderId);
    expect(ids).not.toContain(kept.id);
    expect(ids).not.toContain(same.id);

    const o = (await submit('网上订的酒店到店说没有房，平台不退款')).json();
    await dispatch(o.id, o.category === 'other' ? 'transport' : 'other');
    const row = (await pending()).items.find((x: { workOrderId: string }) => x.workOrderId === o.id);
    await admin.inject({
      method: 'POST',
      url: `/api/admin/classifier/corrections/${row.id}/review`,
      payload: { decision: 'rejected' },
    });
    const jsonl = await admin.inject({ method: 'GET', url: '/api/admin/classifier/corrections/export' });
    expect(jsonl.body).not.toContain(row.text);
  });

  it('lets only the admin review and export; dispatchers and admins read the threshold table', async () => {
    for (const s of [dispatcher, leader, tourist]) {
      expect((await s.inject({ method: 'GET', url: '/api/admin/classifier/corrections' })).statusCode).toBe(403);
      expect((await s.inject({ method: 'GET', url: '/api/admin/classifier/corrections/export' })).statusCode).toBe(403);
      const review = await s.inject({
        method: 'POST',
        url: '/api/admin/classifier/corrections/00000000-0000-4000-8000-000000000000/review',
        payload: { decision: 'accepted' },
      });
      expect(review.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/classifier/corrections' })).statusCode).toBe(401);
    const missing = await admin.inject({
      method: 'POST',
      url: '/api/admin/classifier/corrections/00000000-0000-4000-8000-000000000000/review',
      payload: { decision: 'accepted' },
    });
    expect(missing.statusCode).toBe(404);
    const bad = await admin.inject({
      method: 'POST',
      url: '/api/admin/classifier/corrections/00000000-0000-4000-8000-000000000000/review',
      payload: { decision: 'maybe' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBeTruthy();

    const gate = await dispatcher.inject({ method: 'GET', url: '/api/admin/classifier/gate' });
    expect(gate.statusCode).toBe(200);
    const g = gate.json();
    expect(g.perCategory.scenic_service.rows.length).toBeGreaterThan(5);
    for (const row of g.overall) {
      expect(row.share).toBeGreaterThanOrEqual(0);
      expect(row.share).toBeLessThanOrEqual(1);
    }
    expect((await leader.inject({ method: 'GET', url: '/api/admin/classifier/gate' })).statusCode).toBe(403);
  });
});
