import { Writable } from 'node:stream';
import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { installAdmin } from '../modules/accounts/index.js';
import { declaredRoutes } from '../plugins/access.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from './build-test-app.js';
import { buildUser, TEST_PASSWORD } from './factories.js';

let t: TTestApp;
let secadmin: TSession;
let dispatcher: TSession;
let tourist: TSession;

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  secadmin = await loginStaff(
    t.app,
    (await buildUser(t.database.db, { role: 'security_admin' })).username!,
    TEST_PASSWORD,
  );
  dispatcher = await loginStaff(
    t.app,
    (await buildUser(t.database.db, { role: 'dispatcher' })).username!,
    TEST_PASSWORD,
  );
  const sent = await t.app.inject({ method: 'POST', url: '/api/auth/code', payload: { phone: '13100000009' } });
  expect(sent.json().demoCode).toBeUndefined(); // outside demo mode the code only goes by SMS
  tourist = await loginTourist(t.app, '13100000008').catch(() => null as unknown as TSession);
});
afterAll(() => t.close());

describe('admin accounts', () => {
  it('an admin created by the installation command activates with its code, enrols TOTP and must use it', async () => {
    const made = await installAdmin(t.database.db, t.clock, {
      role: 'system_admin',
      username: 'sysadmin2',
      displayName: '系统管理员二',
    });
    const check = await t.app.inject({
      method: 'POST',
      url: '/api/auth/activation/check',
      payload: { username: 'sysadmin2', code: made.activationCode },
    });
    const uri = check.json().totpUri as string;
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const totp = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
    const activated = await t.app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      payload: {
        username: 'sysadmin2',
        code: made.activationCode,
        password: 'Start-Passw0rd!',
        totp: totp.generate({ timestamp: t.clock.now().getTime() }),
      },
    });
    expect(activated.statusCode).toBe(200);
    t.clock.advance(31_000);
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sysadmin2', password: 'Start-Passw0rd!' },
    });
    expect(without.statusCode).toBe(401);
    expect(without.json()).toMatchObject({ code: 'totp_required', field: 'totp' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sysadmin2', password: 'Start-Passw0rd!', totp: '000000' },
    });
    expect(wrong.json().code).toBe('totp_invalid');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: {
        username: 'sysadmin2',
        password: 'Start-Passw0rd!',
        totp: totp.generate({ timestamp: t.clock.now().getTime() }),
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mustChangePassword).toBe(false);
  });

  it('until a required password change, nothing but the auth routes answers', async () => {
    const u = await buildUser(t.database.db, { role: 'leader', mustChangePassword: true });
    const s = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    const blocked = await s.inject({ method: 'GET', url: '/api/businesses' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
  });

  it('a role change ends the account’s sessions', async () => {
    const u = await buildUser(t.database.db, { role: 'leader' });
    const s = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const put = await secadmin.inject({
      method: 'PUT',
      url: `/api/admin/users/${u.id}`,
      payload: { role: 'dispatcher' },
    });
    expect(put.statusCode).toBe(200);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe('fuzzing every endpoint from outside', () => {
  it('random bodies and query strings never cause a server error', async () => {
    const routes = declaredRoutes.filter(
      (r, i, all) =>
        all.findIndex((x) => x.method === r.method && x.url === r.url) === i &&
        !/\/(events|stream|logout)$/.test(r.url) &&
        !(r.method === 'DELETE' && r.url === '/api/me') &&
        r.url !== '/*',
    );
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(
        fc.constantFrom('text', 'kind', 'phone', 'departmentId', 'items', 'page', 'satisfaction', 'code'),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    );
    let sent = 0;
    const errors: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        json,
        fc.string({ maxLength: 30 }),
        fc.constantFrom(dispatcher, tourist, null),
        async (r, body, q, who) => {
          const url = `${r.url.replace(/:(\w+)/g, () => (q.length % 2 ? '00000000-0000-4000-8000-000000000000' : encodeURIComponent(q) || 'x'))}?page=${encodeURIComponent(q)}&q=${encodeURIComponent(q)}`;
          const opts = { method: r.method as 'POST', url, payload: r.method === 'GET' ? undefined : (body as object) };
          const res = who ? await who.inject(opts) : await t.app.inject(opts);
          sent++;
          if (res.statusCode >= 500)
            errors.push(
              `${r.method} ${r.url} ${JSON.stringify(body).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          if (res.statusCode >= 400) expect(res.json()).toHaveProperty('code');
        },
      ),
      { numRuns: 600 },
    );
    expect(errors).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(600);
  }, 120_000);
});

describe('personal data in logs', () => {
  it('a logged request carrying phone numbers leaves none in the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const config = { ...loadConfig({ LOG_LEVEL: 'debug' }), slaSweeper: false };
    const app = await buildApp({ config, database: t.database, rateLimit: false, logger: true, logStream: stream });
    await app.ready();
    await app.inject({ method: 'POST', url: '/api/auth/code', payload: { phone: '13912340000' } });
    await app.inject({
      method: 'POST',
      url: '/api/auth/tourist-login',
      payload: { phone: '13912340000', code: '123456' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/work-orders/suggestion-box',
      payload: { text: '建议增加休息座椅，谢谢。', contactPhone: '13912340001' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/work-orders/suggestion-box',
      payload: { text: 'x', contactPhone: '13912340002' },
    });
    await app.close();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => /(?<!\d)1[3-9]\d{9}(?!\d)/.test(l))).toEqual([]);
  });
});
