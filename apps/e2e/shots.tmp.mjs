import { chromium } from 'playwright-core';
const BASE = 'http://127.0.0.1:4732';
const OUT = '/tmp/portal-shots';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } };
let n = 0;
async function api(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const r = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() }, body: body === undefined ? undefined : JSON.stringify(body) });
    return r.json();
  }, { method, path, body });
}
const routes = await (await fetch(`${BASE}/api/routes`)).json();
const walk = routes.find((r) => r.name === '大研古城文化漫步');
const river = routes.find((r) => r.name.startsWith('长江第一湾'));
for (const [vp, size] of Object.entries(sizes)) for (const lang of ['zh-CN', 'en']) {
  const ctx = await b.newContext({ viewport: size, isMobile: vp === 'phone', hasTouch: vp === 'phone', locale: lang, timezoneId: 'America/New_York' });
  const p = await ctx.newPage();
  await p.addInitScript((l) => localStorage.setItem('zl_lang', l), lang);
  const s = async (name) => { await p.waitForTimeout(700); await p.screenshot({ path: `${OUT}/${vp}-${lang}-${name}.png`, fullPage: name !== 'public' && name !== 'stations' }); };
  await p.goto(`${BASE}/public`); await p.getByTestId('public-order').first().waitFor(); await p.getByTestId('public-order').first().scrollIntoViewIfNeeded(); await s('public');
  await p.goto(`${BASE}/routes`); await p.getByTestId('route-stop-chain').first().waitFor(); await s('routes');
  await p.goto(`${BASE}/routes/${walk.id}`); await p.getByTestId('geo-map').waitFor(); await p.waitForTimeout(1500); await s('route-walk');
  await p.goto(`${BASE}/routes/${river.id}`); await p.getByTestId('geo-map').waitFor(); await p.waitForTimeout(1500); await s('route-river');
  await p.goto(`${BASE}/stations`); await p.waitForTimeout(2500); await s('stations');
  // tourist
  await p.goto(`${BASE}/me`); await p.getByTestId('me-login').click();
  await p.getByTestId('phone').locator('input').fill(`1390000001${n++}`);
  await p.getByTestId('get-code').click();
  const code = ((await p.getByTestId('demo-code').textContent()) ?? '').match(/\d{6}/)[0];
  await p.getByTestId('code').locator('input').fill(code);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('my-phone').waitFor(); await s('me');
  await p.getByTestId('delete-account').click(); await p.locator('.adm-dialog-footer').first().waitFor(); await s('me-delete-dialog');
  await p.locator('.adm-dialog-footer').getByText(lang === 'en' ? 'Cancel' : '取消', { exact: true }).click(); await p.waitForTimeout(500); await p.goto(`${BASE}/ratings`); await p.getByTestId('rating-time').first().waitFor(); await s('ratings');
  const spots = await api(p, 'GET', '/api/reservations/spots');
  const av = await api(p, 'GET', `/api/reservations/spots/${spots[0].spotId}/availability?days=7`);
  const slot = av.days.slice(1).flatMap((d) => d.slots).find((x) => x.remaining > 0);
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const f17 = `53070219850101${String(100 + n)}`; const sum = [...f17].reduce((a, c, i) => a + Number(c) * w[i], 0);
  const bk = await api(p, 'POST', '/api/reservations/bookings', { slotId: slot.id, visitors: [{ name: '李红梅', idNumber: f17 + '10X98765432'[sum % 11] }] });
  await p.goto(`${BASE}/tickets/${bk.id}`); await p.getByTestId('ticket-qr').waitFor(); await s('ticket-valid');
  await api(p, 'POST', `/api/reservations/bookings/${bk.id}/cancel`, {});
  await p.reload(); await p.getByTestId('ticket-note').waitFor(); await s('ticket-cancelled');
  await p.goto(`${BASE}/orders`); await p.waitForTimeout(1500); await s('orders');
  await p.goto(`${BASE}/appeal`);
  if (await p.getByTestId('consent-agree').count()) await p.getByTestId('consent-agree').click();
  await p.getByTestId('appeal-text').locator('textarea:not([aria-hidden])').fill('在束河银器店被导游强迫购物，不买不让走。');
  await p.getByTestId('business-search').locator('input').fill(lang === 'en' ? 'Shuhe Silverware' : '束河银器店');
  await p.getByTestId('business-option').first().waitFor(); await s('appeal-results');
  await p.getByTestId('appeal-submit').click(); await p.locator('.adm-dialog-footer').first().waitFor(); await s('appeal-unpicked');
  await ctx.close();
}
await b.close();
console.log('done');
