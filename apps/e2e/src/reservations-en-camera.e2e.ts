import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, touristLogin } from './browser.js';
import { writeQrVideo } from './fake-camera.js';
import { fillVisitor, phoneFor, prepareSpot } from './reservation-steps.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/**
 * English mode end to end, with the gate reading the ticket's QR through a camera: Chromium's fake camera plays a
 * video of the QR code the tourist's ticket encodes, so the page's real getUserMedia → decoder → check-in path runs.
 */
describe.each(['phone', 'desktop'] as const)('English reservation journey with a camera gate on a %s screen', (vp) => {
  it('tourist books in English → the gate scans the QR with its camera → admitted; again → refused', async () => {
    const setup = await newPage(browser, vp, 'en');
    await staffLogin(setup, 'spot1');
    const spot = await prepareSpot(setup);
    await setup.context().close();

    const tourist = await newPage(browser, vp, 'en');
    await tourist.goto(`${BASE()}/`);
    await tourist.getByTestId('entry-reserve').click();
    await tourist.getByTestId('today-left').first().waitFor();
    await expect(tourist.locator('body').textContent()).resolves.toMatch(/Reserve|Book/);
    await shot(tourist, `${vp}-en-portal-spots`);
    await tourist.getByTestId('spot-item').first().waitFor();
    await tourist.goto(`${BASE()}/reserve/${spot.spotId}`);
    await tourist.locator(`[data-testid="slot"][data-start="${spot.startsAt}"]`).click();
    await tourist.getByTestId('go-login').click();
    await touristLogin(tourist, phoneFor(vp));
    await tourist.getByTestId('consent-agree').click();
    const code = await fillVisitor(tourist, 'Alice He', `${vp}-en-portal-book`);
    await tourist.getByTestId('ticket-qr').waitFor();
    await shot(tourist, `${vp}-en-portal-ticket`);

    const camera = await launch([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${writeQrVideo(code)}`,
    ]);
    try {
      const gate = await newPage(camera, vp, 'en');
      await gate.context().grantPermissions(['camera'], { origin: BASE() });
      await staffLogin(gate, 'spot1');
      await gate.goto(`${BASE()}/console/gate`);
      await gate.getByTestId('gate-scan').click();
      await expect(gate.getByTestId('gate-admitted').textContent({ timeout: 20_000 })).resolves.toBe(
        'Admitted: let 1 in',
      );
      await expect(gate.getByTestId('gate-code').inputValue()).resolves.toBe('');
      await shot(gate, `${vp}-en-console-gate-camera`);
      // The ticket stays in view: after the repeat pause the camera reads it again and the gate refuses it.
      await expect(gate.getByTestId('gate-refused').textContent({ timeout: 20_000 })).resolves.toBe(
        'Refused: this ticket has already been checked in',
      );
      await gate.getByTestId('gate-scan').click();
      await expect(gate.getByTestId('gate-camera').count()).resolves.toBe(0);
      expect((gate as typeof gate & { errors: string[] }).errors).toEqual([]);
    } finally {
      await camera.close();
    }

    await tourist.goto(`${BASE()}/tickets`);
    const row = tourist.locator(`[data-testid="my-booking"][data-code="${code}"]`);
    await expect.poll(() => row.getByTestId('booking-status').textContent()).toBe('Entered');
    await shot(tourist, `${vp}-en-portal-my-reservations`);
    expect((tourist as typeof tourist & { errors: string[] }).errors).toEqual([]);
    await tourist.context().close();
  });
});
