import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoStations } from '../../demo/stations.js';
import { auditLog } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { stations } from '../stations/stations.tables.js';

let t: TTestApp;
let admin: TSession;
let leader: TSession;
let tourist: TSession;
let stationId: string;
let businessId: string;

const route = (over: Record<string, unknown> = {}) => ({
  name: '测试红色线路',
  nameEn: 'Test red route',
  theme: 'red',
  summary: '测试',
  durationMinutes: 120,
  stops: [
    { seq: 1, stationId, note: '集合' },
    { seq: 2, businessId, note: '示范门店' },
    { seq: 3, name: '四方街', nameEn: 'Sifang Street', lng: 100.2347, lat: 26.8724 },
  ],
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const [s] = await db
    .insert(stations)
    .values({
      code: 'RT-1',
      name: '测试红色驿站',
      kind: 'station',
      services: ['water'],
      opensAtMinute: 480,
      closesAtMinute: 1320,
      lng: 100.2398,
      lat: 26.8742,
      regionCode: '530702',
    })
    .returning();
  stationId = s.id;
  businessId = (await buildBusiness(db, { name: '测试示范门店', lng: 100.238, lat: 26.869 })).id;
  const a = await buildUser(db, { role: 'system_admin' });
  admin = await loginStaff(t.app, a.username!, TEST_PASSWORD);
  const l = await buildUser(db, { role: 'leader' });
  leader = await loginStaff(t.app, l.username!, TEST_PASSWORD);
  tourist = await loginTourist(t.app, '13700000002');
});
afterAll(() => t.close());

