import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, rowsOf, type TDatabase, type TDb } from '../../db/client.js';
import { createCommandRunner } from '../../platform/commands/index.js';
import { getDeadline, registerDeadlineKind, sweepDeadlines } from '../../platform/deadlines/index.js';
import { createEventHub } from '../../platform/events.js';
import { auditLog, notifications } from '../../platform/platform.tables.js';
import { gridHeadsOf } from '../grids/index.js';
import type { THazardFacts } from './inspections.commands.js';
import { rectificationHandler } from './inspections.deadlines.js';
import { RECTIFICATION_DEADLINE } from './inspections.service.js';
import { hazards } from './inspections.tables.js';
import { buildInspectionsWorld, submit, uploadPhoto, visit } from './test-helpers.js';

/**
 * A hazard's rectification stages on the deadline engine, on the test app's controllable clock: the reminder at
 * 80%, overdue at 100% (grid head, supervisor, department), the second lapse to the leaders — each exactly once with
 * two instances sweeping at once and after a restart. On PostgreSQL the second instance has its own pool.
 */
let w: Awaited<ReturnType<typeof buildInspectionsWorld>>;
let second: { db: TDb; database: TDatabase | null };
const lapses: THazardFacts[] = [];
const DAY = 86_400_000;

async function reopen() {
  const [{ name }] = rowsOf<{ name: string }>(await w.t.database.db.execute(sql`select current_database() as name`));
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  return openPostgres(u.toString(), 5);
}

beforeAll(async () => {
  w = await buildInspectionsWorld();
  const database = w.t.database.kind === 'postgres' ? await reopen() : null;
  second = { db: database?.db ?? w.t.database.db, database };
  // The same handler the app registers, with a runner this test subscribes to (as credit will at merge time).
  const commands = createCommandRunner({ db: w.t.database.db, clock: w.t.clock, events: w.t.app.events });
  commands.onCommand('hazard.overdue', async ({ facts }) => {
    lapses.push(facts);
  });
  registerDeadlineKind(RECTIFICATION_DEADLINE, rectificationHandler(commands, gridHeadsOf));
}, 60_000);
afterAll(async () => {
  await second.database?.close();
  await w.t.close();
});

async function drain(db: TDb, now: Date) {
  let total = 0;
  for (;;) {
    const n = await sweepDeadlines(db, createEventHub(), { now, kinds: [RECTIFICATION_DEADLINE] });
    if (!n) return total;
    total += n;
  }
}

/** Submits visits with a general failure (7 days) and answers the hazard ids. */
async function generalHazards(n: number) {
  const ids: string[] = [];
  for (let k = 0; k < n; k++) {
    const photo = await uploadPhoto(w.s.workerA);
    const res = await submit(
      w.s.workerA,
      visit(w.t, w.bizA.id, w.checklist.id, {
        exits: { outcome: 'pass' },
        extinguishers: { outcome: 'fail', photoIds: [photo] },
        records: { outcome: 'pass' },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    ids.push(...res.json().hazardIds);
  }
  return ids;
}

const countAudit = async (action: 'hazard.overdue' | 'hazard.report_leader', ids: string[]) =>
  (
    await w.t.database.db
      .select({ id: auditLog.objectId })
      .from(auditLog)
      .where(and(eq(auditLog.action, action), inArray(auditLog.objectId, ids)))
  ).length;
const countNotices = async (kind: string, ids: string[]) =>
  (
    await w.t.database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.kind, kind), inArray(notifications.objectId, ids)))
  ).length;

describe('rectification deadlines', () => {
  it('each stage fires once across two instances sweeping at once and a restart, at 80%, 100% and the second lapse', async () => {
    const ids = await generalHazards(6);
    const start = w.t.clock.now().getTime();
    // Nothing is due before 80% of the 7 days.
    expect(await drain(w.t.database.db, new Date(start + 5.5 * DAY))).toBe(0);
    // 80%: both instances at once; one reminder each to the business account and the supervisor.
    const at80 = new Date(start + 5.7 * DAY);
    const fired = await Promise.all([drain(w.t.database.db, at80), drain(second.db, at80)]);
    expect(fired[0] + fired[1]).toBe(6);
    expect(await countNotices('hazard_remind', ids)).toBe(12);
    // A restart: the next instance (a new pool) past the deadline fires only the overdue stage.
    const next = w.t.database.kind === 'postgres' ? await reopen() : null;
    const at100 = new Date(start + 7 * DAY + 1000);
    const fired100 = await Promise.all([drain(next?.db ?? w.t.database.db, at100), drain(second.db, at100)]);
    await next?.close();
    expect(fired100[0] + fired100[1]).toBe(6);
    expect(await countAudit('hazard.overdue', ids)).toBe(6);
    const rows = await w.t.database.db.select().from(hazards).where(inArray(hazards.id, ids));
    expect(rows.every((h) => h.overdueAt && h.status === 'open')).toBe(true);
    // The grid's head (today the grid's worker, who is also the supervisor: told once) and the department.
    const overdue = await w.t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'hazard_overdue'), inArray(notifications.objectId, ids)));
    expect(overdue.filter((n) => n.userId === w.workerA.id)).toHaveLength(6);
    // The second lapse, swept twice more: the leaders told once per hazard, then the deadline is done.
    const at200 = new Date(start + 14 * DAY + 1000);
    const fired200 = await Promise.all([drain(w.t.database.db, at200), drain(second.db, at200)]);
    expect(fired200[0] + fired200[1]).toBe(6);
    expect(await drain(w.t.database.db, new Date(start + 60 * DAY))).toBe(0);
    expect(await countAudit('hazard.report_leader', ids)).toBe(6);
    expect(await countNotices('hazard_report_leader', ids)).toBe(6);
    expect((await getDeadline(w.t.database.db, RECTIFICATION_DEADLINE, ids[0]))?.state).toBe('done');
    // Subscribers (credit) heard each lapse once, in the sweep's transaction.
    const heard = lapses.filter((l) => ids.includes(l.hazardId));
    expect(heard.filter((l) => l.lapse === 1)).toHaveLength(6);
    expect(heard.filter((l) => l.lapse === 2)).toHaveLength(6);
  });

  it('an answer in time stops the stages; a rejection starts a new round of them', async () => {
    const [id] = await generalHazards(1);
    const start = w.t.clock.now().getTime();
    const evidence = await uploadPhoto(w.s.bizA);
    await w.s.bizA.inject({
      method: 'POST',
      url: `/api/hazards/${id}/answer`,
      payload: { text: '已更换灭火器', photoIds: [evidence] },
    });
    expect(await drain(w.t.database.db, new Date(start + 30 * DAY))).toBe(0);
    expect((await getDeadline(w.t.database.db, RECTIFICATION_DEADLINE, id))?.state).toBe('cancelled');
    const rej = await w.s.workerA.inject({
      method: 'POST',
      url: `/api/hazards/${id}/review`,
      payload: { decision: 'reject', note: '压力仍不足', days: 5 },
    });
    expect(rej.json()).toMatchObject({ status: 'open', round: 2 });
    const d = await getDeadline(w.t.database.db, RECTIFICATION_DEADLINE, id);
    expect(d?.state).toBe('active');
    expect(d?.dueAt?.getTime()).toBe(w.t.clock.now().getTime() + 4 * DAY);
  });
});
