import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { validUscc } from '../../test/uscc-fixture.js';
import { grids } from './master-data.tables.js';

let t: TTestApp;
let admin: TSession;
let dispatcher: TSession;
const biz = (over: object = {}) => ({
  name: '测试银器店',
  kind: 'shop',
  uscc: validUscc(),
  regionCode: '530702',
  lng: 100.23,
  lat: 26.87,
  contactPhone: '13912345678',
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  const a = await buildUser(t.database.db, { role: 'system_admin' });
  admin = await loginStaff(t.app, a.username!, TEST_PASSWORD);
  const d = await buildUser(t.database.db, { role: 'dispatcher' });
  dispatcher = await loginStaff(t.app, d.username!, TEST_PASSWORD);
});
afterAll(() => t.close());

async function multipart(s: TSession, url: string, buf: Buffer) {
  const boundary = '----zhilvtest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return s.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe('businesses', () => {
  it('the admin creates and edits one; USCC checksum and duplicates are refused with a field', async () => {
    const created = await admin.inject({ method: 'POST', url: '/api/businesses', payload: biz() });
    expect(created.statusCode).toBe(201);
    expect(created.json().contactPhone).toBe('139****5678');
    const bad = await admin.inject({
      method: 'POST',
      url: '/api/businesses',
      payload: biz({ uscc: '91530702MA00000000' }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'invalid_uscc', field: 'uscc' });
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/businesses',
      payload: biz({ uscc: created.json().uscc }),
    });
    expect(dup.statusCode).toBe(409);
    const edit = await admin.inject({
      method: 'PUT',
      url: `/api/businesses/${created.json().id}`,
      payload: biz({ uscc: created.json().uscc, name: '新名字银器店' }),
    });
    expect(edit.json().name).toBe('新名字银器店');
    const unknownField = await admin.inject({
      method: 'POST',
      url: '/api/businesses',
      payload: { ...biz(), score: 100 },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({ code: 'validation_failed', field: 'score' });
    const missing = await admin.inject({
      method: 'PUT',
      url: '/api/businesses/00000000-0000-4000-8000-000000000000',
      payload: biz(),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('assigns a business to a grid: the list names the grid; an unknown grid is refused with the field', async () => {
    const [grid] = await t.database.db
      .insert(grids)
      .values({ code: `G${Date.now() % 1e8}`, name: '七星街网格', regionCode: '530702' })
      .returning();
    const created = await admin.inject({ method: 'POST', url: '/api/businesses', payload: biz({ gridId: grid.id }) });
    expect(created.statusCode).toBe(201);
    const listed = await admin.inject({ method: 'GET', url: `/api/businesses?q=${created.json().uscc}` });
    expect(listed.json().items[0]).toMatchObject({ gridId: grid.id, gridName: '七星街网格' });
    const unknown = await admin.inject({
      method: 'PUT',
      url: `/api/businesses/${created.json().id}`,
      payload: biz({ uscc: created.json().uscc, gridId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'field_invalid', field: 'gridId' });
  });

  it('only the system admin writes; staff read; tourists and anonymous are refused', async () => {
    expect((await dispatcher.inject({ method: 'POST', url: '/api/businesses', payload: biz() })).statusCode).toBe(403);
    expect((await dispatcher.inject({ method: 'GET', url: '/api/businesses' })).statusCode).toBe(200);
    const tourist = await loginTourist(t.app, '13600000011');
    expect((await tourist.inject({ method: 'GET', url: '/api/businesses' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/businesses' })).statusCode).toBe(401);
    const pub = await t.app.inject({ method: 'GET', url: '/api/businesses/search?q=银器' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()[0]).not.toHaveProperty('contactPhone');
  });

  it('exports to Excel and imports it back, reporting bad rows without writing them', async () => {
    const exp = await admin.inject({ method: 'GET', url: '/api/businesses/export' });
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toBe('名称 Name');
    const good = validUscc();
    ws.addRow([
      '导入测试客栈',
      'Import Inn',
      'homestay',
      good,
      null,
      null,
      '甲级',
      '古城区',
      100.2,
      26.8,
      '530702',
      '和先生',
    ]);
    ws.addRow(['坏数据客栈', '', 'homestay', '91530702MA00000000', null, null, null, '', null, null, '530702', '']);
    // All or nothing: one bad row (a USCC with a wrong check character) and the good row is not written either.
    const refused = await multipart(admin, '/api/businesses/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'import_rows_invalid', created: 0, updated: 0 });
    expect(refused.json().errors).toEqual([expect.objectContaining({ row: ws.rowCount, field: 'uscc' })]);
    const none = await admin.inject({ method: 'GET', url: '/api/businesses?q=导入测试客栈' });
    expect(none.json().total).toBe(0);
    ws.spliceRows(ws.rowCount, 1);
    const res = await multipart(admin, '/api/businesses/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    const found = await admin.inject({ method: 'GET', url: '/api/businesses?q=导入测试客栈' });
    expect(found.json().total).toBe(1);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, found.json().items[0].id));
    expect(audit.map((e) => e.action)).toEqual(['business.create']);
    const bad = await multipart(admin, '/api/businesses/import', Buffer.from('not a workbook'));
    expect(bad.statusCode).toBe(422);
  });
});

describe('departments, practitioners, grids', () => {
  it('validates ID numbers and masks them; departments by code', async () => {
    const bad = await admin.inject({
      method: 'POST',
      url: '/api/practitioners',
      payload: { name: '和导', kind: 'guide', idNumber: '530702199001011235' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().field).toBe('idNumber');
    const ok = await admin.inject({
      method: 'POST',
      url: '/api/practitioners',
      payload: { name: '和导', kind: 'guide', idNumber: '11010519491231002X' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().idNumber).toBe('1101**********002X');
    const d = await admin.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'test_dept', name: '测试局', nameEn: 'Test Bureau' },
    });
    expect(d.statusCode).toBe(201);
    expect(
      (
        await admin.inject({
          method: 'POST',
          url: '/api/departments',
          payload: { code: 'test_dept', name: '测试局', nameEn: 'Test Bureau' },
        })
      ).statusCode,
    ).toBe(409);
    const g = await admin.inject({
      method: 'POST',
      url: '/api/grids',
      payload: { code: 'T001', name: '测试网格', regionCode: '530702' },
    });
    expect(g.statusCode).toBe(201);
    expect((await dispatcher.inject({ method: 'GET', url: `/api/grids/${g.json().id}` })).json().businesses).toEqual(
      [],
    );
  });
});
