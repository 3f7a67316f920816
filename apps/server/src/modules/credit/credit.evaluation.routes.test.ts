import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/platform.tables.js';
import type { TSession, TTestApp } from '../../test/build-test-app.js';
import { buildUser } from '../../test/factories.js';
import { ratings } from '../ratings/ratings.tables.js';
import { buildReturnsWorld, buildShop, tourist as newTourist, staffSession } from '../returns/test-helpers.js';
import { creditEvents } from './credit.tables.js';

/** 三方评价 over HTTP: the weights (admin, versioned), the business's questionnaire, the yearly run and its grade. */
let t: TTestApp;
let staff: TSession;
let admin: TSession;
let touristS: TSession;
let shopA: Awaited<ReturnType<typeof buildShop>>;
let shopB: Awaited<ReturnType<typeof buildShop>>;
let year: number;

const get = (s: TSession | null, url: string) =>
  s ? s.inject({ method: 'GET', url }) : t.app.inject({ method: 'GET', url });
const send = (s: TSession, method: 'PUT' | 'POST', url: string, payload: object, key?: string) =>
  s.inject({ method, url, payload, headers: key ? { 'idempotency-key': key } : {} });
const audits = async (action: string, objectId: string) =>
  (
    await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.objectId, objectId)))
  ).length;

beforeAll(async () => {
  const w = await buildReturnsWorld();
  t = w.t;
  staff = await staffSession(t, 'department_staff', { departmentId: w.market.id });
  admin = await staffSession(t, 'system_admin');
  touristS = await newTourist(t);
  shopA = await buildShop(t);
  shopB = await buildShop(t);
  year = new Date(t.clock.now().getTime() + 8 * 3_600_000).getUTCFullYear();
});
afterAll(() => t.close());

