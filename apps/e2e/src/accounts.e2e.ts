import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, SHOTS, shot, staffLogin } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

// Issue 12: the security admin creates an account; its holder activates it with the one-time code.
describe.each([
  ['phone', 'zh-CN'],
  ['desktop', 'en'],
] as const)('accounts on a %s screen (%s)', (vp, lang) => {
  it('the security admin creates an account and the new user activates it with the code', async () => {
    const admin = await newPage(browser, vp, lang);
    admin.setDefaultTimeout(60_000);
    await staffLogin(admin, 'secadmin');
    await admin.goto(`${BASE()}/console/admin/users`);
    // Every account has a status in the list (the column was blank).
    const active = lang === 'en' ? 'Active' : '正常';
    await admin.getByTestId('status-auditor').waitFor();
    expect(await admin.getByTestId('status-auditor').textContent()).toBe(active);
    await shot(admin, `accounts-list-${vp}-${lang}`);

    const username = `e2e_${vp}_${Date.now().toString(36)}`;
    await admin.getByTestId('new-account').click();
    await admin.getByTestId('account-username').fill(username);
    await admin.getByTestId('account-name').fill(lang === 'en' ? 'New colleague' : '新同事');
    // Forced: the click waited for the list's opening animation to settle, which on a loaded machine took longer
    // than the timeout (the option is there and visible; the selection is checked below).
    await admin.getByTestId('account-role').click();
    const option = admin
      .locator('.ant-select-item-option')
      .filter({ hasText: lang === 'en' ? 'Dispatcher' : '指挥中心调度员' })
      .first();
    await option.waitFor();
    await option.click({ force: true });
    await expect
      .poll(() => admin.getByTestId('account-role').textContent())
      .toContain(lang === 'en' ? 'Dispatcher' : '指挥中心调度员');
    await admin.screenshot({ path: `${SHOTS}accounts-create-${vp}-${lang}.png` });
    await admin.getByTestId('create-submit').click();
    const codeEl = admin.getByTestId('activation-code');
    await codeEl.waitFor();
    const code = ((await codeEl.textContent()) ?? '').match(/[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/)?.[0] ?? '';
    expect(code).not.toBe('');
    await admin.waitForTimeout(600); // the dialog's opening animation
    await admin.screenshot({ path: `${SHOTS}accounts-code-${vp}-${lang}.png` });
    await admin.locator('.ant-modal-confirm-btns button').click();
    expect(await admin.getByTestId(`status-${username}`).textContent()).toBe(
      lang === 'en' ? 'Pending activation' : '待激活',
    );

    // The new user, on their own device: sign-in page → activate → own password → signed in.
    const user = await newPage(browser, vp, lang);
    user.setDefaultTimeout(60_000);
    await user.goto(`${BASE()}/console/login`);
    await user.getByTestId('activate-link').click();
    await user.waitForURL(/\/console\/activate/);
    await user.getByTestId('activate-username').fill(username);
    await user.getByTestId('activate-code').fill(code.toLowerCase());
    await shot(user, `accounts-activate-${vp}-${lang}`);
    await user.getByTestId('activate-next').click();
    await user.getByTestId('activate-password').fill('My-0wn-Passw0rd');
    await user.getByTestId('activate-confirm').fill('My-0wn-Passw0rd');
    await shot(user, `accounts-activate-password-${vp}-${lang}`);
    await user.getByTestId('activate-submit').click();
    await user.waitForURL(/\/console\/work-orders/);

    // The code is spent; the password signs in; the admin's list says active.
    await admin.reload();
    await admin.getByTestId(`status-${username}`).waitFor();
    expect(await admin.getByTestId(`status-${username}`).textContent()).toBe(active);
    const again = await fetch(`${BASE()}/api/auth/activation/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, code }),
    });
    expect(again.status).toBe(401);
    for (const p of [admin, user]) expect((p as typeof p & { errors: string[] }).errors).toEqual([]);
    await admin.context().close();
    await user.context().close();
  });
});
