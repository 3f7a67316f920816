import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, newPage, shot, staffLogin, VIEWPORTS } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Sifang Street in the old town: the demo's 四方街红色驿站 stands on it. */
const SIFANG = { longitude: 100.2347, latitude: 26.8724 };

async function touristWithPosition(vp: 'phone' | 'desktop'): Promise<Page & { errors: string[] }> {
  const ctx = await browser.newContext({
    viewport: VIEWPORTS[vp],
    isMobile: vp === 'phone',
    hasTouch: vp === 'phone',
    locale: 'zh-CN',
    geolocation: SIFANG,
    permissions: ['geolocation'],
  });
  const page = (await ctx.newPage()) as Page & { errors: string[] };
  page.errors = [];
  // others build and test on the same two cores: allow a slow machine
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.addInitScript(() => localStorage.setItem('zl_lang', 'zh-CN'));
  return page;
}

/** "850 米" / "2.3 公里" back to metres. */
const metres = (s: string) => {
  const n = Number.parseFloat(s);
  return s.includes('公里') ? n * 1000 : n;
};

describe.each(['phone', 'desktop'] as const)('stations and routes on a %s screen', (vp) => {
  it('nearest stations with distances, the map, a route in order; an admin changes hours and the portal shows them', async () => {
    // 1. Stations, with the phone's position granted: nearest first, distances rising.
    const tourist = await touristWithPosition(vp);
    await tourist.goto(`${BASE()}/`);
    await tourist.getByTestId('home-stations').getByText('四方街红色驿站').waitFor();
    await tourist.getByTestId('home-routes').waitFor();
    await shot(tourist, `${vp}-portal-home-stations-routes`);
    await tourist.getByTestId('entry-stations').click();
    await tourist.getByTestId('station-item').first().waitFor();
    await expect(tourist.getByTestId('stations-order').textContent()).resolves.toBe('按距离由近到远');
    await expect(tourist.getByTestId('station-item').first().textContent()).resolves.toContain('四方街红色驿站');
    const distances = (await tourist.getByTestId('station-distance').allTextContents()).map(metres);
    expect(distances.length).toBeGreaterThan(20);
    for (let i = 1; i < distances.length; i++) expect(distances[i]).toBeGreaterThanOrEqual(distances[i - 1]);
    expect(distances[0]).toBeLessThan(100);
    await shot(tourist, `${vp}-portal-stations`);
    // a service chip narrows the list to stations offering it
    await tourist.getByTestId('service-chips').getByText('纠纷调解').click();
    await expect.poll(async () => (await tourist.getByTestId('station-item').count()) < distances.length).toBe(true);
    for (const item of await tourist.getByTestId('station-item').all())
      expect(await item.getByTestId('svc-mediation').count()).toBe(1);
    await tourist.getByTestId('service-chips').getByText('纠纷调解').click();

    // 2. The map view draws the stations.
    await tourist.getByTestId('toggle-map').click();
    await tourist.getByTestId('stations-map').locator('canvas').first().waitFor();
    await tourist.waitForTimeout(800);
    await shot(tourist, `${vp}-portal-stations-map`);

    // 3. A red-tourism route: numbered stops in order, on the map joined by a line.
    await tourist.goto(`${BASE()}/routes`);
    await tourist.getByTestId('route-card').first().waitFor();
    await shot(tourist, `${vp}-portal-routes`);
    await tourist.getByTestId('theme-red').getByTestId('route-card').first().click();
    await tourist.getByTestId('route-map').locator('canvas').first().waitFor();
    const stops = await tourist.getByTestId('route-stop').allTextContents();
    expect(stops.length).toBeGreaterThanOrEqual(4);
    const routeId = tourist.url().split('/routes/')[1];
    const api = await (await tourist.request.get(`${BASE()}/api/routes/${routeId}`)).json();
    expect(stops.map((s) => s.trim())).toEqual(api.stops.map((s: { name: string }) => s.name));
    await tourist.waitForTimeout(800);
    await shot(tourist, `${vp}-portal-route`);
    await tourist.getByTestId('stop-link').first().click();
    await tourist.waitForURL(/\/(stations|businesses)\//);

    // 4. The admin changes a station's hours in the console; the portal shows the new hours.
    const hours = vp === 'phone' ? ['07:00', '21:30'] : ['06:30', '22:30'];
    const admin = await newPage(browser, 'desktop');
    admin.setDefaultTimeout(60_000);
    await staffLogin(admin, 'admin');
    await admin.goto(`${BASE()}/console/admin/stations`);
    await admin.getByTestId('station-q').fill('GC-010');
    await admin.getByTestId('station-q').press('Enter');
    await expect.poll(() => admin.getByTestId('station-edit').count()).toBe(1);
    await shot(admin, `${vp}-console-stations`);
    await admin.getByTestId('station-edit').click();
    const inputs = admin.locator('.ant-drawer .ant-picker-range input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(hours[0]);
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(hours[1]);
    await inputs.nth(1).press('Enter');
    await shot(admin, `${vp}-console-station-edit`);
    await admin.getByTestId('station-save').click();
    await expect
      .poll(() => admin.getByTestId('station-row-hours').first().textContent())
      .toBe(`${hours[0]}–${hours[1]}`);
    const list = await (await admin.request.get(`${BASE()}/api/stations?limit=500`)).json();
    const gc10 = list.find((s: { code: string }) => s.code === 'GC-010');
    await tourist.goto(`${BASE()}/stations/${gc10.id}`);
    await expect(tourist.getByTestId('station-hours').textContent()).resolves.toBe(`${hours[0]}–${hours[1]}`);
    await tourist.getByTestId('station-distance').waitFor();
    await shot(tourist, `${vp}-portal-station`);

    // 5. The console route editor opens with the ordered stops.
    await admin.goto(`${BASE()}/console/admin/routes`);
    await admin.getByTestId('route-edit').first().click();
    await expect.poll(() => admin.getByTestId('stop-row').count()).toBeGreaterThanOrEqual(4);
    await shot(admin, `${vp}-console-route-edit`);

    expect(tourist.errors).toEqual([]);
    expect((admin as Page & { errors: string[] }).errors).toEqual([]);
    await tourist.context().close();
    await admin.context().close();
  }, 400_000);
});