const create = async (over: Record<string, unknown> = {}) => {
  const res = await admin.inject({ method: 'POST', url: '/api/routes', payload: route(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('routes', () => {
  it('an admin creates a draft with stops copied from a station and a business; the public sees it once published', async () => {
    const r = await create();
    expect(r.published).toBe(false);
    expect(r.stops.map((s: { seq: number; name: string }) => [s.seq, s.name])).toEqual([
      [1, '测试红色驿站'],
      [2, '测试示范门店'],
      [3, '四方街'],
    ]);
    expect(r.stops[0]).toMatchObject({ stationId, lng: 100.2398, lat: 26.8742 });
    expect(r.stops[1]).toMatchObject({ businessId, lng: 100.238, lat: 26.869 });
    expect(r.lengthMetres).toBeGreaterThan(500);
    // a draft is not found for the public, nor for other staff
    expect((await t.app.inject({ method: 'GET', url: `/api/routes/${r.id}` })).statusCode).toBe(404);
    expect((await leader.inject({ method: 'GET', url: `/api/routes/${r.id}` })).statusCode).toBe(404);
    expect((await admin.inject({ method: 'GET', url: `/api/routes/${r.id}` })).statusCode).toBe(200);
    const before = (await t.app.inject({ method: 'GET', url: '/api/routes' })).json();
    expect(before.some((x: { id: string }) => x.id === r.id)).toBe(false);
    const pub = await admin.inject({ method: 'POST', url: `/api/routes/${r.id}/publish` });
    expect(pub.json().published).toBe(true);
    const one = await tourist.inject({ method: 'GET', url: `/api/routes/${r.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json().stops).toHaveLength(3);
    const list = (await t.app.inject({ method: 'GET', url: '/api/routes?theme=red' })).json();
    expect(list.find((x: { id: string }) => x.id === r.id)).toMatchObject({ stopCount: 3, theme: 'red' });
    const culture = (await t.app.inject({ method: 'GET', url: '/api/routes?theme=culture' })).json();
    expect(culture.some((x: { id: string }) => x.id === r.id)).toBe(false);
    await admin.inject({ method: 'POST', url: `/api/routes/${r.id}/unpublish` });
    expect((await t.app.inject({ method: 'GET', url: `/api/routes/${r.id}` })).statusCode).toBe(404);
  });

  it('replaces the ordered stops in one transaction (seq order, not request order) and audits each change', async () => {
    const r = await create();
    const put = await admin.inject({
      method: 'PUT',
      url: `/api/routes/${r.id}`,
      payload: route({
        name: '改名线路',
        stops: [
          { seq: 2, stationId, note: '改为终点' },
          { seq: 1, name: '木府', lng: 100.2361, lat: 26.8694, note: '起点' },
        ],
      }),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().stops.map((s: { name: string }) => s.name)).toEqual(['木府', '测试红色驿站']);
    // a bad stop list leaves the old one in place (all or nothing)
    const bad = await admin.inject({
      method: 'PUT',
      url: `/api/routes/${r.id}`,
      payload: route({
        stops: [
          { seq: 1, stationId },
          { seq: 2, businessId: '00000000-0000-4000-8000-000000000000' },
        ],
      }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'business_not_found', field: 'stops.1.businessId' });
    const now = (await admin.inject({ method: 'GET', url: `/api/routes/${r.id}` })).json();
    expect(now.name).toBe('改名线路');
    expect(now.stops).toHaveLength(2);
    await admin.inject({ method: 'POST', url: `/api/routes/${r.id}/publish` });
    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectId, r.id))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['route.create', 'route.update', 'route.publish']);
  });

  it('refuses bad stops and routes with 400/422 and a field', async () => {
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [
        {
          stops: [
            { seq: 1, stationId },
            { seq: 3, businessId },
          ],
        },
        422,
        'stops.1.seq',
        'stop_seq_invalid',
      ],
      [
        {
          stops: [
            { seq: 1, stationId },
            { seq: 1, businessId },
          ],
        },
        422,
        'stops.1.seq',
        'stop_seq_invalid',
      ],
      [{ stops: [{ seq: 1, stationId, businessId }] }, 422, 'stops.0', 'stop_ref_conflict'],
      [{ stops: [{ seq: 1, name: '无位置' }] }, 422, 'stops.0.lng', 'field_required'],
      [{ stops: [{ seq: 1, lng: 100.2, lat: 26.8 }] }, 422, 'stops.0.name', 'field_required'],
      [{ stops: [{ seq: 1, name: '北京', lng: 116.4, lat: 39.9 }] }, 422, 'stops.0.lng', 'position_out_of_range'],
      [
        { stops: [{ seq: 1, stationId: '00000000-0000-4000-8000-000000000000' }] },
        422,
        'stops.0.stationId',
        'station_not_found',
      ],
      [{ theme: 'space' }, 400, 'theme'],
      [{ stops: [{ seq: 0, stationId }] }, 400, 'stops.0.seq'],
      [{ name: '' }, 400, 'name'],
    ];
    for (const [over, status, field, code] of cases) {
      const res = await admin.inject({ method: 'POST', url: '/api/routes', payload: route(over) });
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().field, JSON.stringify(over)).toBe(field);
      if (code) expect(res.json().code).toBe(code);
    }
    // publishing needs two stops
    const one = await create({ stops: [{ seq: 1, stationId }] });
    const pub = await admin.inject({ method: 'POST', url: `/api/routes/${one.id}/publish` });
    expect(pub.statusCode).toBe(422);
    expect(pub.json()).toMatchObject({ code: 'route_too_few_stops', field: 'stops' });
    expect((await t.app.inject({ method: 'GET', url: '/api/routes?theme=space' })).statusCode).toBe(400);
    expect(
      (await admin.inject({ method: 'POST', url: '/api/routes/00000000-0000-4000-8000-000000000000/publish' }))
        .statusCode,
    ).toBe(404);
  });

  it('other roles get 403 on every write and on the console list; anonymous 401', async () => {
    const r = await create();
    for (const who of [leader, tourist]) {
      expect((await who.inject({ method: 'POST', url: '/api/routes', payload: route() })).statusCode).toBe(403);
      expect((await who.inject({ method: 'PUT', url: `/api/routes/${r.id}`, payload: route() })).statusCode).toBe(403);
      expect((await who.inject({ method: 'POST', url: `/api/routes/${r.id}/publish` })).statusCode).toBe(403);
      expect((await who.inject({ method: 'POST', url: `/api/routes/${r.id}/unpublish` })).statusCode).toBe(403);
      expect((await who.inject({ method: 'GET', url: '/api/routes/manage' })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/routes/${r.id}/publish` })).statusCode).toBe(401);
    const managed = (await admin.inject({ method: 'GET', url: '/api/routes/manage?pageSize=100' })).json();
    expect(managed.items.some((x: { id: string; published: boolean }) => x.id === r.id && !x.published)).toBe(true);
  });
});

describe('demo stations and routes', () => {
  it('are 45 stations in the five counties and 6 routes (4 red) of 4–7 contiguous stops', async () => {
    const db = t.database.db;
    for (const [kind, region] of [
      ['homestay', '530702004'],
      ['shop', '530702002'],
      ['restaurant', '530702002'],
      ['scenic_spot', '530721104'],
    ])
      await buildBusiness(db, { kind, regionCode: region, name: `束河测试${kind}` });
    const out = await db.transaction((tx) => loadDemoStations(tx));
    expect(out).toEqual({ stations: 45, routes: 6 });
    const list = (await t.app.inject({ method: 'GET', url: '/api/stations?limit=500' })).json();
    const demo = list.filter((s: { code: string }) => /^[A-Z]{2}-\d{3}$/.test(s.code));
    expect(demo).toHaveLength(45);
    const counties = new Set(demo.map((s: { countyCode: string }) => s.countyCode));
    expect([...counties].sort()).toEqual(['530702', '530721', '530722', '530723', '530724']);
    expect(demo.filter((s: { countyCode: string }) => s.countyCode === '530702').length).toBeGreaterThan(25);
    const routes = (await t.app.inject({ method: 'GET', url: '/api/routes' })).json() as {
      id: string;
      theme: string;
      nameEn: string;
    }[];
    const demoRoutes = routes.filter((r) => r.nameEn && !r.nameEn.startsWith('Test'));
    expect(demoRoutes).toHaveLength(6);
    expect(demoRoutes.filter((r) => r.theme === 'red')).toHaveLength(4);
    for (const r of demoRoutes) {
      const d = (await t.app.inject({ method: 'GET', url: `/api/routes/${r.id}` })).json();
      expect(d.stops.length).toBeGreaterThanOrEqual(4);
      expect(d.stops.length).toBeLessThanOrEqual(7);
      expect(d.stops.map((s: { seq: number }) => s.seq)).toEqual(d.stops.map((_: unknown, i: number) => i + 1));
      // English names for every station and place (the test's businesses have none; the demo's do)
      expect(
        d.stops.every((s: { businessId: string | null; nameEn: string | null }) => !!s.businessId || !!s.nameEn),
      ).toBe(true);
    }
  });
});
