import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_CALENDAR } from '../../platform/calendar.js';
import { findCjkFont } from '../../platform/pdf.js';
import { auditLog } from '../../platform/platform.tables.js';
import type { TSession, TTestApp } from '../../test/build-test-app.js';
import { practitioners } from '../master-data/index.js';
import {
  buildReturnsWorld,
  buildShop,
  tourist as newTourist,
  staffSession,
  uploadReceipt,
} from '../returns/test-helpers.js';
import { workingDaysBetween } from './credit.listing.js';
import { zhDate } from './credit.notice-pdf.js';

/**
 * Issue 16, the rest: the notice (告知书) as a PDF, proof photos in the repair application, Idempotency-Keys on the
 * phone submissions (objection, repair, pledge), and practitioners' files.
 */
let t: TTestApp;
let market: { id: string };
let cultureId: string;
let staff: TSession;
let head: TSession;
let otherHead: TSession;
let touristS: TSession;
const font = findCjkFont();

const get = (s: TSession | null, url: string) =>
  s ? s.inject({ method: 'GET', url }) : t.app.inject({ method: 'GET', url });
const post = (s: TSession, url: string, payload?: object, key?: string) =>
  s.inject({ method: 'POST', url, payload, headers: key ? { 'idempotency-key': key } : {} });
const audits = async (action: string, objectId?: string) =>
  (
    await t.database.db
      .select()
      .from(auditLog)
      .where(objectId ? and(eq(auditLog.action, action), eq(auditLog.objectId, objectId)) : eq(auditLog.action, action))
  ).length;
const proposal = (businessId: string, tier: 'serious' | 'minor') => ({
  businessId,
  tier,
  legalBasis: '《旅游市场黑名单管理办法（试行）》第七条',
  reason: '因强迫购物造成游客滞留，被吊销旅行社业务经营许可证。',
  decisionNo: `古文旅罚〔2026〕${Math.floor(Math.random() * 100000)}号`,
});

/** Fresh sessions after the test clock jumped (sessions expire by the same clock). */
async function fresh(businessId: string) {
  return {
    biz: await staffSession(t, 'business', { businessId }),
    head: await staffSession(t, 'department_head', { departmentId: market.id }),
    staff: await staffSession(t, 'department_staff', { departmentId: market.id }),
  };
}

