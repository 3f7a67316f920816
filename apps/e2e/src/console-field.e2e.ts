import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, LIST_ROW, launch, newPage, shot, type TViewport } from './browser.js';
import { idNumber, OFFSET } from './reservation-steps.js';

/** The machine is shared and slow: a refetch after a change can take seconds (expect.poll waits 1 s by default). */
const SLOW = { timeout: 20_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** What a page showed the user that it should not: refusals by the API and React Router's hydration warning. */
function watch(page: Page) {
  const refused: string[] = [];
  const warnings: string[] = [];
  page.on('response', (r) => {
    if ((r.status() === 403 || r.status() >= 500) && r.url().includes('/api/'))
      refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.text().includes('HydrateFallback')) warnings.push(m.text());
  });
  return { refused, warnings };
}

async function login(page: Page, username: string) {
  await page.goto(`${BASE()}/console/login`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname.startsWith('/console/') && !u.pathname.endsWith('/login'));
}

/** Screenshots go where the other journeys put theirs, and to /tmp/console-field-shots for review. */
async function snap(page: Page, name: string) {
  await shot(page, `field-${name}`);
  const dir = '/tmp/console-field-shots/';
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}e2e-${name}.png`, fullPage: true });
}

/** A day in the prefecture's calendar, n days from today. */
const dayFromToday = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

const CASES = [
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const satisfies readonly (readonly [TViewport, 'zh-CN' | 'en'])[];

describe.each(CASES)('field roles on a %s screen (%s)', (vp, lang) => {
  const en = lang === 'en';
  const tag = `${vp}-${lang}`;

  it('the scenic spot account changes a slot’s quota (an API refusal shows on the field) and closes a day', async () => {
    const page = await newPage(browser, vp, lang);
    const seen = watch(page);
    await login(page, 'spot1');
    await page.getByTestId('menu-toggle').or(page.locator('.ant-layout-sider')).first().waitFor();
    if (vp === 'phone') {
      await page.getByTestId('menu-toggle').click();
      await page.getByRole('menuitem', { name: en ? 'Slots & closed days' : '预约与闭园设置' }).click();
    } else await page.getByRole('menuitem', { name: en ? 'Slots & closed days' : '预约与闭园设置' }).click();
    await page.waitForURL(/\/console\/spot$/);
    // Tomorrow's slots: today's have ended or are booked through the demo day, by the hour the suite runs (a
    // running slot may hold more bookings than the quota below). The edit and the quota read back share one row.
    // (the picker's input is read-only: the day is picked in its calendar, which shows the next month's first days)
    await page.getByTestId('slots-day').click();
    const loaded = page.waitForResponse((r) => r.url().includes('/availability') && r.url().includes(dayFromToday(1)));
    await page.locator(`.ant-picker-dropdown td[title="${dayFromToday(1)}"]`).click();
    await loaded;
    const row = page
      .getByTestId('spot-slots')
      .locator(LIST_ROW)
      .filter({ has: page.getByTestId('slot-edit') })
      .first();
    await row.getByTestId('slot-edit').waitFor();

    // A quota beyond the daily capacity: the server's refusal appears under the quota field.
    await row.getByTestId('slot-edit').click();
    await page.getByTestId('quota-input').fill('999999');
    await page.locator('#quota-save').click();
    const explain = page.locator('.ant-modal .ant-form-item-explain-error');
    await expect.poll(() => explain.textContent(), SLOW).toContain(en ? 'daily capacity' : '日最大承载量');
    const quota = vp === 'phone' ? '880' : '870';
    await page.getByTestId('quota-input').fill(quota);
    await page.locator('#quota-save').click();
    await expect.poll(() => row.getByTestId('slot-quota').textContent(), SLOW).toBe(quota);
    await snap(page, `${tag}-spot-slots`);

    // Close a day with its reason from the calendar.
    const day = dayFromToday(vp === 'phone' ? 3 : 4);
    const reason = en ? 'Boardwalk repairs' : '栈道检修';
    const cell = page.locator(`.ant-picker-calendar td[title="${day}"]`);
    await cell.click();
    // a retry finds the day closed by the first attempt: reopen it first (that path is exercised too)
    const first = await Promise.race([
      page
        .getByTestId('day-reason')
        .waitFor()
        .then(() => 'reason'),
      page
        .getByTestId('day-reopen')
        .waitFor()
        .then(() => 'reopen'),
    ]);
    if (first === 'reopen') {
      await page.getByTestId('day-reopen').click();
      await page.getByTestId('day-reopen').waitFor({ state: 'detached' });
      await cell.click();
    }
    await page.getByTestId('day-reason').fill(reason);
    await page.getByTestId('day-close').click();
    const listed = page.getByTestId('closed-day').filter({ hasText: day });
    await listed.waitFor();
    await expect(listed.textContent()).resolves.toContain(reason);
    await snap(page, `${tag}-spot-closed-day`);
    // The public availability says so too.
    const spotId = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).businessId);
    const avail = await (
      await fetch(`${BASE()}/api/reservations/spots/${spotId}/availability?from=${day}&days=1`)
    ).json();
    expect(avail.days[0]).toMatchObject({ day, closed: true, closedReason: reason });
    expect(seen.refused).toEqual([]);
    expect(seen.warnings).toEqual([]);
    await page.context().close();
  });

  it('the gate’s “too early” names the ticket’s slot (its day and start)', async () => {
    // A tourist books tomorrow's first slot, through the portal's API as the portal makes the calls.
    const tourist = await newPage(browser, vp, lang);
    await tourist.goto(`${BASE()}/`);
    const phone = `135${vp === 'phone' ? 1 : 2}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const ticket = await tourist.evaluate(
      async ({ phone, id }) => {
        const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
          const me = await (await fetch('/api/auth/me')).json().catch(() => ({}));
          const r = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '', ...headers },
            body: JSON.stringify(body),
          });
          return r.json();
        };
        const { demoCode } = await post('/api/auth/code', { phone });
        await post('/api/auth/tourist-login', { phone, code: demoCode });
        await post('/api/auth/consent', { version: '2026-11' });
        const spots = await (await fetch('/api/reservations/spots')).json();
        const spot = spots.find((s: { name: string }) => s.name === '象山生态旅游区') ?? spots[0];
        const avail = await (await fetch(`/api/reservations/spots/${spot.spotId}/availability?days=2`)).json();
        const slot = avail.days[1].slots.find((x: { remaining: number }) => x.remaining > 0);
        const b = await post(
          '/api/reservations/bookings',
          { slotId: slot.id, visitors: [{ name: '早到游客', idNumber: id }] },
          { 'idempotency-key': `early-${phone}` },
        );
        return { code: b.ticketCode as string, day: avail.days[1].day as string, startsAt: slot.startsAt as string };
      },
      { phone, id: idNumber() },
    );
    expect(ticket.code).toMatch(/^[0-9A-Z]{6,20}$/);
    const start = new Date(Date.parse(ticket.startsAt) + OFFSET).toISOString().slice(11, 16);
    await tourist.context().close();

    const gate = await newPage(browser, vp, lang);
    await login(gate, 'spot1');
    await gate.goto(`${BASE()}/console/gate`);
    await gate.getByTestId('gate-code').fill(ticket.code);
    await gate.getByTestId('gate-submit').click();
    const refused = gate.getByTestId('gate-refused');
    await refused.waitFor();
    const text = (await refused.textContent()) ?? '';
    expect(text).toContain(start);
    expect(text).toContain(ticket.day);
    await snap(gate, `${tag}-gate-too-early`);
    await gate.context().close();
  });

  it('the grid worker files a report by a tap on the map and a business from the directory; live updates open', async () => {
    const page = await newPage(browser, vp, lang);
    const seen = watch(page);
    await login(page, 'grid1');
    await page.waitForURL(/\/console\/report$/);
    const text = `${tag} 网格巡查：银器店门口占道摆摊，堵住了消防通道。`;
    await page.getByTestId('report-text').fill(text);
    // the place: a tap in the middle of the map (the prefecture), before any business is named
    const map = page.getByTestId('location-map');
    await map.locator('canvas').first().waitFor();
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => page.getByTestId('picked-place').textContent(), SLOW).toMatch(/\d+\.\d+°N/);
    const picked = (await page.getByTestId('picked-place').textContent()) ?? '';
    // the business, searched in the directory by name
    await page.getByTestId('business-select').click();
    await page.getByTestId('business-select').locator('input').fill('银器');
    await page.getByTestId('business-option').first().click();
    await expect(page.getByTestId('business-select').textContent()).resolves.toContain(en ? 'Silverware' : '银器');
    // naming the business did not move the place the worker tapped
    await expect(page.getByTestId('picked-place').textContent()).resolves.toBe(picked);
    await snap(page, `${tag}-report-filled`);
    await page.getByTestId('report-submit').click();
    const done = page.getByTestId('report-result');
    await expect.poll(() => done.textContent(), SLOW).toMatch(/ZL\d{14}/);
    const no = ((await done.textContent()) ?? '').match(/ZL\d{14}/)![0];
    await snap(page, `${tag}-report-done`);

    // The order holds the tapped place (inside the prefecture) and the business.
    const list = await page.evaluate(async (n) => (await (await fetch(`/api/work-orders?q=${n}`)).json()).items, no);
    expect(list).toHaveLength(1);
    // the list speaks the page's language: the English name on an English page
    expect(list[0].businessName).toMatch(en ? /Silverware/ : /银器/);
    const detail = await page.evaluate(async (id) => (await fetch(`/api/work-orders/${id}`)).json(), list[0].id);
    expect(detail.location.lng).toBeGreaterThan(99.0);
    expect(detail.location.lng).toBeLessThan(101.5);
    expect(detail.location.lat).toBeGreaterThan(25.5);
    expect(detail.location.lat).toBeLessThan(28.0);
    expect(picked).toContain(detail.location.lat.toFixed(5));

    // Its queue: cards on a phone, the live stream answers (it was refused with 403)
    await page.goto(`${BASE()}/console/work-orders`);
    await page.getByTestId('order-link').filter({ hasText: no }).waitFor();
    if (vp === 'phone') expect(await page.getByTestId('row-card').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      vp === 'phone' ? 390 : 1440,
    );
    await snap(page, `${tag}-grid-queue`);
    expect(seen.refused).toEqual([]);
    expect(seen.warnings).toEqual([]);
    await page.context().close();
  });

  it('the dispatcher logs a hotline call: a field error from the API, then the order with the caller masked', async () => {
    const page = await newPage(browser, vp, lang);
    const seen = watch(page);
    await login(page, 'dispatcher');
    await page.goto(`${BASE()}/console/intake`);
    await page.getByTestId('intake-form').waitFor();
    const text = `${tag} 来电反映古城银器店以次充好，标价与实际成色不符，要求退款。`;
    await page.getByTestId('intake-phone').fill('1234567');
    await page.getByTestId('intake-text').fill(text);
    await page.getByTestId('intake-text').blur();
    // the classifier's suggestion fills the category
    await expect.poll(() => page.getByTestId('intake-category').textContent(), SLOW).not.toBe('');
    await page.getByTestId('business-select').click();
    await page.getByTestId('business-select').locator('input').fill('银器');
    await page.getByTestId('business-option').first().click();
    await page.getByTestId('intake-submit').click();
    // the server refuses the number, under the phone field
    const phoneError = page.locator('#callerPhone_help, .ant-form-item-has-error .ant-form-item-explain-error').first();
    await phoneError.waitFor();
    await expect(phoneError.textContent()).resolves.toContain(en ? 'Not a phone number' : '号码不正确');
    await snap(page, `${tag}-intake-error`);
    await page.getByTestId('intake-phone').fill('139 1234 0000');
    await page.getByTestId('intake-submit').click();
    const done = page.getByTestId('intake-done');
    await expect.poll(() => done.textContent(), SLOW).toMatch(/ZL\d{14}/);
    await expect(page.locator('body').textContent()).resolves.toContain('139****0000');
    expect(await page.locator('body').textContent()).not.toContain('13912340000');
    await snap(page, `${tag}-intake-done`);
    const no = ((await done.textContent()) ?? '').match(/ZL\d{14}/)![0];
    const [o] = await page.evaluate(async (n) => (await (await fetch(`/api/work-orders?q=${n}`)).json()).items, no);
    expect(o.source).toBe('hotline');
    expect(o.businessName).toMatch(en ? /Silverware/ : /银器/);
    expect(seen.refused).toEqual([]);
    expect(seen.warnings).toEqual([]);
    await page.context().close();
  });

  it('an unknown address shows the 404 page, on the portal and in the console; never the developer page', async () => {
    const page = await newPage(browser, vp, lang);
    const seen = watch(page);
    await page.goto(`${BASE()}/no-such-page`);
    await page.getByTestId('not-found').waitFor();
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain(en ? 'Page not found' : '页面不存在');
    expect(body).not.toContain('Hey developer');
    await snap(page, `${tag}-portal-404`);
    await page.getByRole('link', { name: en ? 'Back to home' : '返回首页' }).click();
    await page.waitForURL(`${BASE()}/`);
    await login(page, 'dispatcher');
    await page.goto(`${BASE()}/console/no-such-page`);
    await page.getByTestId('not-found').waitFor();
    await expect(page.getByTestId('me').textContent()).resolves.toBeTruthy(); // inside the console's layout
    await snap(page, `${tag}-console-404`);
    expect(seen.warnings).toEqual([]);
    await page.context().close();
  });

  it('every demo role lands on a page it may read (no 403) with a menu', async () => {
    const roles = [
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
    for (const username of roles) {
      const page = await newPage(browser, vp, lang);
      const seen = watch(page);
      await login(page, username);
      await page.waitForLoadState('networkidle');
      if (username === 'volunteer1') {
        expect(new URL(page.url()).pathname).toBe('/console/notifications');
        await snap(page, `${tag}-volunteer-home`);
      }
      if (vp === 'phone') {
        await page.getByTestId('menu-toggle').click();
        await page.locator('.ant-drawer').getByRole('menuitem').first().waitFor();
        if (username === 'grid1') {
          await page.waitForTimeout(600); // the drawer's slide
          await snap(page, `${tag}-menu-drawer`);
        }
      }
      expect(await page.getByRole('menuitem').count(), username).toBeGreaterThan(0);
      if (username === 'biz1' && en) {
        // the long English item wraps instead of being cut off
        const item = page.getByRole('menuitem', { name: 'Orders about my business' });
        const { scrollWidth, clientWidth } = await item
          .locator('.ant-menu-title-content')
          .evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
        await snap(page, `${tag}-business-menu`);
      }
      expect(seen.refused, username).toEqual([]);
      expect(seen.warnings, username).toEqual([]);
      await page.context().close();
    }
  });
});
