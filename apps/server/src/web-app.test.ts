import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from './test/build-test-app.js';

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
});
