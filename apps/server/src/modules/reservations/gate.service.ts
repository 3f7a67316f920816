import { createHash, randomBytes } from 'node:crypto';
import type { TBooking, TOccupancy } from '@zhilv/contracts';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { composeBookings } from './bookings.service.js';
import { checkInWindow, entryLimit } from './capacity.js';
import { mayCheckIn, mayConfigureSpot } from './reservations.policy.js';
import { toOccupancy } from './reservations.service.js';
import * as store from './reservations.store.js';

export type TGateDeps = { db: TDb; clock: TClock; onOccupancy(o: TOccupancy): void };

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

/** Check-in at the gate, turnstile counts and the devices that send them. */
export function createGateService({ db, clock, onOccupancy }: TGateDeps) {
  return {
    /**
     * Checks a ticket in: the spot's own account, once, in its slot's window (± grace minutes), and only
     * while the spot is below its stop-entry level. The booking row is locked, so two gates scanning the same
     * ticket at once admit it once; the party is counted into the live occupancy in the same transaction.
     */
    async checkIn(actor: TActor, ticketCode: string): Promise<{ booking: TBooking; occupancy: TOccupancy }> {
      const now = clock.now();
      const { booking, occupancy } = await db.transaction(async (tx) => {
        const row = await store.lockBooking(tx, { ticketCode });
        if (!row || !mayCheckIn(actor, row.booking.businessId))
          throw new AppError('ticket_not_found', 404, 'ticketCode');
        const { booking: b, slot } = row;
        if (b.status === 'checked_in') throw new AppError('already_checked_in', 409, 'ticketCode');
        if (b.status !== 'booked') throw new AppError('ticket_cancelled', 409, 'ticketCode');
        const spotView = await store.getSpot(tx, b.businessId);
        if (!spotView) throw new AppError('ticket_not_found', 404, 'ticketCode');
        const spot = spotView.spot;
        const window = checkInWindow(slot.startsAt, slot.endsAt, spot.checkInGraceMinutes);
        if (now < window.opensAt) throw new AppError('check_in_too_early', 409, 'ticketCode');
        if (now > window.closesAt) throw new AppError('check_in_expired', 409, 'ticketCode');
        const entered = await store.recordEntry(
          tx,
          b.businessId,
          b.partySize,
          entryLimit(spot.instantCapacity, spot),
          now,
        );
        if (!entered) throw new AppError('entry_paused', 409);
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
          [{ booking: updated, startsAt: slot.startsAt, endsAt: slot.endsAt, spotName: spotView.name }],
          actor,
        );
        return { booking: view, occupancy: toOccupancy(spot, entered.current, now) };
      });
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
        return toOccupancy(spot, moved.current, now);
      });
      onOccupancy(occupancy);
      return occupancy;
    },

    async listDevices(actor: TActor, spotId: string) {
      if (!mayConfigureSpot(actor, spotId)) throw forbidden();
      return { items: (await store.listDevices(db, spotId)).map(toDevice) };
    },

    /** Registers a gate device; its key is answered once and only its hash is kept. */
    async createDevice(actor: TActor, spotId: string, name: string) {
      if (!mayConfigureSpot(actor, spotId)) throw forbidden();
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
      if (!found || !mayConfigureSpot(actor, found.businessId)) throw notFound();
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
