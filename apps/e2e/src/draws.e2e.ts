import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** The demo's market-supervision inspectors by display name (demo/draws.ts and demo/index.ts). */
const USERNAME: Record<string, string> = {
  '市场监管局 执法员 和建国': 'inspector1',
  '市场监管局 执法员 李秀英': 'inspector2',
  '市场监管局 执法员 王志强': 'inspector3',
  '市场监管局 执法员 杨海燕': 'inspector4',
  '市场监管局 负责人': 'head_market',
  '市场监督管理局 工作人员': 'dept_market',
};

type TTask = { id: string; businessName: string; inspectors: { name: string }[]; status: string };
const planOf = (page: Page, id: string) =>
  page.evaluate(async (pid) => (await fetch(`/api/draws/plans/${pid}`)).json(), id) as Promise<{
    status: string;
    tasks: TTask[];
  }>;

/** Clicks the OK button of the antd Popconfirm that is open. */
const confirmPop = (page: Page) =>
  page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').last().click();

describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('random draw journey on a %s screen (%s)', (vp, lang) => {
  it('a planner draws, an anonymous browser verifies it, the inspector records, the result is published', async () => {
    const tag = `${vp}-${lang}`;
    // 1. The market department's head plans a draw.
    const head = await newPage(browser, vp, lang);
    await staffLogin(head, 'head_market');
    await head.goto(`${BASE()}/console/draws/plans`);
    await head.getByTestId('new-plan').click();
    const name = `E2E ${tag} ${Date.now()}`;
    await head.getByTestId('plan-name').fill(name);
    const range = head.locator('.ant-modal .ant-picker-range input');
    await range.first().click();
    await range.first().fill('2026-12-01');
    await range.nth(1).fill('2026-12-31');
    await range.nth(1).press('Enter');
    await head.locator('.ant-modal-footer .ant-btn-primary').click();
    await head.waitForURL(/\/console\/draws\/plans\/[0-9a-f-]{36}$/);
    const planId = head.url().split('/').pop()!;
    await head.getByTestId('freeze').click();
    await confirmPop(head);
    await head.getByTestId('draw').waitFor();
    await head.getByTestId('draw').click();
    const value = `2026-12-01 福彩3D ${Math.floor(Math.random() * 1000)}`;
    await head.getByTestId('public-value-input').fill(value);
    await head.locator('.ant-modal-footer .ant-btn-primary').click();
    await head.getByTestId('public-value').filter({ hasText: value }).waitFor();
    await head.getByTestId('task-row').first().waitFor();
    await shot(head, `draws-plan-${tag}`);
    await head.goto(`${BASE()}/console/draws/plans`);
    await head.locator(`[data-name="${name}"]`).first().waitFor();
    await shot(head, `draws-plans-${tag}`);

    // 2. A second, anonymous browser re-runs the draw from the public record, in the page itself.
    const anon = await newPage(browser, vp, lang);
    await anon.goto(`${BASE()}/draws/${planId}/verify`);
    await anon.getByTestId('verdict').waitFor();
    expect(await anon.getByTestId('verdict').textContent()).toBe(
      lang === 'en' ? 'Verified: the same draw' : '验证一致',
    );
    const plan = await planOf(head, planId);
    expect(await anon.getByTestId('verify-pair').count()).toBe(plan.tasks.length);
    expect(await anon.getByTestId('verify-public-value').textContent()).toBe(value);
    await shot(anon, `draws-verify-${tag}`);

    // 3. One of the first task's inspectors records the result on their phone page.
    const task = plan.tasks[0];
    const username = USERNAME[task.inspectors[0].name] ?? USERNAME[task.inspectors[1].name];
    expect(username).toBeTruthy();
    const inspector = await newPage(browser, vp, lang);
    await staffLogin(inspector, username);
    await inspector.goto(`${BASE()}/console/draws/tasks`);
    const row = inspector.locator(`[data-business="${task.businessName}"]`).first();
    await row.waitFor();
    await row.getByTestId('record-result').click();
    await inspector.getByTestId('result-select').click();
    await inspector.locator('.ant-select-item-option').nth(1).click();
    await inspector.getByTestId('problems').fill('价格公示牌未标明计价单位');
    await inspector.getByTestId('handling').fill('当场责令改正');
    await inspector.locator('.ant-modal-footer .ant-btn-primary').click();
    await inspector.locator('.ant-modal').first().waitFor({ state: 'hidden' });
    await shot(inspector, `draws-tasks-${tag}`);
    await expect
      .poll(async () => (await planOf(head, planId)).tasks.find((x) => x.id === task.id)?.status)
      .toBe('done');

    // 4. The planner publishes; the public page shows the result with its public fields.
    await head.goto(`${BASE()}/console/draws/plans/${planId}`);
    await head.getByTestId('publish').click();
    await confirmPop(head);
    await expect
      .poll(async () => (await planOf(head, planId)).tasks.find((x) => x.id === task.id)?.status)
      .toBe('published');
    await anon.goto(`${BASE()}/draws`);
    await anon
      .getByTestId('draw-result')
      .filter({ hasText: task.businessName })
      .filter({ hasText: '价格公示牌未标明计价单位' })
      .first()
      .waitFor();
    await shot(anon, `draws-results-${tag}`);

    // 5. The certificates page (the head's own department).
    await head.goto(`${BASE()}/console/draws/certificates`);
    await head.locator('.ant-table-row, .ant-card').first().waitFor();
    await shot(head, `draws-certificates-${tag}`);
    for (const p of [head, anon, inspector]) expect((p as Page & { errors: string[] }).errors).toEqual([]);
    await Promise.all([head, anon, inspector].map((p) => p.context().close()));
  });
});
