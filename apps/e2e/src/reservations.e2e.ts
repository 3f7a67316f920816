import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, type TViewport, touristLogin } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const OFFSET = 8 * 3_600_000; // Asia/Shanghai, no daylight saving
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A resident ID number with a valid GB 11643 check character (Lijiang prefix, random birth day and sequence). */
function idNumber(): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 40 * 365) * 86_400_000);
  const first17 = `530702${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A new tourist per attempt (as in work-orders.e2e.ts): a retry must not meet the first attempt's consent. */
const phoneFor = (vp: TViewport) =>
  `137${vp === 'phone' ? 1 : 2}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** A staff API call from the signed-in console page (session cookie + CSRF token), as the console makes it. */
async function staffApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { ok: r.ok, text: await r.text() };
    },
    { method, path, body },
  );
  if (!res.ok) throw new Error(`${method} ${path}: ${res.text}`);
  return JSON.parse(res.text) as T;
}

type TSpot = { spotId: string; name: string; instantCapacity: number; averageStayMinutes: number };
type TAvail = { days: { day: string; slots: { id: string; startsAt: string }[] }[] };

/**
 * A check-in only succeeds inside its slot's window, and the demo's slots follow day-time opening hours in
 * Asia/Shanghai, so the journey would fail at night. The spot's own account therefore opens the spot all day and
 * publishes a slot that covers now — the calls its staff would make. It also sells out tomorrow's last slot
 * (quota 0) and closes the 7th day, so the tourist's screens show a sold-out slot and a closed day.
 */
async function prepareSpot(gate: Page) {
  const me = await staffApi<{ businessId: string }>(gate, 'GET', '/api/auth/me');
  const url = `/api/reservations/spots/${me.businessId}`;
  const s = await staffApi<TSpot>(gate, 'GET', url);
  await staffApi(gate, 'PUT', url, {
    instantCapacity: s.instantCapacity,
    opensAt: '00:00',
    closesAt: '23:59',
    averageStayMinutes: s.averageStayMinutes,
  });
  const local = new Date(Date.now() + OFFSET);
  const day = local.toISOString().slice(0, 10);
  const start = Math.max(0, local.getUTCHours() * 60 + local.getUTCMinutes() - 1);
  const end = Math.min(23 * 60 + 59, start + 60);
  await staffApi(gate, 'POST', `${url}/slots`, {
    from: day,
    to: day,
    slots: [{ start: hhmm(start), end: hhmm(end), quota: 20 }],
  });
  const avail = await staffApi<TAvail>(gate, 'GET', `${url}/availability?days=7`);
  const tomorrow = avail.days[1].slots;
  await staffApi(gate, 'PUT', `/api/reservations/slots/${tomorrow[tomorrow.length - 1].id}/quota`, { quota: 0 });
  await staffApi(gate, 'PUT', `${url}/closed-days/${avail.days[6].day}`, { reason: '设备检修 Maintenance' });
  return {
    spotId: me.businessId,
    name: s.name,
    startsAt: new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET + start * 60_000).toISOString(),
  };
}

const toastGone = (page: Page) => page.locator('.adm-toast-mask').waitFor({ state: 'detached' });

async function fillVisitor(page: Page, name: string, shotName?: string) {
  await page.getByTestId('visitor-name-0').locator('input').fill(name);
  await page.getByTestId('visitor-id-0').locator('input').fill(idNumber());
  if (shotName) {
    await toastGone(page);
    await shot(page, shotName);
  }
  await page.getByTestId('book-submit').click();
  await page.getByTestId('ticket-code').waitFor();
  return ((await page.getByTestId('ticket-code').textContent()) ?? '').trim();
}

describe.each(['phone', 'desktop'] as const)('reservation journey on a %s screen', (vp) => {
  it('tourist books → QR ticket → gate checks in once, refuses twice → tourist cancels another booking', async () => {
    const gate = await newPage(browser, vp);
    await staffLogin(gate, 'spot1');
    const spot = await prepareSpot(gate);

    // 1. The tourist finds the spot from the home page and picks the slot that covers now.
    const tourist = await newPage(browser, vp);
    await tourist.goto(`${BASE()}/`);
    await tourist.getByTestId('level-tag').first().waitFor();
    await shot(tourist, `${vp}-portal-home`);
    await tourist.getByTestId('entry-reserve').click();
    await tourist.getByTestId('today-left').first().waitFor();
    await shot(tourist, `${vp}-portal-spots`);
    await tourist.getByTestId('spot-item').filter({ hasText: spot.name }).click();
    await tourist.locator(`[data-testid="slot"][data-start="${spot.startsAt}"]`).click();
    await tourist.getByTestId('go-login').click();
    await touristLogin(tourist, phoneFor(vp));
    await tourist.getByTestId('consent-agree').click();
    const code = await fillVisitor(tourist, '和游客', `${vp}-portal-book`);
    expect(code).toMatch(/^[0-9A-Z]{6,20}$/);
    await tourist.getByTestId('ticket-qr').waitFor();
    await expect(tourist.getByTestId('visitor-masked').textContent()).resolves.toMatch(/^5307\*+\w{4}$/);
    await shot(tourist, `${vp}-portal-ticket`);

    // 2. The gate types the code: admitted once; the same code again is refused with a clear message.
    await gate.goto(`${BASE()}/console/gate`);
    await gate.getByTestId('gate-code').fill(code);
    await gate.getByTestId('gate-submit').click();
    await expect(gate.getByTestId('gate-admitted').textContent()).resolves.toContain('1');
    await shot(gate, `${vp}-console-gate-admitted`);
    await gate.getByTestId('gate-code').fill(code);
    await gate.getByTestId('gate-submit').click();
    await expect(gate.getByTestId('gate-refused').textContent()).resolves.toContain('已检票入园');
    await shot(gate, `${vp}-console-gate-refused`);

    // 3. A new booking on a later day, cancelled from "my reservations" (reached from the Me page).
    await tourist.goto(`${BASE()}/reserve/${spot.spotId}`);
    await tourist.getByRole('tab').nth(6).click();
    await tourist.getByTestId('day-closed').waitFor();
    await shot(tourist, `${vp}-portal-spot-closed`);
    await tourist.getByRole('tab').nth(1).click();
    await expect(tourist.getByTestId('slot').last().getAttribute('data-state')).resolves.toBe('sold_out');
    await expect(tourist.getByTestId('slot').last().isDisabled()).resolves.toBe(true);
    await shot(tourist, `${vp}-portal-spot`);
    await tourist.locator('[data-testid="slot"][data-state="open"]').first().click();
    const second = await fillVisitor(tourist, '木游客');
    await tourist.getByTestId('tab-me').click();
    await tourist.getByTestId('me-tickets').click();
    const row = tourist.locator(`[data-testid="my-booking"][data-code="${second}"]`);
    await row.getByTestId('cancel-booking').click();
    await tourist.getByRole('button', { name: '确定取消' }).click();
    await expect.poll(() => row.getByTestId('booking-status').textContent()).toBe('已取消');
    await toastGone(tourist);
    await expect(
      tourist.locator(`[data-testid="my-booking"][data-code="${code}"]`).getByTestId('booking-status').textContent(),
    ).resolves.toBe('已入园');
    await shot(tourist, `${vp}-portal-my-reservations`);
    for (const p of [tourist, gate]) {
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
      await p.context().close();
    }
  });
});
