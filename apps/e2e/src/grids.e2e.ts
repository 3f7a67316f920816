import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** A JSON call as the signed-in page makes it (session cookie and CSRF token from /api/auth/me). */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.json();
    },
    { method, url, body },
  );
}

type TCoverage = {
  totals: { noGuarantor: number };
  businessesWithoutGuarantor: { id: string; name: string; gridId: string | null }[];
};
const noGuarantorStat = (page: Page) =>
  page
    .locator('.ant-statistic')
    .filter({ hasText: '未落实包保' })
    .locator('.ant-statistic-content-value')
    .textContent();

describe.each(['phone', 'desktop'] as const)('grids and responsibility letters on a %s screen', (vp) => {
  it('the admin gives a business its 包保 official → coverage shows it; the business signs a letter it was issued', async () => {
    // 1. The admin reads coverage: four demo businesses (fewer after the first run) lack a 包保 official.
    const admin = await newPage(browser, vp);
    await staffLogin(admin, 'admin');
    await admin.goto(`${BASE()}/console/grids/coverage`);
    await admin.getByText('建议调整').waitFor();
    const before = Number(await noGuarantorStat(admin));
    expect(before).toBeGreaterThan(0);
    await shot(admin, `grids-coverage-${vp}`);
    const cov = await call<TCoverage>(admin, 'GET', '/api/grids/coverage');
    const target = cov.businessesWithoutGuarantor[0];
    expect(target.gridId).toBeTruthy();

    // 2. On the business's grid, the admin names its 包保 official.
    await admin.goto(`${BASE()}/console/grids/${target.gridId}`);
    await admin.getByText('网格内经营主体分布').waitFor();
    await shot(admin, `grids-detail-${vp}`);
    const row = admin.locator('tr, .ant-card').filter({ hasText: target.name }).last();
    await row.getByRole('button', { name: /调整归属/ }).click();
    const dialog = admin.locator('.ant-modal');
    await dialog.locator('.ant-select').nth(1).click();
    await admin.keyboard.type('文化和旅游局 工作人员');
    await admin.locator('.ant-select-item-option').filter({ hasText: '文化和旅游局 工作人员' }).first().click();
    await dialog.getByRole('button', { name: /确\s?定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin
      .locator('tr, .ant-card')
      .filter({ hasText: target.name })
      .last()
      .getByText('文化和旅游局 工作人员')
      .waitFor();

    // 3. Coverage counts one business fewer without an official.
    await admin.goto(`${BASE()}/console/grids/coverage`);
    await admin.getByText('建议调整').waitFor();
    await expect.poll(async () => Number(await noGuarantorStat(admin))).toBe(before - 1);

    // 4. The admin issues a 安全生产 letter to the shop of account biz1, with the culture bureau's head as party A.
    const shopPage = await newPage(browser, vp);
    await staffLogin(shopPage, 'biz1');
    const shopId = await shopPage.evaluate(async () => (await (await fetch('/api/auth/me')).json()).businessId);
    const templates = await call<{ id: string; code: string }[]>(admin, 'GET', '/api/letter-templates');
    const people = await call<{ id: string; displayName: string }[]>(admin, 'GET', '/api/grid-workers');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const letter = await call<{ id: string }>(admin, 'POST', '/api/responsibility-letters', {
      templateId: templates.find((x) => x.code === 'work_safety')!.id,
      businessId: shopId,
      partyAUserId: people.find((p) => p.displayName === '文旅局 负责人')!.id,
      periodStart: today,
      periodEnd: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    });
    expect(letter.id).toBeTruthy();

    // 5. The business opens its letters, reads the text and signs with its typed name.
    await shopPage.goto(`${BASE()}/console/letters`);
    await shopPage
      .getByRole('button', { name: /签\s?署/ })
      .first()
      .click();
    const drawer = shopPage.locator('.ant-drawer');
    await drawer.getByTestId('letter-text').waitFor();
    expect(await drawer.getByTestId('letter-text').textContent()).toContain('安全生产');
    await drawer.getByTestId('signed-name').fill('和店长');
    await shot(shopPage, `grids-letter-sign-${vp}`);
    await drawer.getByRole('button', { name: /签\s?署/ }).click();
    await drawer.getByText(/签署人: 和店长/).waitFor();
    await shot(shopPage, `grids-letter-signed-${vp}`);
    const signed = await call<{ status: string; signedName: string }>(
      shopPage,
      'GET',
      `/api/responsibility-letters/${letter.id}`,
    );
    expect(signed).toMatchObject({ status: 'signed', signedName: '和店长' });

    // 6. The admin's "signed" list has it; the unsigned list is what is left to chase.
    await admin.goto(`${BASE()}/console/letters`);
    await admin.getByText('文旅行业安全生产责任状').first().waitFor();
    await shot(admin, `grids-letters-${vp}`);
    expect([
      ...(admin as Page & { errors: string[] }).errors,
      ...(shopPage as Page & { errors: string[] }).errors,
    ]).toEqual([]);
  });
});

describe('a grid worker on a phone', () => {
  it('sees only their own grid and its businesses', async () => {
    const page = await newPage(browser, 'phone');
    await staffLogin(page, 'grid1');
    await page.goto(`${BASE()}/console/grids`);
    await page.getByText('第1网格').first().waitFor();
    const list = await call<{ total: number; items: { code: string }[] }>(page, 'GET', '/api/grids?pageSize=200');
    expect(list.items.map((g) => g.code)).toContain('G001');
    // the demo has 68 ordinary grids and 3 leaders' grids; grid1 serves its own, heads its county's, helps in one
    expect(list.total).toBeLessThan(71);
    await shot(page, 'grids-worker-list-phone');
  });
});
