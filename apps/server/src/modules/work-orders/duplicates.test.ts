import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildUser, TEST_PASSWORD } from '../../test/factories.js';

let t: TTestApp;
let dispatcher: TSession;
let tourist: TSession;
let other: TSession;
let bizId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  bizId = (await buildBusiness(db)).id;
  dispatcher = await loginStaff(t.app, (await buildUser(db, { role: 'dispatcher' })).username!, TEST_PASSWORD);
  tourist = await loginTourist(t.app, '13400000071');
  other = await loginTourist(t.app, '13400000072');
});
afterAll(() => t.close());

const submit = (s: TSession, text: string, extra: object = {}) =>
  s.inject({ method: 'POST', url: '/api/work-orders', payload: { kind: 'complaint', text, ...extra } });

describe('likely duplicates', () => {
  it('finds the same tourist’s earlier order about the same matter when the new one names no business', async () => {
    const a = (
      await submit(tourist, '束河客栈押金五百元退房时被扣了三百，说床单脏了，要求退还押金。', { businessId: bizId })
    ).json();
    // The same tourist again, two messages later, without choosing the business and without a location.
    const b = (await submit(tourist, '束河那家客栈退房时扣了我三百押金，说床单脏，请帮忙要回押金')).json();
    // Another tourist with similar words and no business or place: not the same matter.
    const c = (await submit(other, '束河客栈退房时扣了三百押金，说床单脏了，要求退还。')).json();
    const d = await dispatcher.inject({ method: 'GET', url: `/api/work-orders/${b.id}/duplicates` });
    expect(d.statusCode).toBe(200);
    const ids = d.json().map((x: { id: string }) => x.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(c.id);
    expect(d.json()[0].score).toBeGreaterThan(0.4);
  });
});
