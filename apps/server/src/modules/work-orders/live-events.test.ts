import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';

let t: TTestApp;
let base: string;
let grid1: TSession;
let grid2: TSession;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const login = async () => {
    const u = await buildUser(t.database.db, { role: 'grid_worker' });
    return loginStaff(t.app, u.username!, TEST_PASSWORD);
  };
  grid1 = await login();
  grid2 = await login();
});
afterAll(() => t.close());

/** Opens the live stream as a browser would and collects its frames until `stop()`. */
async function open(s: TSession) {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/work-orders/events`, { headers: { cookie: s.cookie }, signal: ac.signal });
  let text = '';
  const reading = (async () => {
    if (!res.ok || !res.body) return;
    const dec = new TextDecoder();
    try {
      for await (const chunk of res.body) text += dec.decode(chunk as Uint8Array);
    } catch {
      /* aborted */
    }
  })();
  return {
    status: res.status,
    frames: () => text,
    stop: async () => {
      ac.abort();
      await reading;
    },
  };
}

describe('live work-order events for the grid worker', () => {
  it('opens for a grid worker, who hears of its own report and not of another worker’s', async () => {
    const mine = await open(grid1);
    const theirs = await open(grid2);
    try {
      expect(mine.status).toBe(200);
      expect(theirs.status).toBe(200);
      const res = await grid1.inject({
        method: 'POST',
        url: '/api/work-orders/frontline',
        payload: { text: '网格巡查：古城某店门口占道经营，堵塞消防通道。', location: { lng: 100.23, lat: 26.87 } },
      });
      expect(res.statusCode).toBe(201);
      const no = res.json().trackingNo as string;
      for (let i = 0; i < 50 && !mine.frames().includes(no); i++) await new Promise((r) => setTimeout(r, 20));
      expect(mine.frames()).toContain('event: work-order');
      expect(mine.frames()).toContain(no);
      expect(theirs.frames()).not.toContain(no);
    } finally {
      await mine.stop();
      await theirs.stop();
    }
  });
});
