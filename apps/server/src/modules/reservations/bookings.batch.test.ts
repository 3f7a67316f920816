import { randomBytes } from 'node:crypto';
import type { TBooking } from '@zhilv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../platform/actor.js';
import { hashRequest } from '../../platform/idempotency.js';
import { buildTestApp, type TTestApp } from '../../test/build-test-app.js';
import { buildUser } from '../../test/factories.js';
import { createBookingBatcher, type TBatchWarn, type TBookingItem } from './bookings.batch.js';
import { newTicketCode } from './bookings.service.js';
import { buildReservableSpot, idNumber, publish, rows } from './test-helpers.js';
import { createIdentityProtector } from './visitor-identity.js';

// The batch path on its own, with a one-booking path that only records: a batch statement that fails would
// otherwise pass unseen, its bookings answered by the one-booking path instead.
let t: TTestApp;
let slotId: string;
let actor: TActor;
const protector = createIdentityProtector(randomBytes(32));
const alone: string[] = [];
let batcher: ReturnType<typeof createBookingBatcher>;

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  const spot = await buildReservableSpot(t);
  const slots = await publish(t, spot, [{ start: '09:00', end: '10:00', quota: 50 }]);
  slotId = slots['09:00'].id;
  const u = await buildUser(t.database.db, { role: 'tourist', consentVersion: '2026-11' });
  actor = { id: u.id, role: 'tourist', displayName: 'batch', departmentId: null, businessId: null, ip: null };
  batcher = createBookingBatcher({
    db: t.database.db,
    clock: t.clock,
    ticketCode: newTicketCode,
    one: async (item) => {
      alone.push(item.key);
      throw new Error('sent down the one-booking path');
    },
  });
});
afterAll(() => t.close());

let n = 0;
function item(names: string[], key = `batch-key-${++n}`): Omit<TBookingItem, 'resolve' | 'reject'> {
  const visitors = names.map((name) => ({
    name,
    documentType: 'resident_id' as const,
    nationality: null,
    ...protector.protect(idNumber()),
  }));
  return {
    actor,
    touristId: actor.id!,
    key,
    requestHash: hashRequest({ slotId, visitors: visitors.map((v) => [v.name, v.hash]) }),
    slotId,
    visitors,
  };
}

describe('booking batches (three round trips, never the one-booking path for ordinary bookings)', () => {
  it('books a burst in one batch: parties keep their order, places, keys and audit rows agree', async () => {
    const parties = [['甲', '乙', '丙'], ['丁'], ['戊', '己']];
    const got: TBooking[] = await Promise.all(parties.map((p) => batcher.submit(item(p))));
    expect(alone).toEqual([]);
    expect(got.map((b) => b.visitors.map((v) => v.name))).toEqual(parties);
    for (const [i, b] of got.entries()) {
      const stored = await rows(
        t.database.db,
        `select name from booking_visitors where booking_id = '${b.id}' order by id`,
      );
      expect(stored.map((r) => r.name)).toEqual(parties[i]);
      const audit = await rows(
        t.database.db,
        `select count(*)::int as c from audit_log where action = 'reservation.book' and object_id = '${b.id}'`,
      );
      expect(audit[0].c).toBe(1);
    }
    const [slot] = await rows(t.database.db, `select remaining from time_slots where id = '${slotId}'`);
    expect(slot.remaining).toBe(50 - 6);
    const keys = await rows(
      t.database.db,
      `select done, status, response->>'id' as id from idempotency_keys where user_id = '${actor.id}' order by created_at`,
    );
    expect(keys).toEqual(got.map((b) => ({ done: true, status: 201, id: b.id })));
  });

  it('a batch of one goes the same way', async () => {
    const b = await batcher.submit(item(['庚']));
    expect(b.status).toBe('booked');
    expect(alone).toEqual([]);
  });

  it('a replayed key, and only it, goes down the one-booking path', async () => {
    const first = item(['辛'], 'batch-replay-1');
    await batcher.submit(first);
    const replay = batcher.submit(first).catch((e: Error) => e.message);
    const fresh = batcher.submit(item(['壬']));
    expect(await replay).toBe('sent down the one-booking path');
    expect((await fresh).status).toBe('booked');
    expect(alone).toEqual(['batch-replay-1']);
  });

  it('a batch that fails unexpectedly is told of — code and constraint, no personal data — and still answered', async () => {
    const warned: Parameters<TBatchWarn>[0][] = [];
    const answered: string[] = [];
    // Two bookings with the same ticket code: the batch's insert fails on the code's unique index.
    const clashing = createBookingBatcher({
      db: t.database.db,
      clock: t.clock,
      ticketCode: () => 'CLASH0000001',
      warn: (f) => warned.push(f),
      one: async (it) => {
        answered.push(it.key);
        throw new Error('sent down the one-booking path');
      },
    });
    const items = [item(['癸']), item(['子'])];
    const results = await Promise.all(items.map((it) => clashing.submit(it).catch((e: Error) => e.message)));
    expect(results).toEqual(['sent down the one-booking path', 'sent down the one-booking path']);
    expect(answered.sort()).toEqual(items.map((it) => it.key).sort());
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ code: '23505', constraint: 'bookings_ticket_code_uq', bookings: 2 });
    expect(warned[0].message).toMatch(/bookings_ticket_code_uq/);
    // Nothing of the party reaches the warning: not the names, not the ciphers or hashes of their ID numbers.
    const text = JSON.stringify(warned);
    for (const it of items)
      for (const v of it.visitors) for (const s of [v.name, v.cipher, v.hash]) expect(text).not.toContain(s);
  });
});
