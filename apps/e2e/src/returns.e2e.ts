import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, type TViewport, touristLogin } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** A receipt photo drawn by the browser itself (the server checks the bytes and re-encodes it). */
async function receiptPng(page: Page): Promise<Buffer> {
  const url = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 120;
    c.height = 160;
    const g = c.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 120, 160);
    g.fillStyle = '#333';
    for (let y = 20; y < 150; y += 16) g.fillRect(10, y, 60 + (y % 40), 6);
    return c.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

const phoneFor = (vp: TViewport) =>
  `137${vp === 'phone' ? 1 : 2}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** The signed-in business account's own shop name, read through the API as the console would. */
async function ownShopName(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const me = await (await fetch('/api/auth/me')).json();
    const b = await (await fetch(`/api/businesses/${me.businessId}`)).json();
    return b.name as string;
  });
}

/** Confirms an antd-mobile picker popup with its current (first) choice. */
async function confirmPicker(page: Page) {
  await page.locator('.adm-picker-header-button').last().click();
}

async function returnRow(page: Page, trackingNo: string) {
  const row = page.locator(`[data-tracking="${trackingNo}"]`);
  await row.waitFor();
  return row;
}

describe.each(['phone', 'desktop'] as const)('no-reason return journey on a %s screen', (vp) => {
  it('tourist files a return → the shop refuses → the market department gets the work order → compensates → the tourist sees it', async () => {
    // 0. The shop's account (biz1) — its name is what the tourist searches for.
    const shop = await newPage(browser, vp);
    await staffLogin(shop, 'biz1');
    const shopName = await ownShopName(shop);
    expect(shopName.length).toBeGreaterThan(1);

    // 1. The tourist files a return on the portal.
    const tourist = await newPage(browser, vp);
    await tourist.goto(`${BASE()}/`);
    await tourist.getByTestId('entry-returns').click();
    await tourist.getByTestId('go-login').click();
    await touristLogin(tourist, phoneFor(vp));
    await tourist.waitForURL(/\/returns$/);
    await tourist.getByTestId('return-new').click();
    await tourist.getByTestId('consent-agree').click();
    await tourist.getByTestId('business-search').locator('input').fill(shopName);
    await tourist.getByTestId('business-option').filter({ hasText: shopName }).first().click();
    await tourist.getByTestId('return-item').locator('input').fill('银手镯');
    await tourist.getByTestId('return-category').click();
    await confirmPicker(tourist);
    await tourist.getByTestId('return-amount').locator('input').fill('128.50');
    await tourist.getByTestId('return-invoice').locator('input').fill('XP20261201-0042');
    await tourist.getByTestId('return-day').click();
    await confirmPicker(tourist);
    await tourist
      .getByTestId('receipt-uploader')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'receipt.png',
        mimeType: 'image/png',
        buffer: await receiptPng(tourist),
      });
    await tourist.locator('.adm-image-uploader-cell-image').first().waitFor();
    await tourist
      .getByTestId('return-reason')
      .locator('textarea:not([aria-hidden])')
      .fill('回酒店后发现镯子内侧有划痕，和店里看的不一样。');
    await shot(tourist, `${vp}-portal-return-form`);
    await tourist.getByTestId('return-submit').click();
    await tourist.getByTestId('return-tracking-no').waitFor();
    const trackingNo = ((await tourist.getByTestId('return-tracking-no').textContent()) ?? '').trim();
    expect(trackingNo).toMatch(/^TH\d{8}[0-9A-F]{8}$/);
    await expect(tourist.getByTestId('return-detail-status').textContent()).resolves.toContain('待商家答复');
    await shot(tourist, `${vp}-portal-return-filed`);

    // 2. The shop sees it with its countdown and refuses with a reason.
    await shop.goto(`${BASE()}/console/returns`);
    let row = await returnRow(shop, trackingNo);
    await row.getByTestId('return-countdown').waitFor();
    await shot(shop, `${vp}-console-returns-shop`);
    await row.getByTestId('return-refuse').click();
    await shop.getByTestId('return-answer-note').fill('商品已佩戴，不予退货');
    await shop.locator('#return-answer-ok').click();
    row = await returnRow(shop, trackingNo);
    // The order exists from filing (registered in the complaint system then): wait for the refusal itself.
    await expect
      .poll(() => row.getByTestId('return-row-status').textContent(), { timeout: 15_000 })
      .toContain('已转市场监管处理');
    const orderNo = ((await row.getByTestId('return-work-order').textContent()) ?? '').trim();
    expect(orderNo).toMatch(/^ZL\d{14}$/);

    // 3. Market supervision finds the new work order in its queue, dispatched to it.
    const dept = await newPage(browser, vp);
    await staffLogin(dept, 'dept_market');
    await dept.goto(`${BASE()}/console/work-orders`);
    await dept.getByPlaceholder(/工单编号|Tracking/).fill(orderNo);
    await dept.getByRole('button', { name: /查\s*询|Search/ }).click();
    await dept.getByTestId('order-link').filter({ hasText: orderNo }).waitFor();
    await shot(dept, `${vp}-console-dept-queue`);
    await dept.getByTestId('order-link').filter({ hasText: orderNo }).click();
    await dept.getByTestId('tracking-no').filter({ hasText: orderNo }).waitFor();
    await expect(dept.locator('body').textContent()).resolves.toContain('镯子内侧有划痕');
    const orderUrl = dept.url();

    // 4. It records advance compensation on the return.
    await dept.goto(`${BASE()}/console/returns`);
    row = await returnRow(dept, trackingNo);
    await row.getByTestId('return-compensate').click();
    await dept.getByTestId('return-compensation-note').fill('经核实，由旅游消费维权基金先行赔付');
    await dept.locator('#return-compensate-ok').click();
    row = await returnRow(dept, trackingNo);
    await expect
      .poll(async () => row.getByTestId('return-row-status').textContent(), { timeout: 10_000 })
      .toContain('已先行赔付');
    await shot(dept, `${vp}-console-dept-compensated`);
    // … and the work order's timeline shows it.
    await dept.goto(orderUrl);
    const paidStep = dept.getByTestId('timeline-item').filter({ hasText: '先行赔付' });
    await paidStep.waitFor();
    await expect(paidStep.textContent()).resolves.toContain('¥128.50');
    await shot(dept, `${vp}-console-dept-order-compensated`);

    // 5. The tourist sees the whole story, and the work order it became.
    await tourist.reload();
    await tourist.getByTestId('return-compensated').waitFor();
    await expect(tourist.getByTestId('return-compensated').textContent()).resolves.toContain('¥128.50');
    const steps = await tourist
      .getByTestId('return-step')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(steps).toEqual(['filed', 'refused', 'escalated', 'compensated']);
    await shot(tourist, `${vp}-portal-return-compensated`);
    await tourist.getByTestId('return-work-order').click();
    await tourist.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await tourist.getByText(orderNo).first().waitFor();
    const paid = tourist.locator('.adm-step').filter({ hasText: '先行赔付' });
    await paid.waitFor();
    await expect(paid.textContent()).resolves.toContain('¥128.50');
    await shot(tourist, `${vp}-portal-return-order`);

    for (const p of [tourist, shop, dept]) expect((p as Page & { errors: string[] }).errors).toEqual([]);
    // Three roles and some thirty steps: on a loaded two-core machine one pass took over the 120 s default.
  }, 240_000);
});
