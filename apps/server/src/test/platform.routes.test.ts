import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from './build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from './factories.js';

let t: TTestApp;
let dispatcher: TSession;
let head: TSession;
let otherDept: string;
let auditor: TSession;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const dept = await buildDepartment(db);
  otherDept = (await buildDepartment(db)).id;
  dispatcher = await loginStaff(t.app, (await buildUser(db, { role: 'dispatcher' })).username!, TEST_PASSWORD);
  head = await loginStaff(
    t.app,
    (await buildUser(db, { role: 'department_head', departmentId: dept.id })).username!,
    TEST_PASSWORD,
  );
  auditor = await loginStaff(t.app, (await buildUser(db, { role: 'audit_admin' })).username!, TEST_PASSWORD);
});
afterAll(() => t.close());

function multipart(s: TSession, url: string, buf: Buffer) {
  const b = '----zl';
  const payload = Buffer.concat([
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return s.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
}

describe('audit log', () => {
  it('records state changes and cannot be changed, even by the application', async () => {
    const tourist = await loginTourist(t.app, '13200000001');
    await tourist.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '景区排队太久，工作人员态度差。' },
    });
    const log = await auditor.inject({ method: 'GET', url: '/api/audit-logs?action=work_order.submit' });
    expect(log.statusCode).toBe(200);
    expect(log.json().total).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(log.json())).not.toContain('13200000001');
    await expect(t.database.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    expect((await dispatcher.inject({ method: 'GET', url: '/api/audit-logs' })).statusCode).toBe(403);
  });
});

describe('evidence photos', () => {
  it('accepts images by magic bytes, strips EXIF, and serves them only to who may see them', async () => {
    const tourist = await loginTourist(t.app, '13200000002');
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c33' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-gps-stand-in' } } })
      .toBuffer();
    expect(jpeg.includes(Buffer.from('secret-gps-stand-in'))).toBe(true);
    const up = await multipart(tourist, '/api/files', jpeg);
    expect(up.statusCode).toBe(201);
    const id = up.json().id;
    const got = await tourist.inject({ method: 'GET', url: `/api/files/${id}` });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.includes(Buffer.from('secret-gps-stand-in'))).toBe(false);
    const other = await loginTourist(t.app, '13200000003');
    expect((await other.inject({ method: 'GET', url: `/api/files/${id}` })).statusCode).toBe(404);
    const fake = await multipart(tourist, '/api/files', Buffer.from('<script>alert(1)</script>'));
    expect(fake.statusCode).toBe(415);
    // Someone else's photo cannot be attached to my order.
    const steal = await other.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '酒店拒绝退还押金，态度恶劣。', photoIds: [id] },
    });
    expect(steal.statusCode).toBe(422);
  });
});

describe('statistics', () => {
  it('exports the same rows as the screen, and a department head sees only their department', async () => {
    const screen = await dispatcher.inject({ method: 'GET', url: '/api/statistics/work-orders?groupBy=category' });
    expect(screen.statusCode).toBe(200);
    const exp = await dispatcher.inject({ method: 'GET', url: '/api/statistics/work-orders/export?groupBy=category' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount - 1).toBe(screen.json().items.length);
    expect(
      (await head.inject({ method: 'GET', url: `/api/statistics/work-orders?departmentId=${otherDept}` })).statusCode,
    ).toBe(403);
    const own = await head.inject({ method: 'GET', url: '/api/statistics/work-orders' });
    expect(own.json().departmentId).not.toBeNull();
    const bad = await dispatcher.inject({
      method: 'GET',
      url: '/api/statistics/work-orders?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('notifications', () => {
  it('a new appeal notifies the dispatchers', async () => {
    const tourist = await loginTourist(t.app, '13200000004');
    await tourist.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'help', text: '老人在景区高原反应，需要帮助。' },
    });
    const n = await dispatcher.inject({ method: 'GET', url: '/api/notifications' });
    expect(n.json().unread).toBeGreaterThanOrEqual(1);
    const first = n.json().items[0];
    expect((await dispatcher.inject({ method: 'POST', url: `/api/notifications/${first.id}/read` })).statusCode).toBe(
      204,
    );
    expect((await head.inject({ method: 'POST', url: `/api/notifications/${first.id}/read` })).statusCode).toBe(404);
  });
});