function pdfText(pdf: Buffer): string | null {
  const file = path.join(os.tmpdir(), `credit-notice-${randomUUID()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } catch {
    return null;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  const w = await buildReturnsWorld();
  t = w.t;
  market = w.market;
  cultureId = w.culture.id;
  staff = await staffSession(t, 'department_staff', { departmentId: market.id });
  head = await staffSession(t, 'department_head', { departmentId: market.id });
  otherHead = await staffSession(t, 'department_head', { departmentId: cultureId });
  touristS = await newTourist(t);
});
afterAll(() => t.close());

describe('the working days of an objection window', () => {
  it('counts as addDuration does: Monday + 5 working days is 5, a Saturday start counts from Monday', () => {
    const mon = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 local
    expect(workingDaysBetween(mon, new Date('2026-12-07T02:00:00Z'), EMPTY_CALENDAR)).toBe(5);
    const sat = new Date('2026-11-28T02:00:00Z');
    expect(workingDaysBetween(sat, new Date('2026-12-07T01:00:00Z'), EMPTY_CALENDAR)).toBe(5);
  });
});

describe('告知书 PDF', () => {
  it('is there for the party and the department once served, refused to everyone else', async () => {
    const shop = await buildShop(t);
    const other = await buildShop(t);
    const p = proposal(shop.biz.id, 'serious');
    const id = (await post(staff, '/api/credit/dishonest-entries', p)).json().id as string;
    const url = `/api/credit/dishonest-entries/${id}/notice.pdf`;
    // not served yet: no notice to print
    expect((await get(head, url)).json().code).toBe('dishonest_invalid_step');
    const n = (await post(head, `/api/credit/dishonest-entries/${id}/notice`)).json();
    expect(n.status).toBe('noticed');
    // others: another business and another department see nothing; a tourist and the public are refused
    expect((await get(other.account, url)).statusCode).toBe(404);
    expect((await get(otherHead, url)).statusCode).toBe(404);
    expect((await get(touristS, url)).statusCode).toBe(403);
    expect((await get(null, url)).statusCode).toBe(401);
    expect((await get(head, '/api/credit/dishonest-entries/not-a-uuid/notice.pdf')).statusCode).toBe(400);
    if (!font) {
      expect((await get(shop.account, url)).statusCode).toBe(503);
      return;
    }
    for (const s of [shop.account, staff, head]) {
      const res = await get(s, url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const text = pdfText((await get(shop.account, url)).rawPayload);
    if (text !== null) {
      const flat = text.replace(/\s+/g, '');
      for (const s of [
        shop.biz.name,
        shop.biz.uscc,
        '严重失信主体名单',
        p.reason,
        p.legalBasis,
        p.decisionNo,
        '5个工作日',
        zhDate(new Date(n.objectionDueAt), true).replace(/\s+/g, ''),
        '陈述申辩',
        '市场监督管理局',
        '撤销',
      ])
        expect(flat).toContain(s.replace(/\s+/g, ''));
    }
  });
});

describe('Idempotency-Keys on the phone submissions', () => {
  it('an objection replayed concurrently with one key records once and answers the first result', async () => {
    const shop = await buildShop(t);
    const id = (await post(staff, '/api/credit/dishonest-entries', proposal(shop.biz.id, 'minor'))).json().id;
    await post(head, `/api/credit/dishonest-entries/${id}/notice`);
    const url = `/api/credit/dishonest-entries/${id}/objection`;
    const body = { objection: '事实认定有误，已附退款凭证。' };
    const key = `obj-${randomUUID()}`;
    const answers = await Promise.all([1, 2, 3].map(() => post(shop.account, url, body, key)));
    for (const a of answers) expect(a.statusCode).toBe(200);
    for (const a of answers) expect(a.json()).toEqual(answers[0].json());
    expect(answers[0].json().objection).toBe(body.objection);
    expect(await audits('dishonest_entry.object', id)).toBe(1);
    // the same key with another body is refused; a new key meets the step already taken
    expect((await post(shop.account, url, { objection: '另一理由' }, key)).statusCode).toBe(422);
    expect((await post(shop.account, url, body, `obj-${randomUUID()}`)).json().code).toBe('dishonest_invalid_step');
    // another business's replay of the key is its own key (scoped to the account) and still sees nothing
    expect((await post((await buildShop(t)).account, url, body, key)).statusCode).toBe(404);
  });

  it('a pledge signed concurrently with one key is signed once', async () => {
    const shop = await buildShop(t);
    const templates = (await get(null, '/api/credit/pledge-templates')).json();
    const key = `pledge-${randomUUID()}`;
    const body = { templateId: templates[0].id, agreed: true };
    const before = await audits('credit_pledge.sign');
    const answers = await Promise.all([1, 2, 3].map(() => post(shop.account, '/api/credit/pledges', body, key)));
    for (const a of answers) expect(a.statusCode).toBe(200);
    for (const a of answers) expect(a.json()).toEqual(answers[0].json());
    expect(answers[0].json()).toHaveLength(1);
    expect(await audits('credit_pledge.sign')).toBe(before + 1);
    expect((await post(shop.account, '/api/credit/pledges', body, `pledge-${randomUUID()}`)).statusCode).toBe(409);
  });
});

describe('repair with proof photos', () => {
  it('attaches the applicant own photos once under a key; the deciding department sees them, others do not', async () => {
    const shop = await buildShop(t);
    const id = (await post(staff, '/api/credit/dishonest-entries', proposal(shop.biz.id, 'serious'))).json().id;
    await post(head, `/api/credit/dishonest-entries/${id}/notice`);
    await post(shop.account, `/api/credit/dishonest-entries/${id}/objection`, { objection: '不服，申请复核。' });
    expect(
      (await post(head, `/api/credit/dishonest-entries/${id}/decision`, { decision: 'reject', note: '依法列入' }))
        .statusCode,
    ).toBe(200);
    t.clock.advance(91 * 86_400_000);
    const f = await fresh(shop.biz.id);
    const otherShop = await buildShop(t);
    const otherDeptHead = await staffSession(t, 'department_head', { departmentId: cultureId });
    const mine = [await uploadReceipt(f.biz), await uploadReceipt(f.biz)];
    const theirs = await uploadReceipt(otherShop.account);
    const url = `/api/credit/dishonest-entries/${id}/repairs`;
    const repair = {
      proof: '已退还游客全部费用，整改到位（见照片）。',
      commitment: '本社承诺依法诚信经营。',
      commitmentSigned: true,
      trainingRecord: '2026年信用修复培训 第3期 结业',
    };
    // a serious case: words alone are not enough; someone else's photo cannot be attached; bad ids are 400
    expect((await post(f.biz, url, repair)).json()).toMatchObject({
      code: 'repair_not_by_commitment',
      field: 'proofFileIds',
    });
    expect((await post(f.biz, url, { ...repair, proofFileIds: [theirs] })).json()).toMatchObject({
      code: 'file_not_found',
      field: 'proofFileIds',
    });
    expect((await post(f.biz, url, { ...repair, proofFileIds: ['x'] })).statusCode).toBe(400);
    expect((await post(otherShop.account, url, { ...repair, proofFileIds: [theirs] })).statusCode).toBe(404);
    // three concurrent replays under one key: one application, one audit entry, the same answer
    const key = `repair-${randomUUID()}`;
    const answers = await Promise.all([1, 2, 3].map(() => post(f.biz, url, { ...repair, proofFileIds: mine }, key)));
    for (const a of answers) expect(a.statusCode).toBe(200);
    for (const a of answers) expect(a.json()).toEqual(answers[0].json());
    const repairs = answers[0].json().repairs;
    expect(repairs).toHaveLength(1);
    expect([...repairs[0].proofFileIds].sort()).toEqual([...mine].sort());
    expect(await audits('credit_repair.apply', repairs[0].id)).toBe(1);
    // the deciding department sees the proof on the entry and the photos themselves
    const seen = (await get(f.head, `/api/credit/dishonest-entries/${id}`)).json();
    expect(seen.repairs[0].proofFileIds).toHaveLength(2);
    for (const fileId of mine) {
      expect((await get(f.head, `/api/files/${fileId}`)).statusCode).toBe(200);
      expect((await get(f.staff, `/api/files/${fileId}`)).statusCode).toBe(200);
      expect((await get(f.biz, `/api/files/${fileId}`)).statusCode).toBe(200);
      expect((await get(otherShop.account, `/api/files/${fileId}`)).statusCode).toBe(404);
      expect((await get(otherDeptHead, `/api/files/${fileId}`)).statusCode).toBe(404);
    }
    // a photo once attached cannot be attached again to another object
    expect((await post(f.biz, url, { ...repair, proofFileIds: mine })).json().code).toBe('repair_pending');
  });
});

describe("practitioners' credit files", () => {
  it('lists guides by licence number with score, grade and events; searchable; staff only', async () => {
    const { staff, head } = await fresh((await buildShop(t)).biz.id);
    const licenseNo = `D-5300-${Math.floor(Math.random() * 1e6)}`;
    const [g] = await t.database.db
      .insert(practitioners)
      .values({ name: '测试导游甲', kind: 'guide', licenseNo })
      .returning();
    const [g2] = await t.database.db
      .insert(practitioners)
      .values({ name: '测试导游乙', kind: 'guide', licenseNo: `${licenseNo}-2` })
      .returning();
    const ev = await post(staff, '/api/credit/events', {
      subjectType: 'practitioner',
      subjectId: g.id,
      ruleCode: 'admin_penalty',
      evidenceType: 'penalty_decision',
      evidenceId: `pd-${randomUUID()}`,
      documentNo: '古文旅罚〔2026〕8号',
    });
    expect(ev.statusCode).toBe(200);
    const res = await get(staff, `/api/credit/files?type=practitioner&q=${encodeURIComponent(licenseNo)}`);
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.total).toBe(2);
    const row = list.items.find((x: { subjectId: string }) => x.subjectId === g.id);
    expect(row).toMatchObject({ subjectType: 'practitioner', name: '测试导游甲', key: licenseNo, events: 1 });
    expect(row.score).toBeLessThan(100);
    expect(list.items.find((x: { subjectId: string }) => x.subjectId === g2.id)).toMatchObject({
      grade: 'ungraded',
      events: 0,
    });
    // by name, and the file itself with its events
    expect(
      (await get(head, `/api/credit/files?type=practitioner&q=${encodeURIComponent('测试导游甲')}`)).json().total,
    ).toBe(1);
    const file = (await get(staff, `/api/credit/files/practitioner/${g.id}`)).json();
    expect(file).toMatchObject({ subjectType: 'practitioner', key: licenseNo });
    expect(file.events).toHaveLength(1);
    // businesses' list is the default; wrong roles and bad input are refused
    expect(
      (await get(staff, '/api/credit/files'))
        .json()
        .items.every((x: { subjectType: string }) => x.subjectType === 'business'),
    ).toBe(true);
    const shop = await buildShop(t);
    expect((await get(shop.account, '/api/credit/files?type=practitioner')).statusCode).toBe(403);
    expect((await get(await newTourist(t), '/api/credit/files?type=practitioner')).statusCode).toBe(403);
    expect((await get(shop.account, `/api/credit/files/practitioner/${g.id}`)).statusCode).toBe(404);
    expect((await get(staff, '/api/credit/files?type=guide')).statusCode).toBe(400);
  });
});
