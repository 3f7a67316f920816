import { chromium } from 'playwright-core';
import fs from 'node:fs';
const axe = fs.readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const BASE = process.env.BASE ?? 'http://127.0.0.1:3300';
const pages = (process.env.PAGES ?? '/,/businesses,/stations,/reserve,/suggestion-box,/credit,/login,/routes,/public,/privacy,/appeal,/rate,/console/login').split(',');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const vp of (process.env.VPS ?? 'phone,desktop').split(',')) for (const lang of (process.env.LANGS ?? 'zh-CN,en').split(',')) {
  const ctx = await b.newContext({ viewport: vp === 'phone' ? { width: 390, height: 844 } : { width: 1440, height: 900 }, locale: lang, bypassCSP: true });
  const page = await ctx.newPage();
  await page.addInitScript((l) => localStorage.setItem('zl_lang', l), lang);
  for (const p of pages) {
    await page.goto(BASE + p, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    await page.addScriptTag({ content: axe });
    const r = await page.evaluate(async () => await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    const v = r.violations.map((x) => `${x.id}×${x.nodes.length}`);
    console.log(`${vp} ${lang} ${p}: ${v.join(' ') || 'OK'}`);
    if (process.env.DETAIL) for (const x of r.violations) for (const n of x.nodes.slice(0, 3)) console.log(`   ${x.id}: ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1,2).join('')}`);
  }
  await ctx.close();
}
await b.close();
