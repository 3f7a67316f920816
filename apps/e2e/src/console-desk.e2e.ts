import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, LIST_ROW, launch, newPage, shot, staffLogin } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** A valid USCC for a made-up business (GB 32100 check character). */
function uscc(seed: number) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91530702MA${String(seed).padStart(7, '0').slice(-7)}`;
  const sum = [...body].reduce((s, ch, i) => s + A.indexOf(ch) * W[i], 0);
  return body + A[(31 - (sum % 31)) % 31];
}

describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('the desk on a %s screen (%s)', (vp, lang) => {
  const en = lang === 'en';
  // one per viewport: both run in the same second against the same server
  const stamp = (Date.now() % 1_000_000) * 10 + (vp === 'phone' ? 1 : 2);
  let urgedNo = '';

  it('the admin previews an Excel import of businesses and confirms it', async () => {
    const page = await newPage(browser, vp, lang);
    page.setDefaultTimeout(60_000);
    await staffLogin(page, 'admin');
    await page.goto(`${BASE()}/console/admin/businesses`);
    // the export, one business's address changed and one business added
    const exp = await page.request.get(`${BASE()}/api/businesses/export`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exp.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows = ws.rowCount - 1;
    ws.getRow(2).getCell(8).value = `导入测试地址 ${stamp} 号`;
    ws.addRow([
      `导入测试客栈${stamp}`,
      `Import Inn ${stamp}`,
      'homestay',
      uscc(stamp),
      null,
      null,
      '甲级',
      '古城区',
      100.2,
      26.8,
      '530702',
      '和先生',
    ]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-')), `businesses-${stamp}.xlsx`);
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.locator('input[type=file]').setInputFiles(file);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    // nothing written yet: the new business is not in the list
    const before = await (
      await page.request.get(`${BASE()}/api/businesses?q=${encodeURIComponent(`导入测试客栈${stamp}`)}`)
    ).json();
    expect(before.total).toBe(0);
    const summary = en
      ? `Confirming creates 1 and changes 1; ${rows - 1} rows are unchanged and are not written.`
      : `确认后将新增 1 条、修改 1 条；${rows - 1} 条无变化，不会写入。`;
    await page.getByText(summary).waitFor();
    await page
      .getByTestId('import-filter')
      .getByText(en ? 'Changed 1' : '修改 1', { exact: true })
      .click();
    await preview.getByText(`导入测试地址 ${stamp} 号`).waitFor();
    await shot(page, `desk-import-preview-${vp}-${lang}`);
    await page.getByTestId('import-confirm').click();
    await page
      .locator('.ant-modal-confirm-title', {
        hasText: en ? 'Import done: 1 created, 1 updated' : '导入完成：新增 1 条，更新 1 条',
      })
      .waitFor();
    const after = await (
      await page.request.get(`${BASE()}/api/businesses?q=${encodeURIComponent(`导入测试客栈${stamp}`)}`)
    ).json();
    expect(after.total).toBe(1);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('the head urges an order from the overdue list', async () => {
    const page = await newPage(browser, vp, lang);
    page.setDefaultTimeout(60_000);
    await staffLogin(page, 'head_market');
    await page.goto(`${BASE()}/console/statistics?tab=overdue`);
    const urge = page.locator('[data-testid^="urge-ZL"]').first();
    await urge.waitFor();
    if (vp === 'phone') await page.getByTestId('overdue-cards').waitFor();
    urgedNo = ((await urge.getAttribute('data-testid')) ?? '').replace('urge-', '');
    await page
      .getByText(en ? /\b\d+ (d|h|min)\b/ : /\d+ (天|小时|分钟)/)
      .first()
      .waitFor();
    await shot(page, `desk-overdue-${vp}-${lang}`);
    await urge.click();
    await page
      .getByTestId('urge-reason')
      .fill(en ? 'Past its deadline: answer today.' : '已超时，请今日办结并答复游客。');
    await page.getByTestId('urge-confirm').click();
    await page.getByText(en ? `Urged ${urgedNo}` : `已督办 ${urgedNo}`).waitFor();
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('the auditor reads who urged which order, in words', async () => {
    const page = await newPage(browser, vp, lang);
    page.setDefaultTimeout(60_000);
    await staffLogin(page, 'auditor');
    await page.goto(`${BASE()}/console/audit`);
    await page.locator(LIST_ROW).first().waitFor();
    const row = page.locator(LIST_ROW, { hasText: urgedNo }).first();
    await row.waitFor();
    await expect.poll(() => row.getByTestId('audit-actor').textContent()).toBe('市场监管局 负责人 (head_market)');
    await expect.poll(() => row.getByTestId('audit-action-name').textContent()).toBe(en ? 'Urged' : '督办');
    await expect
      .poll(() => row.getByTestId('audit-object').textContent())
      .toBe(`${en ? 'Work order' : '工单'} · ${urgedNo}`);
    // the admin's import is there too, named
    await page
      .locator(LIST_ROW, { hasText: en ? 'Businesses imported' : '导入经营主体' })
      .first()
      .waitFor();
    await shot(page, `desk-audit-${vp}-${lang}`);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });
});
