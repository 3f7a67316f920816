import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE,
  clientHeaders,
  launch,
  newPage,
  shot,
  staffLogin,
  type TViewport,
  touristLogin,
  VIEWPORTS,
} from './browser.js';
import { fillVisitor, phoneFor, prepareSpot, toastGone } from './reservation-steps.js';

/**
 * 长者模式 (elder mode, issue 17 items 3–4) on the portal: the header's switch, remembered after a reload; body text of
 * at least 18 px and controls at least 48 px high, measured; the booking, ticket and appeal journeys done in elder
 * mode with no WCAG 2.1 A/AA violation (axe) on any of their pages; reduced motion; and a 390 px phone at 200 % zoom
 * (a 195 px wide page) without a sideways scroll.
 */
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type TLang = 'zh-CN' | 'en';
type TViolation = { id: string; nodes: { target: string[] }[] };

let browser: Browser;
let spot: Awaited<ReturnType<typeof prepareSpot>>;
beforeAll(async () => {
  browser = await launch();
  // One spot opened all day with a slot covering now (the demo's follow opening hours), for every journey here.
  const gate = await newPage(browser, 'desktop');
  await staffLogin(gate, 'spot1');
  spot = await prepareSpot(gate);
  await gate.context().close();
});
afterAll(() => browser?.close());

/** A tourist's phone or desktop; axe is injected as a script of its own, so the app's CSP is bypassed. */
async function portalPage(vp: TViewport, lang: TLang, extra: BrowserContextOptions = {}) {
  const ctx = await browser.newContext({
    viewport: VIEWPORTS[vp],
    isMobile: vp === 'phone',
    hasTouch: vp === 'phone',
    locale: lang,
    extraHTTPHeaders: clientHeaders(),
    bypassCSP: true,
    ...extra,
  });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.addInitScript((l) => localStorage.setItem('zl_lang', l), lang);
  return page;
}

/** WCAG 2.1 A and AA on the page as it stands (as a11y.e2e.ts scans, without navigating). */
async function axe(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle', { timeout: 4000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: TViolation[] }> } })
      .axe;
    const r = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.map((v) => `${v.id}×${v.nodes.length} (${v.nodes[0]?.target.join(' ')})`);
}

const px = (page: Page, selector: string, prop: 'fontSize' | 'lineHeight' = 'fontSize') =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => Number.parseFloat(getComputedStyle(el)[p]), prop);

/** Every matching control is at least 48 CSS px high (and, being a touch target, at least 44 wide). */
async function expectTargets(list: Locator, what: string) {
  const n = await list.count();
  expect(n, what).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const box = await list.nth(i).boundingBox();
    expect(box, `${what} #${i}`).not.toBeNull();
    expect(box!.height, `${what} #${i} height`).toBeGreaterThanOrEqual(48);
    expect(box!.width, `${what} #${i} width`).toBeGreaterThanOrEqual(44);
  }
}

/** The status tag says its state with a shape too (an icon), not by colour alone. */
const expectIcon = async (tag: Locator) => expect(tag.locator('svg.zlp-status-icon').count()).resolves.toBe(1);

