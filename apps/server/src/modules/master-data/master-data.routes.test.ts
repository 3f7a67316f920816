import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { validUscc } from '../../test/uscc-fixture.js';
import { grids } from '../grids/index.js';

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
});

describe('departments, practitioners', () => {
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
  });
});

describe('department editing', () => {
  it('edits name, code, kind and active in one audited change; a taken code and a bad kind are refused', async () => {
    const made = await admin.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'edit_test', name: '编辑测试局', nameEn: 'Edit Test Bureau' },
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ kind: 'bureau', active: true });
    const id = made.json().id;
    const put = (payload: object) => admin.inject({ method: 'PUT', url: `/api/departments/${id}`, payload });
    const res = await put({
      code: 'edit_test_2',
      name: '编辑后局',
      nameEn: 'Edited Bureau',
      kind: 'county',
      active: false,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'edit_test_2', name: '编辑后局', kind: 'county', active: false });
    const listed = (await dispatcher.inject({ method: 'GET', url: '/api/departments' })).json();
    expect(listed).toContainEqual(
      expect.objectContaining({ id, nameEn: 'Edited Bureau', kind: 'county', active: false }),
    );
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'department.update')));
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ code: 'edit_test', active: true });
    expect(audit[0].after).toMatchObject({ code: 'edit_test_2', active: false });
    const bad = await put({ code: 'edit_test_2', name: '编辑后局', nameEn: 'Edited Bureau', kind: 'ministry' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('kind');
    await admin.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'edit_taken', name: '已占用局', nameEn: 'Taken' },
    });
    const taken = await put({ code: 'edit_taken', name: '编辑后局', nameEn: 'Edited Bureau' });
    expect(taken.statusCode).toBe(409);
    expect((await dispatcher.inject({ method: 'PUT', url: `/api/departments/${id}`, payload: {} })).statusCode).toBe(
      403,
    );
  });
});
