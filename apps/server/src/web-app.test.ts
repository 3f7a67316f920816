import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReservableSpot } from './modules/reservations/test-helpers.js';
import { buildTestApp, loginStaff, type TTestApp } from './test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from './test/factories.js';

const PRECOMPRESS = fileURLToPath(new URL('../../web/scripts/precompress.mjs', import.meta.url));
// A built bundle stands in: big enough to be worth compressing, and as repetitive as minified JavaScript is.
const BIG_JS = Array.from({ length: 400 }, (_, i) => `export const v${i} = "智旅 ${i}";`).join('\n');

// The server with a built web app beside it, as `npm start` runs it: a folder of this test's own stands in for
// apps/web/dist, which a fresh clone has not built yet when the unit tests run.
let t: TTestApp;
let parent: string;
let dir: string;
beforeAll(async () => {
  // The web folder sits in a parent holding a secret and a sibling folder whose name starts like the web folder's:
  // neither may ever be served.
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'zhilv-web-'));
  dir = path.join(parent, 'web');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(parent, 'secret.txt'), 'SECRET-OUTSIDE');
  fs.mkdirSync(path.join(parent, 'web-other'));
  fs.writeFileSync(path.join(parent, 'web-other', 'x.txt'), 'SECRET-SIBLING');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>智旅 web app</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log("app")');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abcd.js'), BIG_JS);
  // The build's own step writes the .br and .gz beside each asset (apps/web: vite build && precompress).
  execFileSync(process.execPath, [PRECOMPRESS, dir]);
  t = await buildTestApp({ demo: false, webDist: dir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(parent, { recursive: true, force: true });
});

describe('the web app beside the API', () => {
  it('an unknown API path is 404 route_not_found in the reader’s language, not the web page', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/no-such-endpoint' });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toEqual({ code: 'route_not_found', message: '接口不存在' });
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/reservations/nothing/here',
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(404);
    expect(en.json()).toEqual({ code: 'route_not_found', message: 'No such endpoint' });
  });

  it('client-side routes get index.html; built assets are served with a long cache', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/console/flow' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('智旅 web app');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log("app")');
    // Other files are revalidated; a missing asset is a 404, not the page.
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.headers['cache-control']).toBe('no-cache');
    const gone = await t.app.inject({ method: 'GET', url: '/assets/app-0000.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).not.toContain('智旅 web app');
  });

  it('a path climbing out of the folder, or into a sibling named like it, gets the page, never the file', async () => {
    for (const url of ['/..%2Fsecret.txt', '/..%2Fweb-other%2Fx.txt']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.body).not.toContain('SECRET');
      expect(res.body).toContain('智旅 web app');
    }
  });

  it('a malformed escape in the path is bad input (400), not a server error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'validation_failed', message: '请求参数不正确' });
  });

  it('built assets go precompressed: brotli or gzip as accepted, the plain file otherwise', async () => {
    expect(fs.existsSync(path.join(dir, 'assets', 'index-abcd.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'assets', 'app-1234.js.br'))).toBe(false); // too small to be worth it
    const url = '/assets/index-abcd.js';
    const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(BIG_JS) / 4);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(BIG_JS);
    const gz = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(BIG_JS);
    const plain = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG_JS);
  });

  it('API answers above the threshold are compressed, small ones are not; a cached read is compressed once', async () => {
    const big = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    const doc = JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString());
    expect(doc.openapi).toMatch(/^3/);
    expect(big.rawPayload.length).toBeLessThan(JSON.stringify(doc).length / 4);
    const small = await t.app.inject({ method: 'GET', url: '/api/no-such', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json().code).toBe('route_not_found');

    // The public spots list comes from the read cache as ready-made bytes: its compressed form is made once too.
    for (let i = 0; i < 6; i++) await buildReservableSpot(t);
    const url = '/api/reservations/spots';
    const first = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    const again = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['content-length']).toBe(String(first.rawPayload.length));
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    const items = JSON.parse(zlib.gunzipSync(again.rawPayload).toString());
    expect(items.length ?? items.items?.length).toBe(6);
    const none = await t.app.inject({ method: 'GET', url });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.json()).toEqual(items);
  });

  it('server-sent events still stream under compression: the first event arrives while the stream stays open', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    const s = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const first = await new Promise<{ headers: http.IncomingHttpHeaders; chunk: string }>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: '/api/notifications/stream',
          headers: { cookie: s.cookie, 'accept-encoding': 'gzip, br' },
        },
        (res) => {
          res.once('data', (c: Buffer) => {
            resolve({ headers: res.headers, chunk: c.toString() });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      setTimeout(() => reject(new Error('no event within 5 s: the stream is buffered')), 5000);
    });
    expect(first.headers['content-type']).toMatch(/text\/event-stream/);
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.chunk).toContain('retry:');
  });
});
