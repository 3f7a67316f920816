import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { haversineMetres } from './geo.js';
import { formatClock, localMinuteOfDay } from './hours.js';

let t: TTestApp;
let admin: TSession;
let dispatcher: TSession;
let tourist: TSession;
let seq = 0;
const station = (over: Record<string, unknown> = {}) => ({
  code: `T-${Date.now().toString(36)}-${++seq}`,
  name: `测试驿站${seq}`,
  nameEn: `Test station ${seq}`,
  kind: 'station',
  services: ['water', 'rest'],
  opensAt: '08:00',
  closesAt: '22:00',
  address: '测试路 1 号',
  lng: 100.2347,
  lat: 26.8724,
  regionCode: '530702002',
  phone: '0888-5100000',
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  await buildRegion(t.database.db, { code: '530702', name: '古城区', level: 2 });
  await buildRegion(t.database.db, { code: '530702002', name: '大研街道', level: 3, parentCode: '530702' });
  const a = await buildUser(t.database.db, { role: 'system_admin' });
  admin = await loginStaff(t.app, a.username!, TEST_PASSWORD);
  const d = await buildUser(t.database.db, { role: 'dispatcher' });
  dispatcher = await loginStaff(t.app, d.username!, TEST_PASSWORD);
  tourist = await loginTourist(t.app, '13700000001');
});
afterAll(() => t.close());

