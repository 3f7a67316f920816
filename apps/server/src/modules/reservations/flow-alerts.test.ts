import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { flowLevelChange } from './flow-alerts.js';
import { mayWatchOccupancy } from './reservations.policy.js';
import { at, book, buildReservableSpot, publish, staffSession, THREE_LEVELS, visitors } from './test-helpers.js';

let t: TTestApp;
let dispatcher: TSession;
let leader: TSession;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(at('09:10'));
  dispatcher = await staffSession(t, 'dispatcher');
  leader = await staffSession(t, 'leader');
}, 60_000);
afterAll(() => t.close());

const q = async (text: string) => {
  const res = (await t.database.db.execute(sql.raw(text))) as unknown as { rows?: unknown[] } | unknown[];
  return (Array.isArray(res) ? res : (res.rows ?? [])) as Record<string, unknown>[];
};

async function deviceFor(s: { spotId: string; staff: TSession }) {
  const created = await s.staff.inject({
    method: 'POST',
    url: `/api/reservations/spots/${s.spotId}/devices`,
    payload: { name: '北门闸机' },
  });
  const key: string = created.json().key;
  return async (direction: 'in' | 'out', count: number) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reservations/gate/passes',
      payload: { direction, count },
      headers: { 'x-device-key': key },
    });
    if (res.statusCode !== 200) throw new Error(`pass: ${res.statusCode} ${res.body}`);
    return res.json();
  };
}

/** The flow alerts of a spot in order, one line per notice: "<target> <English title>". */
async function alertsOf(spotId: string) {
  const rows = await q(
    `select coalesce(role, 'user') as target, title_zh, title_en from notifications
     where kind = 'flow_alert' and object_id = '${spotId}' order by created_at, target`,
  );
  return rows.map((r) => ({ target: String(r.target), zh: String(r.title_zh), en: String(r.title_en) }));
}

describe('flow-control alerts (客流预警)', () => {
  it('the level change rule: up into a higher level, or back to comfortable; nothing else', () => {
    expect(flowLevelChange('comfortable', 'comfortable')).toBeNull();
    expect(flowLevelChange('comfortable', 'busy')).toBe('busy');
    expect(flowLevelChange('comfortable', 'paused')).toBe('paused');
    expect(flowLevelChange('busy', 'busy')).toBeNull();
    expect(flowLevelChange('paused', 'crowded')).toBeNull();
    expect(flowLevelChange('crowded', 'busy')).toBeNull();
    expect(flowLevelChange('busy', 'comfortable')).toBe('comfortable');
    expect(flowLevelChange('paused', 'comfortable')).toBe('comfortable');
  });

  it('turnstile passes: one notice per crossing to dispatcher, leader and the spot, none within a level', async () => {
    const s = await buildReservableSpot(t, { instantCapacity: 20, ...THREE_LEVELS }); // 80% = 16, 90% = 18, 100% = 20
    const pass = await deviceFor(s);
    const seen: string[] = [];
    const step = async (direction: 'in' | 'out', n: number) => {
      const o = await pass(direction, n);
      seen.push(`${o.occupancy}:${(await alertsOf(s.spotId)).length}`);
    };
    await step('in', 10); // 10 comfortable
    await step('in', 5); // 15
    await step('in', 1); // 16 busy ↑
    await step('in', 1); // 17
    await step('out', 1); // 16
    await step('in', 1); // 17
    await step('in', 1); // 18 crowded ↑
    await step('in', 2); // 20 paused ↑
    await step('out', 1); // 19 crowded ↓ (no notice)
    await step('out', 2); // 17 busy ↓ (no notice)
    await step('out', 2); // 15 comfortable ↓ 恢复舒适
    await step('out', 1); // 14
    // 3 notices per crossing: role dispatcher, role leader, the spot's own account
    expect(seen).toEqual([
      '10:0',
      '15:0',
      '16:3',
      '17:3',
      '16:3',
      '17:3',
      '18:6',
      '20:9',
      '19:9',
      '17:9',
      '15:12',
      '14:12',
    ]);
    const alerts = await alertsOf(s.spotId);
    expect(alerts.map((a) => a.target)).toEqual(Array(4).fill(['dispatcher', 'leader', 'user']).flat()); // by time
    expect(alerts.filter((a) => a.target === 'dispatcher').map((a) => a.en)).toEqual([
      expect.stringContaining('at 80%: crowding warning'),
      expect.stringContaining('at 90%: same-day sales paused'),
      expect.stringContaining('at 100%: entry stopped'),
      expect.stringContaining('comfortable again'),
    ]);
    expect(alerts[4].zh).toMatch(/客流达 90%，已暂停当日售票$/);
    expect(alerts[9].zh).toMatch(/恢复舒适$/);
    const audit = await q(
      `select after from audit_log where action = 'reservation.flow_level' and object_id = '${s.spotId}' order by id`,
    );
    expect(audit.map((a) => (a.after as { level: string }).level)).toEqual([
      'busy',
      'crowded',
      'paused',
      'comfortable',
    ]);
    // the command center and the spot's account read them in their bell
    for (const who of [dispatcher, leader, s.staff]) {
      const list = await who.inject({ method: 'GET', url: '/api/notifications' });
      expect(list.json().items.filter((n: { objectId: string }) => n.objectId === s.spotId)).toHaveLength(4);
    }
  });

  it('a gate check-in that jumps two levels gives one notice for the level reached; another spot hears nothing', async () => {
    const s = await buildReservableSpot(t, { instantCapacity: 10, ...THREE_LEVELS });
    const bystander = await buildReservableSpot(t, { instantCapacity: 10, ...THREE_LEVELS });
    const slots = await publish(t, s, [{ start: '09:00', end: '10:00', quota: 10 }]);
    const tourist = await loginTourist(t.app, '13600000071');
    const ticket = (await book(tourist, slots['09:00'].id, visitors(3))).json().ticketCode;
    const pass = await deviceFor(s);
    await pass('in', 6);
    const res = await s.staff.inject({
      method: 'POST',
      url: '/api/reservations/check-ins',
      payload: { ticketCode: ticket },
    });
    expect(res.json().occupancy).toMatchObject({ occupancy: 9, level: 'crowded' });
    const alerts = await alertsOf(s.spotId);
    expect(alerts).toHaveLength(3);
    expect(alerts.every((a) => a.en.endsWith('at 90%: same-day sales paused'))).toBe(true);
    expect(await alertsOf(bystander.spotId)).toEqual([]);
    const other = await bystander.staff.inject({ method: 'GET', url: '/api/notifications' });
    expect(other.json().items.filter((n: { objectId: string }) => n.objectId === s.spotId)).toEqual([]);
    const audit = await q(
      `select actor_id from audit_log where action = 'reservation.flow_level' and object_id = '${s.spotId}'`,
    );
    expect(audit).toHaveLength(1);
  });
});

