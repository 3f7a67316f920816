import { type TPublishedDraw, verifyDraw } from '@zhilv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, type TTestApp } from '../test/build-test-app.js';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from './index.js';

let t: TTestApp;
const NOW = new Date('2026-11-24T03:00:00Z');
beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(NOW);
  expect(await loadDemoDataIfEmpty(t.database, NOW)).toBe(true);
}, 120_000);
afterAll(() => t.close());

describe('demo random draws', () => {
  it('has a published joint draw that verifies, published results, open tasks and a pending plan', async () => {
    const draws = (await t.app.inject({ method: 'GET', url: '/api/public/draws' })).json() as { id: string }[];
    expect(draws).toHaveLength(1);
    const rec = (
      await t.app.inject({ method: 'GET', url: `/api/public/draws/${draws[0].id}` })
    ).json() as TPublishedDraw;
    expect(rec.departments).toHaveLength(2);
    expect(rec.assignments.length).toBeGreaterThanOrEqual(10);
    const input = {
      plan: rec.plan,
      targets: rec.targetPool.map(([id, grade, conflicts]) => ({ id, grade, conflicts })),
      inspectors: rec.inspectorPool.map(([id, departmentId]) => ({ id, departmentId })),
      publicValue: rec.publicValue,
    };
    expect(verifyDraw(input, rec).ok).toBe(true);
    const pub = (await t.app.inject({ method: 'GET', url: '/api/public/draw-results?pageSize=200' })).json();
    expect(pub.total).toBe(8);
    const head = await loginStaff(t.app, 'head_culture', DEMO_PASSWORD);
    const plans = (await head.inject({ method: 'GET', url: '/api/draws/plans' })).json();
    expect(plans.items.map((p: { status: string }) => p.status).sort()).toEqual(['draft', 'drawn']);
    const inspector = await loginStaff(t.app, 'inspector1', DEMO_PASSWORD);
    expect((await inspector.inject({ method: 'GET', url: '/api/draws/tasks' })).statusCode).toBe(200);
  });
});