/** The page's width against the viewport's, and (when wider) the innermost elements that stick out, to fix. */
const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && getComputedStyle(el).position !== 'fixed')
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(el.getBoundingClientRect().right)}`,
      );
    return { scroll: document.documentElement.scrollWidth, width, out: out.join(', ') };
  });

describe.each([
  ['phone', 'zh-CN'],
  ['phone', 'en'],
  ['desktop', 'zh-CN'],
  ['desktop', 'en'],
] as const)('elder mode on a %s in %s', (vp, lang) => {
  it('switched on and remembered; large type and targets; book → ticket → my tickets → appeal, axe-clean', async () => {
    const page = await portalPage(vp, lang);
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      const v = await axe(page);
      if (v.length) found[name] = v;
      await shot(page, `${vp}-${lang}-elder-${name}`);
    };
    const name = lang === 'en' ? 'Elder mode' : '长者模式';

    // 1. The switch is in the header, named in the page's language; on, it holds after a reload.
    await page.goto(`${BASE()}/`);
    const toggle = page.getByRole('button', { name, exact: true });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(page.locator('header.zlp-bar').getByTestId('elder-switch').count()).resolves.toBe(1);
    await page.getByTestId('level-tag').first().waitFor();
    // the header's new switch keeps the usual home page clean too (a11y.e2e.ts scans it as well)
    const plain = await axe(page);
    if (plain.length) found['plain-home'] = plain;
    await shot(page, `${vp}-${lang}-plain-home`);
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.reload();
    await page.getByTestId('elder-tile-appeal').waitFor();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('html').getAttribute('data-elder')).resolves.toBe('');
    await expect(page.evaluate(() => localStorage.getItem('zl_elder'))).resolves.toBe('on');

    // 2. Type and targets, measured: body 18 px or more, headings larger, every control 48 px high or more.
    expect(await px(page, 'body')).toBeGreaterThanOrEqual(18);
    expect(await px(page, '.zlp-hero p')).toBeGreaterThanOrEqual(18);
    expect(await px(page, '.zlp-hero h1')).toBeGreaterThan(await px(page, 'body'));
    expect(await px(page, '.zlp-elder-tile')).toBeGreaterThanOrEqual(20);
    await expectTargets(page.locator('.zlp-elder-tile'), 'home tiles');
    await expect(page.locator('.zlp-elder-tile').count()).resolves.toBe(5);
    await expectTargets(page.locator('.zlp-bar button'), 'header buttons');
    await expectTargets(page.getByTestId('elder-more'), 'more services');
    await expectTargets(page.locator('.adm-tab-bar-item'), 'tab bar');
    // the rest of the home page is one "more services" away
    await expect(page.getByTestId('entry-suggestion-box').count()).resolves.toBe(0);
    await check('home');
    await page.getByTestId('elder-more').click();
    await expect(page.getByTestId('elder-more').getAttribute('aria-expanded')).resolves.toBe('true');
    await page.getByTestId('entry-suggestion-box').waitFor();
    await expectTargets(page.getByTestId('track-submit'), 'track button');
    await check('home-more');
    await page.getByTestId('elder-more').click();

    // 3. Booking: from the tile to the spot, a slot, sign in, consent, the visitor, the ticket.
    await page.getByTestId('elder-tile-reserve').click();
    await page.getByTestId('today-left').first().waitFor();
    const ids = await page.evaluate(async () =>
      ((await (await fetch('/api/reservations/spots')).json()) as { spotId: string }[]).map((s) => s.spotId),
    );
    await expectTargets(page.getByTestId('spot-item'), 'spot rows');
    await check('spots');
    await page.getByTestId('spot-item').nth(ids.indexOf(spot.spotId)).click();
    const slot = page.locator(`[data-testid="slot"][data-start="${spot.startsAt}"]`);
    await slot.waitFor();
    await expectTargets(page.getByTestId('slot'), 'slots');
    await expectTargets(page.getByRole('tab'), 'day tabs');
    await check('spot');
    await slot.click();
    await page.getByTestId('go-login').click();
    await page.getByTestId('get-code').waitFor();
    await expectTargets(page.getByTestId('get-code'), 'get code');
    await expectTargets(page.getByTestId('login-submit'), 'login');
    expect((await page.getByTestId('phone').locator('input').boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await check('login');
    await touristLogin(page, phoneFor(vp));
    await page.getByTestId('consent-agree').click();
    await page.getByTestId('visitor-name-0').waitFor();
    await expectTargets(page.getByTestId('book-submit'), 'book');
    await check('book');
    const code = await fillVisitor(page, lang === 'en' ? 'Alice He' : '和奶奶');
    await page.getByTestId('ticket-qr').waitFor();
    await expectIcon(page.getByTestId('ticket-status'));
    await expect(page.getByTestId('ticket-status').textContent()).resolves.toBe(lang === 'en' ? 'To enter' : '待入园');
    expect(await px(page, '[data-testid="ticket-code"]')).toBeGreaterThanOrEqual(24);
    await toastGone(page);
    await check('ticket');

    // 4. My tickets, from the home page's tile: the booking with its state in words and an icon.
    await page.getByTestId('tab-home').click();
    await page.getByTestId('elder-tile-tickets').click();
    const row = page.locator(`[data-testid="my-booking"][data-code="${code}"]`);
    await row.waitFor();
    await expectIcon(row.getByTestId('booking-status'));
    await expectTargets(page.getByTestId('my-booking'), 'ticket rows');
    await check('tickets');
    await row.click();
    await page.getByTestId('ticket-code').filter({ hasText: code }).waitFor();

    // 5. An appeal, from its tile: the form, the tracking number, the order with its status.
    await page.getByTestId('tab-home').click();
    await page.getByTestId('elder-tile-appeal').click();
    const text = page.getByTestId('appeal-text').locator('textarea:not([aria-hidden])');
    await text.fill('古城一家客栈收了押金不退，老板电话也不接，请帮忙处理。');
    await expectTargets(page.getByTestId('appeal-submit'), 'appeal submit');
    await expectTargets(page.locator('.adm-selector-item'), 'kind options');
    expect(await px(page, '[data-testid="appeal-text"] textarea')).toBeGreaterThanOrEqual(18);
    await check('appeal');
    await page.getByTestId('appeal-submit').click();
    const tracking = ((await page.getByTestId('tracking-no').textContent()) ?? '').match(/ZL\d{14}/)?.[0];
    expect(tracking).toMatch(/^ZL\d{14}$/);
    await expectTargets(page.getByTestId('view-order'), 'view order');
    await check('appeal-done');
    await page.getByTestId('view-order').click();
    await page.getByTestId('order-status').waitFor();
    await expectIcon(page.getByTestId('order-status'));
    await check('order');
    // back to the list by the arrow (its tab is already the open one, and a second tap does nothing)
    await expectTargets(page.locator('.adm-nav-bar-back'), 'back arrow');
    await page.locator('.adm-nav-bar-back').click();
    const mine = page.getByTestId('my-order').filter({ hasText: tracking! });
    await mine.waitFor();
    await expectIcon(mine.locator('.adm-tag').first());
    await check('orders');

    // 6. Off again: the usual home page, with its full grid of services.
    await page.getByTestId('tab-home').click();
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await page.getByTestId('entry-suggestion-box').waitFor();
    await expect(page.locator('html').getAttribute('data-elder')).resolves.toBeNull();
    await expect(page.getByTestId('elder-tile-appeal').count()).resolves.toBe(0);

    expect(found).toEqual({});
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, 240_000);
});

describe('reduced motion and 200 % zoom', () => {
  it('with prefers-reduced-motion nothing animates: CSS transitions are cut and popups open without a slide', async () => {
    const page = await portalPage('phone', 'zh-CN', { reducedMotion: 'reduce' });
    await page.addInitScript(() => localStorage.setItem('zl_elder', 'on'));
    await page.goto(`${BASE()}/login`);
    await page.getByTestId('login-submit').waitFor();
    await expect(page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).resolves.toBe(true);
    // antd-mobile's button has a 0.15 s fade on its ::before; cut to (almost) nothing
    const fade = await page
      .getByTestId('login-submit')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el, '::before').transitionDuration));
    expect(fade).toBeLessThan(0.001);
    await touristLogin(page, phoneFor('phone'));
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${BASE()}/appeal`);
    await page.getByTestId('consent-agree').click();
    // The date picker is a spring-animated popup (react-spring): reduced, it stands in place at once.
    await page.getByTestId('occurred-at').click();
    const body = page.locator('.adm-popup-body');
    await body.waitFor();
    const y = await body.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).m42);
    expect(y).toBe(0);
    await shot(page, 'phone-elder-reduced-motion-picker');
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['zh-CN', true],
    ['en', true],
    ['zh-CN', false],
    ['en', false],
  ] as const)(
    '195 px wide (a 390 px phone at 200 per cent zoom) in %s, elder mode %s: no sideways scroll',
    async (lang, elder) => {
      const page = await portalPage('phone', lang, {
        viewport: { width: 195, height: 422 },
        deviceScaleFactor: 4,
        reducedMotion: 'reduce',
      });
      if (elder) await page.addInitScript(() => localStorage.setItem('zl_elder', 'on'));
      const wide: Record<string, { scroll: number; width: number; out: string }> = {};
      const measure = async (name: string) => {
        await page.waitForLoadState('networkidle', { timeout: 4000 }).catch(() => undefined);
        await page.waitForTimeout(200);
        const m = await noSidewaysScroll(page);
        if (m.scroll > m.width) wide[name] = m;
        await shot(page, `zoom200-${lang}-${elder ? 'elder' : 'plain'}-${name}`);
      };
      for (const path of ['/', '/reserve', `/reserve/${spot.spotId}`, '/stations', '/businesses', '/login']) {
        await page.goto(`${BASE()}${path}`);
        await page.locator('main > *').first().waitFor();
        await measure(path === '/' ? 'home' : path.split('/').slice(1, 2).join('') + (path.split('/')[2] ? '-1' : ''));
      }
      // Signed in: the ticket, my tickets, the appeal form and an order.
      await touristLogin(page, phoneFor('phone'));
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${BASE()}/reserve/${spot.spotId}`);
      await page.locator(`[data-testid="slot"][data-start="${spot.startsAt}"]`).click();
      await page.getByTestId('consent-agree').click();
      await measure('book');
      await fillVisitor(page, lang === 'en' ? 'Bob Mu' : '木爷爷');
      await page.getByTestId('ticket-qr').waitFor();
      await toastGone(page);
      await measure('ticket');
      await page.goto(`${BASE()}/tickets`);
      await page.getByTestId('my-booking').first().waitFor();
      await measure('tickets');
      await page.goto(`${BASE()}/appeal`);
      await page.getByTestId('appeal-text').locator('textarea:not([aria-hidden])').fill('景区厕所太少，排队很久。');
      await measure('appeal');
      await page.getByTestId('appeal-submit').click();
      await page.getByTestId('tracking-no').waitFor();
      await measure('appeal-done');
      await page.getByTestId('view-order').click();
      await page.getByTestId('order-status').waitFor();
      await measure('order');
      await page.goto(`${BASE()}/me`);
      await page.getByTestId('my-phone').waitFor();
      await measure('me');
      expect(wide).toEqual({});
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await page.context().close();
    },
    180_000,
  );
});
