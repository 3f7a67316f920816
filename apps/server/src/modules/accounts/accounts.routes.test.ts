import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TTestApp } from '../../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('tourist phone-code login', () => {
  it('signs in with the code sent to the phone and refuses its reuse', async () => {
    const sent = await t.app.inject({ method: 'POST', url: '/api/auth/code', payload: { phone: '13900000001' } });
    expect(sent.statusCode).toBe(200);
    const code = sent.json().demoCode;
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tourist-login',
      payload: { phone: '13900000001', code },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().phoneMasked).toBe('139****0001');
    expect(ok.json().role).toBe('tourist');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tourist-login',
      payload: { phone: '13900000001', code },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('code_invalid');
  });

  it("refuses phone A's code for phone B, and an expired code", async () => {
    const sent = await t.app.inject({ method: 'POST', url: '/api/auth/code', payload: { phone: '13900000002' } });
    const code = sent.json().demoCode;
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tourist-login',
      payload: { phone: '13900000003', code },
    });
    expect(other.statusCode).toBe(401);
    t.clock.advance(6 * 60_000);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tourist-login',
      payload: { phone: '13900000002', code },
    });
    expect(late.statusCode).toBe(401);
  });

  it('answers bad input with a field and a message in the asked language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/code',
      headers: { 'accept-language': 'en' },
      payload: { phone: '12', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', message: 'The request is not valid' });
  });
});

describe('staff login', () => {
  it('locks the (account, address) pair after 5 failures, with the answer of a wrong password', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: 'wrong' },
      });
      expect(r.statusCode).toBe(401);
    }
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('bad_credentials');
    t.clock.advance(6 * 60_000);
    const later = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    expect(later.userId).toBe(u.id);
  });

  it('requires the CSRF token on state changes and ends the session at logout', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    const s = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await s.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('forces a password change before anything else when required', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher', mustChangePassword: true });
    const s = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    const weak = await s.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'abcdefgh' },
    });
    expect(weak.statusCode).toBe(422);
    const ok = await s.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'New-Passw0rd!' },
    });
    expect(ok.statusCode).toBe(204);
  });

  it('a tourist session cannot use a staff route', async () => {
    const s = await loginTourist(t.app, '13900000009');
    const r = await s.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { oldPassword: 'x', newPassword: 'y' },
    });
    expect([400, 401, 403, 422]).toContain(r.statusCode);
  });
});
