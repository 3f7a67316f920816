import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoStations } from '../../demo/stations.js';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness } from '../../test/factories.js';

/** What the portal shows in English mode: county headings, stop chains, business names on orders. */
let t: TTestApp;
let tourist: TSession;
let businessId: string;
const EN = { 'accept-language': 'en' };

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  businessId = (await buildBusiness(db, { name: '束河测试银器店', nameEn: 'Shuhe Test Silver Shop', kind: 'shop' })).id;
  await db.transaction((tx) => loadDemoStations(tx));
  tourist = await loginTourist(t.app, '13700000321');
});
afterAll(() => t.close());

describe('English names for the portal', () => {
  it("stations carry their county's English name", async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/stations?limit=500' })).json();
    const gucheng = list.find((s: { countyCode: string }) => s.countyCode === '530702');
    expect(gucheng.countyNameEn).toBe('Gucheng District');
    const one = (await t.app.inject({ method: 'GET', url: `/api/stations/${gucheng.id}` })).json();
    expect(one.countyNameEn).toBe('Gucheng District');
  });

  it('route cards carry the stop chain in English', async () => {
    const routes = (await t.app.inject({ method: 'GET', url: '/api/routes' })).json();
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) {
      expect(r.stopNamesEn).toHaveLength(r.stopNames.length);
      expect(r.stopNamesEn.some((n: string) => /^[\x20-\x7e]+$/.test(n))).toBe(true);
    }
  });

  it('a work order names its business in English, in the list and the detail', async () => {
    const filed = await tourist.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '银器店的手镯称重不准，多收了钱。', businessId },
    });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().id;
    const en = await tourist.inject({ method: 'GET', url: `/api/work-orders/${id}`, headers: EN });
    expect(en.json().businessName).toBe('Shuhe Test Silver Shop');
    const zh = await tourist.inject({ method: 'GET', url: `/api/work-orders/${id}` });
    expect(zh.json().businessName).toBe('束河测试银器店');
    const mine = await tourist.inject({ method: 'GET', url: '/api/work-orders/mine', headers: EN });
    expect(mine.json().items[0].businessName).toBe('Shuhe Test Silver Shop');
  });
});