describe('三方评价', () => {
  it('weights: readers see them, only the admin edits them (a new version, audited), a bad sum is refused', async () => {
    const w = (await get(staff, '/api/credit/evaluation/weights')).json();
    expect(w).toMatchObject({ version: 1, government: 50, selfAssessment: 20, tourist: 30 });
    expect((await get(shopA.account, '/api/credit/evaluation/weights')).statusCode).toBe(200);
    expect((await get(touristS, '/api/credit/evaluation/weights')).statusCode).toBe(403);
    const next = { government: 40, selfAssessment: 20, tourist: 40, gradeAMin: 85, gradeBMin: 70, gradeCMin: 60 };
    expect((await send(staff, 'PUT', '/api/credit/evaluation/weights', next)).statusCode).toBe(403);
    expect((await send(shopA.account, 'PUT', '/api/credit/evaluation/weights', next)).statusCode).toBe(403);
    const bad = await send(admin, 'PUT', '/api/credit/evaluation/weights', { ...next, tourist: 30 });
    expect(bad.statusCode).toBe(400);
    expect((await send(admin, 'PUT', '/api/credit/evaluation/weights', { ...next, gradeBMin: 90 })).statusCode).toBe(
      400,
    );
    const ok = await send(admin, 'PUT', '/api/credit/evaluation/weights', next);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, ...next });
    expect(await audits('credit_evaluation_weights.update', '2')).toBe(1);
    expect((await get(staff, '/api/credit/evaluation/weights')).json().version).toBe(2);
  });

  it('self-assessment: the business answers its own questionnaire; replays under a key answer once', async () => {
    const url = `/api/credit/self-assessments/${year}`;
    expect((await get(shopA.account, url)).json()).toEqual({ assessment: null, locked: false });
    expect((await get(staff, url)).statusCode).toBe(403);
    expect((await send(staff, 'PUT', url, { answers: [4, 4, 4, 4, 4, 4, 4, 4] })).statusCode).toBe(403);
    expect((await send(shopA.account, 'PUT', url, { answers: [4, 4] })).statusCode).toBe(400);
    expect((await send(shopA.account, 'PUT', url, { answers: [5, 4, 4, 4, 4, 4, 4, 4] })).statusCode).toBe(400);
    expect(
      (
        await send(shopA.account, 'PUT', `/api/credit/self-assessments/${year + 1}`, {
          answers: [4, 4, 4, 4, 4, 4, 4, 4],
        })
      ).json().code,
    ).toBe('evaluation_year_invalid');
    expect((await get(shopA.account, '/api/credit/self-assessments/abc')).statusCode).toBe(400);
    const key = `self-${randomUUID()}`;
    const body = { answers: [3, 3, 3, 3, 3, 3, 3, 3] };
    const answers = await Promise.all([1, 2, 3].map(() => send(shopA.account, 'PUT', url, body, key)));
    for (const a of answers) expect(a.statusCode).toBe(200);
    for (const a of answers) expect(a.json()).toEqual(answers[0].json());
    expect(answers[0].json()).toMatchObject({ year, score: 75, locked: false });
    expect(await audits('credit_self_assessment.submit', `${shopA.biz.id}:${year}`)).toBe(1);
    // answering again (a new key) replaces the answers until the year is evaluated
    const again = await send(shopA.account, 'PUT', url, { answers: [4, 4, 4, 4, 3, 3, 3, 3] });
    expect(again.json().score).toBe(88);
    expect((await get(shopA.account, url)).json().assessment.score).toBe(88);
  });

  it('the yearly run combines the parts into a credit event and a public grade, once', async () => {
    // shop B: one administrative case, four five-star ratings, no self-assessment
    expect(
      (
        await send(staff, 'POST', '/api/credit/events', {
          subjectType: 'business',
          subjectId: shopB.biz.id,
          ruleCode: 'admin_penalty',
          evidenceType: 'penalty_decision',
          evidenceId: `pd-${randomUUID()}`,
          documentNo: '古市监罚〔2026〕3号',
        })
      ).statusCode,
    ).toBe(200);
    const tourists = await Promise.all([1, 2, 3, 4].map(() => buildUser(t.database.db, { role: 'tourist' })));
    await t.database.db.insert(ratings).values(
      tourists.map((u) => ({
        targetType: 'business',
        targetId: shopB.biz.id,
        touristUserId: u.id,
        overall: 5,
        scores: {},
        day: `${year}-01-15`,
      })),
    );
    expect((await send(staff, 'POST', '/api/credit/evaluations/run', { year })).statusCode).toBe(403);
    expect((await send(shopA.account, 'POST', '/api/credit/evaluations/run', { year })).statusCode).toBe(403);
    expect((await send(admin, 'POST', '/api/credit/evaluations/run', { year: year + 1 })).json().code).toBe(
      'evaluation_year_invalid',
    );
    expect((await send(admin, 'POST', '/api/credit/evaluations/run', { year: 'x' })).statusCode).toBe(400);
    const run = await send(admin, 'POST', '/api/credit/evaluations/run', { year });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ year, weightsVersion: 2, evaluated: 2 });
    expect(await audits('credit_evaluation.run', String(year))).toBe(1);
    // once a year
    expect((await send(admin, 'POST', '/api/credit/evaluations/run', { year })).json().code).toBe(
      'evaluation_already_run',
    );
    const list = (await get(staff, `/api/credit/evaluations?year=${year}`)).json();
    const a = list.find((x: { businessId: string }) => x.businessId === shopA.biz.id);
    const b = list.find((x: { businessId: string }) => x.businessId === shopB.biz.id);
    // A: only the questionnaire is known → its score; B: government 90 (w 40), self 0 (w 20), tourists 100 (w 40)
    expect(a).toMatchObject({ government: null, selfAssessment: 88, tourist: null, total: 88, grade: 'A' });
    expect(b).toMatchObject({ government: 90, selfAssessment: 0, tourist: 100, total: 76, grade: 'B' });
    expect(b.inputs).toMatchObject({ cases: 1, ratings: 4, ratingAverage: 5, selfAssessment: null });
    // the result is a credit event under the grade's rule, on the file and the public record
    const ev = await t.database.db.select().from(creditEvents).where(eq(creditEvents.evidenceId, b.id));
    expect(ev).toMatchObject([{ ruleCode: 'evaluation_grade_b', evidenceType: 'evaluation', subjectId: shopB.biz.id }]);
    const pub = (await get(null, `/api/credit/businesses/${shopB.biz.id}`)).json();
    expect(pub.evaluation).toEqual({ year, grade: 'B' });
    expect(pub.events.some((e: { evidenceType: string }) => e.evidenceType === 'evaluation')).toBe(true);
    // a business sees its own result only; a tourist none; the answers are now final
    const own = (await get(shopA.account, `/api/credit/evaluations?year=${year}`)).json();
    expect(own.map((x: { businessId: string }) => x.businessId)).toEqual([shopA.biz.id]);
    expect((await get(touristS, `/api/credit/evaluations?year=${year}`)).statusCode).toBe(403);
    expect((await get(staff, '/api/credit/evaluations?year=abc')).statusCode).toBe(400);
    expect(
      (
        await send(shopA.account, 'PUT', `/api/credit/self-assessments/${year}`, { answers: [0, 0, 0, 0, 0, 0, 0, 0] })
      ).json().code,
    ).toBe('evaluation_already_run');
    expect((await get(shopA.account, `/api/credit/self-assessments/${year}`)).json().locked).toBe(true);
  });

  it('two runs of a year at once: one evaluates, the other is refused', async () => {
    const prev = year - 1;
    expect(
      (
        await send(shopB.account, 'PUT', `/api/credit/self-assessments/${prev}`, {
          answers: [2, 2, 2, 2, 2, 2, 2, 2],
        })
      ).statusCode,
    ).toBe(200);
    const both = await Promise.all(
      [1, 2].map(() => send(admin, 'POST', '/api/credit/evaluations/run', { year: prev })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 200)!.json()).toMatchObject({ year: prev, evaluated: 1 });
    const rows = (await get(staff, `/api/credit/evaluations?year=${prev}`)).json();
    expect(rows).toMatchObject([{ businessId: shopB.biz.id, selfAssessment: 50, total: 50, grade: 'D' }]);
  });
});
