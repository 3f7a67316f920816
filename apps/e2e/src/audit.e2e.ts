import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, LIST_ROW, launch, newPage, shot, staffLogin } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('the audit admin on a %s screen (%s)', (vp, lang) => {
  it('reads the audit log and checks its hash chain', async () => {
    const page = await newPage(browser, vp, lang);
    page.setDefaultTimeout(60_000);
    await staffLogin(page, 'auditor');
    await page.goto(`${BASE()}/console/audit`);
    // The log: the demo's own history is in it.
    await expect.poll(() => page.locator(LIST_ROW).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: lang === 'en' ? 'Verify hash chain' : '校验哈希链' }).click();
    const verdict = page.getByText(lang === 'en' ? /Chain intact: \d+ rows checked/ : /哈希链完整：已校验 \d+ 条/);
    await verdict.waitFor();
    const checked = Number((await verdict.textContent())?.match(/\d+/)?.[0]);
    // every row of the log recomputed (as many as the log held when the check began, or more)
    const logged = (await (await page.request.get(`${BASE()}/api/audit-logs?pageSize=1`)).json()) as { total: number };
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeGreaterThanOrEqual(logged.total);
    // The head it gives, saved and entered at the next check: still there.
    const head = (await page.getByTestId('chain-head').textContent())?.trim() ?? '';
    expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
    await page.getByTestId('saved-head').fill(head);
    await page.getByRole('button', { name: lang === 'en' ? 'Verify hash chain' : '校验哈希链' }).click();
    await expect.poll(() => page.locator('.ant-btn-loading').count()).toBe(0);
    await verdict.waitFor(); // a saved head gone would turn the verdict into a finding
    await shot(page, `audit-chain-${vp}-${lang}`);
    expect((page as typeof page & { errors: string[] }).errors).toEqual([]);
  });
});
