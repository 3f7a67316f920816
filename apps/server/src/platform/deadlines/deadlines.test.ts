import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openPostgres, rowsOf, type TDatabase, type TDb } from '../../db/client.js';
import { startBackgroundWork } from '../../modules/background.js';
import { buildTestApp, type TTestApp } from '../../test/build-test-app.js';
import { replaceHolidays } from '../calendar.js';
import { createTestClock } from '../clock.js';
import { createEventHub, type TEventHub } from '../events.js';
import {
  cancel,
  deadlineIdleMs,
  getDeadline,
  registerDeadlineKind,
  reschedule,
  retryDelayMs,
  STAGE,
  schedule,
  sweepDeadlines,
} from './index.js';

/**
 * The deadline engine against a real database. Handlers write into a scratch table in the sweep's transaction;
 * counting its rows proves each stage fired once (no unique key hides a second firing). On PostgreSQL
 * (TEST_DATABASE_URL) the second instance has its own connection pool and event hub on the same database, as a
 * second process would; PGlite has one connection, so there both share it.
 */
let t: TTestApp;
let second: { db: TDb; events: TEventHub; database: TDatabase | null };
const MIN = 60_000;
const T0 = new Date('2026-12-07T02:00:00Z'); // a Monday, 10:00 in the prefecture

/** Which objects' handlers fail, and how often yet. */
const failing = new Map<string, number>();

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  await t.database.db.execute(
    sql`create table deadline_test_fired (n bigserial primary key, kind text, object_id text, stage text, fired_at timestamptz)`,
  );
  let database: TDatabase | null = null;
  if (t.database.kind === 'postgres') {
    const [{ name }] = rowsOf<{ name: string }>(await t.database.db.execute(sql`select current_database() as name`));
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    database = await openPostgres(u.toString(), 5);
  }
  second = { db: database?.db ?? t.database.db, events: createEventHub(), database };
  for (const kind of ['test.steps', 'test.flaky'])
    registerDeadlineKind(kind, async (tx, f, { now, outbox }) => {
      await tx.execute(
        sql`insert into deadline_test_fired (kind, object_id, stage, fired_at) values (${f.kind}, ${f.objectId}, ${f.stage}, ${now.toISOString()})`,
      );
      const left = failing.get(f.objectId) ?? 0;
      if (left > 0) {
        failing.set(f.objectId, left - 1);
        throw new Error(`handler failed for ${f.objectId}`);
      }
      outbox.notify({ role: 'dispatcher' }, { kind: 'test', titleZh: f.stage, titleEn: f.stage });
    });
}, 60_000);

afterAll(async () => {
  await second.database?.close();
  await t.close();
});

beforeEach(async () => {
  await t.database.db.execute(sql`delete from deadline_test_fired`);
  await t.database.db.execute(sql`delete from deadlines where kind like 'test.%'`);
  failing.clear();
});

const fired = async (kind = 'test.steps') =>
  rowsOf<{ object_id: string; stage: string }>(
    await t.database.db.execute(sql`select object_id, stage from deadline_test_fired where kind = ${kind} order by n`),
  );

async function scheduleMany(n: number, kind = 'test.steps') {
  const ids = Array.from({ length: n }, (_, i) => `obj-${kind}-${i}`);
  await t.database.db.transaction(async (tx) => {
    for (const id of ids)
      await schedule(tx, {
        kind,
        objectType: 'test',
        objectId: id,
        start: T0,
        stages: [
          { name: STAGE.remind, after: { amount: 1, unit: 'minutes' } },
          { name: STAGE.overdue, after: { amount: 2, unit: 'minutes' } },
          { name: STAGE.escalate, at: new Date(T0.getTime() + 3 * MIN) },
        ],
      });
  });
  return ids;
}

/** Sweeps until a pass fires nothing. */
async function drain(db: TDb, events: TEventHub, now: Date, batch = 7) {
  let total = 0;
  for (;;) {
    const n = await sweepDeadlines(db, events, { now, batch, kinds: ['test.steps', 'test.flaky'] });
    if (!n) return total;
    total += n;
  }
}

