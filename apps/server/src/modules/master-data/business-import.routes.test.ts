import type { TImportPreview } from '@zhilv/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { validUscc } from '../../test/uscc-fixture.js';
import { businesses } from './master-data.tables.js';

let t: TTestApp;
let admin: TSession;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginStaff(t.app, (await buildUser(t.database.db, { role: 'system_admin' })).username!, TEST_PASSWORD);
});
afterAll(() => t.close());

function multipart(url: string, buf: Buffer) {
  const boundary = '----zhilvimport';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return admin.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
const preview = async (buf: Buffer) => {
  const res = await multipart('/api/businesses/import/preview', buf);
  expect(res.statusCode).toBe(200);
  return res.json() as TImportPreview;
};
const confirm = (buf: Buffer, token: string) => multipart(`/api/businesses/import?token=${token}`, buf);

/** The export of the businesses whose name holds `q`, as a workbook to edit. */
async function exported(q: string) {
  const res = await admin.inject({ method: 'GET', url: `/api/businesses/export?q=${encodeURIComponent(q)}` });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { wb, ws: wb.worksheets[0] };
}
const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const newRow = (name: string, uscc: string) => [
  name,
  'Inn',
  'homestay',
  uscc,
  null,
  null,
  '甲级',
  '古城区',
  100.2,
  26.8,
  '530702',
  '和先生',
];

describe('business import: preview, then confirm', () => {
  it('previews new, changed, unchanged and invalid rows with diffs and field errors, writing nothing', async () => {
    const a = await buildBusiness(t.database.db, { name: '预览甲店', address: '旧地址' });
    const b = await buildBusiness(t.database.db, { name: '预览乙店' });
    const { wb, ws } = await exported('预览');
    expect(ws.rowCount).toBe(3);
    // row 2 or 3 is 甲: change its address; 乙 stays as exported
    const rowA = [2, 3].find((r) => ws.getRow(r).getCell(1).value === '预览甲店')!;
    ws.getRow(rowA).getCell(8).value = '新地址 8 号';
    const fresh = validUscc();
    ws.addRow(newRow('预览新客栈', fresh));
    ws.addRow(['X', '', 'spaceship', '91530702MA00000000', null, null, null, '', null, null, '530702', '']);
    const buf = await bytes(wb);
    const p = await preview(buf);
    expect(p.counts).toEqual({ new: 1, changed: 1, unchanged: 1, invalid: 1 });
    expect(p.token).toMatch(/^[0-9a-f]{64}$/);
    const byStatus = Object.fromEntries(p.rows.map((r) => [r.status, r]));
    expect(byStatus.changed).toMatchObject({
      id: a.id,
      name: '预览甲店',
      changes: [{ field: 'address', before: '旧地址', after: '新地址 8 号' }],
    });
    expect(byStatus.unchanged).toMatchObject({ id: b.id, changes: [] });
    expect(byStatus.new).toMatchObject({ uscc: fresh, name: '预览新客栈' });
    // every bad field of the row at once, in the request's language
    expect(byStatus.invalid.errors.map((e) => e.field).sort()).toEqual(['kind', 'name']);
    expect(byStatus.invalid.errors[0].message).toMatch(/[\u4e00-\u9fa5]/);
    // nothing written by the preview
    expect((await t.database.db.select().from(businesses).where(eq(businesses.uscc, fresh))).length).toBe(0);
    expect((await t.database.db.select().from(businesses).where(eq(businesses.id, a.id)))[0].address).toBe('旧地址');
    // a confirmed file with an invalid row writes nothing either
    const refused = await confirm(buf, p.token);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'import_rows_invalid', created: 0, updated: 0 });
    expect((await t.database.db.select().from(businesses).where(eq(businesses.uscc, fresh))).length).toBe(0);
  });

  it('confirm applies exactly the previewed changes in one audited transaction; unchanged rows are not written', async () => {
    const a = await buildBusiness(t.database.db, { name: '确认甲店', address: '旧地址' });
    const b = await buildBusiness(t.database.db, { name: '确认乙店' });
    const { wb, ws } = await exported('确认');
    const rowA = [2, 3].find((r) => ws.getRow(r).getCell(1).value === '确认甲店')!;
    ws.getRow(rowA).getCell(8).value = '确认后地址';
    const fresh = validUscc();
    ws.addRow(newRow('确认新客栈', fresh));
    const buf = await bytes(wb);
    const p = await preview(buf);
    expect(p.counts).toEqual({ new: 1, changed: 1, unchanged: 1, invalid: 0 });
    const bBefore = (await t.database.db.select().from(businesses).where(eq(businesses.id, b.id)))[0];
    const res = await confirm(buf, p.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, updated: 1, unchanged: 1, errors: [] });
    const [aAfter] = await t.database.db.select().from(businesses).where(eq(businesses.id, a.id));
    expect(aAfter.address).toBe('确认后地址');
    const [bAfter] = await t.database.db.select().from(businesses).where(eq(businesses.id, b.id));
    expect(bAfter.updatedAt).toEqual(bBefore.updatedAt);
    const [made] = await t.database.db.select().from(businesses).where(eq(businesses.uscc, fresh));
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.objectId, [a.id, b.id, made.id]));
    expect(audit.map((e) => [e.objectId, e.action]).sort()).toEqual(
      [
        [a.id, 'business.update'],
        [made.id, 'business.create'],
      ].sort(),
    );
    const imports = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'business.import'), eq(auditLog.actorId, admin.userId)));
    expect(imports.at(-1)?.after).toMatchObject({ created: 1, updated: 1, unchanged: 1, token: p.token });
    // the same confirmation again: the data moved on, so the token no longer matches
    expect((await confirm(buf, p.token)).statusCode).toBe(409);
  });

  it('refuses another file under a preview token, and a file whose records changed since the preview', async () => {
    const a = await buildBusiness(t.database.db, { name: '换文件店' });
    const { wb, ws } = await exported('换文件店');
    ws.getRow(2).getCell(8).value = '预览时的地址';
    const previewed = await bytes(wb);
    const p = await preview(previewed);
    ws.getRow(2).getCell(8).value = '偷换后的地址';
    const other = await bytes(wb);
    const swapped = await confirm(other, p.token);
    expect(swapped.statusCode).toBe(409);
    expect(swapped.json()).toMatchObject({ code: 'import_preview_stale', field: 'token' });
    // someone edits the business between preview and confirm: the previewed diff is no longer what would happen
    await t.database.db.update(businesses).set({ address: '别人刚改的' }).where(eq(businesses.id, a.id));
    expect((await confirm(previewed, p.token)).statusCode).toBe(409);
    expect((await t.database.db.select().from(businesses).where(eq(businesses.id, a.id)))[0].address).toBe(
      '别人刚改的',
    );
    // no token at all: a clear 400 on the field
    const none = await multipart('/api/businesses/import', previewed);
    expect(none.statusCode).toBe(400);
    expect(none.json().field).toBe('token');
    const junk = await multipart('/api/businesses/import/preview', Buffer.from('not a workbook'));
    expect(junk.statusCode).toBe(422);
    expect(junk.json()).toMatchObject({ code: 'import_failed', field: 'file' });
  });
});
