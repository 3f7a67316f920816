import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDataIfEmpty } from '../../demo/index.js';
import { buildTestApp, type TTestApp } from '../../test/build-test-app.js';
import { businesses } from '../master-data/master-data.tables.js';
import { gradesOf } from './credit.events.js';
import { creditEvents, dishonestEntries, pledges } from './credit.tables.js';

let t: TTestApp;
const NOW = new Date('2026-11-24T03:00:00Z');
beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(NOW);
  expect(await loadDemoDataIfEmpty(t.database, NOW)).toBe(true);
}, 180_000);
afterAll(() => t.close());

describe('demo credit files', () => {
  it('every business has a file; every grade shows; events come from orders, returns and ratings', async () => {
    const db = t.database.db;
    const ids = (await db.select({ id: businesses.id }).from(businesses)).map((b) => b.id);
    const grades = await gradesOf(db, ids, NOW);
    const seen = new Set(grades.values());
    expect([...seen].sort()).toEqual(['A', 'B', 'C', 'D']);
    const rules = new Set((await db.select({ r: creditEvents.ruleCode }).from(creditEvents)).map((x) => x.r));
    for (const r of ['registration_info', 'complaint_founded', 'return_compensated', 'admin_penalty'])
      expect(rules).toContain(r);
    const entries = await db.select().from(dishonestEntries);
    expect(entries.map((e) => e.status).sort()).toEqual(['listed', 'repaired']);
    expect(await db.$count(pledges)).toBeGreaterThan(10);
  });

  it('the public list shows the listed agency only, with the public fields', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/credit/dishonest-list' })).json();
    expect(list).toHaveLength(1);
    expect(list[0].tier).toBe('serious');
  });
});
