import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../platform/deadlines/index.js';
import { findCjkFont } from '../../platform/pdf.js';
import { auditLog, notifications } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { uploadReceipt } from '../returns/test-helpers.js';
import { LETTER_EXPIRY } from './index.js';

let t: TTestApp;
let admin: TSession;
let leader: { id: string; s: TSession };
let templateId: string;
const session = async (role: Parameters<typeof buildUser>[1]['role'], extra: Record<string, unknown> = {}) => {
  const u = await buildUser(t.database.db, { role, ...extra });
  return { id: u.id, s: await loginStaff(t.app, u.username!, TEST_PASSWORD) };
};
const day = (offsetDays: number) =>
  new Date(t.clock.now().getTime() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const issue = async (businessId: string, periodEnd = day(365), periodStart = day(0)) => {
  const res = await admin.inject({
    method: 'POST',
    url: '/api/responsibility-letters',
    payload: { templateId, businessId, partyAUserId: leader.id, periodStart, periodEnd },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; text: string; textSha256: string };
};

beforeAll(async () => {
  t = await buildTestApp();
  await buildRegion(t.database.db, { code: '530702' });
  admin = (await session('system_admin')).s;
  leader = await session('leader');
  const tpl = await admin.inject({
    method: 'POST',
    url: '/api/letter-templates',
    payload: {
      code: 'forest_fire_test',
      topic: 'forest_fire',
      title: '护林防火责任状',
      body: '{business}承诺：防火期内严禁野外用火，{partyA}负责督导检查。',
      partyAName: '市文化和旅游局',
    },
  });
  expect(tpl.statusCode).toBe(201);
  templateId = tpl.json().id;
});
afterAll(() => t.close());

describe('letter templates', () => {
  it('only the admin writes them; codes are unique; staff read', async () => {
    const again = await admin.inject({
      method: 'POST',
      url: '/api/letter-templates',
      payload: {
        code: 'forest_fire_test',
        topic: 'forest_fire',
        title: '重复',
        body: '一二三四五六七八九十',
        partyAName: '局局',
      },
    });
    expect(again.statusCode).toBe(409);
    expect((await leader.s.inject({ method: 'GET', url: '/api/letter-templates' })).json()).toContainEqual(
      expect.objectContaining({ id: templateId }),
    );
    const edit = await leader.s.inject({
      method: 'PUT',
      url: `/api/letter-templates/${templateId}`,
      payload: { code: 'x_y', topic: 'other', title: '改', body: '一二三四五六七八九十', partyAName: '局局' },
    });
    expect(edit.statusCode).toBe(403);
  });
});

describe('responsibility letters', () => {
  it('the business signs the exact text: name, time and the SHA-256 of the text are kept; a replay is the same signature', async () => {
    const b = await buildBusiness(t.database.db, { name: '玉龙雪山景区' });
    const letter = await issue(b.id);
    expect(letter.text).toContain('玉龙雪山景区承诺');
    expect(letter.text).toContain('市文化和旅游局');
    expect(letter.textSha256).toBe(createHash('sha256').update(letter.text, 'utf8').digest('hex'));
    const owner = await session('business', { businessId: b.id });
    const shown = await owner.s.inject({ method: 'GET', url: `/api/responsibility-letters/${letter.id}` });
    expect(shown.json()).toMatchObject({ status: 'issued', can: { sign: true, uploadScan: false } });
    const wrong = await owner.s.inject({
      method: 'POST',
      url: `/api/responsibility-letters/${letter.id}/sign`,
      payload: { signedName: '和经理', textSha256: 'a'.repeat(64) },
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('letter_text_changed');
    const sign = () =>
      owner.s.inject({
        method: 'POST',
        url: `/api/responsibility-letters/${letter.id}/sign`,
        headers: { 'idempotency-key': 'sign-key-0001' },
        payload: { signedName: '和经理', textSha256: letter.textSha256 },
      });
    const first = await sign();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'signed', signedName: '和经理', signedVia: 'online' });
    expect(first.json().signedAt).toBe(t.clock.now().toISOString());
    expect((await sign()).json()).toEqual(first.json());
    const twice = await owner.s.inject({
      method: 'POST',
      url: `/api/responsibility-letters/${letter.id}/sign`,
      payload: { signedName: '和经理', textSha256: letter.textSha256 },
    });
    expect(twice.statusCode).toBe(409);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'responsibility_letter.sign'), eq(auditLog.objectId, letter.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ textSha256: letter.textSha256 });
  });

  it('who sees what: another business and another grid’s worker get 404; the business’s grid worker reads; staff cannot sign', async () => {
    const grid = await admin.inject({
      method: 'POST',
      url: '/api/grids',
      payload: { code: 'LT-G1', name: '责任状网格', regionCode: '530702' },
    });
    const b = await buildBusiness(t.database.db, { gridId: grid.json().id });
    const letter = await issue(b.id);
    const other = await session('business', { businessId: (await buildBusiness(t.database.db)).id });
    const stranger = await session('grid_worker');
    const worker = await session('grid_worker');
    await admin.inject({
      method: 'PUT',
      url: `/api/grids/${grid.json().id}/members`,
      payload: { members: [{ userId: worker.id, role: 'grid_worker' }] },
    });
    for (const s of [other.s, stranger.s]) {
      expect((await s.inject({ method: 'GET', url: `/api/responsibility-letters/${letter.id}` })).statusCode).toBe(404);
      expect((await s.inject({ method: 'GET', url: `/api/responsibility-letters/${letter.id}/pdf` })).statusCode).toBe(
        404,
      );
    }
    expect(
      (
        await other.s.inject({
          method: 'POST',
          url: `/api/responsibility-letters/${letter.id}/sign`,
          payload: { signedName: '冒名', textSha256: letter.textSha256 },
        })
      ).statusCode,
    ).toBe(404);
    expect((await other.s.inject({ method: 'GET', url: '/api/responsibility-letters' })).json().total).toBe(0);
    const seen = await worker.s.inject({ method: 'GET', url: `/api/responsibility-letters/${letter.id}` });
    expect(seen.json().can).toEqual({ sign: false, uploadScan: true });
    expect(
      (await worker.s.inject({ method: 'GET', url: '/api/responsibility-letters' }))
        .json()
        .items.map((l: { id: string }) => l.id),
    ).toEqual([letter.id]);
    expect(
      (
        await leader.s.inject({
          method: 'POST',
          url: `/api/responsibility-letters/${letter.id}/sign`,
          payload: { signedName: '领导', textSha256: letter.textSha256 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await worker.s.inject({
          method: 'POST',
          url: '/api/responsibility-letters',
          payload: { templateId, businessId: b.id, partyAUserId: leader.id, periodStart: day(0), periodEnd: day(30) },
        })
      ).statusCode,
    ).toBe(403);

    // the grid worker brings in the paper the business signed
    const fileId = await uploadReceipt(worker.s);
    const scan = await worker.s.inject({
      method: 'POST',
      url: `/api/responsibility-letters/${letter.id}/scan`,
      payload: { fileId, signedName: '李店长' },
    });
    expect(scan.statusCode).toBe(200);
    expect(scan.json()).toMatchObject({ status: 'signed', signedVia: 'scan', scanFileId: fileId });
    const owner = await session('business', { businessId: b.id });
    expect((await owner.s.inject({ method: 'GET', url: `/api/files/${fileId}` })).statusCode).toBe(200);
    expect((await other.s.inject({ method: 'GET', url: `/api/files/${fileId}` })).statusCode).not.toBe(200);
  });

  it('refuses a bad issue: period backwards, an unknown business, a party A who is no official', async () => {
    const b = await buildBusiness(t.database.db);
    const post = (over: Record<string, unknown>) =>
      admin.inject({
        method: 'POST',
        url: '/api/responsibility-letters',
        payload: {
          templateId,
          businessId: b.id,
          partyAUserId: leader.id,
          periodStart: day(0),
          periodEnd: day(10),
          ...over,
        },
      });
    expect((await post({ periodEnd: day(-1) })).json()).toMatchObject({ field: 'periodEnd' });
    expect((await post({ businessId: '00000000-0000-4000-8000-000000000000' })).json()).toMatchObject({
      field: 'businessId',
    });
    const biz = await buildUser(t.database.db, { role: 'business', businessId: b.id });
    expect((await post({ partyAUserId: biz.id })).json()).toMatchObject({ field: 'partyAUserId' });
    expect((await post({ periodStart: '2026-02-30' })).statusCode).toBe(400);
  });

  it('lists unsigned and expiring letters; the reminder goes out 30 days before the end, once', async () => {
    const b = await buildBusiness(t.database.db, { name: '到期提醒测试商户' });
    const owner = await session('business', { businessId: b.id });
    const soon = await issue(b.id, day(20), day(-300));
    const later = await issue(b.id, day(200));
    await owner.s.inject({
      method: 'POST',
      url: `/api/responsibility-letters/${soon.id}/sign`,
      payload: { signedName: '王经理', textSha256: soon.textSha256 },
    });
    const ids = async (status: string) =>
      (await admin.inject({ method: 'GET', url: `/api/responsibility-letters?status=${status}&businessId=${b.id}` }))
        .json()
        .items.map((l: { id: string }) => l.id);
    expect(await ids('expiring')).toEqual([soon.id]);
    expect(await ids('unsigned')).toEqual([later.id]);
    expect(await ids('signed')).toEqual([soon.id]);
    // the 20-day letter's reminder is due at once; the 200-day one's in 170 days
    const sweep = (now: Date) => sweepDeadlines(t.database.db, t.app.events, { now, kinds: [LETTER_EXPIRY] });
    const told = () =>
      t.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.kind, 'letter_expiring'), eq(notifications.userId, owner.id)));
    await sweep(t.clock.now());
    await sweep(t.clock.now());
    expect((await told()).map((n) => n.objectId)).toEqual([soon.id]);
    await sweep(new Date(t.clock.now().getTime() + 169 * 86_400_000));
    expect(await told()).toHaveLength(1);
    await sweep(new Date(t.clock.now().getTime() + 171 * 86_400_000));
    expect((await told()).map((n) => n.objectId).sort()).toEqual([soon.id, later.id].sort());
    expect((await leader.s.inject({ method: 'GET', url: '/api/notifications' })).json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'letter_expiring' })]),
    );
  });

  it.skipIf(!findCjkFont())('prints the signed letter as a PDF with its text', async () => {
    const b = await buildBusiness(t.database.db);
    const letter = await issue(b.id);
    const res = await admin.inject({ method: 'GET', url: `/api/responsibility-letters/${letter.id}/pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
