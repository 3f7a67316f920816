import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, touristLogin } from './browser.js';
import { phoneFor } from './reservation-steps.js';

/**
 * A work order's procedure: a department's extension (延期) approved by the command center and shown to the
 * tourist; a hotline order followed up (回访) by phone and closed. Phone in Chinese, desktop in English.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function openOrderInConsole(page: Page, trackingNo: string) {
  await page.goto(`${BASE()}/console/work-orders`);
  await page.getByPlaceholder(/工单编号|Tracking/).fill(trackingNo);
  await page.getByRole('button', { name: /查\s*询|Search/ }).click();
  await page.getByTestId('order-link').filter({ hasText: trackingNo }).click();
  await page.getByTestId('tracking-no').filter({ hasText: trackingNo }).waitFor();
}

/** Sends the open modal and waits for the success message; fails with the server's message if refused. */
async function confirm(page: Page, okTestId: string, name: string) {
  await page.getByTestId(okTestId).click();
  // the modal closes once the server has answered yes
  const ok = page
    .getByTestId(okTestId)
    .waitFor({ state: 'detached' })
    .then(() => null);
  const error = page
    .locator('.ant-message-error')
    .waitFor()
    .then(() => page.locator('.ant-message-error').textContent());
  const refused = await Promise.race([ok, error]);
  if (refused) {
    await shot(page, `failed-${name}`);
    throw new Error(`${name} refused: ${refused}`);
  }
}

describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('procedure on a %s screen (%s)', (vp, lang) => {
  const en = lang === 'en';
  const tag = `${vp}-${lang}`;

  it("a department's extension is approved by the command center and shown to the tourist", async () => {
    const tourist = await newPage(browser, vp, lang);
    await tourist.goto(`${BASE()}/appeal`);
    await tourist.getByTestId('go-login').click();
    await touristLogin(tourist, phoneFor(vp));
    await tourist.getByTestId('consent-agree').click();
    await tourist
      .getByTestId('appeal-text')
      .locator('textarea:not([aria-hidden])')
      .fill('在古城银器店被导游强迫购物，不买不让走，要求退款。');
    await tourist.getByTestId('category-hint').waitFor();
    await tourist.getByTestId('appeal-submit').click();
    const trackingNo = ((await tourist.getByTestId('tracking-no').textContent()) ?? '').match(/ZL\d{14}/)?.[0] ?? '';
    expect(trackingNo).toMatch(/^ZL\d{14}$/);

    const dispatcher = await newPage(browser, vp, lang);
    await staffLogin(dispatcher, 'dispatcher');
    await openOrderInConsole(dispatcher, trackingNo);
    await dispatcher.getByTestId('action-dispatch').click();
    await dispatcher.getByTestId('dept-select').click();
    await dispatcher.keyboard.type(en ? 'Culture' : '文化和旅游');
    await dispatcher.keyboard.press('Enter');
    await dispatcher.getByTestId('modal-ok').click();
    await dispatcher.getByTestId('action-dispatch').waitFor({ state: 'detached' });

    // The department accepts, then asks for two more working days.
    const dept = await newPage(browser, vp, lang);
    await staffLogin(dept, 'dept_culture');
    await openOrderInConsole(dept, trackingNo);
    await dept.getByTestId('action-accept').click();
    await dept.getByTestId('action-request_time').waitFor();
    await dept.getByTestId('action-request_time').click();
    await dept.getByTestId('time-reason').fill('需调取古城监控录像核实导游行为');
    await shot(dept, `${tag}-procedure-request-time`);
    await confirm(dept, 'modal-ok', 'request_time');
    await dept.getByTestId('time-request-status').first().waitFor();
    await expect(dept.getByTestId('time-request-status').first().textContent()).resolves.toMatch(/待审批|Pending/);

    // The command center sees it on its desk and approves it from the order's procedure panel.
    await dispatcher.goto(`${BASE()}/console/time-requests`);
    await dispatcher.getByRole('link', { name: trackingNo }).waitFor();
    await shot(dispatcher, `${tag}-procedure-desk`);
    await openOrderInConsole(dispatcher, trackingNo);
    await dispatcher.getByTestId('time-requests').getByRole('button').first().click();
    await dispatcher.getByTestId('decide-note').fill('同意延期两个工作日，以便调取录像。');
    await confirm(dispatcher, 'decide-ok', 'decide_time');
    await expect
      .poll(() => dispatcher.getByTestId('time-request-status').first().textContent())
      .toMatch(/已批准|Approved/);
    await shot(dispatcher, `${tag}-procedure-approved`);

    // The tourist reads the decision and the new deadline.
    await tourist.goto(`${BASE()}/orders`);
    await tourist.getByTestId('my-order').filter({ hasText: trackingNo }).click();
    await tourist.getByTestId('timeline-step').filter({ hasText: '同意延期两个工作日' }).waitFor();
    await shot(tourist, `${tag}-procedure-tourist`);
    // the step's title (the action's label) sits outside its description, in antd-mobile's step
    const step = tourist.locator('.adm-step').filter({ hasText: '同意延期两个工作日' });
    await expect(step.textContent()).resolves.toMatch(en ? /Handling time changed/ : /办理期限调整/);
    for (const p of [tourist, dispatcher, dept]) {
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
      await p.context().close();
    }
  });

  it('a hotline order is followed up by phone and closed', async () => {
    const dispatcher = await newPage(browser, vp, lang);
    await staffLogin(dispatcher, 'dispatcher');
    await dispatcher.goto(`${BASE()}/console/intake`);
    await dispatcher.getByTestId('intake-form').waitFor();
    await dispatcher.getByTestId('intake-phone').fill('139 5678 0000');
    await dispatcher
      .getByTestId('intake-text')
      .fill(`${tag} 来电反映古城银器店以次充好，标价与实际成色不符，要求退款。`);
    await dispatcher.getByTestId('intake-text').blur();
    await expect.poll(() => dispatcher.getByTestId('intake-category').textContent()).not.toBe('');
    await dispatcher.getByTestId('intake-submit').click();
    const done = dispatcher.getByTestId('intake-done');
    await expect.poll(() => done.textContent()).toMatch(/ZL\d{14}/);
    const trackingNo = ((await done.textContent()) ?? '').match(/ZL\d{14}/)![0];
    // Routed by its category at intake; hand it to culture and tourism if it is not there already.
    const [o] = await dispatcher.evaluate(
      async (n) => (await (await fetch(`/api/work-orders?q=${n}`)).json()).items,
      trackingNo,
    );
    // (the demo routes 以次充好 to market supervision; the staff account follows the department it went to)
    const staff = /市场|Market/.test(o.departmentName ?? '') ? 'dept_market' : 'dept_culture';
    if (o.status === 'pending') {
      await openOrderInConsole(dispatcher, trackingNo);
      await dispatcher.getByTestId('action-dispatch').click();
      await dispatcher.getByTestId('dept-select').click();
      await dispatcher.keyboard.type(en ? 'Culture' : '文化和旅游');
      await dispatcher.keyboard.press('Enter');
      await dispatcher.getByTestId('modal-ok').click();
      await dispatcher.getByTestId('action-dispatch').waitFor({ state: 'detached' });
    }

    const dept = await newPage(browser, vp, lang);
    await staffLogin(dept, o.status === 'pending' ? 'dept_culture' : staff);
    await openOrderInConsole(dept, trackingNo);
    await dept.getByTestId('action-accept').click();
    await dept.getByTestId('action-resolve').waitFor();
    await dept.getByTestId('action-resolve').click();
    await dept.getByTestId('text-input').fill('经核查，已责令商家按标价差额退款。');
    await confirm(dept, 'modal-ok', 'resolve');

    // The command center calls the caller back and records the result; the order closes.
    await openOrderInConsole(dispatcher, trackingNo);
    await dispatcher.getByTestId('action-follow_up').click();
    await dispatcher
      .getByTestId('follow-up-result')
      .getByText(en ? 'Basically satisfied' : '基本满意')
      .click();
    await dispatcher.getByTestId('follow-up-note').fill('电话回访，来电人表示基本满意。');
    await shot(dispatcher, `${tag}-procedure-follow-up`);
    await confirm(dispatcher, 'modal-ok', 'follow_up');
    await dispatcher.getByTestId('action-follow_up').waitFor({ state: 'detached' });
    const item = dispatcher.getByTestId('timeline-item').filter({ hasText: '电话回访，来电人表示基本满意' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toMatch(en ? /Phone follow-up/ : /电话回访/);
    await shot(dispatcher, `${tag}-procedure-closed`);
    for (const p of [dispatcher, dept]) {
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
      await p.context().close();
    }
  });
});