describe('the deadline engine', () => {
  it('fires every stage exactly once, in order, with two instances sweeping at once', async () => {
    const ids = await scheduleMany(40);
    const now = new Date(T0.getTime() + 5 * MIN);
    const counts = await Promise.all([
      drain(t.database.db, t.app.events, now),
      drain(second.db, second.events, now),
      drain(second.db, second.events, now),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120);
    const rows = await fired();
    expect(rows).toHaveLength(120);
    for (const id of ids)
      expect(rows.filter((r) => r.object_id === id).map((r) => r.stage)).toEqual(['remind', 'overdue', 'escalate']);
    const d = await getDeadline(t.database.db, 'test.steps', ids[0]);
    expect(d).toMatchObject({ state: 'done', dueAt: null, stageIndex: 3 });
    expect(await drain(second.db, second.events, new Date(T0.getTime() + 60 * MIN))).toBe(0);
  });

  it('fires nothing before its instant on the controllable clock, and the idle sweeper sleeps until then', async () => {
    const clock = createTestClock(T0);
    const [id] = await scheduleMany(1);
    clock.advance(MIN - 1);
    expect(await drain(t.database.db, t.app.events, clock.now())).toBe(0);
    expect(await deadlineIdleMs(t.database.db, clock.now(), 250)).toBe(1);
    expect(await deadlineIdleMs(t.database.db, T0, 250)).toBe(250);
    clock.advance(1);
    expect(await drain(t.database.db, t.app.events, clock.now())).toBe(1);
    expect((await fired()).map((r) => r.stage)).toEqual(['remind']);
    expect((await getDeadline(t.database.db, 'test.steps', id))?.dueAt?.toISOString()).toBe(
      new Date(T0.getTime() + 2 * MIN).toISOString(),
    );
  });

  it('goes on where it stopped after a restart: no stage again, none lost', async () => {
    const ids = await scheduleMany(10);
    // The first instance fires the first stage of each, then goes away.
    const first = t.database.kind === 'postgres' ? await reopen() : null;
    expect(await drain(first?.db ?? t.database.db, createEventHub(), new Date(T0.getTime() + 90_000))).toBe(10);
    await first?.close();
    // A fresh instance (a new pool, a new process's event hub) later, with every remaining stage overdue.
    const next = t.database.kind === 'postgres' ? await reopen() : null;
    expect(await drain(next?.db ?? t.database.db, createEventHub(), new Date(T0.getTime() + 10 * MIN))).toBe(20);
    await next?.close();
    const rows = await fired();
    for (const id of ids)
      expect(rows.filter((r) => r.object_id === id).map((r) => r.stage)).toEqual(['remind', 'overdue', 'escalate']);
  });

  it('a failing handler rolls back its writes and its stage move, is retried after a back-off, the others go on', async () => {
    const ids = await scheduleMany(3, 'test.flaky');
    failing.set(ids[1], 2);
    const now = new Date(T0.getTime() + MIN);
    const failures: string[] = [];
    const n = await sweepDeadlines(t.database.db, t.app.events, {
      now,
      kinds: ['test.flaky'],
      onFailure: (f) => failures.push(`${f.objectId}:${f.stage}:${f.attempts}`),
    });
    expect(n).toBe(2);
    expect(failures).toEqual([`${ids[1]}:remind:0`]);
    // Its insert went with the savepoint; the other two handlers' writes stand.
    expect((await fired('test.flaky')).map((r) => r.object_id).sort()).toEqual([ids[0], ids[2]].sort());
    const d = await getDeadline(t.database.db, 'test.flaky', ids[1]);
    expect(d).toMatchObject({ stageIndex: 0, attempts: 1, lastError: `handler failed for ${ids[1]}` });
    expect(d?.dueAt?.getTime()).toBe(now.getTime() + retryDelayMs(0));
    // Not before the back-off; then a second failure, a longer back-off, then it fires — once.
    expect(await drain(t.database.db, t.app.events, new Date(now.getTime() + 999))).toBe(0);
    expect(await drain(t.database.db, t.app.events, new Date(now.getTime() + 1000))).toBe(0);
    expect((await getDeadline(t.database.db, 'test.flaky', ids[1]))?.attempts).toBe(2);
    const later = new Date(now.getTime() + 1000 + retryDelayMs(1));
    expect(await sweepDeadlines(t.database.db, t.app.events, { now: later, kinds: ['test.flaky'] })).toBe(1);
    expect((await fired('test.flaky')).filter((r) => r.object_id === ids[1])).toEqual([
      { object_id: ids[1], stage: 'remind' },
    ]);
    expect(await getDeadline(t.database.db, 'test.flaky', ids[1])).toMatchObject({ stageIndex: 1, attempts: 0 });
  });

  it('cancel stops the remaining stages; reschedule starts new ones; schedule again replaces', async () => {
    const [a, b, c] = await scheduleMany(3);
    await t.database.db.transaction(async (tx) => {
      expect(await cancel(tx, 'test.steps', a, T0)).toBe(true);
      expect(await cancel(tx, 'test.steps', a, T0)).toBe(false);
      await reschedule(tx, 'test.steps', b, [{ name: STAGE.overdue, at: new Date(T0.getTime() + 30 * MIN) }], {
        start: T0,
      });
    });
    expect(await drain(t.database.db, t.app.events, new Date(T0.getTime() + 10 * MIN))).toBe(3);
    expect((await fired()).map((r) => r.object_id)).toEqual([c, c, c]);
    expect(await drain(t.database.db, t.app.events, new Date(T0.getTime() + 30 * MIN))).toBe(1);
    expect((await fired()).filter((r) => r.object_id === b)).toEqual([{ object_id: b, stage: 'overdue' }]);
    expect(await getDeadline(t.database.db, 'test.steps', a)).toMatchObject({ state: 'cancelled', dueAt: null });
    await expect(
      t.database.db.transaction((tx) =>
        schedule(tx, {
          kind: 'test.steps',
          objectType: 'test',
          objectId: 'backwards',
          start: T0,
          stages: [
            { name: STAGE.overdue, at: new Date(T0.getTime() + 2 * MIN) },
            { name: STAGE.remind, at: new Date(T0.getTime() + MIN) },
          ],
        }),
      ),
    ).rejects.toThrow(/comes before/);
  });

  it('counts working days from the holiday table: a holiday skipped, a make-up Sunday counted', async () => {
    // Thursday 31 December 2026, 10:00 local. 1 January is a holiday; Sunday 3 January a make-up working day.
    await t.database.db.transaction((tx) =>
      replaceHolidays(
        tx,
        [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-03', kind: 'workday', name: '元旦调休' },
        ],
        [],
      ),
    );
    const start = new Date('2026-12-31T02:00:00Z');
    const dueOf = async (amount: number) => {
      await t.database.db.transaction((tx) =>
        schedule(tx, {
          kind: 'test.steps',
          objectType: 'test',
          objectId: `wd-${amount}`,
          start,
          stages: [{ name: STAGE.overdue, after: { amount, unit: 'working_days' } }],
        }),
      );
      return (await getDeadline(t.database.db, 'test.steps', `wd-${amount}`))?.dueAt?.toISOString();
    };
    // Fri 1 Jan off, Sat 2 Jan off, Sun 3 Jan worked (1), Mon 4 Jan (2).
    expect(await dueOf(1)).toBe('2027-01-03T02:00:00.000Z');
    expect(await dueOf(2)).toBe('2027-01-04T02:00:00.000Z');
    await t.database.db.transaction((tx) => replaceHolidays(tx, [], []));
  });

  it('the background loop of an instance sweeps the deadlines on its clock', async () => {
    const clock = createTestClock(new Date(T0.getTime() + 10 * MIN));
    const [id] = await scheduleMany(1);
    const stop = startBackgroundWork(t.app, {
      config: { ...loadConfig({ LOG_LEVEL: 'silent' }), slaSweeper: true },
      database: t.database,
      clock,
    });
    const t1 = Date.now();
    while ((await fired()).length < 3 && Date.now() - t1 < 3000) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect((await fired()).map((r) => `${r.object_id}:${r.stage}`)).toEqual([
      `${id}:remind`,
      `${id}:overdue`,
      `${id}:escalate`,
    ]);
  });
});

async function reopen() {
  const [{ name }] = rowsOf<{ name: string }>(await t.database.db.execute(sql`select current_database() as name`));
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  return openPostgres(u.toString(), 3);
}
