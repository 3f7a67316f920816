import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TTestApp } from '../../test/build-test-app.js';
import {
  book,
  buildReservableSpot,
  buildSecondInstance,
  DAY,
  publish,
  type TSecondInstance,
  visitors,
} from './test-helpers.js';

/**
 * Public reads are cached for a second per instance. What this instance answers after its own change is fresh;
 * another instance catches up within the second.
 */
let t: TTestApp;
let second: TSecondInstance;
beforeAll(async () => {
  t = await buildTestApp();
  second = await buildSecondInstance(t);
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const remaining = async (app: TTestApp['app'], spotId: string) => {
  const res = await app.inject({ url: `/api/reservations/spots/${spotId}/availability?from=${DAY}&days=1` });
  return res.json().days[0].slots[0].remaining as number;
};

describe('cached availability', () => {
  it('fresh on the instance that booked or cancelled; the other instance within a second', async () => {
    const s = await buildReservableSpot(t);
    const slots = await publish(t, s, [{ start: '09:00', end: '10:00', quota: 10 }]);
    const tourist = await loginTourist(t.app, '13700000001');
    expect(await remaining(t.app, s.spotId)).toBe(10);
    expect(await remaining(second.app, s.spotId)).toBe(10); // cached there now
    const res = await book(tourist, slots['09:00'].id, visitors(2));
    expect(res.statusCode).toBe(201);
    expect(await remaining(t.app, s.spotId)).toBe(8);
    const t0 = Date.now();
    while ((await remaining(second.app, s.spotId)) !== 8) {
      expect(Date.now() - t0).toBeLessThan(1500);
      await new Promise((r) => setTimeout(r, 20));
    }
    const ticket = () => tourist.inject({ url: `/api/reservations/bookings/${res.json().id}` });
    expect((await ticket()).json().status).toBe('booked'); // the ticket page is cached now
    const cancel = await tourist.inject({ method: 'POST', url: `/api/reservations/bookings/${res.json().id}/cancel` });
    expect(cancel.statusCode).toBe(200);
    expect((await ticket()).json().status).toBe('cancelled');
    expect(await remaining(t.app, s.spotId)).toBe(10);
  });
});
