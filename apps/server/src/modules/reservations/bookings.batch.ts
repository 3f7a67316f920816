import { randomUUID } from 'node:crypto';
import type { TBooking, TVisitorDocumentType } from '@zhilv/contracts';
import { type TDb, transactionWith } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { auditBatchInsert, type TAuditEntry } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import type { AppError } from '../../platform/errors.js';
import { createGroupCommit } from '../../platform/group-commit.js';
import { bookingRefusal, refusalError } from './booking-rules.js';
import * as store from './reservations.store.js';

/** A booking request, checked and with its ID numbers protected, waiting for a transaction. */
export type TBookingItem = {
  actor: TActor;
  touristId: string;
  key: string;
  requestHash: string;
  slotId: string;
  visitors: {
    name: string;
    documentType: TVisitorDocumentType;
    nationality: string | null;
    cipher: string;
    hash: string;
    masked: string;
  }[];
  resolve(b: TBooking): void;
  reject(e: unknown): void;
};

export type TBatchWarn = (failure: { code?: string; constraint?: string; message: string; bookings: number }) => void;

type TOutcome = { booking: TBooking } | { error: AppError } | 'alone';

/** Rolls a batch back: `alone` items go the one-booking way; `locked`: try again with the slots locked first. */
class Retry extends Error {
  constructor(
    readonly alone: number[],
    readonly locked: boolean,
  ) {
    super('booking batch retry');
  }
}

/** Every booking of the batch was refused: nothing to commit, so the claims roll back; the answers stand. */
class AllRefused extends Error {
  constructor(readonly out: TOutcome[]) {
    super('booking batch refused');
  }
}

const MAX_BATCH = 128;

/**
 * Group commit of bookings (PERFORMANCE.md B1 stretch). A hot slot's bookings are bounded by the commit of its
 * row: one booking per commit, a few hundred a second on these disks. Bookings that arrive while `writers`
 * transactions are in flight wait (platform/group-commit.ts: no timer, only as long as those take) and are then
 * written together — one statement for all their rows and one commit for all of them. Nobody is answered before
 * the transaction holding their booking committed.
 *
 * Capacity stays the database's: the places of each slot are taken by one UPDATE as the batch's last statement,
 * sent with its COMMIT, so the slot rows are locked only for the commit; the CHECK under `remaining` refuses
 * too few places. If a slot has fewer places than the batch needs, the batch rolls back and runs again with the
 * slots locked first, giving the places in arrival order and answering the rest "sold out". Anything unusual — a
 * replayed or repeated Idempotency-Key, an ID number already booked that day, any error — sends those bookings
 * down the one-booking path (`one`), which answers exactly as it always did.
 */
