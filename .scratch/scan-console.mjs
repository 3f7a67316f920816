import { chromium } from 'playwright-core';
import fs from 'node:fs';
const axe = fs.readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const BASE = process.env.BASE ?? 'http://127.0.0.1:3300';
const users = (process.env.USERS ?? 'dispatcher,dept_culture,head_culture,leader,biz1,grid1,volunteer1,admin,spot1,secadmin,auditor').split(',');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const vp of (process.env.VPS ?? 'desktop').split(',')) for (const lang of (process.env.LANGS ?? 'zh-CN').split(',')) for (const u of users) {
  const ctx = await b.newContext({ viewport: vp === 'phone' ? { width: 390, height: 844 } : { width: 1440, height: 900 }, locale: lang, bypassCSP: true });
  const page = await ctx.newPage();
  await page.addInitScript((l) => localStorage.setItem('zl_lang', l), lang);
  await page.goto(`${BASE}/console/login`);
  await page.getByTestId('username').fill(u);
  await page.getByTestId('password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((x) => x.pathname.startsWith('/console/') && !x.pathname.endsWith('/login'));
  await page.waitForLoadState('networkidle');
  const items = page.locator('.ant-menu [role=menuitem]');
  const n = await items.count();
  const links = [];
  for (let i = 0; i < n; i++) { await items.nth(i).click(); await page.waitForTimeout(300); links.push(new URL(page.url()).pathname); }
  const paths = [...new Set([new URL(page.url()).pathname, ...links])];
  for (const p of paths) {
    await page.goto(BASE + p, { waitUntil: 'networkidle' });
    await page.waitForTimeout(400);
    await page.addScriptTag({ content: axe });
    const r = await page.evaluate(async () => await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    console.log(`${vp} ${lang} ${u} ${p}: ${r.violations.map((x) => `${x.id}×${x.nodes.length}`).join(' ') || 'OK'}`);
    if (process.env.DETAIL) for (const x of r.violations) for (const n of x.nodes.slice(0, 2)) console.log(`   ${x.id}: ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1,2).join('')}`);
  }
  await ctx.close();
}
await b.close();
