import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, touristLogin } from './browser.js';

/** The grades as the portal names them (contracts' CREDIT_GRADE_LABELS, zh). */
const GRADE_ZH: Record<string, string> = {
  A: 'A级 诚信',
  B: 'B级 良好',
  C: 'C级 关注',
  D: 'D级 失信',
  ungraded: '暂未评级',
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const phoneFor = (vp: string) => (vp === 'phone' ? '13700002001' : '13700002002');
const total = async (p: Page) => Number(((await p.getByTestId('dir-total').textContent()) ?? '').replace(/\D/g, ''));

describe.each(['phone', 'desktop'] as const)('business directory and credit query on a %s screen', (vp) => {
  it('directory → filter → detail with map and prices → complain opens the appeal with the business chosen', async () => {
    const page = await newPage(browser, vp);
    await page.goto(`${BASE()}/`);
    await page.getByTestId('entry-businesses').click();
    await page.getByTestId('dir-item').first().waitFor();
    const all = await total(page);
    expect(all).toBeGreaterThanOrEqual(150);
    await shot(page, `${vp}-portal-directory`);

    // Hotels in 古城区 only.
    await page.getByRole('tab', { name: '星级饭店' }).click();
    await expect.poll(() => total(page)).toBe(17);
    await page.getByText('区县', { exact: true }).click();
    await page.getByTestId('county-options').getByText('古城区', { exact: true }).click();
    await expect.poll(() => page.url()).toContain('region=530702');
    await expect.poll(() => total(page)).toBeLessThan(17);
    const hotels = await total(page);
    expect(hotels).toBeGreaterThan(0);
    await expect(page.getByTestId('grade-tag').first().textContent()).resolves.toMatch(/星级/);
    await expect(page.getByTestId('headline-price').first().textContent()).resolves.toMatch(/^¥\d+\/间\/晚$/);
    await shot(page, `${vp}-portal-directory-filtered`);

    // The business page: map canvas, posted prices, its credit grade (the credit module's, from its file).
    const first = page.getByTestId('dir-item').first();
    const name = ((await first.getByTestId('dir-name').textContent()) ?? '').trim();
    await first.click();
    await page.waitForURL(/\/businesses\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await expect(page.getByTestId('biz-name').textContent()).resolves.toBe(name);
    await page.locator('[data-testid="geo-map"] canvas').first().waitFor();
    const rows = await page.getByTestId('price-table').locator('tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(2);
    const { creditGrade } = (await (await fetch(`${BASE()}/api/directory/businesses/${id}`)).json()) as {
      creditGrade: string;
    };
    await expect(page.getByTestId('biz-credit').textContent()).resolves.toContain(GRADE_ZH[creditGrade]);
    await page.waitForTimeout(600); // let the map draw before the picture
    await shot(page, `${vp}-portal-business`);

    // Complain about it: after sign-in and consent the appeal form has it chosen.
    await page.getByTestId('complain-business').click();
    await page.waitForURL(/\/appeal\?businessId=/);
    await page.getByTestId('go-login').click();
    await touristLogin(page, phoneFor(vp));
    await page.waitForURL(/\/appeal\?businessId=/);
    // A new phone sees the privacy notice first (once); then the form.
    await page.locator('[data-testid="consent-agree"], [data-testid="picked-business"]').first().waitFor();
    const consent = page.getByTestId('consent-agree');
    if (await consent.isVisible()) await consent.click();
    await expect(page.getByTestId('picked-business').textContent()).resolves.toContain(name);
    expect(page.url()).toContain(id);
    await shot(page, `${vp}-portal-appeal-preset-business`);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('credit query by USCC → the public record: its grade, and "none yet" where nothing is published', async () => {
    const page = await newPage(browser, vp);
    const list = await (await fetch(`${BASE()}/api/directory/businesses?kind=travel_agency&pageSize=1`)).json();
    const target = list.items[0] as { id: string; name: string };
    const record = await (await fetch(`${BASE()}/api/credit/businesses/${target.id}`)).json();
    await page.goto(`${BASE()}/`);
    await page.getByTestId('entry-credit').click();
    await page.getByTestId('credit-search').locator('input').fill(record.uscc.toLowerCase());
    await page.getByTestId('credit-search').locator('input').press('Enter');
    await page.getByTestId('credit-hit').first().waitFor();
    expect(await page.getByTestId('credit-hit').count()).toBe(1);
    await shot(page, `${vp}-portal-credit-search`);
    await page.getByTestId('credit-hit').click();
    await expect(page.getByTestId('record-uscc').textContent()).resolves.toBe(record.uscc);
    await expect(page.getByTestId('record-name').textContent()).resolves.toBe(target.name);
    await expect(page.getByText(record.licenseNo).count()).resolves.toBe(1);
    await expect(page.getByTestId('record-credit-grade').textContent()).resolves.toContain(
      GRADE_ZH[record.creditGrade],
    );
    // inspection results are not on the public record yet: said so, not left blank
    const pending = page.getByTestId('pending');
    expect(await pending.count()).toBe(1);
    for (const text of await pending.allTextContents()) expect(text).toContain('暂无');
    await shot(page, `${vp}-portal-credit-record`);
    // A name search lists several; a one-character query asks for more.
    await page.goto(`${BASE()}/credit`);
    await page.getByTestId('credit-search').locator('input').fill('古');
    await page.getByText('请至少输入 2 个字').waitFor();
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });
});

describe('in English', () => {
  it('the directory and a business page speak English, county names too', async () => {
    const page = await newPage(browser, 'phone', 'en');
    await page.goto(`${BASE()}/businesses?kind=scenic_spot`);
    await page.getByTestId('dir-item').first().waitFor();
    await expect(page.getByTestId('dir-total').textContent()).resolves.toMatch(/^\d+ businesses$/);
    await expect(page.getByTestId('grade-tag').first().textContent()).resolves.toMatch(/^\dA scenic spot$/);
    await shot(page, 'phone-portal-directory-en');
    await page.getByTestId('dir-item').first().click();
    await page.locator('[data-testid="geo-map"] canvas').first().waitFor();
    await expect(page.getByTestId('biz-credit').textContent()).resolves.toMatch(
      /trustworthy|good|watch|Not graded yet/,
    );
    await expect(
      page
        .getByText(/County|District/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await page.waitForTimeout(600);
    await shot(page, 'phone-portal-business-en');
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });
});

describe('console: the admin edits a public profile, a business its own prices (1440×900)', () => {
  it('the admin adds a price in the public-profile drawer; biz1 adds one to its own; the portal shows it', async () => {
    const admin = await newPage(browser, 'desktop');
    await staffLogin(admin, 'admin');
    await admin.goto(`${BASE()}/console/admin/businesses`);
    await admin.getByTestId('edit-public-profile').first().click();
    await admin.getByTestId('price-add').waitFor();
    await admin.waitForTimeout(300);
    await shot(admin, 'desktop-console-public-profile');
    await admin.getByTestId('price-add').click();
    const rows = admin.locator('.ant-drawer .ant-space');
    const last = rows.last();
    await last.getByPlaceholder('项目', { exact: true }).fill('测试套餐');
    await last.locator('.ant-input-number input').fill('99.5');
    await last.getByPlaceholder('单位', { exact: true }).fill('份');
    await admin.getByTestId('profile-save').click();
    await admin.getByText('已保存').waitFor();
    expect((admin as Page & { errors: string[] }).errors).toEqual([]);
    await admin.context().close();

    const biz = await newPage(browser, 'desktop');
    await staffLogin(biz, 'biz1');
    await biz.goto(`${BASE()}/console/my-prices`);
    await biz.getByTestId('edit-my-prices').click();
    await biz.getByTestId('price-add').waitFor();
    await biz.getByTestId('price-add').click();
    const row = biz.locator('.ant-drawer .ant-space').last();
    await row.getByPlaceholder('项目', { exact: true }).fill('刻字服务');
    await row.locator('.ant-input-number input').fill('20');
    await row.getByPlaceholder('单位', { exact: true }).fill('次');
    await biz.getByTestId('profile-save').click();
    await biz.getByText('已保存').waitFor();
    await biz.getByText('刻字服务').waitFor();
    await shot(biz, 'desktop-console-my-prices');
    const me = await (await biz.request.get(`${BASE()}/api/auth/me`)).json();
    const pub = await (await fetch(`${BASE()}/api/directory/businesses/${me.businessId}`)).json();
    expect(pub.prices.map((p: { item: string }) => p.item)).toContain('刻字服务');
    expect((biz as Page & { errors: string[] }).errors).toEqual([]);
    await biz.context().close();
  });
});
