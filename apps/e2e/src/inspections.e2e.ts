import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, type TViewport } from './browser.js';

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
    g.fillStyle = '#ddd';
    g.fillRect(0, 0, 160, 120);
    g.fillStyle = '#a22';
    g.fillRect(30, 20, 100, 80);
    return c.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

type TBiz = { id: string; name: string; nameEn: string | null; lng: number | null; lat: number | null };

/** Signs grid 1's worker in, standing at their grid's first business (the one grid1biz answers for). */
async function gridWorkerAt(vp: TViewport, lang: 'zh-CN' | 'en') {
  const page = await newPage(browser, vp, lang);
  await staffLogin(page, 'grid1');
  const biz = await page.evaluate(async () => {
    const me = await (await fetch('/api/auth/me')).json();
    const mine = await (await fetch('/api/inspections/my-businesses')).json();
    return { me, mine };
  });
  const own = await ownBusinessOfGrid1biz();
  const target = (biz.mine as TBiz[]).find((b) => b.id === own)!;
  expect(target).toBeTruthy();
  await page.context().grantPermissions(['geolocation']);
  await page.context().setGeolocation({ longitude: target.lng ?? 100.23, latitude: target.lat ?? 26.87 });
  return { page, target };
}

let grid1bizBusiness: string | null = null;
async function ownBusinessOfGrid1biz() {
  if (grid1bizBusiness) return grid1bizBusiness;
  const p = await newPage(browser, 'desktop');
  await staffLogin(p, 'grid1biz');
  grid1bizBusiness = await p.evaluate(async () => (await (await fetch('/api/auth/me')).json()).businessId as string);
  await p.context().close();
  return grid1bizBusiness;
}

/** A list: antd's table on a desktop, the cards of ResponsiveTable on a phone. */
const list = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"], [data-testid="card-list"]`).first().waitFor();

const pickOption = async (page: Page, testId: string, text: string | RegExp) => {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
};

/** Fills the form: the licence checklist, its first item failed with a photo and a finding, the rest passed. */
async function fillInspection(page: Page, target: TBiz, lang: 'zh-CN' | 'en', finding: string, navigate = true) {
  // Offline the page cannot be loaded again: it is filled where it already is.
  if (navigate) await page.goto(`${BASE()}/console/inspections/new`);
  await pickOption(page, 'insp-business', lang === 'en' && target.nameEn ? target.nameEn : target.name);
  await pickOption(page, 'insp-checklist', lang === 'en' ? 'Licences' : '证照资质检查');
  await page.getByTestId('insp-start').click();
  const items = page.locator('[data-testid^="insp-item-"]');
  await items.first().waitFor();
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    const it = items.nth(i);
    await it.locator(`label:has(input[value="${i === 0 ? 'fail' : 'pass'}"])`).click();
  }
  const first = items.first();
  await first.locator('textarea').fill(finding);
  await first
    .locator('input[type=file]')
    .setInputFiles({ name: 'finding.png', mimeType: 'image/png', buffer: await photoPng(page) });
  await page.getByTestId('insp-confirmed-by').fill('王经理');
}

describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('inspection journey on a %s screen in %s', (vp, lang) => {
  it('grid worker inspects with a failing item and a photo → hazard and order → business answers with evidence → re-inspection closes it', async () => {
    const { page, target } = await gridWorkerAt(vp, lang);
    await fillInspection(page, target, lang, `营业执照未公示 ${vp}`);
    await shot(page, `inspections-new-${vp}-${lang}`);
    await page.getByTestId('insp-submit').click();
    await page.waitForURL(/\/console\/inspections\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('insp-result').textContent()).toMatch(/不合格|Fail/);
    await shot(page, `inspections-detail-${vp}-${lang}`);
    await page.getByTestId('insp-hazard-link').first().click();
    await page.waitForURL(/\/console\/hazards\/[0-9a-f-]{36}$/);
    const hazardUrl = page.url();
    await page.getByTestId('hazard-detail').waitFor();
    // The rectification order downloads as a PDF.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hazard-pdf').click()]);
    expect(dl.suggestedFilename()).toMatch(/\.pdf$/);
    await shot(page, `inspections-hazard-${vp}-${lang}`);

    // The business answers with evidence in its own account.
    const biz = await newPage(browser, vp, lang);
    await staffLogin(biz, 'grid1biz');
    await biz.goto(hazardUrl);
    await biz.getByTestId('hazard-answer').fill('已在前台公示营业执照');
    await biz
      .getByTestId('hazard-evidence')
      .setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: await photoPng(biz) });
    await biz.getByTestId('hazard-answer-send').click();
    await expect.poll(() => biz.getByTestId('hazard-status').first().textContent()).toMatch(/待复查|Awaiting/);
    await shot(biz, `inspections-hazard-answered-${vp}-${lang}`);

    // The supervisor re-inspects: accepted closes it.
    await page.reload();
    await page.getByTestId('hazard-accept').click();
    await expect.poll(() => page.getByTestId('hazard-status').first().textContent()).toMatch(/已销号|Closed/);

    // The ledger shows it, and the list pages render at this size.
    await page.goto(`${BASE()}/console/hazards`);
    await list(page, 'hazard-table');
    await shot(page, `inspections-ledger-${vp}-${lang}`);
    await page.goto(`${BASE()}/console/inspection-stats`);
    await list(page, 'insp-stats-table');
    await shot(page, `inspections-stats-${vp}-${lang}`);
    await page.goto(`${BASE()}/console/inspections`);
    await list(page, 'insp-table');
    await shot(page, `inspections-list-${vp}-${lang}`);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await biz.context().close();
    await page.context().close();
  });
});

describe('an inspection filled offline', () => {
  it('waits on the phone while offline, is sent once when the network returns, and its key replays to the same record', async () => {
    const { page, target } = await gridWorkerAt('phone', 'zh-CN');
    const marker = `离线检查 ${Date.now()}`;
    const posts: { key: string; body: string }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/inspections'))
        posts.push({ key: r.headers()['idempotency-key'], body: r.postData() ?? '' });
    });
    await page.goto(`${BASE()}/console/inspections/new`);
    await page.getByTestId('insp-business').waitFor();
    await page.context().setOffline(true);
    await fillInspection(page, target, 'zh-CN', marker, false);
    await page.getByTestId('insp-submit').click();
    await page.getByTestId('insp-outbox').waitFor();
    expect(await page.getByTestId('insp-outbox').textContent()).toContain('1 条检查记录等待上传');
    await shot(page, 'inspections-offline-phone-zh-CN');
    await page.context().setOffline(false);
    await page.getByTestId('insp-outbox').waitFor({ state: 'detached', timeout: 30_000 });
    const found = await page.evaluate(async (m) => {
      const r = await (await fetch('/api/inspections?mine=true&pageSize=50')).json();
      return r.items
        .filter((i: { results: { note: string }[] }) => i.results.some((x) => x.note === m))
        .map((i: { id: string }) => i.id);
    }, marker);
    expect(found).toHaveLength(1);
    // Replaying the very request (its key and body) answers the same inspection, and still only one exists.
    const sent = posts.filter((p) => p.body.includes(marker));
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const replay = await page.evaluate(
      async ({ key, body }) => {
        const me = await (await fetch('/api/auth/me')).json();
        const r = await fetch('/api/inspections', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-csrf-token': me.csrfToken },
          body,
        });
        return { status: r.status, id: (await r.json()).id };
      },
      sent[sent.length - 1],
    );
    expect(replay).toEqual({ status: 201, id: found[0] });
    const again = await page.evaluate(async (m) => {
      const r = await (await fetch('/api/inspections?mine=true&pageSize=50')).json();
      return r.items.filter((i: { results: { note: string }[] }) => i.results.some((x) => x.note === m)).length;
    }, marker);
    expect(again).toBe(1);
    await page.context().close();
  });
});
