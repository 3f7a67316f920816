import {
  ISO_ALPHA3,
  isValidVisitorDocument,
  normaliseDocumentNumber,
  type TBooking,
  type TBookingStatus,
  type TCreateBookingRequest,
  type TVisitorDocumentType,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { monotonicMs, type TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { createGroupCommit } from '../../platform/group-commit.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { maskName } from '../../platform/mask.js';
import { randomBytesPooled } from '../../platform/random.js';
import { createReadCache, type TReadCache } from '../../platform/read-cache.js';
import { bookingRefusal, refusalError, type TBookingRefusal } from './booking-rules.js';
import { createBookingBatcher, type TBatchWarn, type TBookingItem } from './bookings.batch.js';
import { bookingsVisibleWhere, canBooking, canSpot } from './reservations.policy.js';
import * as store from './reservations.store.js';
import type { TIdentityProtector } from './visitor-identity.js';

export type TBookingDeps = {
  db: TDb;
  clock: TClock;
  protector: TIdentityProtector;
  /** a booking or cancellation changed a spot's places: cached public reads of it go */
  onChange?: (spotId: string) => void;
  /** tickets as read for their pages, per booking id (evicted here on cancel, by the gate on check-in) */
  tickets?: TReadCache;
  /** a booking batch failed unexpectedly (its bookings were still answered): see bookings.batch.ts */
  warn?: TBatchWarn;
};

/** Crockford base32 without I, L, O, U: easy to read out and type at a gate. 12 characters ≈ 60 random bits. */
const TICKET_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newTicketCode(): string {
  const bytes = randomBytesPooled(12);
  let out = '';
  for (const b of bytes) out += TICKET_ALPHABET[b & 31];
  return out;
}

const NOT_FOUND: TBookingRefusal = { code: 'not_found', status: 404, field: 'slotId' };

type TBookingView = NonNullable<Awaited<ReturnType<typeof store.getBookingView>>>;

/** The owner sees visitors' names; anyone else (the gate) sees them masked. ID numbers are always masked. */
export async function composeBookings(db: TExecutor, rows: TBookingView[], actor: TActor): Promise<TBooking[]> {
  const visitors = await store.listVisitors(
    db,
    rows.map((r) => r.booking.id),
  );
  return composeFrom(rows, visitors, actor);
}

function composeFrom(
  rows: TBookingView[],
  visitors: Awaited<ReturnType<typeof store.listVisitors>>,
  actor: TActor,
): TBooking[] {
  return rows.map(({ booking: b, startsAt, endsAt, spotName, spotNameEn }) => {
    const own = actor.id === b.touristUserId;
    return {
      id: b.id,
      ticketCode: b.ticketCode,
      status: b.status as TBookingStatus,
      spotId: b.businessId,
      spotName,
      spotNameEn,
      day: b.day,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      partySize: b.partySize,
      visitors: visitors
        .filter((v) => v.bookingId === b.id)
        .map((v) => ({
          name: own ? v.name : (maskName(v.name) ?? ''),
          idNumberMasked: v.idNumberMasked,
          documentType: v.documentType as TVisitorDocumentType,
          nationality: v.nationality,
        })),
      createdAt: b.createdAt.toISOString(),
      cancelledAt: b.cancelledAt?.toISOString() ?? null,
      checkedInAt: b.checkedInAt?.toISOString() ?? null,
    };
  });
}

/** Book, cancel, read. Each state change is one transaction holding its audit entry. */
export function createBookingService({
  db,
  clock,
  protector,
  onChange = () => {},
  tickets = createReadCache(0),
  warn,
}: TBookingDeps) {
  async function view(tx: TExecutor, id: string, actor: TActor) {
    const row = await store.getBookingView(tx, id);
    if (!row) throw notFound();
    return (await composeBookings(tx, [row], actor))[0];
  }

  /** The one-booking path: its own transaction, exact answers (a replay, a visitor booked already, ...). */
  async function bookOne(item: TBookingItem): Promise<TBooking> {
    const { actor, touristId, key: idempotencyKey, requestHash, visitors } = item;
    const input = { slotId: item.slotId };
    return db.transaction(async (tx) => {
      const prior = await claimIdempotencyKey<TBooking>(tx, idempotencyKey, touristId, requestHash, clock.now());
      if (prior) return prior;
      const now = clock.now();
      const slot = await store.getSlot(tx, input.slotId);
      // The same rules as the batch path (booking-rules.ts). A stale `remaining` answers the sold-out rush early;
      // the conditional UPDATE below is the real test.
      const early = bookingRefusal({
        slot: slot && { ...slot, left: slot.remaining - slot.walkInRemaining },
        spot: undefined,
        occupancy: undefined,
        closed: false,
        partySize: visitors.length,
        now,
      });
      if (!slot || early?.code === 'not_found' || early?.code === 'slot_sold_out')
        throw refusalError(early ?? NOT_FOUND);
      const spotView = await store.getSpot(tx, slot.businessId);
      const refusal = bookingRefusal({
        slot: { ...slot, left: slot.remaining - slot.walkInRemaining },
        spot: spotView?.spot,
        occupancy: spotView?.occupancy,
        closed: await store.isDayClosed(tx, slot.businessId, slot.day),
        partySize: visitors.length,
        now,
      });
      if (refusal || !spotView) throw refusalError(refusal ?? NOT_FOUND);
      const booking = await store.insertBooking(tx, {
        ticketCode: newTicketCode(),
        slotId: slot.id,
        businessId: slot.businessId,
        day: slot.day,
        touristUserId: touristId,
        partySize: visitors.length,
        createdAt: now,
      });
      try {
        await store.insertVisitors(
          tx,
          visitors.map((v) => ({
            bookingId: booking.id,
            businessId: slot.businessId,
            day: slot.day,
            name: v.name,
            idNumberCipher: v.cipher,
            idNumberHash: v.hash,
            idNumberMasked: v.masked,
            documentType: v.documentType,
            nationality: v.nationality,
          })),
        );
      } catch (err) {
        // 23505: the ID number is booked that day. 40P01: two bookings naming the same people raced —
        // one of them would have failed the same way.
        const code = store.pgError(err).code;
        if (code === '23505' || code === '40P01') throw new AppError('visitor_already_booked', 409, 'visitors');
        throw err;
      }
      await writeAudit(
        tx,
        actor,
        {
          action: 'reservation.book',
          objectType: 'booking',
          objectId: booking.id,
          after: { slotId: slot.id, partySize: visitors.length, day: slot.day },
        },
        now,
      );
      const result = (
        await composeBookings(
          tx,
          [
            {
              booking,
              startsAt: slot.startsAt,
              endsAt: slot.endsAt,
              spotName: spotView.name,
              spotNameEn: spotView.nameEn,
            },
          ],
          actor,
        )
      )[0];
      await storeIdempotentAnswer(tx, idempotencyKey, touristId, result);
      // Last: the places. The slot's row is locked only from this statement to the commit.
      if (!(await store.takePlaces(tx, slot.id, visitors.length))) throw new AppError('slot_sold_out', 409, 'slotId');
      return result;
    });
  }
  /** The party as typed, each document checked by its type and each named once (type and number). */
  function checkParty(input: TCreateBookingRequest['visitors']) {
    const seen = new Set<string>();
    const party = input.map((v, i) => {
      const idNumber = normaliseDocumentNumber(v.idNumber);
      const documentType = v.documentType ?? 'resident_id';
      const nationality = documentType === 'passport' ? (v.nationality ?? null) : null;
      if (documentType === 'passport' && !(nationality && ISO_ALPHA3.has(nationality)))
        throw new AppError('invalid_nationality', 422, `visitors.${i}.nationality`);
      if (!isValidVisitorDocument(documentType, idNumber, nationality))
        throw new AppError('invalid_id_number', 422, `visitors.${i}.idNumber`);
      const same = `${documentType}:${idNumber}`;
      if (seen.has(same)) throw new AppError('visitor_duplicate', 422, `visitors.${i}.idNumber`);
      seen.add(same);
      return { name: v.name.trim(), idNumber, documentType, nationality };
    });
    return party;
  }

  /** Slots that recently answered "sold out" in this process (slot id → until when the hint holds). */
  const soldOutHints = new Map<string, number>();
  const precheck = createSoldOutPrecheck(db);
  const batcher = createBookingBatcher({ db, clock, one: bookOne, ticketCode: newTicketCode, warn });

  return {
    /**
     * Books a slot for a named party. The Idempotency-Key makes a replay (even a concurrent one) answer the
     * first booking. Places are taken by one conditional UPDATE as the transaction's last statement, so the
     * slot's row is locked only until commit; a CHECK under it makes overselling impossible. Under load,
     * concurrent bookings are written together, one commit for many (bookings.batch.ts).
     */
    async book(actor: TActor, input: TCreateBookingRequest, idempotencyKey: string): Promise<TBooking> {
      if (!actor.id) throw new AppError('unauthenticated', 401);
      const touristId = actor.id;
      // Everything that needs no database is checked first.
      const party = checkParty(input.visitors);

      // The sold-out rush: once a slot answered "sold out" here, further requests for it first read its
      // remaining places and whether this Idempotency-Key is known (one query per event-loop turn for all such
      // requests, no transaction, nothing written); too few places and no prior booking to replay → "sold out" at
      // once, before any ID number is encrypted. The answer always comes from the database; the hint only chooses
      // the way, so a returned place is sold again at once. An expired hint is dropped, so the map holds only
      // slots that answered "sold out" in the last 10 s.
      const hint = soldOutHints.get(input.slotId);
      if (hint !== undefined && hint <= monotonicMs()) soldOutHints.delete(input.slotId);
      else if (hint !== undefined) {
        const pre = await precheck(input.slotId, `${touristId}:${idempotencyKey}`);
        if (pre.remaining !== undefined && !pre.keyKnown && pre.remaining < party.length)
          throw new AppError('slot_sold_out', 409, 'slotId');
        soldOutHints.delete(input.slotId);
      }
      // The ID numbers are encrypted outside any transaction (CPU work never holds a lock).
      const visitors = party.map((v) => ({
        name: v.name,
        documentType: v.documentType,
        nationality: v.nationality,
        ...protector.protect(v.idNumber, v.documentType),
      }));
      const requestHash = hashRequest({ slotId: input.slotId, visitors: visitors.map((v) => [v.name, v.hash]) });
      try {
        const booked = await batcher.submit({
          actor,
          touristId,
          key: idempotencyKey,
          requestHash,
          slotId: input.slotId,
          visitors,
        });
        onChange(booked.spotId);
        return booked;
      } catch (e) {
        if (e instanceof AppError && e.code === 'slot_sold_out') soldOutHints.set(input.slotId, monotonicMs() + 10_000);
        throw e;
      }
    },

    /**
     * 代预约: staff at the gate or a station book a slot for a visitor without a phone (seed 002 task 4). The places
     * come from the slot's walk-in places first, then from the rest; the same rules, idempotency and one
     * conditional UPDATE as an online booking, so the reserve and the quota both hold. The booking is held by the
     * staff account that made it (its ticket code is printed or read out to the visitor).
     */
    async proxyBook(
      actor: TActor,
      slotId: string,
      input: Pick<TCreateBookingRequest, 'visitors'>,
      idempotencyKey: string,
    ): Promise<TBooking> {
      if (!actor.id) throw new AppError('unauthenticated', 401);
      const staffId = actor.id;
      const party = checkParty(input.visitors);
      const visitors = party.map((v) => ({
        name: v.name,
        documentType: v.documentType,
        nationality: v.nationality,
        ...protector.protect(v.idNumber, v.documentType),
      }));
      const requestHash = hashRequest({ proxy: slotId, visitors: visitors.map((v) => [v.name, v.hash]) });
      const booked = await db.transaction(async (tx) => {
        const now = clock.now();
        const prior = await claimIdempotencyKey<TBooking>(tx, idempotencyKey, staffId, requestHash, now);
        if (prior) return prior;
        const slot = await store.getSlot(tx, slotId);
        if (!slot || !canSpot(actor, 'proxy_book', slot.businessId)) throw notFound();
        const spotView = await store.getSpot(tx, slot.businessId);
        const refusal = bookingRefusal({
          slot: { ...slot, left: slot.remaining },
          spot: spotView?.spot,
          occupancy: spotView?.occupancy,
          closed: await store.isDayClosed(tx, slot.businessId, slot.day),
          partySize: visitors.length,
          now,
        });
        if (refusal || !spotView) throw refusalError(refusal ?? NOT_FOUND);
        const booking = await store.insertBooking(tx, {
          ticketCode: newTicketCode(),
          slotId: slot.id,
          businessId: slot.businessId,
          day: slot.day,
          touristUserId: staffId,
          partySize: visitors.length,
          channel: 'proxy',
          createdAt: now,
        });
        try {
          await store.insertVisitors(
            tx,
            visitors.map((v) => ({
              bookingId: booking.id,
              businessId: slot.businessId,
              day: slot.day,
              name: v.name,
              idNumberCipher: v.cipher,
              idNumberHash: v.hash,
              idNumberMasked: v.masked,
              documentType: v.documentType,
              nationality: v.nationality,
            })),
          );
        } catch (err) {
          const code = store.pgError(err).code;
          if (code === '23505' || code === '40P01') throw new AppError('visitor_already_booked', 409, 'visitors');
          throw err;
        }
        await writeAudit(
          tx,
          actor,
          {
            action: 'reservation.proxy_book',
            objectType: 'booking',
            objectId: booking.id,
            after: { slotId: slot.id, partySize: visitors.length, day: slot.day, channel: 'proxy' },
          },
          now,
        );
        const row = {
          booking,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          spotName: spotView.name,
          spotNameEn: spotView.nameEn,
        };
        const result = (await composeBookings(tx, [row], actor))[0];
        await storeIdempotentAnswer(tx, idempotencyKey, staffId, result);
        if (!(await store.takeWalkInPlaces(tx, slot.id, visitors.length)))
          throw new AppError('slot_sold_out', 409, 'slotId');
        return result;
      });
      onChange(booked.spotId);
      return booked;
    },

    /** Cancels until the slot starts; the places return to the quota exactly once (the row lock decides). */
    async cancel(actor: TActor, id: string): Promise<TBooking> {
      const cancelled = await db.transaction(async (tx) => {
        const row = await store.lockBooking(tx, { id });
        if (!row || !canBooking(actor, 'cancel', row.booking)) throw notFound();
        const { booking, slot } = row;
        if (booking.status !== 'booked') throw new AppError('booking_not_cancellable', 409);
        const now = clock.now();
        if (slot.startsAt <= now) throw new AppError('slot_started', 409);
        await store.updateBooking(tx, id, { status: 'cancelled', cancelledAt: now });
        await store.releaseVisitors(tx, [id]);
        await store.returnPlaces(tx, slot.id, booking.partySize);
        await writeAudit(
          tx,
          actor,
          {
            action: 'reservation.cancel',
            objectType: 'booking',
            objectId: id,
            before: { status: booking.status },
            after: { status: 'cancelled', returned: booking.partySize },
          },
          now,
        );
        return view(tx, id, actor);
      });
      tickets.evict(id);
      onChange(cancelled.spotId);
      return cancelled;
    },

    /**
     * One ticket. The rows are cached a second (the ticket page polls); who may see it, and how much, is decided
     * on every request from them.
     */
    async get(actor: TActor, id: string): Promise<TBooking> {
      const found = await tickets.get(id, 'view', async () => {
        const row = await store.getBookingView(db, id);
        return row ? { row, visitors: await store.listVisitors(db, [id]) } : null;
      });
      if (!found || !canBooking(actor, 'view', found.row.booking)) throw notFound();
      return composeFrom([found.row], found.visitors, actor)[0];
    },

    async listMine(actor: TActor): Promise<{ items: TBooking[] }> {
      if (!actor.id) return { items: [] };
      return {
        items: await composeBookings(db, await store.listBookings(db, bookingsVisibleWhere(actor), 100), actor),
      };
    },
  };
}

export type TBookingService = ReturnType<typeof createBookingService>;

type TPrecheck = { remaining: number | undefined; keyKnown: boolean };
type TWaiting = { slotId: string; scopedKey: string; resolve(p: TPrecheck): void; reject(e: unknown): void };

/**
 * The sold-out rush's reads, gathered per event-loop turn on the group-commit queue: the requests read in one
 * turn wait for the same query (at most 500 to a query, no limit on queries in flight), so a rush costs the
 * database one round trip per turn instead of one per request. Each answer is still read after its request
 * arrived.
 */
function createSoldOutPrecheck(db: TDb) {
  const group = createGroupCommit<TWaiting>({
    writers: Number.POSITIVE_INFINITY,
    maxBatch: 500,
    run: async (batch) => {
      try {
        const slotIds = [...new Set(batch.map((w) => w.slotId))];
        const { remaining, known } = await store.soldOutPrechecks(db, slotIds, [
          ...new Set(batch.map((w) => w.scopedKey)),
        ]);
        for (const w of batch) w.resolve({ remaining: remaining.get(w.slotId), keyKnown: known.has(w.scopedKey) });
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    },
  });
  return (slotId: string, scopedKey: string) =>
    new Promise<TPrecheck>((resolve, reject) => group.push({ slotId, scopedKey, resolve, reject }));
}
