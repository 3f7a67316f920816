import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCjkFont } from '../../platform/pdf.js';
import { auditLog } from '../../platform/platform.tables.js';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness } from '../../test/factories.js';
import { practitioners } from '../master-data/master-data.tables.js';
import { staffSession } from '../reservations/test-helpers.js';
import { uploadReceipt } from '../returns/test-helpers.js';
import { buildRatingSheets } from './rating-sheet.js';
import { getRatingSummaries } from './rating-summaries.store.js';
import { ratingCodes } from './ratings.tables.js';

let t: TTestApp;
let admin: TSession;
let dispatcher: TSession;
let bizStaff: TSession;
let otherBizStaff: TSession;
let tourist1: TSession;
let tourist2: TSession;
let bizCode: string;
let otherBizCode: string;
let guideCode: string;
let bizId: string;
let otherBizId: string;

const key = () => randomUUID();
const STARS = (n: number) => ({ attitude: n, hygiene: n, pricing: n, overall: n });

/** A target's code rows (in no particular order: replacements share the test clock's time). */
const codeRows = (targetId: string) =>
  t.database.db
    .select({ code: ratingCodes.code, active: ratingCodes.active })
    .from(ratingCodes)
    .where(eq(ratingCodes.targetId, targetId));

async function expectCodeRows(targetId: string, rows: { code: string; active: boolean }[]) {
  const actual = await codeRows(targetId);
  expect(actual).toHaveLength(rows.length);
  expect(actual).toEqual(expect.arrayContaining(rows));
}

async function rate(s: TSession, payload: object, idempotencyKey = key()) {
  return s.inject({ method: 'POST', url: '/api/ratings', payload, headers: { 'idempotency-key': idempotencyKey } });
}

async function codeOf(s: TSession, q: string) {
  const res = await s.inject({ method: 'GET', url: `/api/ratings/codes?q=${encodeURIComponent(q)}` });
  expect(res.statusCode).toBe(200);
  return res.json().items[0];
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2030-06-03T15:30:00Z')); // 23:30 in Shanghai: the day turns during the tests
  const biz = await buildBusiness(t.database.db, { name: '评价测试客栈', nameEn: 'Rating Test Inn', kind: 'homestay' });
  const other = await buildBusiness(t.database.db, { name: '评价测试别家', kind: 'shop' });
  bizId = biz.id;
  otherBizId = other.id;
  await t.database.db
    .insert(practitioners)
    .values({ name: '和导游', kind: 'guide', businessId: biz.id, phone: '13900000009' });
  admin = await staffSession(t, 'system_admin');
  dispatcher = await staffSession(t, 'dispatcher');
  bizStaff = await staffSession(t, 'business', { businessId: biz.id });
  otherBizStaff = await staffSession(t, 'business', { businessId: other.id });
  tourist1 = await loginTourist(t.app, '13700000001');
  tourist2 = await loginTourist(t.app, '13700000002');
  bizCode = (await codeOf(admin, '评价测试客栈')).code;
  otherBizCode = (await codeOf(admin, '评价测试别家')).code;
  guideCode = (await codeOf(admin, '和导游')).code;
}, 60_000);
afterAll(() => t.close());

