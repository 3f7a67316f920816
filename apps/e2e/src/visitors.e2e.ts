import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin } from './browser.js';
import { prepareSpot, toastGone } from './reservation-steps.js';

/**
 * Issue 18: a Hong Kong visitor signs in with a +852 number and books with a 回乡证 (港澳居民来往内地通行证), on a
 * phone in Chinese and on a desktop in English; the staff screens that go with it (the spot's local rules, the
 * report to the local government, booking for a visitor at a station) are photographed at both sizes.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('a visitor from Hong Kong on a %s screen (%s)', (vp, lang) => {
  it('signs in with +852, books with a 回乡证, sees it masked; staff screens for walk-ins and reports', async () => {
    const gate = await newPage(browser, vp, lang);
    await staffLogin(gate, 'spot1');
    const spot = await prepareSpot(gate);

    const visitor = await newPage(browser, vp, lang);
    await visitor.goto(`${BASE()}/reserve/${spot.spotId}`);
    await visitor.locator(`[data-testid="slot"][data-start="${spot.startsAt}"]`).click();
    await visitor.getByTestId('go-login').click();
    await visitor.getByTestId('country-code').selectOption('852');
    await visitor
      .getByTestId('phone')
      .locator('input')
      .fill(`9${digits(7)}`);
    await toastGone(visitor).catch(() => {});
    await shot(visitor, `${vp}-${lang}-visitors-login-852`);
    await visitor.getByTestId('get-code').click();
    const notice = (await visitor.getByTestId('demo-code').textContent()) ?? '';
    await visitor
      .getByTestId('code')
      .locator('input')
      .fill(notice.match(/\d{6}/)?.[0] ?? '');
    await visitor.getByTestId('login-submit').click();
    await visitor.getByTestId('consent-agree').click();

    await visitor.getByTestId('visitor-doc-0').selectOption('hk_macao_permit');
    await visitor.getByTestId('visitor-name-0').locator('input').fill('陈大文 Chan Tai Man');
    const permit = `H${digits(8)}`;
    await visitor.getByTestId('visitor-id-0').locator('input').fill(permit.toLowerCase());
    await toastGone(visitor);
    await shot(visitor, `${vp}-${lang}-visitors-book-permit`);
    await visitor.getByTestId('book-submit').click();
    await visitor.getByTestId('ticket-code').waitFor();
    const masked = (await visitor.getByTestId('visitor-masked').textContent()) ?? '';
    expect(masked).toBe(`H******${permit.slice(-2)}`);
    expect(await visitor.content()).not.toContain(permit);
    await shot(visitor, `${vp}-${lang}-visitors-ticket`);

    // The spot's settings show the turnover and the local rules as local choices.
    await gate.goto(`${BASE()}/console/spot`);
    await gate.getByTestId('spot-turnover').waitFor();
    await shot(gate, `${vp}-${lang}-visitors-spot-local-rules`);

    // The command center's flow page lists the reports to the local government.
    const centre = await newPage(browser, vp, lang);
    await staffLogin(centre, 'dispatcher');
    await centre.goto(`${BASE()}/console/flow`);
    await centre.getByTestId('government-reports').waitFor();
    await shot(centre, `${vp}-${lang}-visitors-government-reports`);

    // A volunteer at a station books for an elderly visitor without a phone.
    const station = await newPage(browser, vp, lang);
    await station.goto(`${BASE()}/console/login`);
    await station.getByTestId('username').fill('volunteer1');
    await station.getByTestId('password').fill('demo1234');
    await station.getByTestId('login-submit').click();
    await station.waitForURL(/\/console\/notifications/);
    await station.goto(`${BASE()}/console/proxy-booking`);
    await station.getByTestId('proxy-booking').waitFor();
    await shot(station, `${vp}-${lang}-visitors-proxy-booking`);

    for (const p of [visitor, gate, centre, station]) {
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
      await p.context().close();
    }
  });
});
