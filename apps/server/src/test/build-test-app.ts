import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { TDatabase } from '../db/client.js';
import { createTestClock } from '../platform/clock.js';
import { createTestDatabase } from './test-database.js';

export type TTestApp = {
  app: FastifyInstance;
  database: TDatabase;
  clock: ReturnType<typeof createTestClock>;
  close(): Promise<void>;
};

/** Builds the app on a fresh database with a controllable clock. Close it in afterAll. */
export async function buildTestApp(
  opts: {
    demo?: boolean;
    rateLimit?: boolean;
    webDist?: string;
    /** more settings, as the environment would give them (e.g. TRUST_PROXY, SMS_PROVIDER) */
    env?: Record<string, string>;
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<TTestApp> {
  const database = await createTestDatabase();
  const clock = createTestClock(new Date());
  const config = {
    ...loadConfig({ DEMO: opts.demo === false ? 'false' : 'true', LOG_LEVEL: 'silent', ...opts.env }),
    slaSweeper: false,
  };
  const app = await buildApp({
    config,
    database,
    clock,
    rateLimit: opts.rateLimit ?? false,
    logger: !!opts.logStream,
    logStream: opts.logStream,
    webDist: opts.webDist,
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in client: keeps the session cookie and CSRF token like a browser would. */
export type TSession = {
  cookie: string;
  csrf: string;
  userId: string;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
};

function sessionFrom(app: FastifyInstance, res: LightMyRequestResponse): TSession {
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const raw = res.headers['set-cookie'];
  const cookie = (Array.isArray(raw) ? raw[0] : (raw ?? '')).split(';')[0];
  const me = res.json();
  return {
    cookie,
    csrf: me.csrfToken,
    userId: me.id,
    inject: (o) =>
      app.inject({ ...o, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(o.headers ?? {}) } } as InjectOptions),
  };
}

export async function loginStaff(app: FastifyInstance, username: string, password: string): Promise<TSession> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return sessionFrom(app, res);
}

export async function loginTourist(app: FastifyInstance, phone: string, consent = true): Promise<TSession> {
  const sent = await app.inject({ method: 'POST', url: '/api/auth/code', payload: { phone } });
  const code = sent.json().demoCode as string;
  const res = await app.inject({ method: 'POST', url: '/api/auth/tourist-login', payload: { phone, code } });
  const s = sessionFrom(app, res);
  if (consent) await s.inject({ method: 'POST', url: '/api/auth/consent', payload: { version: '2026-11' } });
  return s;
}
