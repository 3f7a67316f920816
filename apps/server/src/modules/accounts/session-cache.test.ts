import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { buildTestApp, loginTourist, type TTestApp } from '../../test/build-test-app.js';

/**
 * Sessions are cached per instance for a few seconds. These prove the cache never outlives a change that ends
 * a session or alters its user: on the instance that made it at once, on another instance (and after SQL by
 * hand) as soon as the database's zl_auth notice arrives.
 */
let t: TTestApp;
let other: FastifyInstance;

beforeAll(async () => {
  t = await buildTestApp();
  other = await buildApp({
    config: { ...loadConfig({ LOG_LEVEL: 'silent' }), slaSweeper: false },
    database: t.database,
    logger: false,
  });
  await other.ready();
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const me = (app: FastifyInstance, cookie: string) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }).then((r) => r.statusCode);

/** Polls until the instance refuses the cookie; answers how long it took (the test fails after 2 s). */
async function refusedWithin(app: FastifyInstance, cookie: string) {
  const t0 = Date.now();
  while (Date.now() - t0 < 2000) {
    if ((await me(app, cookie)) === 401) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the cached session outlived its end');
}

describe('session cache', () => {
  it('logout ends the session on this instance at once and on the other one', async () => {
    const s = await loginTourist(t.app, '13600000001');
    expect(await me(t.app, s.cookie)).toBe(200);
    expect(await me(other, s.cookie)).toBe(200); // now cached on both
    expect((await s.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBeLessThan(300);
    expect(await me(t.app, s.cookie)).toBe(401);
    await refusedWithin(other, s.cookie);
  });

  it('a session deleted or a user disabled by hand in SQL is refused on every instance', async () => {
    const a = await loginTourist(t.app, '13600000002');
    const b = await loginTourist(t.app, '13600000003');
    for (const app of [t.app, other]) for (const s of [a, b]) expect(await me(app, s.cookie)).toBe(200);
    await t.database.db.execute(
      sql`delete from sessions where user_id = (select id from users where phone = '13600000002')`,
    );
    await t.database.db.execute(sql`update users set disabled = true where phone = '13600000003'`);
    for (const app of [t.app, other]) {
      await refusedWithin(app, a.cookie);
      await refusedWithin(app, b.cookie);
    }
  });
});
