import { createHash, randomBytes } from 'node:crypto';
import type { TBooking, TOccupancy } from '@zhilv/contracts';
import type { TDb } from '../../db/client.js';
import { SYSTEM_ACTOR, type TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import { createOutbox } from '../../platform/notify.js';
import { composeBookings } from './bookings.service.js';
import { checkInWindow, entryLimit, formatTimeOfDay, localDay, localInstant } from './capacity.js';
import { raiseFlowAlert } from './flow-alerts.js';
import { canSpot } from './reservations.policy.js';
import { assertConfigurable, toOccupancy } from './reservations.service.js';
import * as store from './reservations.store.js';

export type TGateDeps = {
  db: TDb;
  clock: TClock;
  events: TEventHub;
  onOccupancy(o: TOccupancy): void;
  /** a checked-in ticket's cached page goes at once */
  onTicketChange?: (bookingId: string) => void;
};

/** Device keys are 32 random bytes: a plain SHA-256 is enough to store them (nothing to guess). */
export const hashDeviceKey = (key: string) => createHash('sha256').update(key).digest('hex');

const toDevice = (d: store.TDeviceRow) => ({
  id: d.id,
  spotId: d.businessId,
  name: d.name,
  active: d.active,
  lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

const alertSpot = (v: { spot: store.TSpotRow; name: string; nameEn: string | null }) => ({
  ...v.spot,
  name: v.name,
  nameEn: v.nameEn ?? '',
});

/** A turnstile acts as the system, named by its device in the audit log. */
const deviceActor = (d: { id: string; name: string }): TActor => ({
  ...SYSTEM_ACTOR,
  displayName: `gate-device:${d.id}:${d.name}`,
});

/** Check-in at the gate, turnstile counts and the devices that send them. */
export function createGateService({ db, clock, events, onOccupancy, onTicketChange = () => {} }: TGateDeps) {
  return {
    /**
     * Checks a ticket in: the spot's own account, once, in its slot's window (± grace minutes), and only
     * while the spot is below its stop-entry level. The booking row is locked, so two gates scanning the same
     * ticket at once admit it once; the party is counted into the live occupancy in the same transaction.
     */
    async checkIn(actor: TActor, ticketCode: string): Promise<{ booking: TBooking; occupancy: TOccupancy }> {
      const now = clock.now();
      const outbox = createOutbox(events);
      const { booking, occupancy } = await db.transaction(async (tx) => {
        const row = await store.lockBooking(tx, { ticketCode });
        if (!row || !canSpot(actor, 'check_in', row.booking.businessId))
          throw new AppError('ticket_not_found', 404, 'ticketCode');
        const { booking: b, slot } = row;
        if (b.status === 'checked_in') throw new AppError('already_checked_in', 409, 'ticketCode');
        if (b.status !== 'booked') throw new AppError('ticket_cancelled', 409, 'ticketCode');
        const spotView = await store.getSpot(tx, b.businessId);
        if (!spotView) throw new AppError('ticket_not_found', 404, 'ticketCode');
        const spot = spotView.spot;
        const window = checkInWindow(slot.startsAt, slot.endsAt, spot.checkInGraceMinutes);
        // Named by its slot (day and start, local time): the gate tells the visitor when to come back.
        if (now < window.opensAt)
          throw new AppError('check_in_too_early', 409, 'ticketCode', {
            day: slot.day,
            start: formatTimeOfDay(
              Math.round((slot.startsAt.getTime() - localInstant(slot.day, 0).getTime()) / 60_000),
            ),
            opensAt: formatTimeOfDay(
              Math.round((window.opensAt.getTime() - localInstant(localDay(window.opensAt), 0).getTime()) / 60_000),
            ),
          });
        if (now > window.closesAt) throw new AppError('check_in_expired', 409, 'ticketCode');
        const entered = await store.recordEntry(
          tx,
          b.businessId,
          b.partySize,
          entryLimit(spot.instantCapacity, spot),
          now,
        );
        if (!entered) throw new AppError('entry_paused', 409);
        await raiseFlowAlert(
          tx,
          outbox,
          actor,
          alertSpot(spotView),
          {
            before: entered.current - b.partySize,
            after: entered.current,
          },
          now,
        );
        const updated = await store.updateBooking(tx, b.id, {
          status: 'checked_in',
          checkedInAt: now,
          checkedInBy: actor.id,
        });
        await store.insertGatePass(tx, {
          businessId: b.businessId,
          bookingId: b.id,
          direction: 'in',
          count: b.partySize,
          occupancyAfter: entered.current,
          at: now,
        });
        await writeAudit(tx, actor, {
          action: 'reservation.check_in',
          objectType: 'booking',
          objectId: b.id,
          before: { status: b.status },
          after: { status: 'checked_in', partySize: b.partySize },
        });
        const [view] = await composeBookings(
          tx,
          [
            {
              booking: updated,
              startsAt: slot.startsAt,
              endsAt: slot.endsAt,
              spotName: spotView.name,
              spotNameEn: spotView.nameEn,
            },
          ],
          actor,
        );
        await outbox.flush(tx);
        return { booking: view, occupancy: toOccupancy(spot, entered.current, now) };
      });
      outbox.afterCommit();
      onTicketChange(booking.id);
      onOccupancy(occupancy);
      return { booking, occupancy };
    },

    /**
     * A turnstile's count of people in or out, authenticated by its device key. Entries stop at the
     * stop-entry level; exits never take occupancy below zero. Machine counts go to gate_passes, not the audit
     * log (every pass is kept there with the device that reported it).
     */
    async recordPass(deviceKey: string | undefined, direction: 'in' | 'out', count: number): Promise<TOccupancy> {
      if (!deviceKey || deviceKey.length < 20 || deviceKey.length > 200) throw new AppError('device_key_invalid', 401);
      const now = clock.now();
      const outbox = createOutbox(events);
      const occupancy = await db.transaction(async (tx) => {
        const device = await store.touchDeviceByKeyHash(tx, hashDeviceKey(deviceKey), now);
        if (!device) throw new AppError('device_key_invalid', 401);
        const spotView = await store.getSpot(tx, device.businessId);
        if (!spotView) throw new AppError('device_key_invalid', 401);
        const spot = spotView.spot;
        const moved =
          direction === 'in'
            ? await store.recordEntry(tx, spot.businessId, count, entryLimit(spot.instantCapacity, spot), now)
            : await store.recordExit(tx, spot.businessId, count, now);
        if (!moved) throw new AppError(direction === 'in' ? 'entry_paused' : 'occupancy_empty', 409, 'count');
        await store.insertGatePass(tx, {
          businessId: spot.businessId,
          deviceId: device.id,
          direction,
          count,
          occupancyAfter: moved.current,
          at: now,
        });
        const before = direction === 'in' ? moved.current - count : moved.current + count;
        await raiseFlowAlert(
          tx,
          outbox,
          deviceActor(device),
          alertSpot(spotView),
          { before, after: moved.current },
          now,
        );
        await outbox.flush(tx);
        return toOccupancy(spot, moved.current, now);
      });
      outbox.afterCommit();
      onOccupancy(occupancy);
      return occupancy;
    },

    async listDevices(actor: TActor, spotId: string) {
      await assertConfigurable(db, actor, spotId);
      return { items: (await store.listDevices(db, spotId)).map(toDevice) };
    },

    /** Registers a gate device; its key is answered once and only its hash is kept. */
    async createDevice(actor: TActor, spotId: string, name: string) {
      await assertConfigurable(db, actor, spotId);
      const key = `zgk_${randomBytes(32).toString('base64url')}`;
      const device = await db.transaction(async (tx) => {
        if (!(await store.lockSpot(tx, spotId))) throw notFound();
        const d = await store.insertDevice(tx, { businessId: spotId, name, keyHash: hashDeviceKey(key) });
        await writeAudit(tx, actor, {
          action: 'reservation.device_create',
          objectType: 'gate_device',
          objectId: d.id,
          after: { spotId, name },
        });
        return d;
      });
      return { ...toDevice(device), key };
    },

    async revokeDevice(actor: TActor, id: string) {
      const found = await store.getDevice(db, id);
      if (!found || !canSpot(actor, 'configure', found.businessId)) throw notFound();
      const device = await db.transaction(async (tx) => {
        const d = await store.deactivateDevice(tx, id);
        await writeAudit(tx, actor, {
          action: 'reservation.device_revoke',
          objectType: 'gate_device',
          objectId: id,
          before: { active: found.active },
          after: { active: false },
        });
        return d;
      });
      return toDevice(device);
    },
  };
}

export type TGateService = ReturnType<typeof createGateService>;
