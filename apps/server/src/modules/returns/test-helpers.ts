import type { TRole } from '@zhilv/contracts';
import sharp from 'sharp';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { seedDefaultRouting } from '../work-orders/index.js';
import { shanghaiDay } from './returns.rules.js';

/** A test app with the demo routing: shopping_quality → the department coded market_supervision. */
export async function buildReturnsWorld() {
  const t = await buildTestApp();
  const db = t.database.db;
  const market = await buildDepartment(db, { code: 'market_supervision', name: '市场监督管理局', nameEn: 'Market' });
  const culture = await buildDepartment(db, { code: 'culture_tourism', name: '文化和旅游局', nameEn: 'Culture' });
  await db.transaction((tx) => seedDefaultRouting(tx));
  return { t, market, culture };
}

export async function staffSession(t: TTestApp, role: TRole, extra: Record<string, unknown> = {}): Promise<TSession> {
  const u = await buildUser(t.database.db, { role, ...extra });
  return loginStaff(t.app, u.username!, TEST_PASSWORD);
}

/** A shop and its own business account; it signs the return pledge unless told not to. */
export async function buildShop(t: TTestApp, kind = 'shop', pledge = true) {
  const biz = await buildBusiness(t.database.db, { kind });
  const account = await staffSession(t, 'business', { businessId: biz.id });
  if (pledge) {
    const res = await account.inject({ method: 'POST', url: '/api/returns/pledge' });
    if (res.statusCode !== 200) throw new Error(`pledge: ${res.statusCode} ${res.body}`);
  }
  return { biz, account };
}

let phoneSerial = 0;
export const tourist = (t: TTestApp) =>
  loginTourist(t.app, `1360000${String(++phoneSerial + Math.floor(Math.random() * 900) * 10).padStart(4, '0')}`);

/** Uploads a small JPEG as this session and answers its file id. */
export async function uploadReceipt(s: TSession): Promise<string> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#3a3' } })
    .jpeg()
    .toBuffer();
  const b = '----zlreturns';
  const payload = Buffer.concat([
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="r.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    jpeg,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  const res = await s.inject({
    method: 'POST',
    url: '/api/files',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** The prefecture's day `days` before the test clock's now. */
export const daysAgo = (t: TTestApp, days: number) =>
  shanghaiDay(new Date(t.clock.now().getTime() - days * 86_400_000));

let keySerial = 0;
export async function fileReturn(
  t: TTestApp,
  s: TSession,
  businessId: string,
  over: Record<string, unknown> = {},
  key = `ret-${Date.now()}-${++keySerial}`,
) {
  const receiptFileId = over.receiptFileId ?? (await uploadReceipt(s));
  return s.inject({
    method: 'POST',
    url: '/api/returns',
    headers: { 'idempotency-key': key },
    payload: {
      businessId,
      item: '银手镯',
      goodsCategory: 'silver_jewelry',
      amountFen: 58_000,
      purchasedOn: daysAgo(t, 2),
      reason: '回酒店后发现颜色和店里看到的不一样，想退货。',
      receiptFileId,
      invoiceNo: 'NO.53070012345',
      ...over,
    },
  });
}
