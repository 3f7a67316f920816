import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../platform/actor.js';
import { createCommandRunner } from '../../platform/commands/index.js';
import { sweepDeadlines } from '../../platform/deadlines/index.js';
import { createEventHub } from '../../platform/events.js';
import { outboxSmsProvider } from '../../platform/sms.js';
import type { TSession, TTestApp } from '../../test/build-test-app.js';
import { buildBusiness } from '../../test/factories.js';
import { businesses } from '../master-data/index.js';
import {
  buildReturnsWorld,
  buildShop,
  fileReturn,
  tourist as newTourist,
  staffSession,
  uploadReceipt,
} from '../returns/test-helpers.js';
import { loadClassifier } from '../work-orders/classify/classifier.js';
import { act } from '../work-orders/work-orders.actions.js';
import { recordCreditEvent } from './credit.events.js';
import { subscribeCreditLoop } from './credit.loop.js';
import { creditEvents } from './credit.tables.js';

let t: TTestApp;
let market: { id: string };
let staff: TSession;
let head: TSession;
let otherHead: TSession;
let otherDeptId: string;
let admin: TSession;
let dispatcher: TSession;
let touristS: TSession;
let shopA: Awaited<ReturnType<typeof buildShop>>;
let shopB: Awaited<ReturnType<typeof buildShop>>;
let staffActor: TActor;

const get = (s: TSession | null, url: string) =>
  s ? s.inject({ method: 'GET', url }) : t.app.inject({ method: 'GET', url });
const post = (s: TSession, url: string, payload?: object) => s.inject({ method: 'POST', url, payload });
const fileOf = async (id: string, s: TSession = staff) => (await get(s, `/api/credit/files/business/${id}`)).json();

beforeAll(async () => {
  const w = await buildReturnsWorld();
  t = w.t;
  market = w.market;
  staff = await staffSession(t, 'department_staff', { departmentId: market.id });
  head = await staffSession(t, 'department_head', { departmentId: market.id });
  otherHead = await staffSession(t, 'department_head', { departmentId: w.culture.id });
  otherDeptId = w.culture.id;
  admin = await staffSession(t, 'system_admin');
  dispatcher = await staffSession(t, 'dispatcher');
  touristS = await newTourist(t);
  shopA = await buildShop(t);
  shopB = await buildShop(t);
  await t.database.db
    .update(businesses)
    .set({ badges: ['model_shop', 'safe_consumption'] })
    .where(eq(businesses.id, shopA.biz.id));
  const me = (await get(staff, '/api/auth/me')).json();
  staffActor = {
    id: me.id,
    role: 'department_staff',
    displayName: 'x',
    departmentId: market.id,
    businessId: null,
    ip: null,
  };
});
afterAll(() => t.close());

/** New sessions after the test clock jumped (sessions expire by the same clock). */
async function freshSessions(businessId: string) {
  return {
    biz: await staffSession(t, 'business', { businessId }),
    head: await staffSession(t, 'department_head', { departmentId: market.id }),
    staff: await staffSession(t, 'department_staff', { departmentId: market.id }),
  };
}

/** A complaint about `businessId`, dispatched to the market department and accepted there; answers its id. */
async function acceptedComplaint(businessId: string) {
  const filed = await post(touristS, '/api/work-orders', {
    kind: 'complaint',
    text: '商店银饰标价与结账金额不符，多收了两百元，要求退还。',
    businessId,
  });
  expect(filed.statusCode).toBe(201);
  const id = filed.json().id as string;
  expect(
    (
      await post(dispatcher, `/api/work-orders/${id}/dispatch`, {
        departmentId: market.id,
        coDepartmentIds: [],
        note: '',
      })
    ).statusCode,
  ).toBe(200);
  expect((await post(staff, `/api/work-orders/${id}/accept`)).statusCode).toBe(200);
  return id;
}

