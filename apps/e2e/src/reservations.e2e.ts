import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, touristLogin } from './browser.js';
import { fillVisitor, phoneFor, prepareSpot, toastGone } from './reservation-steps.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe.each(['phone', 'desktop'] as const)('reservation journey on a %s screen', (vp) => {
  it('tourist books → QR ticket → gate checks in once, refuses twice → tourist cancels another booking', async () => {
    const gate = await newPage(browser, vp);
    await staffLogin(gate, 'spot1');
    const spot = await prepareSpot(gate);
    // The command center watches the flow page; it must move without a reload when the gate admits the party.
    const centre = await newPage(browser, vp);
    await staffLogin(centre, 'dispatcher');
    await centre.goto(`${BASE()}/console/flow`);
    const live = centre.locator(`[data-testid="flow-occupancy"][data-spot="${spot.spotId}"]`);
    const before = Number(await live.textContent());

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
    await expect.poll(async () => Number(await live.textContent()), { timeout: 10_000 }).toBe(before + 1);
    await shot(centre, `${vp}-console-flow-after-check-in`);
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
    for (const p of [tourist, gate, centre]) {
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
      await p.context().close();
    }
  });
});
