import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, clientHeaders, launch, newPage, type TViewport } from './browser.js';

/**
 * WCAG 2.1 A and AA (axe-core's wcag2a, wcag2aa, wcag21a, wcag21aa rules) on the portal's pages and every demo
 * role's console pages, found through the role's own menu, in Chromium. Any violation on any page fails the suite
 * (a new module's page included: it is found through the menu, not listed here).
 */
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PORTAL = [
  '/',
  '/businesses',
  '/stations',
  '/reserve',
  '/suggestion-box',
  '/credit',
  '/login',
  '/routes',
  '/public',
  '/privacy',
  '/appeal',
  '/rate',
];
const USERS = [
  'dispatcher',
  'dept_culture',
  'head_culture',
  'leader',
  'biz1',
  'grid1',
  'volunteer1',
  'admin',
  'spot1',
  'secadmin',
  'auditor',
];
/**
 * Known, not ours to fix: antd's Table puts an aria-hidden measuring row holding focusable copies of the header
 * controls when a table both scrolls and selects rows (the rating codes' print list). Listed here so it shows.
 */
const KNOWN = [{ page: '/console/admin/rating-codes', rule: 'aria-hidden-focus' }];

type TViolation = { id: string; nodes: { target: string[] }[] };

async function scan(page: Page, path: string): Promise<string[]> {
  await page.goto(`${BASE()}${path}`);
  // Lists settle after their first answer. Not 'networkidle' alone: a console page with live events keeps a
  // connection open, and the wait would run to its timeout on every page.
  await page.waitForLoadState('networkidle', { timeout: 4000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: TViolation[] }> } })
      .axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => !KNOWN.some((k) => path.startsWith(k.page) && k.rule === v.id))
    .map((v) => `${v.id}×${v.nodes.length} (${v.nodes[0]?.target.join(' ')})`);
}

async function staffSignIn(page: Page, username: string) {
  await page.goto(`${BASE()}/console/login`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname.startsWith('/console/') && !u.pathname.endsWith('/login'));
  await page.waitForLoadState('networkidle');
}

let browser: Browser;
/** Each demo user's console pages, read from the menu it is shown (desktop, where the menu is open). */
const menus = new Map<string, string[]>();
beforeAll(async () => {
  browser = await launch();
  for (const u of USERS) {
    const page = await newPage(browser, 'desktop', 'zh-CN');
    await staffSignIn(page, u);
    const paths = [new URL(page.url()).pathname];
    const items = page.locator('.ant-menu [role=menuitem]');
    for (let i = 0; i < (await items.count()); i++) {
      await items.nth(i).click();
      await page.waitForURL((x) => x.pathname.startsWith('/console/'));
      paths.push(new URL(page.url()).pathname);
    }
    menus.set(u, [...new Set(paths)]);
    await page.context().close();
  }
}, 300_000);
afterAll(() => browser?.close());

const newScanPage = async (vp: TViewport, lang: 'zh-CN' | 'en') => {
  const ctx = await browser.newContext({
    viewport: vp === 'phone' ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    isMobile: vp === 'phone',
    hasTouch: vp === 'phone',
    locale: lang,
    extraHTTPHeaders: clientHeaders(),
    // axe is injected as a script of its own: the app's CSP (script-src 'self') would refuse it
    bypassCSP: true,
  });
  const page = await ctx.newPage();
  await page.addInitScript((l) => localStorage.setItem('zl_lang', l), lang);
  return page;
};

describe.each([
  ['phone', 'zh-CN'],
  ['phone', 'en'],
  ['desktop', 'zh-CN'],
  ['desktop', 'en'],
] as const)('accessibility at %s size in %s', (vp, lang) => {
  it('the portal: no WCAG 2.1 A/AA violation on any page, and the page says its language', async () => {
    const page = await newScanPage(vp, lang);
    const found: Record<string, string[]> = {};
    for (const path of [...PORTAL, '/console/login']) {
      const v = await scan(page, path);
      if (v.length) found[path] = v;
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    }
    await page.context().close();
    expect(found).toEqual({});
  }, 300_000);

  // The console at both sizes in one language each (phone in Chinese, desktop in English): a role's pages are the
  // same components in either language, and four passes over ~35 pages would double the suite's time.
  it.runIf((vp === 'phone') === (lang === 'zh-CN'))(
    'every role’s console pages: no WCAG 2.1 A/AA violation on any page of any role’s menu',
    async () => {
      const found: Record<string, string[]> = {};
      let pages = 0;
      for (const [u, paths] of menus) {
        const page = await newScanPage(vp, lang);
        await staffSignIn(page, u);
        for (const path of paths) {
          const v = await scan(page, path);
          pages += 1;
          if (v.length) found[`${u} ${path}`] = v;
        }
        await page.context().close();
      }
      console.log(`a11y (${vp} ${lang}): ${pages} console pages of ${menus.size} roles scanned`);
      expect(found).toEqual({});
    },
    900_000,
  );
});
