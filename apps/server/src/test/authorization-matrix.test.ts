import { randomUUID } from 'node:crypto';
import { ROLES, type TRole } from '@zhilv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, type TPolicy } from '../plugins/access.js';
import { buildTestApp, type TSession, type TTestApp } from './build-test-app.js';
import { sessionsForEveryRole } from './factories.js';
import { sample, type TAny } from './zod-sample.js';

let t: TTestApp;
let sessions = new Map<TRole, TSession>();
const DUMMY = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp();
  sessions = await sessionsForEveryRole(t, '13300000001');
}, 120_000);
afterAll(() => t.close());

const allows = (p: TPolicy | undefined, role: TRole | 'anonymous') =>
  !!p && ('public' in p || (role !== 'anonymous' && ('signedIn' in p || p.roles.includes(role))));

const routes = () =>
  declaredRoutes.filter(
    (r, i, all) => all.findIndex((x) => x.method === r.method && x.url === r.url) === i && r.url !== '/*',
  );

describe('authorization matrix', () => {
  it('every API route declares a policy (deny by default)', () => {
    const missing = routes()
      .filter((r) => !r.policy)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(routes().length).toBeGreaterThan(40);
  });

  it('the role × route matrix matches the committed one', async () => {
    const matrix = routes()
      .map((r) => {
        const p = r.policy;
        const who = !p
          ? 'NONE'
          : 'public' in p
            ? 'public'
            : 'signedIn' in p
              ? 'signed-in'
              : [...p.roles].sort().join(',');
        return `${r.method.padEnd(6)} ${r.url.padEnd(48)} ${who}`;
      })
      .sort()
      .join('\n');
    await expect(`${matrix}\n`).toMatchFileSnapshot('./authorization-matrix.txt');
  });

  it('every role × every route: refused roles get 401/403, allowed roles never do', async () => {
    let cells = 0;
    const leaks: string[] = [];
    for (const r of routes()) {
      if (r.url.endsWith('/events') || r.url.endsWith('/stream')) continue; // SSE: checked in their own tests
      // These end the very sessions this test uses; they have their own tests.
      if (r.url === '/api/auth/logout' || (r.method === 'DELETE' && r.url === '/api/me')) continue;
      const url = r.url.replace(/:(\w+)/g, DUMMY);
      for (const role of [...ROLES, 'anonymous' as const]) {
        const s = role === 'anonymous' ? null : sessions.get(role)!;
        const opts = { method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} };
        const res = s ? await s.inject(opts) : await t.app.inject(opts);
        cells++;
        const refused = res.statusCode === 401 || res.statusCode === 403;
        const shouldAllow = allows(r.policy, role);
        // Allowed roles may still get 400/404/409/422 from the placeholder input — never a 401/403, never a 500.
        if (res.statusCode >= 500) leaks.push(`${role} ${r.method} ${r.url} → ${res.statusCode}`);
        else if (!shouldAllow && !refused)
          leaks.push(`${role} ${r.method} ${r.url} → ${res.statusCode} (should be refused)`);
        // An allowed role is never refused, whatever the code: a route that refuses its own role is a defect too.
        else if (shouldAllow && refused) leaks.push(`${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body}`);
      }
    }
    console.log(`authorization matrix: ${cells} role × route cells, ${leaks.length} leaks`);
    expect(leaks).toEqual([]);
    expect(cells).toBeGreaterThan(400);
  }, 120_000);

  it('allowed roles sending a request of the right shape reach the route: never 401/403', async () => {
    // The empty body above stops most writes at validation, before a handler could refuse its own role; here each
    // allowed role sends what the route's schemas accept (built from them), so the handler runs.
    let cells = 0;
    const refused: string[] = [];
    for (const r of routes()) {
      if (r.url.endsWith('/events') || r.url.endsWith('/stream')) continue;
      if (r.url === '/api/auth/logout' || (r.method === 'DELETE' && r.url === '/api/me')) continue;
      const schema = (r.schema ?? {}) as { params?: TAny; querystring?: TAny; body?: TAny };
      const params = schema.params ? (sample(schema.params, true) as Record<string, string>) : {};
      const query = schema.querystring ? (sample(schema.querystring) as Record<string, unknown>) : {};
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
      const url =
        r.url.replace(/:(\w+)/g, (_m, k: string) => encodeURIComponent(params[k] ?? DUMMY)) + (qs ? `?${qs}` : '');
      const payload = schema.body ? (sample(schema.body) as object) : r.method === 'GET' ? undefined : {};
      for (const role of [...ROLES, 'anonymous' as const]) {
        if (!allows(r.policy, role)) continue;
        const s = role === 'anonymous' ? null : sessions.get(role)!;
        const opts = { method: r.method as 'GET', url, payload, headers: { 'idempotency-key': randomUUID() } };
        const res = s ? await s.inject(opts) : await t.app.inject(opts);
        cells++;
        // A 401 that judges the input (a wrong password, code or device key) answers the request; one that asks
        // for a session refuses the caller. Every 403 refuses.
        const refusal = res.statusCode === 403 || (res.statusCode === 401 && res.json().code === 'unauthenticated');
        if (refusal || res.statusCode >= 500)
          refused.push(`${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    console.log(`authorization matrix, requests of the right shape: ${cells} allowed cells, ${refused.length} refused`);
    expect(refused).toEqual([]);
    expect(cells).toBeGreaterThan(150);
  }, 120_000);
});
