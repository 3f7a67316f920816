import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../test/build-test-app.js';
import { SECURITY_HEADERS } from './security-headers.js';

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('security headers', () => {
  it('every answer carries them: a read, a refusal, a validation error, an unknown route', async () => {
    for (const req of [
      { method: 'GET' as const, url: '/api/reservations/spots' },
      { method: 'GET' as const, url: '/api/work-orders' },
      { method: 'POST' as const, url: '/api/auth/code', payload: { phone: 'x' } },
      { method: 'GET' as const, url: '/api/no-such-route' },
    ]) {
      const res = await t.app.inject(req);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(res.headers[name], `${req.url} ${name}`).toBe(value);
    }
  });

  it('the content security policy admits this origin only', () => {
    const csp = SECURITY_HEADERS['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
});
