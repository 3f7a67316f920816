import type { Page } from 'playwright-core';
import { shot, type TViewport } from './browser.js';

/** Steps the reservation journeys share: test data, staff API calls from a signed-in page, the booking form. */
export const OFFSET = 8 * 3_600_000; // Asia/Shanghai, no daylight saving
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A resident ID number with a valid GB 11643 check character (Lijiang prefix, random birth day and sequence). */
export function idNumber(): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 40 * 365) * 86_400_000);
  const first17 = `530702${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A new tourist per attempt (as in work-orders.e2e.ts): a retry must not meet the first attempt's consent. */
export const phoneFor = (vp: TViewport) =>
  `137${vp === 'phone' ? 1 : 2}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** A staff API call from the signed-in console page (session cookie + CSRF token), as the console makes it. */
export async function staffApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
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
export async function prepareSpot(gate: Page) {
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

export const toastGone = (page: Page) => page.locator('.adm-toast-mask').waitFor({ state: 'detached' });

export async function fillVisitor(page: Page, name: string, shotName?: string) {
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
