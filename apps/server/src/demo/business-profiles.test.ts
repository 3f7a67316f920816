import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businesses, businessPrices } from '../modules/master-data/master-data.tables.js';
import { buildTestApp, type TTestApp } from '../test/build-test-app.js';
import { loadDemoDataIfEmpty } from './index.js';

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
  expect(await loadDemoDataIfEmpty(t.database)).toBe(true);
}, 120_000);
afterAll(() => t.close());

describe('demo business profiles', () => {
  it('every business has hours, an intro in both languages and 2–6 prices; licences where the kind has one', async () => {
    const db = t.database.db;
    const rows = await db.select().from(businesses);
    for (const b of rows) {
      expect(b.openingHours, b.name).toBeTruthy();
      expect(b.intro, b.name).toContain(b.name);
      expect(b.introEn, b.name).toMatch(/^[\x20-\x7e–]+$/);
      const needs = ['travel_agency', 'hotel', 'homestay', 'restaurant', 'transport', 'entertainment'];
      expect(!!b.licenseNo, `${b.kind} ${b.name}`).toBe(needs.includes(b.kind));
    }
    const counts = await db
      .select({ id: businessPrices.businessId, n: sql<number>`count(*)::int` })
      .from(businessPrices)
      .groupBy(businessPrices.businessId);
    expect(counts).toHaveLength(rows.length);
    for (const c of counts) {
      expect(c.n).toBeGreaterThanOrEqual(2);
      expect(c.n).toBeLessThanOrEqual(6);
    }
    const badged = rows.filter((b) => b.badges.length > 0).length / rows.length;
    expect(badged).toBeGreaterThan(0.08);
    expect(badged).toBeLessThan(0.25);
  });

  it('the directory shows them: a hotel with its headline price, with a rating summary', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/directory/businesses?kind=hotel&pageSize=50' });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(17);
    for (const b of page.items) {
      expect(b.headlinePrice.priceFen).toBeGreaterThan(0);
      expect(b.prices.length).toBeGreaterThanOrEqual(2);
      expect(b.countyName).toBeTruthy();
      expect(b.countyNameEn).toBeTruthy();
    }
  });
});
