import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, type TViewport, touristLogin } from './browser.js';

const CONSENT_VERSION = '2026-11';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** An API call as the page's signed-in account (cookie and CSRF token as the web app sends them). */
async function call<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
        // A POST without a body still sends {}: the server refuses an empty body declared as JSON.
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, url, body },
  ) as Promise<T>;
}

const phoneFor = (vp: TViewport) =>
  `139${vp === 'phone' ? 3 : 4}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
/** Waits for an entry's status text; on a timeout keeps a screenshot of what the page showed instead. */
async function waitStatus(page: Page, entryId: string, text: string, name: string) {
  try {
    await page.getByTestId(`entry-${entryId}`).getByTestId('entry-status').filter({ hasText: text }).waitFor();
  } catch (e) {
    await shot(page, `credit-FAILED-${name}`);
    throw e;
  }
}

const score = async (page: Page) => Number((await page.getByTestId('file-score').textContent())?.trim());

describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('credit on a %s screen (%s)', (vp, lang) => {
  it('a complaint upheld → the score and grade change on the business console and on the portal', async () => {
    const biz = await newPage(browser, vp, lang);
    await staffLogin(biz, 'biz1');
    await biz.goto(`${BASE()}/console/my-credit`);
    await biz.getByTestId('file-grade').waitFor();
    const before = await score(biz);
    const me = await call<{ businessId: string }>(biz, 'GET', '/api/auth/me');
    await shot(biz, `credit-my-file-${vp}-${lang}`);

    // A tourist complains about the shop; the command center dispatches; the market department upholds it.
    const tourist = await newPage(browser, vp, lang);
    await tourist.goto(`${BASE()}/returns`);
    await tourist.getByTestId('go-login').click();
    await touristLogin(tourist, phoneFor(vp));
    await tourist.waitForURL(/\/returns$/);
    // The privacy notice accepted, as the portal's consent step does before a first submission.
    await call(tourist, 'POST', '/api/auth/consent', { version: CONSENT_VERSION });
    const order = await call<{ id: string }>(tourist, 'POST', '/api/work-orders', {
      kind: 'complaint',
      text: '在该店购买银饰，结账金额比标价多了两百元，店员拒不退还。',
      businessId: me.businessId,
    });
    const dispatcher = await newPage(browser, vp, lang);
    await staffLogin(dispatcher, 'dispatcher');
    const depts = await call<{ id: string; code: string }[]>(dispatcher, 'GET', '/api/departments');
    const market = depts.find((d) => d.code === 'market_supervision')!;
    await call(dispatcher, 'POST', `/api/work-orders/${order.id}/dispatch`, {
      departmentId: market.id,
      coDepartmentIds: [],
      note: '',
    });
    const staff = await newPage(browser, vp, lang);
    await staffLogin(staff, 'dept_market');
    await call(staff, 'POST', `/api/work-orders/${order.id}/accept`);
    await call(staff, 'POST', `/api/work-orders/${order.id}/resolve`, { text: '经查属实，已责令商家退还多收款项。' });

    await biz.reload();
    await biz.getByTestId('file-grade').waitFor();
    expect(await score(biz)).toBe(before - 5);
    await biz.getByTestId('event-rule').first().waitFor();
    await shot(biz, `credit-my-file-after-${vp}-${lang}`);

    const portal = await newPage(browser, vp, lang);
    await portal.goto(`${BASE()}/credit/${me.businessId}`);
    await portal.getByTestId('record-credit-grade').waitFor();
    const pub = await call<{ creditGrade: string; events: unknown[] }>(
      portal,
      'GET',
      `/api/credit/businesses/${me.businessId}`,
    );
    const file = await call<{ grade: string }>(biz, 'GET', `/api/credit/files/business/${me.businessId}`);
    expect(pub.creditGrade).toBe(file.grade);
    expect(await portal.getByTestId('record-event').count()).toBeGreaterThan(0);
    await shot(portal, `credit-portal-record-${vp}-${lang}`);
    for (const p of [biz, tourist, dispatcher, staff, portal]) {
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
      await p.context().close();
    }
  });

  it('list → notice → objection rejected → listed → repair → approved → off the public list', async () => {
    const admin = await newPage(browser, vp, lang);
    await staffLogin(admin, 'admin');
    const s = await call<Record<string, number>>(admin, 'GET', '/api/credit/settings');
    // The minimum period before repair, 0 for the journey (the procedure's own test runs it on a controllable clock).
    await call(admin, 'PUT', '/api/credit/settings', { ...s, repairMinDays: 0 });

    const biz = await newPage(browser, vp, lang);
    await staffLogin(biz, vp === 'phone' ? 'biz1' : 'spot1');
    const me = await call<{ businessId: string }>(biz, 'GET', '/api/auth/me');
    const staff = await newPage(browser, vp, lang);
    await staffLogin(staff, 'dept_market');
    // The department proposes on its list page.
    await staff.goto(`${BASE()}/console/credit/list`);
    const entry = await call<{ id: string }>(staff, 'POST', '/api/credit/dishonest-entries', {
      businessId: me.businessId,
      tier: 'minor',
      legalBasis: '《旅游市场黑名单管理办法（试行）》第八条',
      reason: '多次价格欺诈，经投诉查实。',
      decisionNo: `古市监决〔2026〕${vp === 'phone' ? 31 : 32}号`,
    });
    await staff.reload();
    await shot(staff, `credit-list-staff-${vp}-${lang}`);

    const head = await newPage(browser, vp, lang);
    await staffLogin(head, 'head_market');
    await head.goto(`${BASE()}/console/credit/list`);
    const card = head.getByTestId(`entry-${entry.id}`);
    await card.getByTestId('serve-notice').click();
    await waitStatus(head, entry.id, lang === 'en' ? 'Noticed' : '已告知', `${vp}-${lang}`);

    await biz.goto(`${BASE()}/console/credit/list`);
    const mine = biz.getByTestId(`entry-${entry.id}`);
    await mine.getByTestId('object').click();
    await mine.getByTestId('objection-text').fill('价格系系统录入错误，已退还差价，请求不予列入。');
    await mine.getByTestId('objection-submit').click();
    await mine.getByTestId('object').waitFor({ state: 'detached' });
    await shot(biz, `credit-objection-${vp}-${lang}`);

    await head.reload();
    await card.getByTestId('decide').click();
    await card.getByTestId('decision-note').fill('申辩理由不成立，依法列入。');
    await card.getByTestId('decide-list').click();
    await waitStatus(head, entry.id, lang === 'en' ? 'Listed' : '已列入', `${vp}-${lang}`);
    const portal = await newPage(browser, vp, lang);
    await portal.goto(`${BASE()}/credit/dishonest-list`);
    await portal.getByTestId('listed-name').first().waitFor();
    const listed = await call<{ id: string }[]>(portal, 'GET', '/api/credit/dishonest-list');
    expect(listed.map((x) => x.id)).toContain(entry.id);
    await shot(portal, `credit-public-list-${vp}-${lang}`);

    await biz.reload();
    await mine.getByTestId('apply-repair').click();
    await mine.getByTestId('repair-proof').fill('已向全部投诉游客退还差价，并完成价格系统整改。');
    await mine.getByTestId('repair-training').fill('2026年第4期信用修复培训 结业证书 No.0412');
    await mine.getByTestId('repair-sign').check();
    await mine.getByTestId('repair-submit').click();
    await mine.getByTestId('repair-status').waitFor();
    await shot(biz, `credit-repair-${vp}-${lang}`);

    await head.reload();
    await card.getByTestId('decide-repair').click();
    await card.getByTestId('decision-note').fill('整改到位，同意修复。');
    await card.getByTestId('repair-approve').click();
    await waitStatus(head, entry.id, lang === 'en' ? 'Removed by repair' : '修复移出', `${vp}-${lang}`);
    await shot(head, `credit-list-head-${vp}-${lang}`);
    const after = await call<{ id: string }[]>(portal, 'GET', '/api/credit/dishonest-list');
    expect(after.map((x) => x.id)).not.toContain(entry.id);
    await portal.reload();
    await call(admin, 'PUT', '/api/credit/settings', s);

    // The staff's files and rules pages, for the screenshots.
    await staff.goto(`${BASE()}/console/credit`);
    await staff.getByTestId('file-link').first().waitFor();
    await shot(staff, `credit-files-${vp}-${lang}`);
    await staff.goto(`${BASE()}/console/credit/rules`);
    await staff.waitForLoadState('networkidle');
    await shot(staff, `credit-rules-${vp}-${lang}`);
    for (const p of [admin, biz, staff, head, portal]) {
      expect((p as Page & { errors: string[] }).errors).toEqual([]);
      await p.context().close();
    }
  });
});
