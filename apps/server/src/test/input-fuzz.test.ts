import type { TRole } from '@zhilv/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, type TPolicy } from '../plugins/access.js';
import { buildTestApp, type TSession, type TTestApp } from './build-test-app.js';
import { sessionsForEveryRole } from './factories.js';
import { DUMMY, leaves, sample, setAt, type TAny, type TLeaf } from './zod-sample.js';

/**
 * Every route × every string field of its request schema (path, query, body), as a hostile client would send it:
 * NUL, a lone surrogate, and for day and instant fields impossible calendar days. No answer may be a 500; each must
 * be 400 validation_failed naming the field (the shared `text()` / `day()` / `instant()` rules of the contracts).
 * Routes and schemas come from the app itself, as in the authorization matrix: a new route is fuzzed without a line
 * here.
 */

const NUL = '\u0000';
const LONE = '\ud800';
const BAD_DAYS = ['2026-02-30', '0000-01-01'];
const BAD_INSTANTS = ['2026-02-30T08:00:00+08:00', '0000-01-01T00:00:00Z'];

const qs = (o: Record<string, unknown>, raw?: { key: string; encoded: string }) =>
  Object.entries(o)
    .filter(([k, v]) => v !== undefined && v !== null && k !== raw?.key)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .concat(raw ? [`${encodeURIComponent(raw.key)}=${raw.encoded}`] : [])
    .join('&');
/** A query or path cannot carry a lone surrogate as such: its WTF-8 bytes are what a hostile client sends. */
const encodeHostile = (v: string) => encodeURIComponent(v.replace(LONE, '\u0001')).replace('%01', '%ED%A0%80');

let t: TTestApp;
let sessions = new Map<TRole, TSession>();

beforeAll(async () => {
  t = await buildTestApp();
  sessions = await sessionsForEveryRole(t, '13300000002');
}, 120_000);
afterAll(() => t.close());

/** The caller the route admits: the role list's first, a tourist for any signed-in account, nobody for public. */
function caller(p: TPolicy | undefined) {
  if (!p || 'public' in p) return null;
  return sessions.get('signedIn' in p ? 'tourist' : p.roles[0])!;
}

describe('hostile text and impossible days in every request field', () => {
  it('answer 400 validation_failed naming the field, never a 500', async () => {
    const routes = declaredRoutes.filter(
      (r, i, all) => all.findIndex((x) => x.method === r.method && x.url === r.url) === i && r.url !== '/*',
    );
    let sent = 0;
    let fieldsFuzzed = 0;
    const serverErrors: string[] = [];
    const wrong: string[] = [];
    for (const r of routes) {
      // These end the sessions the test uses; SSE never answers.
      if (r.url === '/api/auth/logout' || (r.method === 'DELETE' && r.url === '/api/me')) continue;
      if (r.url.endsWith('/events') || r.url.endsWith('/stream')) continue;
      const schema = (r.schema ?? {}) as { params?: TAny; querystring?: TAny; body?: TAny };
      const s = caller(r.policy);
      const send = (url: string, payload?: unknown) => {
        const opts = {
          method: r.method as 'POST',
          url,
          ...(payload === undefined ? {} : { payload: payload as object }),
        };
        return s ? s.inject(opts) : t.app.inject(opts);
      };
      const params = schema.params ? (sample(schema.params, true) as Record<string, string>) : {};
      const query = schema.querystring ? (sample(schema.querystring) as Record<string, unknown>) : {};
      const body = schema.body ? sample(schema.body) : r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      const path = (p: Record<string, string>, raw?: { key: string; encoded: string }) =>
        r.url.replace(/:(\w+)/g, (_m, k: string) => (k === raw?.key ? raw.encoded : encodeURIComponent(p[k] ?? DUMMY)));
      const withQuery = (u: string, raw?: { key: string; encoded: string }) => {
        const q = qs(query, raw);
        return q ? `${u}?${q}` : u;
      };
      /** field: the one the answer must name; null: any 400; undefined: any answer below 500. */
      const check = (res: LightMyRequestResponse, what: string, field: string | null | undefined) => {
        sent++;
        const said = `${what} → ${res.statusCode} ${res.body.slice(0, 160)}`;
        if (res.statusCode >= 500) serverErrors.push(said);
        else if (field === undefined) return;
        else if (field !== null) {
          const b = res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : {};
          if (res.statusCode !== 400 || b.code !== 'validation_failed' || b.field !== field)
            wrong.push(`${said} (expected 400 validation_failed ${field})`);
        } else if (res.statusCode !== 400) wrong.push(`${said} (expected 400)`);
      };
      const bad = (leaf: TLeaf) => {
        // The character replaces one in a value the field accepts, so only the character can make it invalid.
        const ok = String(sample(leaf.schema));
        const mid = Math.floor(ok.length / 2);
        const inside = (c: string) => ok.slice(0, mid) + c + ok.slice(mid + 1);
        return [
          inside(NUL),
          inside(LONE),
          ...(leaf.kind === 'day' ? BAD_DAYS : leaf.kind === 'instant' ? BAD_INSTANTS : []),
        ];
      };

      for (const leaf of schema.params ? leaves(schema.params) : []) {
        fieldsFuzzed++;
        const key = String(leaf.path[0]);
        for (const v of bad(leaf)) {
          const res = await send(withQuery(path(params, { key, encoded: encodeHostile(v) })), body);
          // A lone surrogate's bytes are no valid URL component: the router refuses the whole URL (no field).
          check(res, `${r.method} ${r.url} params.${key}=${JSON.stringify(v)}`, v.includes(LONE) ? null : key);
        }
      }
      for (const leaf of schema.querystring ? leaves(schema.querystring) : []) {
        fieldsFuzzed++;
        const key = String(leaf.path[0]);
        for (const v of bad(leaf)) {
          const res = await send(withQuery(path(params), { key, encoded: encodeHostile(v) }), body);
          // The query parser decodes those bytes to U+FFFD, an ordinary character: any answer but a 500 is right.
          check(res, `${r.method} ${r.url} ?${key}=${JSON.stringify(v)}`, v.includes(LONE) ? undefined : key);
        }
      }
      for (const leaf of schema.body ? leaves(schema.body) : []) {
        fieldsFuzzed++;
        const field = leaf.path.join('.');
        for (const v of bad(leaf)) {
          const payload = setAt(schema.body!, body, leaf.path, v);
          const res = await send(withQuery(path(params)), payload);
          check(res, `${r.method} ${r.url} body.${field}=${JSON.stringify(v)}`, field);
        }
      }
    }
    console.log(`input fuzz: ${sent} requests, ${fieldsFuzzed} fields, ${serverErrors.length} server errors`);
    expect(serverErrors).toEqual([]);
    expect(wrong).toEqual([]);
    expect(fieldsFuzzed).toBeGreaterThan(100);
  }, 300_000);
});