describe('codes', () => {
  it('are 10 characters of Crockford base32, one per target, stable across listings', async () => {
    expect(bizCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(new Set([bizCode, otherBizCode, guideCode]).size).toBe(3);
    expect((await codeOf(admin, '评价测试客栈')).code).toBe(bizCode);
    const row = await codeOf(admin, bizCode);
    expect(row).toMatchObject({
      targetType: 'business',
      name: '评价测试客栈',
      url: `http://localhost:80/rate/${bizCode}`,
    });
  });

  it('are readable by anyone: name, kind and the dimensions to rate; a guide’s name masked with the employer', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${bizCode.toLowerCase()}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: bizCode,
      targetType: 'business',
      name: '评价测试客栈',
      nameEn: 'Rating Test Inn',
      kind: { zh: '旅游民宿' },
      business: { id: bizId },
    });
    expect(res.json().dimensions.map((d: { code: string }) => d.code)).toEqual([
      'attitude',
      'hygiene',
      'pricing',
      'overall',
    ]);
    const guide = (await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${guideCode}` })).json();
    expect(guide).toMatchObject({
      targetType: 'practitioner',
      name: '和**',
      kind: { zh: '导游' },
      business: { id: bizId },
    });
    expect(guide.dimensions.map((d: { zh: string }) => d.zh)).toContain('讲解质量');
  });

  it('unknown and malformed codes: 404 with a clear message, 400', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/ratings/codes/ZZZZZZZZZZ' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'rating_code_not_found', message: '评价码不存在或已停用，请核对后重试' });
    expect((await t.app.inject({ method: 'GET', url: '/api/ratings/codes/abc' })).statusCode).toBe(400);
  });
});

describe('rating', () => {
  let first: { id: string };

  it('needs a signed-in tourist: 401 without, 403 for staff', async () => {
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/ratings',
      payload: { code: bizCode, scores: STARS(5) },
      headers: { 'idempotency-key': key() },
    });
    expect(anon.statusCode).toBe(401);
    expect((await rate(admin, { code: bizCode, scores: STARS(5) })).statusCode).toBe(403);
  });

  it('refuses bad scores: out of range 400, missing or foreign dimensions 422', async () => {
    expect((await rate(tourist1, { code: bizCode, scores: { ...STARS(5), overall: 6 } })).statusCode).toBe(400);
    expect((await rate(tourist1, { code: bizCode, scores: { ...STARS(5), overall: 0 } })).statusCode).toBe(400);
    const missing = await rate(tourist1, { code: bizCode, scores: { attitude: 5, overall: 5 } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'rating_scores_invalid', field: 'scores.hygiene' });
    const foreign = await rate(tourist1, { code: bizCode, scores: { ...STARS(5), narration: 3 } });
    expect(foreign.statusCode).toBe(422);
    expect((await rate(tourist1, { code: bizCode, scores: STARS(5), extra: 1 })).statusCode).toBe(400);
  });

  it('stores one rating; overall is the tourist’s own overall stars; a replay answers the same', async () => {
    const k = key();
    const body = { code: bizCode, scores: { attitude: 5, hygiene: 4, pricing: 4, overall: 5 }, comment: ' 很干净 ' };
    const res = await rate(tourist1, body, k);
    expect(res.statusCode).toBe(201);
    first = res.json();
    expect(res.json()).toMatchObject({ overall: 5, comment: '很干净', day: '2030-06-03', offerComplaint: false });
    const replay = await rate(tourist1, body, k);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(first.id);
  });

  it('a second rating of the same place the same Shanghai day → 409; the next day is fine', async () => {
    const again = await rate(tourist1, { code: bizCode, scores: STARS(3) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'rating_already_today',
      message: '您今天已经评价过这里了，明天可以再评',
    });
    // 23:59 in Shanghai is still the same day
    t.clock.set(new Date('2030-06-03T15:59:00Z'));
    expect((await rate(tourist1, { code: bizCode, scores: STARS(3) })).statusCode).toBe(409);
    // another place the same day, another tourist the same place: fine
    expect((await rate(tourist1, { code: otherBizCode, scores: STARS(4) })).statusCode).toBe(201);
    expect((await rate(tourist2, { code: bizCode, scores: STARS(2) })).statusCode).toBe(201);
    // 00:01 in Shanghai is the next day
    t.clock.set(new Date('2030-06-03T16:01:00Z'));
    const next = await rate(tourist1, { code: bizCode, scores: STARS(4) });
    expect(next.statusCode).toBe(201);
    expect(next.json().day).toBe('2030-06-04');
  });

  it('lists my ratings with the place’s name and code', async () => {
    const res = await tourist1.inject({ method: 'GET', url: '/api/ratings/mine' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(3);
    expect(items.find((i: { id: string }) => i.id === first.id)).toMatchObject({
      targetName: '评价测试客栈',
      code: bizCode,
    });
    const theirs = await tourist2.inject({ method: 'GET', url: `/api/ratings/${first.id}` });
    expect(theirs.statusCode).toBe(404);
  });

  it('summaries: average overall, count and per-dimension averages', async () => {
    const s = (await getRatingSummaries(t.database.db, 'business', [bizId, randomUUID()])).get(bizId);
    // overall 5, 2, 4 → 3.7; hygiene 4, 2, 4 → 3.3
    expect(s).toMatchObject({ count: 3, average: 3.7, dimensions: { hygiene: 3.3, overall: 3.7 } });
  });
});

describe('a low rating becomes a complaint', () => {
  let low: { id: string; offerComplaint: boolean };
  let orderId: string;

  it('offers a complaint for ≤ 2 stars with a comment', async () => {
    const res = await rate(tourist2, {
      code: guideCode,
      scores: { narration: 1, attitude: 1, integrity: 1, overall: 1 },
      comment: '导游强迫购物，态度恶劣',
    });
    expect(res.statusCode).toBe(201);
    low = res.json();
    expect(low.offerComplaint).toBe(true);
    expect(res.json().business).toMatchObject({ id: bizId });
    const noText = await rate(tourist2, { code: otherBizCode, scores: STARS(1) });
    expect(noText.json().offerComplaint).toBe(false);
  });

  it('links the tourist’s own order; another tourist’s order or rating → 404', async () => {
    const order = await tourist2.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '导游强迫购物，态度恶劣', businessId: bizId, photoIds: [], anonymous: false },
      headers: { 'idempotency-key': key() },
    });
    expect(order.statusCode).toBe(201);
    orderId = order.json().id;
    const foreignOrder = await tourist1.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '别人的投诉内容写在这里', photoIds: [], anonymous: false },
      headers: { 'idempotency-key': key() },
    });
    const link = (s: TSession, ratingId: string, workOrderId: string) =>
      s.inject({ method: 'POST', url: `/api/ratings/${ratingId}/work-order`, payload: { workOrderId } });
    expect((await link(tourist2, low.id, foreignOrder.json().id)).statusCode).toBe(404);
    expect((await link(tourist1, low.id, orderId)).statusCode).toBe(404);
    const ok = await link(tourist2, low.id, orderId);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ workOrderId: orderId, offerComplaint: false });
    expect((await link(tourist2, low.id, orderId)).statusCode).toBe(200);
    const mine = (await tourist2.inject({ method: 'GET', url: '/api/ratings/mine' })).json().items;
    expect(mine.find((i: { id: string }) => i.id === low.id).workOrderId).toBe(orderId);
  });

  it('a rating that is not low cannot be linked', async () => {
    const good = (await tourist2.inject({ method: 'GET', url: '/api/ratings/mine' }))
      .json()
      .items.find((i: { overall: number }) => i.overall === 2);
    expect(good).toBeTruthy();
    const res = await tourist2.inject({
      method: 'POST',
      url: `/api/ratings/${good.id}/work-order`,
      payload: { workOrderId: orderId },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('rating_not_low');
  });
});

describe('staff', () => {
  // The clock moved past midnight: staff sessions idle for over 30 minutes have ended; sign in again.
  beforeAll(async () => {
    admin = await staffSession(t, 'system_admin');
    dispatcher = await staffSession(t, 'dispatcher');
    bizStaff = await staffSession(t, 'business', { businessId: bizId });
    otherBizStaff = await staffSession(t, 'business', { businessId: otherBizId });
  });

  it('a business sees only its own code and ratings, with phones masked', async () => {
    const list = await bizStaff.inject({ method: 'GET', url: '/api/ratings/codes' });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({ code: bizCode, count: 3, average: 3.7 });
    const ratings = await bizStaff.inject({ method: 'GET', url: `/api/ratings/codes/${bizCode}/ratings` });
    expect(ratings.statusCode).toBe(200);
    expect(ratings.json()).toMatchObject({ count: 3, total: 3 });
    expect(ratings.json().items[0].touristPhoneMasked).toMatch(/^137\*{4}\d{4}$/);
    expect(ratings.body).not.toContain('13700000001');
    expect(
      (await bizStaff.inject({ method: 'GET', url: `/api/ratings/codes/${otherBizCode}/ratings` })).statusCode,
    ).toBe(404);
    expect(
      (await bizStaff.inject({ method: 'GET', url: `/api/ratings/codes/${guideCode}/sheet.pdf` })).statusCode,
    ).toBe(404);
    expect((await tourist1.inject({ method: 'GET', url: '/api/ratings/codes' })).statusCode).toBe(403);
  });

  it('the command center reads every code but prints none; tourists print nothing', async () => {
    expect(
      (await dispatcher.inject({ method: 'GET', url: `/api/ratings/codes?targetType=practitioner` })).statusCode,
    ).toBe(200);
    expect(
      (await dispatcher.inject({ method: 'GET', url: `/api/ratings/codes/${bizCode}/sheet.pdf` })).statusCode,
    ).toBe(403);
    expect((await tourist1.inject({ method: 'GET', url: `/api/ratings/codes/${bizCode}/sheet.pdf` })).statusCode).toBe(
      403,
    );
    expect(
      (await otherBizStaff.inject({ method: 'GET', url: `/api/ratings/codes/${bizCode}/sheet.pdf` })).statusCode,
    ).toBe(404);
  });

  it('the system admin issues codes for every target on demand', async () => {
    await buildBusiness(t.database.db, { name: '新开商户' });
    const res = await admin.inject({ method: 'POST', url: '/api/ratings/codes/issue', payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json().issued).toBeGreaterThanOrEqual(1);
    const again = await admin.inject({ method: 'POST', url: '/api/ratings/codes/issue', payload: {} });
    expect(again.json().issued).toBe(0);
  });

  const font = findCjkFont();

  it.skipIf(!font)('prints a PDF sheet with the Chinese font embedded, one page per code', async () => {
    const one = await admin.inject({ method: 'GET', url: `/api/ratings/codes/${bizCode}/sheet.pdf` });
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toBe('application/pdf');
    const pdf = one.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+(NotoSansCJKsc-Regular|WenQuanYiZenHei)/);
    expect((await bizStaff.inject({ method: 'GET', url: `/api/ratings/codes/${bizCode}/sheet.pdf` })).statusCode).toBe(
      200,
    );
    const many = await admin.inject({
      method: 'POST',
      url: '/api/ratings/codes/sheets.pdf',
      payload: { codes: [bizCode, guideCode, otherBizCode] },
    });
    expect(many.statusCode).toBe(200);
    expect(many.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
    // The words themselves, where poppler's pdftotext is installed (CI installs it with the fonts).
    let text: string | null = null;
    const file = path.join(os.tmpdir(), `rating-sheet-${randomUUID()}.pdf`);
    fs.writeFileSync(file, pdf);
    try {
      text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    } catch {
      text = null;
    } finally {
      fs.rmSync(file, { force: true });
    }
    if (text !== null) {
      for (const s of ['评价测试客栈', 'Rating Test Inn', '扫码评价', 'Scan to rate', bizCode, `/rate/${bizCode}`])
        expect(text).toContain(s);
    }
  });

  it.skipIf(!!font)('without a CJK font answers 503 naming the package to install', async () => {
    const res = await admin.inject({ method: 'GET', url: `/api/ratings/codes/${bizCode}/sheet.pdf` });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toContain('fonts-noto-cjk');
  });

  it('the sheet builder refuses to print boxes: no CJK font → 503 pdf_font_missing', async () => {
    expect(findCjkFont([['/nonexistent/font.ttc', 'X']])).toBeNull();
    const target = {
      code: bizCode,
      url: 'http://x/rate/1',
      name: '某地',
      nameEn: null,
      kind: { zh: '商店', en: 'Shop' },
    };
    await expect(buildRatingSheets(null, [target])).rejects.toMatchObject({ status: 503, code: 'pdf_font_missing' });
  });

  it('photos: only the author’s own uploads attach; the author and the rated business read them, others 404', async () => {
    const mine = await uploadReceipt(tourist1);
    const theirs = await uploadReceipt(tourist2);
    const foreign = await rate(tourist1, { code: otherBizCode, scores: STARS(4), photoIds: [theirs] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json()).toMatchObject({ code: 'file_not_found', field: 'photoIds' });
    const res = await rate(tourist1, { code: otherBizCode, scores: STARS(4), photoIds: [mine] });
    expect(res.statusCode).toBe(201);
    expect(res.json().photoIds).toEqual([mine]);
    const get = (s: TSession) => s.inject({ method: 'GET', url: `/api/files/${mine}` });
    expect((await get(tourist1)).statusCode).toBe(200);
    expect((await get(otherBizStaff)).statusCode).toBe(200);
    expect((await get(admin)).statusCode).toBe(200);
    expect((await get(bizStaff)).statusCode).toBe(404);
    expect((await get(tourist2)).statusCode).toBe(404);
    // Whoever may read the rating reads its photos: the command center reads every target's ratings.
    expect((await get(dispatcher)).statusCode).toBe(200);
    expect((await get(await staffSession(t, 'leader'))).statusCode).toBe(200);
    expect((await get(await staffSession(t, 'department_staff'))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${mine}` })).statusCode).toBe(401);
    // The list the business reads shows the photo's id beside the rating.
    const listed = (await otherBizStaff.inject({ method: 'GET', url: `/api/ratings/codes/${otherBizCode}/ratings` }))
      .json()
      .items.find((i: { id: string }) => i.id === res.json().id);
    expect(listed.photoIds).toEqual([mine]);
  });

  it('a guide’s rating photo: the author and the command center read it; the guide’s employer does not see guide ratings', async () => {
    const photo = await uploadReceipt(tourist1);
    const res = await rate(tourist1, {
      code: guideCode,
      scores: { narration: 5, attitude: 5, integrity: 5, overall: 5 },
      photoIds: [photo],
    });
    expect(res.statusCode).toBe(201);
    const get = (s: TSession) => s.inject({ method: 'GET', url: `/api/files/${photo}` });
    expect((await get(tourist1)).statusCode).toBe(200);
    expect((await get(admin)).statusCode).toBe(200);
    expect((await get(dispatcher)).statusCode).toBe(200);
    expect((await bizStaff.inject({ method: 'GET', url: `/api/ratings/codes/${guideCode}/ratings` })).statusCode).toBe(
      404,
    );
    expect((await get(bizStaff)).statusCode).toBe(404);
    expect((await get(tourist2)).statusCode).toBe(404);
  });

  it('refuses a sheet for an unknown code with 404', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/ratings/codes/sheets.pdf',
      payload: { codes: ['ZZZZZZZZZZ'] },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('deactivate a code and issue a new one (停用并换新码)', () => {
  let owner: TSession;
  let stranger: TSession;
  let sysAdmin: TSession;
  let placeId: string;
  let oldCode: string;
  let newCode: string;
  const replace = (s: TSession, code: string) =>
    s.inject({ method: 'POST', url: `/api/ratings/codes/${code}/replace` });

  beforeAll(async () => {
    const place = await buildBusiness(t.database.db, {
      name: '换码测试茶馆',
      nameEn: 'Code Swap Teahouse',
      kind: 'restaurant',
    });
    placeId = place.id;
    owner = await staffSession(t, 'business', { businessId: place.id });
    stranger = await staffSession(t, 'business', { businessId: otherBizId });
    sysAdmin = await staffSession(t, 'system_admin');
    oldCode = (await codeOf(owner, '换码测试茶馆')).code;
    expect((await rate(tourist1, { code: oldCode, scores: STARS(4) })).statusCode).toBe(201);
  });

  it('other roles may not: anonymous 401; tourist, dispatcher and leader 403', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/ratings/codes/${oldCode}/replace` })).statusCode).toBe(401);
    expect((await replace(tourist1, oldCode)).statusCode).toBe(403);
    expect((await replace(await staffSession(t, 'dispatcher'), oldCode)).statusCode).toBe(403);
    expect((await replace(await staffSession(t, 'leader'), oldCode)).statusCode).toBe(403);
  });

  it('another business’s code and unknown codes → 404, malformed → 400; the code still works', async () => {
    const foreign = await replace(stranger, oldCode);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'rating_code_not_found', field: 'code' });
    expect((await replace(owner, 'ZZZZZZZZZZ')).json()).toMatchObject({ code: 'rating_code_not_found' });
    expect((await replace(owner, 'ZZZZZZZZZZ')).statusCode).toBe(404);
    expect((await replace(owner, 'abc')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${oldCode}` })).statusCode).toBe(200);
  });

  it('the business replaces its own code: a new code for the same place, its ratings kept, one audit entry', async () => {
    const res = await replace(owner, oldCode.toLowerCase());
    expect(res.statusCode).toBe(200);
    newCode = res.json().code;
    expect(newCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(newCode).not.toBe(oldCode);
    expect(res.json()).toMatchObject({
      targetType: 'business',
      targetId: placeId,
      url: `http://localhost:80/rate/${newCode}`,
      count: 1,
    });
    // The old code stays as an inactive row beside the new active one.
    await expectCodeRows(placeId, [
      { code: oldCode, active: false },
      { code: newCode, active: true },
    ]);
    const list = (await owner.inject({ method: 'GET', url: '/api/ratings/codes' })).json();
    expect(list.items.map((i: { code: string }) => i.code)).toEqual([newCode]);
    const byOld = (await owner.inject({ method: 'GET', url: `/api/ratings/codes?q=${oldCode}` })).json();
    expect(byOld).toMatchObject({ items: [], total: 0 });
    const ratings = await owner.inject({ method: 'GET', url: `/api/ratings/codes/${newCode}/ratings` });
    expect(ratings.json()).toMatchObject({ count: 1, total: 1 });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, oldCode), eq(auditLog.action, 'rating_code.deactivate')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      objectType: 'rating_code',
      actorId: owner.userId,
      after: { active: false, replacedBy: newCode, targetId: placeId },
    });
  });

  it('the old code is refused with 410 and a clear message in both languages; the new one works', async () => {
    const gone = await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${oldCode}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({
      code: 'rating_code_deactivated',
      message: '此评价码已停用并换为新码，请扫描现场张贴的新二维码',
    });
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/ratings/codes/${oldCode}`,
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().message).toBe(
      'This rating code has been replaced by a new one; scan the new QR code posted at the place',
    );
    const rated = await rate(tourist2, { code: oldCode, scores: STARS(5) });
    expect(rated.statusCode).toBe(410);
    expect(rated.json()).toMatchObject({ code: 'rating_code_deactivated', field: 'code' });
    const fresh = await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${newCode}` });
    expect(fresh.json()).toMatchObject({ code: newCode, targetId: placeId, name: '换码测试茶馆' });
    expect((await rate(tourist2, { code: newCode, scores: STARS(5) })).statusCode).toBe(201);
  });

  it('sheets print only the active code: the old one 410; replacing it again 410', async () => {
    expect((await owner.inject({ method: 'GET', url: `/api/ratings/codes/${oldCode}/sheet.pdf` })).statusCode).toBe(
      410,
    );
    const many = await sysAdmin.inject({
      method: 'POST',
      url: '/api/ratings/codes/sheets.pdf',
      payload: { codes: [newCode, oldCode] },
    });
    expect(many.statusCode).toBe(410);
    expect(many.json()).toMatchObject({ code: 'rating_code_deactivated', field: 'codes' });
    expect([200, 503]).toContain(
      (await owner.inject({ method: 'GET', url: `/api/ratings/codes/${newCode}/sheet.pdf` })).statusCode,
    );
    expect((await replace(owner, oldCode)).statusCode).toBe(410);
  });

  it('the system admin replaces any code, a guide’s too', async () => {
    const before = guideCode;
    const res = await replace(sysAdmin, before);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ targetType: 'practitioner' });
    expect((await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${before}` })).statusCode).toBe(410);
    guideCode = res.json().code;
  });

  it('replacing again keeps every replaced code as an inactive row answering 410; one code stays active', async () => {
    const res = await replace(owner, newCode);
    expect(res.statusCode).toBe(200);
    const third = res.json().code;
    await expectCodeRows(placeId, [
      { code: oldCode, active: false },
      { code: newCode, active: false },
      { code: third, active: true },
    ]);
    for (const c of [oldCode, newCode]) {
      const gone = await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${c}` });
      expect(gone.statusCode).toBe(410);
      expect(gone.json()).toMatchObject({ code: 'rating_code_deactivated', field: 'code' });
    }
    const list = (await owner.inject({ method: 'GET', url: '/api/ratings/codes' })).json();
    expect(list).toMatchObject({ total: 1, items: [{ code: third, count: 2 }] });
    newCode = third;
  });

  it('two replacements of one code at once: one wins, the other 410; one active code', async () => {
    const [a, b] = await Promise.all([replace(owner, newCode), replace(sysAdmin, newCode)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 410]);
    const winner = (a.statusCode === 200 ? a : b).json().code;
    const rows = await codeRows(placeId);
    expect(rows.filter((r) => r.active)).toEqual([{ code: winner, active: true }]);
    expect(rows).toHaveLength(4);
    expect(
      await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.objectId, newCode), eq(auditLog.action, 'rating_code.deactivate'))),
    ).toHaveLength(1);
  });

  it('410 stands on the inactive row, not on an audit entry; a target with only inactive codes gets a new one', async () => {
    const place = await buildBusiness(t.database.db, { name: '只有旧码的店', kind: 'shop' });
    const stale = 'Z0000000Z1';
    await t.database.db
      .insert(ratingCodes)
      .values({ code: stale, targetType: 'business', targetId: place.id, active: false });
    expect((await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${stale}` })).statusCode).toBe(410);
    const fresh = (await codeOf(sysAdmin, '只有旧码的店')).code;
    expect(fresh).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(fresh).not.toBe(stale);
    expect((await t.app.inject({ method: 'GET', url: `/api/ratings/codes/${fresh}` })).statusCode).toBe(200);
  });
});
