import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const BASE = () => process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
} as const;
export type TViewport = keyof typeof VIEWPORTS;
/** A row of a console list: a table row from md up, a card on a phone (ResponsiveTable). */
export const LIST_ROW = '.ant-table-row, [data-testid="row-card"]';
export const SHOTS = new URL('../../../.e2e-artifacts/', import.meta.url).pathname;

/** Debian's Chromium; `extraArgs` e.g. a fake camera playing a file. */
export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

let clients = 0;
/**
 * Each browser context is its own client, as each tourist's phone would be: the e2e server trusts forwarded
 * headers from 127.0.0.1 (TRUST_PROXY, as behind the deployment's nginx), and every context sends a distinct
 * X-Forwarded-For. Without it every journey shares one address and the code limits per address (10 a minute,
 * 20 an hour) refuse the suite's later logins.
 */
export function clientHeaders(): Record<string, string> {
  clients += 1;
  return { 'x-forwarded-for': `10.${process.pid % 250}.${(clients >> 8) & 255}.${clients & 255}` };
}

export async function newPage(browser: Browser, vp: TViewport, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: VIEWPORTS[vp],
    isMobile: vp === 'phone',
    hasTouch: vp === 'phone',
    acceptDownloads: true,
    locale: lang,
    extraHTTPHeaders: clientHeaders(),
  });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.addInitScript((l) => localStorage.setItem('zl_lang', l), lang);
  return page;
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

export async function staffLogin(page: Page, username: string) {
  await page.goto(`${BASE()}/console/login`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console\/(work-orders|statistics|report|admin|audit)/);
}

/** Tourist phone login through the demo-mode code shown on screen. */
export async function touristLogin(page: Page, phone: string) {
  await page.getByTestId('phone').locator('input').fill(phone);
  await page.getByTestId('get-code').click();
  const notice = (await page.getByTestId('demo-code').textContent()) ?? '';
  const code = notice.match(/\d{6}/)?.[0] ?? '';
  await page.getByTestId('code').locator('input').fill(code);
  await page.getByTestId('login-submit').click();
}