describe('live occupancy stream', () => {
  it('refuses tourists, other staff roles and anonymous callers', async () => {
    const tourist = await loginTourist(t.app, '13600000072');
    expect((await tourist.inject({ method: 'GET', url: '/api/reservations/occupancy/stream' })).statusCode).toBe(403);
    const admin = await staffSession(t, 'system_admin');
    expect((await admin.inject({ method: 'GET', url: '/api/reservations/occupancy/stream' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/reservations/occupancy/stream' })).statusCode).toBe(401);
  });

  it('sends a spot to the command center and its own account only', () => {
    const spotId = '11111111-1111-4111-8111-111111111111';
    const otherId = '22222222-2222-4222-8222-222222222222';
    expect(mayWatchOccupancy({ role: 'dispatcher', businessId: null }, spotId)).toBe(true);
    expect(mayWatchOccupancy({ role: 'leader', businessId: null }, spotId)).toBe(true);
    expect(mayWatchOccupancy({ role: 'business', businessId: spotId }, spotId)).toBe(true);
    expect(mayWatchOccupancy({ role: 'business', businessId: otherId }, spotId)).toBe(false);
    expect(mayWatchOccupancy({ role: 'business', businessId: null }, spotId)).toBe(false);
    expect(mayWatchOccupancy({ role: 'tourist', businessId: null }, spotId)).toBe(false);
  });

  it('the published occupancy event reaches subscribers through that filter', async () => {
    const s = await buildReservableSpot(t, { instantCapacity: 10, ...THREE_LEVELS });
    const pass = await deviceFor(s);
    const got: Record<string, unknown[]> = { own: [], other: [], dispatcher: [] };
    const subscribe = (name: string, role: string, businessId: string | null) => {
      const sub = {
        userId: null,
        role,
        departmentId: null,
        businessId,
        send: (_e: string, d: unknown) => got[name].push(d),
      };
      return sub;
    };
    const subs = [
      subscribe('own', 'business', s.spotId),
      subscribe('other', 'business', '22222222-2222-4222-8222-222222222222'),
      subscribe('dispatcher', 'dispatcher', null),
    ];
    const original = t.app.events.publish;
    t.app.events.publish = (e) => {
      if (e.channel === 'occupancy') for (const sub of subs) if (!e.filter || e.filter(sub)) sub.send(e.event, e.data);
      original(e);
    };
    try {
      await pass('in', 3);
    } finally {
      t.app.events.publish = original;
    }
    expect(got.own).toEqual([
      expect.objectContaining({ spotId: s.spotId, occupancy: 3, instantCapacity: 10, level: 'comfortable' }),
    ]);
    expect(got.dispatcher).toHaveLength(1);
    expect(got.other).toEqual([]);
  });
});