export function createBookingBatcher(deps: {
  db: TDb;
  clock: TClock;
  one(item: TBookingItem): Promise<TBooking>;
  ticketCode(): string;
  writers?: number;
  /**
   * Told of a batch that failed for a reason the batcher does not expect (its bookings still go the one-booking
   * way and are answered): the fallback must not hide a broken batch statement. Gets the error's code, constraint
   * and the driver's first line only — a driver error's detail, and the query wrapper's message, hold the row's
   * values: names and ID-number ciphers and hashes.
   */
  warn?: TBatchWarn;
}) {
  const { db, clock } = deps;
  // Two batches in flight: with the slot rows locked only for the commit, a third or fourth writer no longer adds
  // throughput — it splits the same requests into smaller batches, more round trips and more CPU per booking.
  // Measured on one hot slot (scratch, alternating): 2 writers 2,497–2,662/s with p99 75–125 ms, 4 writers
  // 2,052–2,210/s with p99 110–223 ms; the Golden Week mix and PGlite did as well or better with 2.
  const writers = deps.writers ?? 2;
  const group = createGroupCommit<TBookingItem>({ writers, maxBatch: MAX_BATCH, run });

  async function alone(it: TBookingItem) {
    try {
      it.resolve(await deps.one(it));
    } catch (e) {
      it.reject(e);
    }
  }

  // A batch of one goes the same way: three round trips, where the one-booking path takes twelve (and holds the
  // slot's row across its commit's round trip). Anything unusual still ends on the one-booking path.
  async function run(batch: TBookingItem[]) {
    let items = batch;
    const later: TBookingItem[] = [];
    let locked = false;
    let outcomes: TOutcome[] | null = null;
    for (let attempt = 0; attempt < 4 && items.length && !outcomes; attempt++) {
      try {
        outcomes = await write(items, locked);
      } catch (e) {
        if (e instanceof AllRefused) {
          outcomes = e.out;
          break;
        }
        if (e instanceof Retry) {
          const out = new Set(e.alone);
          later.push(...items.filter((_, i) => out.has(i)));
          items = items.filter((_, i) => !out.has(i));
          locked ||= e.locked;
        } else if (store.pgError(e).code === '40P01') {
          // Two batches met on the same slots in another order: again, with the rows locked in id order.
          locked = true;
        } else {
          // The innermost cause's message: the driver's own words ('duplicate key value violates …'), not the
          // query wrapper's, which repeats the statement's parameters — names and ID-number ciphers.
          let cause: unknown = e;
          while (cause instanceof Error && cause.cause) cause = cause.cause;
          const message = cause instanceof Error ? cause.message.split('\n')[0] : 'non-error thrown';
          deps.warn?.({ ...store.pgError(e), message, bookings: items.length });
          break;
        }
      }
    }
    if (!outcomes) later.push(...items);
    else
      outcomes.forEach((o, i) => {
        if (o === 'alone') later.push(items[i]);
        else if ('booking' in o) items[i].resolve(o.booking);
        else items[i].reject(o.error);
      });
    await Promise.all(later.map(alone));
  }

  /**
   * Writes the items' bookings in one transaction of three round trips (db/client.ts transactionWith): the reads
   * with the BEGIN, the writes in one statement, the places with the COMMIT. Answers each item's outcome, or
   * throws Retry.
   */
  async function write(items: TBookingItem[], locked: boolean): Promise<TOutcome[]> {
    const scoped = (it: TBookingItem) => `${it.touristId}:${it.key}`;
    // A key goes once per batch; a key seen twice, or one already known, sends its item the one-booking way
    // (which answers a replay with its stored answer).
    const firstOfKey = new Map<string, number>();
    items.forEach((it, i) => {
      if (!firstOfKey.has(scoped(it))) firstOfKey.set(scoped(it), i);
    });
    const slotIds = [...new Set(items.map((it) => it.slotId.toLowerCase()))];
    const reads = store.bookingBatchReads(slotIds, [...firstOfKey.keys()], locked);
    return transactionWith(db, reads, async (tx, rows) => {
      const now = clock.now();
      const out: TOutcome[] = items.map(() => 'alone');
      const { slots: found, known, auditHead } = store.parseBookingBatchReads(rows);
      const slots = new Map([...found].map(([id, slot]) => [id, { ...slot, left: slot.remaining }]));
      const mine = items.map((it, i) => firstOfKey.get(scoped(it)) === i && !known.has(scoped(it)));

      // The refusal rules of booking-rules.ts, as the one-booking path asks them; places are counted off as given.
      // A refused booking claims no key (as the one-booking path's rollback leaves none).
      const accepted: number[] = [];
      items.forEach((it, i) => {
        if (!mine[i]) return;
        const s = slots.get(it.slotId.toLowerCase());
        const n = it.visitors.length;
        const refusal = bookingRefusal({
          slot: s,
          spot: s?.spot,
          occupancy: s?.occupancy,
          closed: !!s?.closed,
          partySize: n,
          now,
        });
        if (refusal || !s)
          out[i] = { error: refusalError(refusal ?? { code: 'not_found', status: 404, field: 'slotId' }) };
        else {
          s.left -= n;
          accepted.push(i);
        }
      });
      if (!accepted.length) throw new AllRefused(out);

      const made = accepted.map((i) => {
        const it = items[i];
        const s = slots.get(it.slotId.toLowerCase())!;
        return {
          i,
          it,
          s,
          row: {
            id: randomUUID(),
            ticketCode: deps.ticketCode(),
            slotId: s.id,
            businessId: s.businessId,
            day: s.day,
            touristUserId: it.touristId,
            partySize: it.visitors.length,
            createdAt: now,
          },
        };
      });
      const answers = made.map(
        (m): TBooking => ({
          id: m.row.id,
          ticketCode: m.row.ticketCode,
          status: 'booked',
          spotId: m.row.businessId,
          spotName: m.s.name ?? '',
          spotNameEn: m.s.nameEn ?? null,
          day: m.row.day,
          startsAt: m.s.startsAt.toISOString(),
          endsAt: m.s.endsAt.toISOString(),
          partySize: m.row.partySize,
          visitors: m.it.visitors.map((v) => ({
            name: v.name,
            idNumberMasked: v.masked,
            documentType: v.documentType,
            nationality: v.nationality,
          })),
          createdAt: now.toISOString(),
          cancelledAt: null,
          checkedInAt: null,
        }),
      );
      const auditInsert = await auditBatchInsert(
        tx,
        made[0].it.actor,
        made.map(
          (m): TAuditEntry => ({
            actor: m.it.actor,
            action: 'reservation.book',
            objectType: 'booking',
            objectId: m.row.id,
            after: { slotId: m.row.slotId, partySize: m.row.partySize, day: m.row.day },
          }),
        ),
        auditHead,
        now,
      );
      // Keys with their answers, bookings, visitors and audit rows in one statement. A key someone claimed
      // meanwhile, or a visitor already booked that day, rolls it all back: those go the one-booking way.
      const got = await store.insertBookingBatch(
        tx,
        made.map((m, k) => ({
          scopedKey: scoped(m.it),
          userId: m.it.touristId,
          requestHash: m.it.requestHash,
          response: answers[k],
        })),
        made.map((m) => m.row),
        made.flatMap((m) =>
          m.it.visitors.map((v) => ({
            bookingId: m.row.id,
            businessId: m.row.businessId,
            day: m.row.day,
            name: v.name,
            idNumberCipher: v.cipher,
            idNumberHash: v.hash,
            idNumberMasked: v.masked,
            documentType: v.documentType,
            nationality: v.nationality,
          })),
        ),
        auditInsert ? [auditInsert] : [],
      );
      const collided = made
        .filter((m) => !got.claimed.has(scoped(m.it)) || got.counts.get(m.row.id) !== m.it.visitors.length)
        .map((m) => m.i);
      if (collided.length) throw new Retry(collided, locked);

      // Last, the places: one statement for all the batch's slots, sent with the COMMIT.
      const takes = new Map<string, number>();
      for (const m of made) takes.set(m.s.id, (takes.get(m.s.id) ?? 0) + m.row.partySize);
      made.forEach((m, k) => {
        out[m.i] = { booking: answers[k] };
      });
      return { result: out, last: store.takePlacesStatement([...takes].map(([slotId, n]) => ({ slotId, n }))) };
    }).catch((e: unknown) => {
      // A slot with fewer places than the batch took (the CHECK under `remaining`): again, with the slots locked.
      if (store.pgError(e).constraint !== 'time_slots_remaining_ck') throw e;
      if (locked) throw new Error('booking batch: a locked slot refused its places');
      throw new Retry([], true);
    });
  }

  return {
    /** Queues a booking; answers once its transaction committed (or with the refusal the one-booking path gives). */
    submit(item: Omit<TBookingItem, 'resolve' | 'reject'>): Promise<TBooking> {
      return new Promise((resolve, reject) => {
        group.push({ ...item, resolve, reject });
      });
    },
  };
}
