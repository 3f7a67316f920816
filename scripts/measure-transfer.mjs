#!/usr/bin/env node
// Bytes of JavaScript the portal home page sends to a phone (390×844), with brotli, gzip and no compression: each
// file's encodedDataLength over CDP in Debian's Chromium. Usage: start the platform (npm start), then
//   node scripts/measure-transfer.mjs [http://127.0.0.1:3000/]
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://127.0.0.1:3000/';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
for (const encoding of ['br', 'gzip', 'identity']) {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    extraHTTPHeaders: { 'accept-encoding': encoding },
  });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  const js = new Set();
  let wire = 0;
  let decoded = 0;
  cdp.on('Network.responseReceived', (e) => e.response.url.endsWith('.js') && js.add(e.requestId));
  cdp.on('Network.dataReceived', (e) => js.has(e.requestId) && (decoded += e.dataLength));
  cdp.on('Network.loadingFinished', (e) => js.has(e.requestId) && (wire += e.encodedDataLength));
  await page.goto(url, { waitUntil: 'networkidle' });
  console.log(
    `${encoding}: ${js.size} JavaScript files, ${Math.round(wire / 1024)} kB sent, ${Math.round(decoded / 1024)} kB decoded`,
  );
  await ctx.close();
}
await browser.close();
