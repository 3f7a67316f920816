import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.js';
import { idNumberCheckChar } from '../../platform/validators.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';

let t: TTestApp;
let admin: TSession;
let dispatcher: TSession;
let secadmin: TSession;
let tourist: TSession;
let seq = 0;

/** A checksum-valid ID number, different on each call. */
const idNumber = () => {
  const first17 = `53070219900101${String(100 + (++seq % 900))}`;
  return first17 + idNumberCheckChar(first17);
};
const licence = () => `D-TEST-${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  admin = await loginStaff(t.app, (await buildUser(db, { role: 'system_admin' })).username!, TEST_PASSWORD);
  dispatcher = await loginStaff(t.app, (await buildUser(db, { role: 'dispatcher' })).username!, TEST_PASSWORD);
  secadmin = await loginStaff(t.app, (await buildUser(db, { role: 'security_admin' })).username!, TEST_PASSWORD);
  tourist = await loginTourist(t.app, '13600000021');
});
afterAll(() => t.close());

async function upload(s: TSession, url: string, buf: Buffer) {
  const boundary = '----zhilvtest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
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

async function readSheet(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows = [];
  for (let r = 2; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
  return { wb, ws, headers, rows };
}

/** A sheet in the export's layout with the given rows (column order as exported). */
async function practitionerSheet(rows: unknown[][]) {
  const exp = await admin.inject({ method: 'GET', url: '/api/practitioners/export?q=__none__' });
  const { wb, ws } = await readSheet(exp.rawPayload);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const countPractitioners = async (q: string) =>
  (await admin.inject({ method: 'GET', url: `/api/practitioners?q=${encodeURIComponent(q)}` })).json().total;

describe('practitioners export', () => {
  it('exports the filtered list with Chinese + English headers and masked personal data', async () => {
    const lic = licence();
    const id = idNumber();
    const made = await admin.inject({
      method: 'POST',
      url: '/api/practitioners',
      payload: { name: '导出测试导游', kind: 'guide', licenseNo: lic, idNumber: id, phone: '13912345678' },
    });
    expect(made.statusCode).toBe(201);
    await admin.inject({
      method: 'POST',
      url: '/api/practitioners',
      payload: { name: '导出测试司机', kind: 'driver' },
    });
    const res = await admin.inject({ method: 'GET', url: '/api/practitioners/export?q=导出测试&kind=guide' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('从业人员.xlsx'));
    const { headers, rows } = await readSheet(res.rawPayload);
    expect(headers).toEqual([
      '姓名 Name',
      '类型 Kind',
      '证件号 Licence no.',
      '身份证号 ID number',
      '电话 Phone',
      '所属经营主体统一社会信用代码 Business USCC',
      '所属经营主体 Business',
      '行政区划代码 Region code',
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].slice(0, 5)).toEqual([
      '导出测试导游',
      'guide',
      lic,
      `${id.slice(0, 4)}**********${id.slice(-4)}`,
      '139****5678',
    ]);
    expect(res.body).not.toContain(id);
  });

  it('only the system admin exports; other roles 403, anonymous 401', async () => {
    for (const url of ['/api/practitioners/export', '/api/departments/export']) {
      expect((await dispatcher.inject({ method: 'GET', url })).statusCode).toBe(403);
      expect((await secadmin.inject({ method: 'GET', url })).statusCode).toBe(403);
      expect((await tourist.inject({ method: 'GET', url })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const bad = await admin.inject({ method: 'GET', url: '/api/practitioners/export?kind=astronaut' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'kind' });
  });
});

describe('practitioners import', () => {
  it('creates and updates by licence number, links the business by USCC, and audits each change', async () => {
    const biz = await buildBusiness(t.database.db);
    const lic = licence();
    const first = await upload(
      admin,
      '/api/practitioners/import',
      await practitionerSheet([
        ['导入测试导游甲', '导游', lic, idNumber(), '13812345678', biz.uscc, null, '530702'],
        ['导入测试讲解员', 'narrator', null, null, null, null, null, null],
      ]),
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ created: 2, updated: 0, errors: [] });
    const listed = await admin.inject({ method: 'GET', url: `/api/practitioners?q=${lic}` });
    expect(listed.json().items[0]).toMatchObject({ kind: 'guide', businessId: biz.id, businessName: biz.name });

    // Re-import the export itself: masked cells keep the stored values; the renamed row is updated.
    const exp = await admin.inject({ method: 'GET', url: `/api/practitioners/export?q=${lic}` });
    const { wb, ws } = await readSheet(exp.rawPayload);
    ws.getRow(2).getCell(1).value = '导入测试导游乙';
    const again = await upload(admin, '/api/practitioners/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(again.json()).toEqual({ created: 0, updated: 1, errors: [] });
    const p = (await admin.inject({ method: 'GET', url: `/api/practitioners?q=${lic}` })).json().items[0];
    expect(p.name).toBe('导入测试导游乙');
    expect(p.phone).toBe('138****5678');
    expect(p.idNumber).toMatch(/^5307\*{10}/);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, p.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['practitioner.create', 'practitioner.update']);
    expect(JSON.stringify(audits.map((a) => [a.before, a.after]))).not.toContain('13812345678');
  });

  it('one bad row and nothing is written: 422 with every row error (row, field, message in the language)', async () => {
    const lic = licence();
    const sheet = await practitionerSheet([
      ['全有全无测试一', 'guide', lic, null, null, null, null, null],
      ['全有全无测试二', 'guide', null, '530702199001011235', null, null, null, null],
      ['全有全无测试三', 'astronaut', null, null, null, null, null, null],
      ['全有全无测试四', 'driver', null, null, '12345', null, null, null],
      ['全有全无测试五', 'driver', null, null, null, '91530702MA0000000X', null, null],
      ['全有全无测试六', 'guide', lic, null, null, null, null, null],
      [null, 'guide', null, null, null, null, null, null],
    ]);
    const res = await upload(admin, '/api/practitioners/import', sheet);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body).toMatchObject({ code: 'import_rows_invalid', field: 'file', created: 0, updated: 0 });
    expect(body.message).toBe('导入文件中有错误行，未导入任何数据');
    expect(body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'idNumber'],
      [4, 'kind'],
      [5, 'phone'],
      [6, 'businessUscc'],
      [7, 'licenseNo'],
      [8, 'name'],
    ]);
    expect(body.errors[0].message).toBe('身份证号码不正确');
    expect(body.errors[1].message).toBe('格式或取值不正确');
    expect(body.errors[5].message).toBe('此项必填');
    expect(await countPractitioners('全有全无测试')).toBe(0);

    const en = await admin.inject({
      method: 'POST',
      url: '/api/practitioners/import',
      payload: {},
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toMatchObject({ code: 'validation_failed', field: 'file', message: 'The request is not valid' });
  });

  it('refuses a file that is not a workbook, or a sheet without the template headers', async () => {
    const junk = await upload(admin, '/api/practitioners/import', Buffer.from('not a workbook'));
    expect(junk.statusCode).toBe(422);
    expect(junk.json()).toMatchObject({ code: 'import_failed', field: 'file' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['Name', 'Kind']).commit();
    wb.worksheets[0].addRow(['表头错误测试', 'guide']);
    const wrong = await upload(admin, '/api/practitioners/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'import_headers', field: 'name' });
    expect(await countPractitioners('表头错误测试')).toBe(0);
  });

  it('only the system admin imports', async () => {
    const sheet = await practitionerSheet([['越权导入测试', 'guide', null, null, null, null, null, null]]);
    for (const s of [dispatcher, secadmin, tourist])
      expect((await upload(s, '/api/practitioners/import', sheet)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/practitioners/import' })).statusCode).toBe(401);
    expect(await countPractitioners('越权导入测试')).toBe(0);
  });
});

describe('departments', () => {
  it('exports departments with Chinese + English headers', async () => {
    const d = await buildDepartment(t.database.db, { name: '导出测试局', regionCode: '530702' });
    const res = await admin.inject({ method: 'GET', url: '/api/departments/export' });
    expect(res.statusCode).toBe(200);
    const { headers, rows } = await readSheet(res.rawPayload);
    expect(headers).toEqual(['代码 Code', '名称 Name', '英文名称 English name', '行政区划代码 Region code']);
    expect(rows).toContainEqual([d.code, '导出测试局', d.nameEn, '530702']);
  });
});
