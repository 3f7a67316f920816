import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, SHOTS, shot, staffLogin, type TViewport, touristLogin } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** A photo drawn by the browser itself (the server checks the bytes and re-encodes it). */
async function photoPng(page: Page): Promise<Buffer> {
  const url = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 160;
    c.height = 120;
    const g = c.getContext('2d')!;
    g.fillStyle = '#8ab';
    g.fillRect(0, 0, 160, 120);
    g.fillStyle = '#c33';
    g.fillRect(40, 30, 80, 60);
    return c.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

/** The images under a locator, once each has loaded (naturalWidth > 0: the files route answered an image). */
async function loadedImages(at: Locator): Promise<number> {
  return at.locator('img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length);
}

const phoneFor = (vp: TViewport) =>
  `136${vp === 'phone' ? 1 : 2}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

describe.each(['phone', 'desktop'] as const)('rating by code on a %s screen', (vp) => {
  it('admin prints a sheet; a tourist rates 1 star by code → complaint pre-filled → filed → the rating shows the order', async () => {
    // 1. The system admin finds a business's code and downloads its printable sheet.
    const admin = await newPage(browser, vp);
    await staffLogin(admin, 'admin');
    await admin.goto(`${BASE()}/console/admin/rating-codes`);
    await admin.getByTestId('rating-code').first().waitFor();
    await expect(admin.locator('.ant-pagination-total-text').textContent()).resolves.toMatch(/共 \d+ 条/);
    // A business that nobody rated in this run: the demo tourists never rated with today's new phones.
    const code = (
      (await admin
        .getByTestId('rating-code')
        .nth(vp === 'phone' ? 2 : 3)
        .textContent()) ?? ''
    ).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    await admin.getByTestId('rating-codes-q').fill(code);
    await admin.getByRole('button', { name: /查\s*询/ }).click();
    await expect
      .poll(async () => admin.getByTestId('rating-code').allTextContents(), { timeout: 10_000 })
      .toEqual([code]);
    await shot(admin, `${vp}-console-rating-codes`);
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('print-one').click()]);
    const file = `${SHOTS}${vp}-rating-sheet.pdf`;
    fs.mkdirSync(SHOTS, { recursive: true });
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toContain(code);

    // 2. A tourist opens the code's page (as the QR would), signs in and comes back to it.
    const tourist = await newPage(browser, vp);
    await tourist.goto(`${BASE()}/rate/${code}`);
    const place = ((await tourist.getByTestId('rate-target').textContent()) ?? '').trim();
    expect(place.length).toBeGreaterThan(1);
    await tourist.getByTestId('go-login').click();
    await touristLogin(tourist, phoneFor(vp));
    await tourist.waitForURL(new RegExp(`/rate/${code}$`));
    await tourist.getByTestId('consent-agree').click();
    await tourist.getByTestId('rate-submit').waitFor();

    // 3. One star everywhere, with a reason.
    // A finger taps on the phone, a mouse clicks on the desktop.
    const star = async (dim: string, n: number) => {
      const el = tourist
        .getByTestId(`rate-${dim}`)
        .locator('.adm-rate-star')
        .nth(n - 1);
      if (vp === 'phone') await el.tap();
      else await el.click();
      await expect.poll(() => el.getAttribute('aria-checked')).toBe('true');
    };
    for (const dim of ['attitude', 'hygiene', 'pricing', 'overall']) await star(dim, 1);
    const complaint = '店员态度恶劣，商品价格与标价不符';
    await tourist.getByTestId('rate-comment').locator('textarea:not([aria-hidden])').fill(complaint);
    await tourist
      .getByTestId('photo-uploader')
      .locator('input[type=file]')
      .setInputFiles({ name: 'counter.png', mimeType: 'image/png', buffer: await photoPng(tourist) });
    await tourist.locator('.adm-image-uploader-cell-image').first().waitFor();
    await expect.poll(() => tourist.locator('.adm-image-uploader-cell-mask').count(), { timeout: 10_000 }).toBe(0);
    await shot(tourist, `${vp}-portal-rate-form`);
    await tourist.getByTestId('rate-submit').click();

    // 4. The low rating offers a complaint; accepting opens the appeal form pre-filled.
    const dialog = tourist.locator('.adm-dialog');
    await dialog.getByText('转为投诉', { exact: true }).waitFor();
    await shot(tourist, `${vp}-portal-rate-offer`);
    await dialog.getByText('转为投诉', { exact: true }).click();
    await tourist.waitForURL(/\/appeal$/);
    const text = tourist.getByTestId('appeal-text').locator('textarea:not([aria-hidden])');
    await expect(text.inputValue()).resolves.toContain(complaint);
    await expect(text.inputValue()).resolves.toContain(place);
    await expect(tourist.locator('body').textContent()).resolves.toContain(place);
    await shot(tourist, `${vp}-portal-appeal-prefilled`);
    await tourist.getByTestId('appeal-submit').click();
    await tourist.getByTestId('tracking-no').waitFor();

    // 5. My ratings: the rating now carries its complaint, which opens the order.
    await tourist.goto(`${BASE()}/ratings`);
    const mine = tourist.getByTestId('my-rating').filter({ hasText: complaint });
    await mine.getByTestId('rating-order').waitFor();
    // Its photo as a thumbnail, read through the access-checked files route.
    await expect.poll(() => loadedImages(mine.getByTestId('rating-photo')), { timeout: 10_000 }).toBe(1);
    await shot(tourist, `${vp}-portal-my-ratings`);
    await mine.getByTestId('rating-order').click();
    await tourist.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect.poll(() => tourist.locator('body').textContent(), { timeout: 15_000 }).toContain(complaint);

    // 6. Rating the same place again today is refused with a clear message.
    await tourist.goto(`${BASE()}/rate/${code}`);
    for (const dim of ['attitude', 'hygiene', 'pricing', 'overall']) await star(dim, 5);
    await tourist.getByTestId('rate-submit').click();
    await expect(tourist.getByTestId('rate-result').textContent()).resolves.toContain('今天已经评价过');

    // 7. The admin sees the rating, phone masked, marked as a complaint.
    await admin.getByTestId('show-ratings').first().click();
    await admin.locator('.ant-drawer').getByText(complaint).first().waitFor();
    await expect(admin.locator('.ant-drawer').textContent()).resolves.toMatch(/136\*{4}\d{4}/);
    await expect
      .poll(() => loadedImages(admin.locator('.ant-drawer .ant-list-item').filter({ hasText: complaint })), {
        timeout: 10_000,
      })
      .toBe(1);
    await shot(admin, `${vp}-console-rating-drawer`);
    for (const p of [admin, tourist]) expect((p as typeof p & { errors: string[] }).errors).toEqual([]);
  });
});

describe('a business replaces its rating code', () => {
  it('停用并换新码 in the console → the old QR code says it was replaced; the new one rates the same place', async () => {
    const biz = await newPage(browser, 'desktop');
    await staffLogin(biz, 'biz1');
    await biz.goto(`${BASE()}/console/admin/rating-codes`);
    const codeCell = biz.getByTestId('rating-code').first();
    await codeCell.waitFor();
    const old = ((await codeCell.textContent()) ?? '').trim();
    expect(old).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    await biz.getByTestId('replace-code').first().click();
    const confirm = biz.locator('.ant-popconfirm');
    await confirm.getByText(old).waitFor();
    await biz.waitForTimeout(500); // the popover fades in
    await shot(biz, 'desktop-console-rating-code-replace-confirm');
    await confirm.getByRole('button', { name: '停用并换新码' }).click();
    await expect.poll(async () => ((await codeCell.textContent()) ?? '').trim(), { timeout: 10_000 }).not.toBe(old);
    const fresh = ((await codeCell.textContent()) ?? '').trim();
    expect(fresh).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    await shot(biz, 'desktop-console-rating-code-replaced');

    // The old sheet on the wall: a clear answer instead of the rating form.
    const tourist = await newPage(browser, 'phone');
    await tourist.goto(`${BASE()}/rate/${old}`);
    const error = tourist.getByTestId('rate-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('此二维码已更换');
    await expect(error.textContent()).resolves.toContain('已停用并换为新码');
    await shot(tourist, 'phone-portal-rate-replaced');
    await tourist.goto(`${BASE()}/rate/${fresh}`);
    await tourist.getByTestId('rate-target').waitFor();
    for (const p of [biz, tourist]) expect((p as typeof p & { errors: string[] }).errors).toEqual([]);
  });
});