const create = async (over: Record<string, unknown> = {}) => {
  const res = await admin.inject({ method: 'POST', url: '/api/stations', payload: station(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('stations: public reads', () => {
  it('lists active stations nearest first with distances in metres, as the haversine says', async () => {
    const tag = `near${Date.now().toString(36)}`;
    const far = await create({ name: `${tag}远`, lng: 100.75, lat: 26.684, regionCode: '530722101' });
    const mid = await create({ name: `${tag}中`, lng: 100.2045, lat: 26.9196 });
    const near = await create({ name: `${tag}近`, lng: 100.2349, lat: 26.8726 });
    const res = await t.app.inject({ method: 'GET', url: '/api/stations?near=100.2347,26.8724' });
    expect(res.statusCode).toBe(200);
    const mine = res
      .json()
      .filter((s: { name: string }) => s.name.startsWith(tag))
      .map((s: { id: string; distanceMetres: number }) => [s.id, s.distanceMetres]);
    expect(mine.map((x: unknown[]) => x[0])).toEqual([near.id, mid.id, far.id]);
    const all = res.json() as { distanceMetres: number }[];
    // the whole list is ordered by distance
    for (let i = 1; i < all.length; i++)
      expect(all[i].distanceMetres).toBeGreaterThanOrEqual(all[i - 1].distanceMetres);
    const expected = haversineMetres({ lng: 100.2347, lat: 26.8724 }, { lng: 100.2045, lat: 26.9196 });
    expect(Math.abs(mine[1][1] - expected)).toBeLessThanOrEqual(1);
  });

  it('without a position orders by region then name, filters by region, service and kind', async () => {
    await create({
      name: '甲驿站',
      services: ['water', 'charging'],
      regionCode: '530721104',
      lng: 100.2132,
      lat: 26.938,
    });
    await create({
      name: '乙微站',
      kind: 'micro_station',
      services: ['first_aid'],
      regionCode: '530721104',
      lng: 100.21,
      lat: 26.94,
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/stations' });
    const list = res.json() as { regionCode: string; name: string; distanceMetres?: number }[];
    expect(list.every((s) => s.distanceMetres === undefined)).toBe(true);
    const keys = list.map((s) => `${s.regionCode}|${s.name}`);
    expect(list.map((s) => s.regionCode)).toEqual([...list.map((s) => s.regionCode)].sort());
    expect(keys.length).toBeGreaterThan(3);
    const yl = (await t.app.inject({ method: 'GET', url: '/api/stations?region=530721' })).json();
    expect(yl.every((s: { regionCode: string }) => s.regionCode.startsWith('530721'))).toBe(true);
    const charging = (await t.app.inject({ method: 'GET', url: '/api/stations?service=water,charging' })).json();
    expect(charging.length).toBeGreaterThan(0);
    expect(charging.every((s: { services: string[] }) => s.services.includes('charging'))).toBe(true);
    const micro = (await t.app.inject({ method: 'GET', url: '/api/stations?kind=micro_station' })).json();
    expect(micro.every((s: { kind: string }) => s.kind === 'micro_station')).toBe(true);
  });

  it('answers one station with its region names and open-now computed in Asia/Shanghai', async () => {
    // hours around the test clock's local minute (sessions stay valid: the clock is not moved)
    const m = localMinuteOfDay(t.clock.now());
    const around = { opensAt: formatClock(Math.max(0, m - 90)), closesAt: formatClock(Math.min(1440, m + 90)) };
    const later =
      m < 1320
        ? { opensAt: formatClock(m + 60), closesAt: '24:00' }
        : { opensAt: '00:00', closesAt: formatClock(m - 60) };
    const s = await create(around);
    const open = (await t.app.inject({ method: 'GET', url: `/api/stations/${s.id}` })).json();
    expect(open).toMatchObject({ openNow: true, ...around, allDay: false });
    expect(open).toMatchObject({ regionName: '大研街道', countyCode: '530702', countyName: '古城区' });
    const closed = await create(later);
    expect((await t.app.inject({ method: 'GET', url: `/api/stations/${closed.id}` })).json().openNow).toBe(false);
    const allDay = await create({ opensAt: '00:00', closesAt: '24:00' });
    const a = (await t.app.inject({ method: 'GET', url: `/api/stations/${allDay.id}` })).json();
    expect(a).toMatchObject({ openNow: true, allDay: true, opensAt: '00:00', closesAt: '24:00' });
  });

  it('refuses bad filters with 400 and a field; unknown ids are 404', async () => {
    for (const [q, field] of [
      ['near=abc', 'near'],
      ['service=water,teleport', 'service'],
      ['kind=castle', 'kind'],
      ['near=300,26', 'near'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/stations?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().field, q).toBe(field);
    }
    const missing = await t.app.inject({ method: 'GET', url: '/api/stations/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/stations/xyz' })).statusCode).toBe(400);
  });
});

describe('stations: admin writes', () => {
  it('creates, edits and deactivates with an audit entry each; the public no longer sees it', async () => {
    const s = await create({ services: ['rest', 'water', 'first_aid'] });
    // services stored in the canonical order
    expect(s.services).toEqual(['water', 'first_aid', 'rest']);
    const put = await admin.inject({
      method: 'PUT',
      url: `/api/stations/${s.id}`,
      payload: station({ code: s.code, name: s.name, opensAt: '07:30', closesAt: '21:00' }),
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ opensAt: '07:30', closesAt: '21:00' });
    const off = await admin.inject({ method: 'POST', url: `/api/stations/${s.id}/deactivate` });
    expect(off.json().active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/api/stations/${s.id}` })).statusCode).toBe(404);
    expect((await admin.inject({ method: 'GET', url: `/api/stations/${s.id}` })).statusCode).toBe(200);
    const list = (await t.app.inject({ method: 'GET', url: '/api/stations' })).json();
    expect(list.some((x: { id: string }) => x.id === s.id)).toBe(false);
    const managed = (await admin.inject({ method: 'GET', url: `/api/stations/manage?q=${s.code}` })).json();
    expect(managed).toMatchObject({ total: 1, items: [{ id: s.id, active: false }] });
    const on = await admin.inject({ method: 'POST', url: `/api/stations/${s.id}/activate` });
    expect(on.json().active).toBe(true);
    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectId, s.id))
      .orderBy(asc(auditLog.id));
    expect(audit.map((r) => r.action)).toEqual([
      'station.create',
      'station.update',
      'station.deactivate',
      'station.activate',
    ]);
  });

  it('refuses bad hours, positions, services and duplicate codes with 400/409/422 and a field', async () => {
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ opensAt: '22:00', closesAt: '08:00' }, 422, 'closesAt', 'hours_invalid'],
      [{ opensAt: '25:00' }, 400, 'opensAt'],
      [{ lng: 26.87, lat: 100.23 }, 422, 'lng', 'position_out_of_range'],
      [{ lng: 116.4, lat: 39.9 }, 422, 'lng', 'position_out_of_range'],
      [{ services: ['water', 'spa'] }, 400, 'services.1'],
      [{ services: ['water', 'water'] }, 422, 'services'],
      [{ kind: 'kiosk' }, 400, 'kind'],
      [{ regionCode: 'abc' }, 400, 'regionCode'],
    ];
    for (const [over, status, field, code] of cases) {
      const res = await admin.inject({
        method: 'POST',
        url: '/api/stations',
        payload: station(over),
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().field, JSON.stringify(over)).toBe(field);
      if (code) expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[A-Za-z]/);
    }
    const s = await create();
    const dup = await admin.inject({ method: 'POST', url: '/api/stations', payload: station({ code: s.code }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate', field: 'code', message: '记录已存在' });
    const missing = await admin.inject({
      method: 'PUT',
      url: '/api/stations/00000000-0000-4000-8000-000000000000',
      payload: station(),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('other roles get 403, anonymous 401', async () => {
    const s = await create();
    for (const who of [dispatcher, tourist]) {
      expect((await who.inject({ method: 'POST', url: '/api/stations', payload: station() })).statusCode).toBe(403);
      expect((await who.inject({ method: 'PUT', url: `/api/stations/${s.id}`, payload: station() })).statusCode).toBe(
        403,
      );
      expect((await who.inject({ method: 'POST', url: `/api/stations/${s.id}/deactivate` })).statusCode).toBe(403);
      expect((await who.inject({ method: 'GET', url: '/api/stations/manage' })).statusCode).toBe(403);
      expect((await who.inject({ method: 'GET', url: '/api/stations/export' })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/stations', payload: station() })).statusCode).toBe(401);
  });

  it('exports the filtered stations to Excel with Chinese-first headers', async () => {
    await create({ name: '导出测试驿站', regionCode: '530702002' });
    const res = await admin.inject({ method: 'GET', url: '/api/stations/export?region=530702' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('驿站.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('编号 Code');
    const names: string[] = [];
    ws.eachRow((row, i) => {
      if (i > 1) names.push(String(row.getCell(2).value));
    });
    expect(names).toContain('导出测试驿站');
    expect(wb.worksheets[1].name).toBe('筛选条件 Filter');
  });
});
