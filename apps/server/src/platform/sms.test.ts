import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildTestApp, loginStaff, type TTestApp } from '../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../test/factories.js';
import { smsOutbox } from './platform.tables.js';

// Issue 12, item 5: the outbox is a demo provider (codes masked outside demo mode) beside a real HTTP gateway.
type TReceived = { auth?: string; body: { phone: string; template: string; text: string; sign: string } };
let gateway: http.Server;
let url: string;
const received: TReceived[] = [];
let behaviour: 'ok' | 'fail' | 'hang' = 'ok';

beforeAll(async () => {
  gateway = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
      if (behaviour === 'hang') return; // never answers
      res.writeHead(behaviour === 'ok' ? 200 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: behaviour === 'ok' }));
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms/send`;
});
afterAll(async () => {
  gateway.closeAllConnections();
  await new Promise((r) => gateway.close(r));
});

const codeRequest = (app: TTestApp['app'], phone: string) =>
  app.inject({ method: 'POST', url: '/api/auth/code', payload: { phone } });

describe('HTTP SMS gateway provider', () => {
  let t: TTestApp;
  const log = new PassThrough();
  let logged = '';
  log.on('data', (c) => (logged += c));
  beforeAll(async () => {
    t = await buildTestApp({
      demo: false,
      logStream: log,
      env: {
        SMS_PROVIDER: 'http',
        SMS_HTTP_URL: url,
        SMS_HTTP_TOKEN: 'gw-secret-token',
        SMS_HTTP_TIMEOUT_MS: '400',
        LOG_LEVEL: 'debug',
      },
    });
  });
  afterAll(() => t.close());

  it('POSTs the code to the gateway, with its token; the tourist signs in with it; nothing shows the code', async () => {
    behaviour = 'ok';
    const sent = await codeRequest(t.app, '13900031111');
    expect(sent.statusCode).toBe(200);
    expect(sent.json().demoCode).toBeUndefined();
    const msg = received.at(-1)!;
    expect(msg.auth).toBe('Bearer gw-secret-token');
    expect(msg.body).toMatchObject({ phone: '13900031111', template: 'login_code', sign: '智旅' });
    const code = msg.body.text.match(/\d{6}/)![0];
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tourist-login',
      payload: { phone: '13900031111', code },
    });
    expect(ok.statusCode).toBe(200);
    const rows = await t.database.db.select().from(smsOutbox);
    const row = rows.find((r) => r.phone === '13900031111')!;
    expect(row).toMatchObject({ provider: 'http', status: 'delivered' });
    expect(row.text).not.toContain(code);
    expect(row.text).toContain('******');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain(code);
    expect(logged).not.toContain('gw-secret-token');
  });

  it('a gateway error or no answer within the timeout fails the code request (502) and stores no code', async () => {
    for (const b of ['fail', 'hang'] as const) {
      behaviour = b;
      const started = Date.now();
      const r = await codeRequest(t.app, b === 'fail' ? '13900032222' : '13900033333');
      expect(r.statusCode).toBe(502);
      expect(r.json().code).toBe('sms_failed');
      expect(Date.now() - started).toBeLessThan(3000);
    }
    behaviour = 'ok';
    const rows = await t.database.db.select().from(smsOutbox);
    expect(rows.some((r) => r.phone === '13900032222' || r.phone === '13900033333')).toBe(false);
  });
});

describe('outbox provider', () => {
  it('outside demo mode the outbox masks codes, in the table and on the admin page', async () => {
    const t = await buildTestApp({ demo: false });
    try {
      await codeRequest(t.app, '13900034444');
      const [row] = await t.database.db.select().from(smsOutbox);
      expect(row.text).not.toMatch(/\d{6}/);
      const admin = await buildUser(t.database.db, { role: 'system_admin' });
      const s = await loginStaff(t.app, admin.username!, TEST_PASSWORD);
      const page = await s.inject({ method: 'GET', url: '/api/admin/outbox' });
      expect(page.statusCode).toBe(200);
      expect(page.json().items[0].text).toContain('******');
      // No six-digit run anywhere but in the row's id (a UUID may hold one by chance).
      const rows = page.json().items.map(({ id: _id, ...rest }: { id: string }) => rest);
      expect(JSON.stringify(rows)).not.toMatch(/\d{6}/);
    } finally {
      await t.close();
    }
  });

  it('in demo mode the admin reads the code in the outbox', async () => {
    const t = await buildTestApp();
    try {
      const code = (await codeRequest(t.app, '13900035555')).json().demoCode;
      const admin = await buildUser(t.database.db, { role: 'system_admin' });
      const s = await loginStaff(t.app, admin.username!, TEST_PASSWORD);
      const page = await s.inject({ method: 'GET', url: '/api/admin/outbox' });
      expect(page.json().items[0].text).toContain(code);
    } finally {
      await t.close();
    }
  });

  it('SMS_PROVIDER=http without SMS_HTTP_URL, or a bad TRUST_PROXY, is refused at start', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'http' })).toThrow(/SMS_HTTP_URL/);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({}).trustProxy).toEqual([]);
  });
});
