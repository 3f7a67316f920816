import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, type TViewport } from './browser.js';

/**
 * Keyboard alone (WCAG 2.1.1, 2.4.3, 2.4.7): a staff member signs in and a tourist asks for a login code without a
 * pointer; the focused control is visibly marked; a dialog keeps the focus inside while open and gives it back to
 * the control that opened it when closed with Escape.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Presses Tab until the focus is inside `selector`; fails when `max` presses do not get there (not reachable). */
async function tabTo(page: Page, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => !!document.activeElement?.closest(s), selector)) return;
  }
  throw new Error(`${selector}: not reached with ${max} presses of Tab`);
}

/** The focused element shows where it is: an outline or a focus ring (box-shadow). */
const focusVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none';
  });

describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('keyboard only at %s size in %s', (vp: TViewport, lang) => {
  it('a staff member signs in; a dialog holds the focus and returns it on Escape', async () => {
    const page = await newPage(browser, vp, lang);
    await page.goto(`${BASE()}/console/login`);
    await page.getByTestId('username').waitFor();
    await tabTo(page, '[data-testid="username"]');
    await page.keyboard.type('spot1');
    await tabTo(page, '[data-testid="password"]', 5);
    await page.keyboard.type('demo1234');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/(?!login)/);

    await page.goto(`${BASE()}/console/spot`);
    await page.getByTestId('slot-edit').first().waitFor();
    await tabTo(page, '[data-testid="slot-edit"]', 200);
    expect(await focusVisible(page)).toBe(true);
    const opener = await page.evaluate(() => document.activeElement?.outerHTML);
    await page.keyboard.press('Enter');
    const dialog = page.locator('.ant-modal-wrap:visible');
    await dialog.waitFor();
    await page.waitForFunction(() => !!document.activeElement?.closest('.ant-modal-wrap'));
    // Ten more presses of Tab (past the dialog's last control) never reach the page behind it. After the last
    // control the browser's own stop comes (document.body here, the address bar in a browser), then the dialog's
    // first control again.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() =>
        document.activeElement === document.body
          ? 'body'
          : document.activeElement?.closest('.ant-modal-wrap')
            ? 'in'
            : 'behind',
      );
      expect(where).not.toBe('behind');
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction((html) => document.activeElement?.outerHTML === html, opener);
    await page.context().close();
  });

  it('a tourist asks for a login code and signs in with the keyboard', async () => {
    const page = await newPage(browser, vp, lang);
    await page.goto(`${BASE()}/login`);
    await page.getByTestId('phone').waitFor();
    const phone = `1377${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await tabTo(page, '[data-testid="phone"]');
    await page.keyboard.type(phone);
    await tabTo(page, '[data-testid="get-code"]', 10);
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    const notice = (await page.getByTestId('demo-code').textContent()) ?? '';
    const code = notice.match(/\d{6}/)?.[0] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await tabTo(page, '[data-testid="code"]', 20);
    await page.keyboard.type(code);
    const signedIn = page.waitForResponse((r) => r.url().includes('/api/auth/tourist-login'));
    await tabTo(page, '[data-testid="login-submit"]', 10);
    await page.keyboard.press('Enter');
    expect((await signedIn).status()).toBe(200);
    await page.context().close();
  });
});
