import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, type TViewport, touristLogin } from './browser.js';

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

/** Takes an action from the detail page's action bar; fails with the server's message if it is refused. */
async function act(page: Page, action: string, fill?: { text?: string; reason?: string }) {
  await page.getByTestId(`action-${action}`).click();
  if (fill?.text) await page.getByTestId('text-input').fill(fill.text);
  if (fill?.reason) await page.getByTestId('reason-input').fill(fill.reason);
  if (fill) await page.getByTestId('modal-ok').click();
  const gone = page
    .getByTestId(`action-${action}`)
    .waitFor({ state: 'detached' })
    .then(() => null);
  const error = page
    .locator('.ant-message-error')
    .waitFor()
    .then(() => page.locator('.ant-message-error').textContent());
  const refused = await Promise.race([gone, error]);
  if (refused) {
    await shot(page, `failed-${action}`);
    throw new Error(`${action} refused: ${refused}`);
  }
}

/** A new tourist per attempt: a retry must not meet the consent the first attempt already gave. */
const phoneFor = (vp: TViewport) =>
  `139${vp === 'phone' ? 1 : 2}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

describe.each(['phone', 'desktop'] as const)('work-order journey on a %s screen', (vp) => {
  it('tourist files a complaint → dispatcher dispatches → department resolves → tourist rates', async () => {
    // 1. The tourist, on the portal.
    const tourist = await newPage(browser, vp);
    await tourist.goto(`${BASE()}/appeal`);
    await tourist.getByTestId('go-login').click();
    await touristLogin(tourist, phoneFor(vp));
    await tourist.getByTestId('consent-agree').click();
    await tourist
      .getByTestId('appeal-text')
      .locator('textarea:not([aria-hidden])')
      .fill('在古城银器店被导游强迫购物，不买不让走，要求退款。');
    await tourist.getByTestId('category-hint').waitFor();
    await expect(tourist.getByTestId('category-hint').textContent()).resolves.toContain('强迫购物');
    await tourist.getByTestId('business-search').locator('input').fill('银器');
    await tourist.getByTestId('business-option').first().click();
    await shot(tourist, `${vp}-portal-appeal`);
    await tourist.getByTestId('appeal-submit').click();
    const trackingText = (await tourist.getByTestId('tracking-no').textContent()) ?? '';
    const trackingNo = trackingText.match(/ZL\d{14}/)?.[0] ?? '';
    expect(trackingNo).toMatch(/^ZL\d{14}$/);

    // 2. The dispatcher sees it in the live queue and dispatches it to culture & tourism.
    const dispatcher = await newPage(browser, vp);
    await staffLogin(dispatcher, 'dispatcher');
    await openOrderInConsole(dispatcher, trackingNo);
    await dispatcher.getByTestId('action-dispatch').click();
    await dispatcher.getByTestId('dept-select').click();
    await dispatcher.keyboard.type('文化和旅游');
    await dispatcher.keyboard.press('Enter');
    await dispatcher.getByTestId('modal-ok').click();
    await dispatcher.getByTestId('action-dispatch').waitFor({ state: 'detached' });
    await shot(dispatcher, `${vp}-console-dispatched`);

    // 3. The department accepts and resolves.
    const dept = await newPage(browser, vp);
    await staffLogin(dept, 'dept_culture');
    await openOrderInConsole(dept, trackingNo);
    await act(dept, 'accept');
    await act(dept, 'resolve', { text: '经核查，已责令银器店退还全部货款，并对导游立案调查。' });
    await shot(dept, `${vp}-console-resolved`);

    // 4. The tourist sees every step and the answer, and rates it.
    await tourist.goto(`${BASE()}/orders`);
    await tourist.getByTestId('my-order').filter({ hasText: trackingNo }).click();
    await expect(tourist.getByTestId('order-answer').textContent()).resolves.toContain('退还全部货款');
    const steps = await tourist.getByTestId('timeline-step').count();
    expect(steps).toBeGreaterThanOrEqual(4); // submit, dispatch, accept, resolve
    await tourist.getByText(/^满意$|^Satisfied$/).click();
    await tourist.getByTestId('rate-submit').click();
    await expect.poll(() => tourist.getByTestId('order-status').textContent()).toMatch(/已归档|Closed/);
    await shot(tourist, `${vp}-portal-rated`);
    for (const p of [tourist, dispatcher, dept]) {
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
      await p.context().close();
    }
  });

  it('the suggestion box takes a suggestion without login', async () => {
    const page = await newPage(browser, vp);
    await page.goto(`${BASE()}/`);
    await page.getByTestId('entry-suggestion-box').click();
    await page
      .getByTestId('box-text')
      .locator('textarea:not([aria-hidden])')
      .fill('建议在古城入口增加直饮水点和休息座椅。');
    await page.getByTestId('box-submit').click();
    await expect(page.getByTestId('box-tracking-no').textContent()).resolves.toMatch(/ZL\d{14}/);
    await shot(page, `${vp}-portal-suggestion`);
    await page.context().close();
  });

  it('statistics export matches the screen (Excel read back)', async () => {
    const page = await newPage(browser, vp);
    await staffLogin(page, 'dispatcher');
    await page.goto(`${BASE()}/console/statistics`);
    // the statistics table (the holders' table below it is another export)
    const rows = page.getByTestId('stats-table').locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const screenRows = await rows.count();
    const firstLabel = (await rows.first().locator('td').first().textContent())?.trim();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toBe('分组 Group');
    expect(ws.rowCount - 1).toBe(screenRows);
    expect(String(ws.getRow(2).getCell(1).value)).toBe(firstLabel);
    await shot(page, `${vp}-console-statistics`);
    await page.context().close();
  });
});

describe('English mode', () => {
  it('the portal and console speak English when switched', async () => {
    const page = await newPage(browser, 'phone', 'en');
    await page.goto(`${BASE()}/`);
    await page.getByText('Complain / suggest').waitFor();
    await page.getByText('My orders').first().waitFor();
    const desk = await newPage(browser, 'desktop', 'en');
    await staffLogin(desk, 'dispatcher');
    await expect.poll(() => desk.getByTestId('page-title').textContent()).toContain('Queue');
    await shot(desk, 'desktop-console-en');
    await page.context().close();
    await desk.context().close();
  });
});