describe('the public record before any event', () => {
  it('is ungraded with no events, and carries exactly the public keys', async () => {
    const b = await buildBusiness(t.database.db);
    const res = await get(null, `/api/credit/businesses/${b.id}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(Object.keys(r).sort()).toEqual(
      [
        'address',
        'aLevel',
        'badges',
        'countyCode',
        'countyName',
        'countyNameEn',
        'creditGrade',
        'dishonestList',
        'evaluation',
        'events',
        'grade',
        'id',
        'inspections',
        'kind',
        'licenseNo',
        'name',
        'nameEn',
        'pledges',
        'regionCode',
        'regionName',
        'stars',
        'uscc',
      ].sort(),
    );
    expect(r).toMatchObject({ creditGrade: 'ungraded', events: [], dishonestList: [], pledges: [] });
    expect((await get(null, `/api/directory/businesses/${b.id}`)).json().creditGrade).toBe('ungraded');
  });
});

describe('the loop: a complaint resolved against the business', () => {
  it('records the event in the resolving transaction; the score and grade change on the file and the portal', async () => {
    const id = await acceptedComplaint(shopA.biz.id);
    const res = await post(staff, `/api/work-orders/${id}/resolve`, { text: '经查属实，已责令商家退还多收款项。' });
    expect(res.statusCode).toBe(200);
    const f = await fileOf(shopA.biz.id, shopA.account);
    expect(f).toMatchObject({ score: 95, grade: 'A', baseScore: 100 });
    expect(f.events).toHaveLength(1);
    expect(f.events[0]).toMatchObject({
      ruleCode: 'complaint_founded',
      ruleVersion: 1,
      points: -5,
      evidenceType: 'work_order',
      evidenceId: id,
      inForce: true,
    });
    // every point on the screen is an event with its rule: score = base + sum of the events in force
    expect(f.score).toBe(
      f.baseScore +
        f.events
          .filter((e: { inForce: boolean }) => e.inForce)
          .reduce((s: number, e: { points: number }) => s + e.points, 0),
    );
    const id2 = await acceptedComplaint(shopA.biz.id);
    await post(staff, `/api/work-orders/${id2}/resolve`, { text: '属实，已处理。' });
    expect((await fileOf(shopA.biz.id)).grade).toBe('B');
    const pub = (await get(null, `/api/credit/businesses/${shopA.biz.id}`)).json();
    expect(pub.creditGrade).toBe('B');
    expect(pub.events).toHaveLength(2);
    expect(Object.keys(pub.events[0]).sort()).toEqual(
      [
        'category',
        'departmentName',
        'documentNo',
        'effectiveAt',
        'id',
        'points',
        'ruleName',
        'ruleNameEn',
        'evidenceType',
        'validUntil',
      ].sort(),
    );
    expect((await get(null, `/api/directory/businesses/${shopA.biz.id}`)).json().creditGrade).toBe('B');
  });

  it('a rollback of the cause leaves the score unchanged (the hook and the order in one transaction)', async () => {
    const before = (await fileOf(shopB.biz.id)).score;
    const id = await acceptedComplaint(shopB.biz.id);
    const commands = createCommandRunner({ db: t.database.db, clock: t.clock, events: createEventHub() });
    subscribeCreditLoop(commands);
    commands.onCommand('work-order.resolved', async () => {
      throw new Error('a later subscriber fails');
    });
    const deps = {
      db: t.database.db,
      clock: t.clock,
      events: createEventHub(),
      sms: outboxSmsProvider,
      classifier: await loadClassifier(),
      commands,
    };
    await expect(act(deps, staffActor, id, { action: 'resolve', text: '属实。' }, 'zh-CN')).rejects.toThrow(
      'a later subscriber fails',
    );
    const f = await fileOf(shopB.biz.id);
    expect(f.score).toBe(before);
    expect(f.events).toHaveLength(0);
    // and a direct call rolled back with its transaction leaves nothing either
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordCreditEvent(tx, {
          businessId: shopB.biz.id,
          ruleCode: 'admin_penalty',
          evidence: { type: 'penalty_decision', id: 'X-1' },
          departmentId: market.id,
          effectiveAt: t.clock.now(),
        });
        throw new Error('cause failed');
      }),
    ).rejects.toThrow('cause failed');
    expect((await fileOf(shopB.biz.id)).score).toBe(before);
  });

  it('a refused return compensated from the fund is an event, once', async () => {
    const shop = await buildShop(t);
    const tour = await newTourist(t);
    const r = (await fileReturn(t, tour, shop.biz.id, { amountFen: 20_000 })).json();
    expect(
      (await post(shop.account, `/api/returns/${r.id}/answer`, { decision: 'refuse', note: '不退' })).statusCode,
    ).toBe(200);
    const ok = await post(staff, `/api/returns/${r.id}/compensation`, { amountFen: 20_000, note: '基金先行赔付' });
    expect(ok.statusCode).toBe(200);
    const f = await fileOf(shop.biz.id);
    expect(f.events.map((e: { ruleCode: string }) => e.ruleCode).sort()).toEqual(['return_compensated']);
    expect(f.score).toBe(92);
  });
});

describe('who sees a file', () => {
  it('a business its own only; a tourist not at all; the public record for anyone', async () => {
    expect((await get(shopB.account, `/api/credit/files/business/${shopA.biz.id}`)).statusCode).toBe(404);
    expect((await get(touristS, `/api/credit/files/business/${shopA.biz.id}`)).statusCode).toBe(403);
    expect((await get(shopA.account, '/api/credit/files')).statusCode).toBe(403);
    expect((await get(null, `/api/credit/files/business/${shopA.biz.id}`)).statusCode).toBe(401);
    const list = (await get(staff, '/api/credit/files?grade=B')).json();
    expect(list.items.map((x: { subjectId: string }) => x.subjectId)).toContain(shopA.biz.id);
    expect((await get(staff, '/api/credit/files/business/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('rules and thresholds an admin edits', () => {
  it('an edit is a new version; events keep the version they were recorded under', async () => {
    const bad = await admin.inject({
      method: 'PUT',
      url: '/api/credit/rules/complaint_founded',
      payload: { points: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    const body = {
      category: 'other',
      name: '投诉经查属实并办结',
      nameEn: 'Complaint found and resolved against the business',
      points: -7,
      validityDays: 365,
      public: true,
      repairableByCommitment: true,
      active: true,
    };
    expect(
      (await staff.inject({ method: 'PUT', url: '/api/credit/rules/complaint_founded', payload: body })).statusCode,
    ).toBe(403);
    const res = await admin.inject({ method: 'PUT', url: '/api/credit/rules/complaint_founded', payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, points: -7 });
    const id = await acceptedComplaint(shopA.biz.id);
    await post(staff, `/api/work-orders/${id}/resolve`, { text: '属实。' });
    const f = await fileOf(shopA.biz.id);
    const byVersion = f.events.map((e: { ruleVersion: number; points: number }) => [e.ruleVersion, e.points]);
    expect(byVersion).toEqual(
      expect.arrayContaining([
        [2, -7],
        [1, -5],
        [1, -5],
      ]),
    );
    expect(f.score).toBe(100 - 5 - 5 - 7);
  });

  it('thresholds must be in order; a change re-grades at once', async () => {
    const s = (await get(staff, '/api/credit/settings')).json();
    const wrong = await admin.inject({ method: 'PUT', url: '/api/credit/settings', payload: { ...s, gradeBMin: 99 } });
    expect(wrong.statusCode).toBe(400);
    const ok = await admin.inject({ method: 'PUT', url: '/api/credit/settings', payload: { ...s, gradeCMin: 84 } });
    expect(ok.statusCode).toBe(200);
    expect((await fileOf(shopA.biz.id)).grade).toBe('D');
    // D takes the 示范 badges (not the others) in the same transaction as the next negative event
    await post(staff, '/api/credit/events', {
      subjectType: 'business',
      subjectId: shopA.biz.id,
      ruleCode: 'admin_penalty',
      evidenceType: 'penalty_decision',
      evidenceId: '古市监罚〔2026〕12号',
      documentNo: '古市监罚〔2026〕12号',
    });
    const [b] = await t.database.db.select().from(businesses).where(eq(businesses.id, shopA.biz.id));
    expect(b.badges).toEqual(['safe_consumption']);
    await admin.inject({ method: 'PUT', url: '/api/credit/settings', payload: s });
  });

  it('a department records an event by hand; wrong roles, unknown rules and duplicates are refused', async () => {
    const body = {
      subjectType: 'business',
      subjectId: shopB.biz.id,
      ruleCode: 'commendation',
      evidenceType: 'document',
      evidenceId: '古文旅表〔2026〕3号',
    };
    expect((await post(shopB.account, '/api/credit/events', body)).statusCode).toBe(403);
    expect((await post(staff, '/api/credit/events', { ...body, ruleCode: 'no_such_rule' })).statusCode).toBe(422);
    expect((await post(staff, '/api/credit/events', { ...body, points: 50 })).statusCode).toBe(400);
    expect((await post(staff, '/api/credit/events', body)).statusCode).toBe(200);
    expect((await post(staff, '/api/credit/events', body)).statusCode).toBe(409);
    expect((await fileOf(shopB.biz.id)).score).toBe(105);
  });
});

describe('pledges', () => {
  it('a business signs online, the public record shows it; a broken pledge is an event', async () => {
    const templates = (await get(null, '/api/credit/pledge-templates')).json();
    expect(templates.length).toBeGreaterThan(0);
    const s = await post(shopB.account, '/api/credit/pledges', { templateId: templates[0].id, agreed: true });
    expect(s.statusCode).toBe(200);
    expect(
      (await post(shopB.account, '/api/credit/pledges', { templateId: templates[0].id, agreed: true })).statusCode,
    ).toBe(409);
    expect((await post(staff, '/api/credit/pledges', { templateId: templates[0].id, agreed: true })).statusCode).toBe(
      403,
    );
    const pub = (await get(null, `/api/credit/businesses/${shopB.biz.id}`)).json();
    expect(pub.pledges.map((p: { title: string }) => p.title)).toEqual([templates[0].title]);
    const before = (await fileOf(shopB.biz.id)).score;
    const pid = s.json()[0].id;
    expect((await post(shopB.account, `/api/credit/pledges/${pid}/break`, { note: '违背' })).statusCode).toBe(403);
    expect(
      (await post(staff, `/api/credit/pledges/${pid}/break`, { note: '经查存在强迫消费，违背承诺。' })).statusCode,
    ).toBe(200);
    expect((await fileOf(shopB.biz.id)).score).toBe(before - 10);
    expect((await get(null, `/api/credit/businesses/${shopB.biz.id}`)).json().pledges).toEqual([]);
    const rows = await t.database.db.select().from(creditEvents).where(eq(creditEvents.evidenceId, pid));
    expect(rows).toHaveLength(1);
  });
});

describe('the dishonest list: propose → notice → objection → decision → listed → repair → off the list', () => {
  const proposal = (businessId: string, tier: 'serious' | 'minor') => ({
    businessId,
    tier,
    legalBasis: '《旅游市场黑名单管理办法（试行）》第七条',
    reason: '因强迫购物造成游客滞留，被吊销旅行社业务经营许可证。',
    decisionNo: `古文旅罚〔2026〕${Math.floor(Math.random() * 1000)}号`,
  });

  it('an accepted objection withdraws the entry', async () => {
    const biz = await buildShop(t);
    const id = (await post(staff, '/api/credit/dishonest-entries', proposal(biz.biz.id, 'minor'))).json().id;
    await post(head, `/api/credit/dishonest-entries/${id}/notice`);
    await post(biz.account, `/api/credit/dishonest-entries/${id}/objection`, { objection: '事实认定有误，附证据。' });
    const d = await post(head, `/api/credit/dishonest-entries/${id}/decision`, {
      decision: 'accept',
      note: '申辩成立，不予列入。',
    });
    expect(d.json()).toMatchObject({ status: 'withdrawn', objectionDecision: 'accepted' });
    expect((await fileOf(biz.biz.id)).events).toEqual([]);
    expect((await get(shopB.account, `/api/credit/dishonest-entries/${id}`)).statusCode).toBe(404);
  });

  it('runs every allowed step and refuses the others, on the test clock', async () => {
    const biz = await buildShop(t);
    await t.database.db
      .update(businesses)
      .set({ badges: ['honest_shop'] })
      .where(eq(businesses.id, biz.biz.id));
    expect((await post(biz.account, '/api/credit/dishonest-entries', proposal(biz.biz.id, 'serious'))).statusCode).toBe(
      403,
    );
    const p = await post(staff, '/api/credit/dishonest-entries', proposal(biz.biz.id, 'serious'));
    expect(p.statusCode).toBe(200);
    const id = p.json().id;
    expect((await post(staff, '/api/credit/dishonest-entries', proposal(biz.biz.id, 'minor'))).statusCode).toBe(409);
    // objection before the notice; the notice by staff (not the head) or another department's head
    expect(
      (await post(biz.account, `/api/credit/dishonest-entries/${id}/objection`, { objection: '不服' })).statusCode,
    ).toBe(409);
    expect((await post(staff, `/api/credit/dishonest-entries/${id}/notice`)).statusCode).toBe(403);
    expect((await post(otherHead, `/api/credit/dishonest-entries/${id}/notice`)).statusCode).toBe(404);
    const n = await post(head, `/api/credit/dishonest-entries/${id}/notice`);
    expect(n.statusCode).toBe(200);
    expect(n.json().status).toBe('noticed');
    expect(n.json().objectionDueAt).not.toBeNull();
    expect(
      (
        await post(head, `/api/credit/dishonest-entries/${id}/decision`, { decision: 'reject', note: '依法列入' })
      ).json().code,
    ).toBe('dishonest_objection_open');
    expect(
      (await post(shopB.account, `/api/credit/dishonest-entries/${id}/objection`, { objection: '不服' })).statusCode,
    ).toBe(404);
    expect(
      (
        await post(biz.account, `/api/credit/dishonest-entries/${id}/objection`, {
          objection: '游客滞留系天气原因，非我社责任。',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await post(biz.account, `/api/credit/dishonest-entries/${id}/objection`, { objection: '再次申辩' })).statusCode,
    ).toBe(409);
    const d = await post(head, `/api/credit/dishonest-entries/${id}/decision`, {
      decision: 'reject',
      note: '申辩理由不成立，依法列入。',
    });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({ status: 'listed', objectionDecision: 'rejected' });
    const f = await fileOf(biz.biz.id, biz.account);
    expect(f.events.find((e: { ruleCode: string }) => e.ruleCode === 'dishonest_listed_serious')).toMatchObject({
      points: -40,
    });
    expect(f.grade).toBe('D');
    const [b] = await t.database.db.select().from(businesses).where(eq(businesses.id, biz.biz.id));
    expect(b.badges).toEqual([]);
    // the public list: only the legally public fields
    const pub = (await get(null, '/api/credit/dishonest-list')).json();
    const mine = pub.find((x: { id: string }) => x.id === id);
    expect(Object.keys(mine).sort()).toEqual(
      [
        'businessName',
        'businessNameEn',
        'decisionNo',
        'departmentName',
        'id',
        'legalBasis',
        'listedAt',
        'periodEndsAt',
        'reason',
        'tier',
        'uscc',
      ].sort(),
    );
    expect((await get(null, `/api/credit/businesses/${biz.biz.id}`)).json().dishonestList).toHaveLength(1);
    // repair: too early; then after the minimum period, a serious case needs a proof document
    const repair = {
      proof: '已退还游客全部费用并整改。',
      commitment: '本社承诺依法诚信经营。',
      commitmentSigned: true,
      trainingRecord: '2026年信用修复培训 第3期 结业',
    };
    expect((await post(biz.account, `/api/credit/dishonest-entries/${id}/repairs`, repair)).json().code).toBe(
      'repair_too_early',
    );
    t.clock.advance(91 * 86_400_000);
    const f2 = await freshSessions(biz.biz.id);
    biz.account = f2.biz;
    const headNow = f2.head;
    expect((await post(biz.account, `/api/credit/dishonest-entries/${id}/repairs`, repair)).json()).toMatchObject({
      code: 'repair_not_by_commitment',
      field: 'proofFileIds',
    });
    const proofFileId = await uploadReceipt(biz.account);
    expect(
      (await post(biz.account, `/api/credit/dishonest-entries/${id}/repairs`, { ...repair, commitmentSigned: false }))
        .statusCode,
    ).toBe(400);
    const a = await post(biz.account, `/api/credit/dishonest-entries/${id}/repairs`, {
      ...repair,
      proofFileId,
    });
    expect(a.statusCode).toBe(200);
    expect(
      (
        await post(biz.account, `/api/credit/dishonest-entries/${id}/repairs`, {
          ...repair,
          proofFileId,
        })
      ).json().code,
    ).toBe('repair_pending');
    const repairId = a.json().repairs[0].id;
    expect(
      (await post(f2.staff, `/api/credit/repairs/${repairId}/decision`, { decision: 'accept', note: '同意' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await post(
          await staffSession(t, 'department_head', { departmentId: otherDeptId }),
          `/api/credit/repairs/${repairId}/decision`,
          { decision: 'accept', note: '同意' },
        )
      ).statusCode,
    ).toBe(404);
    const ok = await post(headNow, `/api/credit/repairs/${repairId}/decision`, {
      decision: 'accept',
      note: '整改到位，同意修复。',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('repaired');
    expect(
      (await post(headNow, `/api/credit/repairs/${repairId}/decision`, { decision: 'accept', note: '再次' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await get(null, '/api/credit/dishonest-list')).json().find((x: { id: string }) => x.id === id),
    ).toBeUndefined();
    const after = await fileOf(biz.biz.id, f2.staff);
    expect(after.score).toBe(100);
    expect(after.events.every((e: { repairedAt: string | null }) => e.repairedAt)).toBe(true);
    expect((await get(null, `/api/credit/businesses/${biz.biz.id}`)).json().events).toEqual([]);
  });

  it('a lapsed window lists it by the sweep; a late objection is refused; the period end takes it off', async () => {
    const biz = await buildShop(t);
    const f1 = await freshSessions(biz.biz.id);
    const id = (await post(f1.staff, '/api/credit/dishonest-entries', proposal(biz.biz.id, 'minor'))).json().id;
    const n = (await post(f1.head, `/api/credit/dishonest-entries/${id}/notice`)).json();
    t.clock.set(new Date(Date.parse(n.objectionDueAt) + 1000));
    let f2 = await freshSessions(biz.biz.id);
    const late = await post(f2.biz, `/api/credit/dishonest-entries/${id}/objection`, { objection: '迟到的申辩理由' });
    expect(late.json().code, late.body).toBe('dishonest_objection_closed');
    await sweepDeadlines(t.database.db, createEventHub(), { now: t.clock.now(), kinds: ['credit.objection_window'] });
    const listed = (await get(f2.head, `/api/credit/dishonest-entries/${id}`)).json();
    expect(listed.status).toBe('listed');
    expect((await fileOf(biz.biz.id, f2.staff)).score).toBe(80);
    t.clock.set(new Date(Date.parse(listed.periodEndsAt) + 1000));
    f2 = await freshSessions(biz.biz.id);
    await sweepDeadlines(t.database.db, createEventHub(), { now: t.clock.now(), kinds: ['credit.listing_exit'] });
    expect((await get(f2.head, `/api/credit/dishonest-entries/${id}`)).json()).toMatchObject({
      status: 'exited',
      exitReason: 'period_end',
    });
    expect((await fileOf(biz.biz.id, f2.staff)).score).toBe(100);
  });
});
