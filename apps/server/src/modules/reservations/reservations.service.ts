import type {
  TAvailability,
  TFlowReport,
  TOccupancy,
  TPublishSlotsRequest,
  TSlot,
  TSpotSettings,
  TSpotSettingsRequest,
} from '@zhilv/contracts';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import { createReadCache } from '../../platform/read-cache.js';
import { getBusiness } from '../master-data/index.js';
import {
  addDays,
  DEFAULT_THRESHOLDS,
  dailyCapacityFor,
  daysBetween,
  formatTimeOfDay,
  levelLabel,
  localDay,
  localInstant,
  occupancyLevel,
  parseTimeOfDay,
  planSlots,
  salesPaused,
  turnoverFor,
  walkInPlaces,
} from './capacity.js';
import { canSpot, mayWatchOccupancy, readsEverySpot, reportSpotOf } from './reservations.policy.js';
import * as store from './reservations.store.js';

/**
 * Only the spot's own staff (and the system admin) configure it. A spot that does not exist is not found, for
 * everyone; an existing spot of someone else's is refused (spots are public: refusing says nothing new).
 */
export async function assertConfigurable(db: TDb, actor: TActor, spotId: string) {
  if (canSpot(actor, 'configure', spotId)) return;
  throw (await getBusiness(db, spotId)) ? forbidden() : notFound();
}

export type TReservationDeps = {
  db: TDb;
  clock: TClock;
  events: TEventHub;
  /** bookings voided by closing a day: their cached ticket pages go */
  onTicketsChange?: (bookingIds: string[]) => void;
};

const thresholdsOf = (s: store.TSpotRow) => ({
  warningPct: s.warningPct,
  stopSalesPct: s.stopSalesPct,
  stopEntryPct: s.stopEntryPct,
  localAlertPct: s.localAlertPct,
});

/** 公告: what the public page says while occupancy is at or above the warning level (issue 18 §4). */
function publicNotice(level: ReturnType<typeof occupancyLevel>, pct: number) {
  if (level === 'comfortable') return null;
  if (level === 'paused')
    return {
      zh: '景区游客已达最大承载量，暂停入园，请错峰游览。',
      en: 'The spot is full: entry is stopped. Please come at another time.',
    };
  return {
    zh: `景区游客已达最大承载量的 ${pct}%，已停止售票，请错峰游览。`,
    en: `The spot has reached ${pct}% of its capacity: ticket sales are stopped. Please come at another time.`,
  };
}

export function toOccupancy(s: store.TSpotRow, current: number, updatedAt: Date | null): TOccupancy {
  const level = occupancyLevel(current, s.instantCapacity, thresholdsOf(s));
  return {
    spotId: s.businessId,
    occupancy: current,
    instantCapacity: s.instantCapacity,
    ratio: Math.round((current / s.instantCapacity) * 1000) / 1000,
    level,
    label: levelLabel(level),
    salesPaused: salesPaused(current, s.instantCapacity, thresholdsOf(s)),
    notice: publicNotice(level, s.warningPct),
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}

type TSpotView = NonNullable<Awaited<ReturnType<typeof store.getSpot>>>;
function toSettings(v: TSpotView): TSpotSettings {
  const s = v.spot;
  return {
    spotId: s.businessId,
    name: v.name,
    nameEn: v.nameEn,
    aLevel: v.aLevel,
    instantCapacity: s.instantCapacity,
    dailyCapacity: s.dailyCapacity,
    opensAt: formatTimeOfDay(s.opensAtMinute),
    closesAt: formatTimeOfDay(s.closesAtMinute),
    averageStayMinutes: s.averageStayMinutes,
    slotMinutes: s.slotMinutes,
    maxPartySize: s.maxPartySize,
    checkInGraceMinutes: s.checkInGraceMinutes,
    thresholds: thresholdsOf(s),
    walkInPct: s.walkInPct,
    turnover: turnoverFor(s.closesAtMinute - s.opensAtMinute, s.averageStayMinutes),
    reservable: s.reservable,
  };
}

/** A slot as tourists see it: what is left and whether it can be booked now. */
export function toSlot(
  slot: store.TSlotRow,
  ctx: { now: Date; closed: boolean; today: string; salesPaused: boolean },
): TSlot {
  const state = ctx.closed
    ? 'closed'
    : slot.endsAt <= ctx.now
      ? 'ended'
      : slot.remaining - slot.walkInRemaining === 0
        ? 'sold_out'
        : slot.day === ctx.today && ctx.salesPaused
          ? 'sales_paused'
          : 'open';
  return {
    id: slot.id,
    day: slot.day,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    quota: slot.quota,
    // What a tourist may book: the places kept for walk-ins are not theirs.
    remaining: slot.remaining - slot.walkInRemaining,
    walkInRemaining: slot.walkInRemaining,
    state,
  };
}

/** Staff configure their spot; tourists read availability and busy-ness. */
export function createReservationService({ db, clock, events, onTicketsChange = () => {} }: TReservationDeps) {
  // Public reads (the spots with their busy-ness, a spot's settings, slots and occupancy) for one second, per
  // spot; every write here, each booking and cancellation, and each gate pass evict their spot at once.
  const reads = createReadCache(1000);
  /** A spot's public picture changed in this process: its cached reads (and the spots list) go. */
  function changed(spotId: string) {
    reads.evict(spotId);
    reads.evict(ALL_SPOTS);
  }
  /** Runs a change and evicts its spot's reads once it has ended, committed or not. */
  async function evictAfter<T>(spotId: string, change: Promise<T>): Promise<T> {
    try {
      return await change;
    } finally {
      changed(spotId);
    }
  }
  /** Readings that depend on the time hold only within the clock's second (tests move the clock). */
  const second = () => Math.floor(clock.now().getTime() / 1000);

  async function requireSpot(id: string) {
    const v = await store.getSpot(db, id);
    if (!v) throw notFound();
    return v;
  }

  function publishOccupancy(o: TOccupancy) {
    changed(o.spotId);
    events.publish({
      channel: 'occupancy',
      event: 'occupancy',
      data: o,
      filter: (sub) => mayWatchOccupancy(sub, o.spotId),
    });
  }

  return {
    publishOccupancy,
    changed,

    listSpots() {
      return reads.get(
        ALL_SPOTS,
        'list',
        async () => {
          const rows = await store.listSpots(db);
          return rows.map((v) => ({
            ...toSettings(v),
            occupancy: toOccupancy(v.spot, v.occupancy ?? 0, v.occupancyAt),
          }));
        },
        second(),
      );
    },

    getSettings(id: string) {
      return reads.get(id, 'settings', async () => toSettings(await requireSpot(id)));
    },

    getOccupancy(id: string) {
      return reads.get(
        id,
        'occupancy',
        async () => {
          const v = await requireSpot(id);
          return toOccupancy(v.spot, v.occupancy ?? 0, v.occupancyAt);
        },
        second(),
      );
    },

    /** The reports to the local government that warning levels called for, newest first; a spot's account its own. */
    async listFlowReports(actor: TActor, spotId: string | undefined): Promise<TFlowReport[]> {
      const own = reportSpotOf(actor);
      if (!readsEverySpot(actor) && !own) throw forbidden();
      if (own && spotId && spotId !== own) throw notFound();
      const rows = await store.listFlowReports(db, own ?? spotId ?? null, 200);
      return rows.map(({ report: r, name, nameEn }) => ({
        id: r.id,
        spotId: r.businessId,
        spotName: name,
        spotNameEn: nameEn,
        occupancy: r.occupancy,
        instantCapacity: r.instantCapacity,
        pct: r.pct,
        raisedAt: r.raisedAt.toISOString(),
        reportedAt: r.reportedAt?.toISOString() ?? null,
        reportedTo: r.reportedTo,
        note: r.note,
      }));
    },

    /** The command center records the report made to the local government: the step with its time, once. */
    async recordFlowReport(actor: TActor, id: string, input: { reportedTo: string; note?: string }) {
      if (actor.role !== 'dispatcher') throw forbidden();
      await db.transaction(async (tx) => {
        const before = await store.getFlowReport(tx, id);
        if (!before) throw notFound();
        const row = await store.recordFlowReport(tx, id, {
          reportedAt: clock.now(),
          reportedBy: actor.id,
          reportedTo: input.reportedTo,
          note: input.note ?? null,
        });
        if (!row) throw new AppError('flow_report_recorded', 409);
        await writeAudit(tx, actor, {
          action: 'reservation.government_report',
          objectType: 'flow_report',
          objectId: id,
          before: { reportedAt: null },
          after: { reportedAt: row.reportedAt?.toISOString(), reportedTo: row.reportedTo },
        });
      });
      return (await this.listFlowReports(actor, undefined)).find((r) => r.id === id);
    },

    /** Creates or changes a spot's reservation settings. Daily capacity defaults to the guideline's rule. */
    async saveSettings(actor: TActor, spotId: string, input: TSpotSettingsRequest) {
      await assertConfigurable(db, actor, spotId);
      const biz = await getBusiness(db, spotId);
      if (!biz) throw notFound();
      if (biz.kind !== 'scenic_spot') throw new AppError('not_scenic_spot', 422);
      const opens = parseTimeOfDay(input.opensAt);
      const closes = parseTimeOfDay(input.closesAt);
      if (closes <= opens) throw new AppError('validation_failed', 422, 'closesAt');
      const t = input.thresholds ?? DEFAULT_THRESHOLDS;
      const values = {
        businessId: spotId,
        instantCapacity: input.instantCapacity,
        dailyCapacity:
          input.dailyCapacity ??
          Math.max(1, dailyCapacityFor(input.instantCapacity, closes - opens, input.averageStayMinutes)),
        opensAtMinute: opens,
        closesAtMinute: closes,
        averageStayMinutes: input.averageStayMinutes,
        slotMinutes: input.slotMinutes ?? 60,
        maxPartySize: input.maxPartySize ?? 5,
        checkInGraceMinutes: input.checkInGraceMinutes ?? 30,
        warningPct: t.warningPct,
        stopSalesPct: t.stopSalesPct,
        stopEntryPct: t.stopEntryPct,
        localAlertPct: t.localAlertPct ?? null,
        walkInPct: input.walkInPct ?? 0,
        reservable: input.reservable ?? true,
        updatedAt: clock.now(),
      };
      await db.transaction(async (tx) => {
        const before = await store.lockSpot(tx, spotId);
        await store.upsertSpot(tx, values);
        await writeAudit(tx, actor, {
          action: 'reservation.settings',
          objectType: 'scenic_spot',
          objectId: spotId,
          before: before ?? null,
          after: values,
        });
      });
      changed(spotId);
      return toSettings(await requireSpot(spotId));
    },

    /**
     * Publishes slots for a range of days: the given slots, or the spot's default plan (opening hours in
     * slotMinutes pieces sharing the daily capacity). Existing slots keep their bookings and get the new
     * quota; closed days are skipped. Each day's quotas must fit within the daily capacity.
     */
    async publishSlots(actor: TActor, spotId: string, input: TPublishSlotsRequest) {
      await assertConfigurable(db, actor, spotId);
      const today = localDay(clock.now());
      if (input.from < today) throw new AppError('day_in_past', 422, 'from');
      if (input.to > addDays(input.from, 91)) throw new AppError('range_too_long', 422, 'to');
      return evictAfter(
        spotId,
        db.transaction(async (tx) => {
          const spot = await store.lockSpot(tx, spotId);
          if (!spot) throw notFound();
          const plan = input.slots
            ? input.slots.map((s) => ({
                startMinute: parseTimeOfDay(s.start),
                endMinute: parseTimeOfDay(s.end),
                quota: s.quota,
                walkIn: s.walkIn ?? walkInPlaces(s.quota, spot.walkInPct),
              }))
            : planSlots(spot.opensAtMinute, spot.closesAtMinute, spot.slotMinutes, spot.dailyCapacity).map((p) => ({
                ...p,
                walkIn: walkInPlaces(p.quota, spot.walkInPct),
              }));
          plan.forEach((p, i) => {
            if ((p.walkIn ?? 0) > p.quota) throw new AppError('walk_in_over_quota', 422, `slots.${i}.walkIn`);
            if (p.startMinute < spot.opensAtMinute || p.endMinute > spot.closesAtMinute || p.endMinute <= p.startMinute)
              throw new AppError('slot_outside_hours', 422, `slots.${i}`);
          });
          const closed = new Set((await store.listClosedDays(tx, spotId, input.from, input.to)).map((d) => d.day));
          const days = daysBetween(input.from, input.to).filter((d) => !closed.has(d));
          const rows = days.flatMap((day) =>
            plan.map((p) => ({
              businessId: spotId,
              day,
              startsAt: localInstant(day, p.startMinute),
              endsAt: localInstant(day, p.endMinute),
              quota: p.quota,
              remaining: p.quota,
              walkInRemaining: p.walkIn ?? 0,
            })),
          );
          const saved = await quotaChange(() => store.upsertSlots(tx, rows));
          const over = await store.daysOverDailyCapacity(tx, spotId, days, spot.dailyCapacity);
          if (over.length) throw new AppError('quota_over_daily_capacity', 422, 'slots');
          await writeAudit(tx, actor, {
            action: 'reservation.publish_slots',
            objectType: 'scenic_spot',
            objectId: spotId,
            after: { from: input.from, to: input.to, days: days.length, slotsPerDay: plan.length },
          });
          return { days: days.length, slots: saved.length, skippedClosedDays: [...closed].sort() };
        }),
      );
    },

    async setSlotQuota(actor: TActor, slotId: string, quota: number) {
      const found = await store.getSlot(db, slotId);
      if (!found) throw notFound();
      if (!canSpot(actor, 'configure', found.businessId)) throw notFound();
      const now = clock.now();
      return evictAfter(
        found.businessId,
        db.transaction(async (tx) => {
          const spot = await store.lockSpot(tx, found.businessId);
          const slot = await quotaChange(() => store.setSlotQuota(tx, slotId, quota));
          const over = await store.daysOverDailyCapacity(tx, slot.businessId, [slot.day], spot.dailyCapacity);
          if (over.length) throw new AppError('quota_over_daily_capacity', 422, 'quota');
          await writeAudit(tx, actor, {
            action: 'reservation.slot_quota',
            objectType: 'time_slot',
            objectId: slotId,
            before: { quota: found.quota },
            after: { quota },
          });
          const closed = await store.isDayClosed(tx, slot.businessId, slot.day);
          return toSlot(slot, { now, closed, today: localDay(now), salesPaused: false });
        }),
      );
    },

    /** Closes a day: nothing more is sold and the day's open bookings are voided, their places returned. */
    async closeDay(actor: TActor, spotId: string, day: string, reason: string) {
      await assertConfigurable(db, actor, spotId);
      const now = clock.now();
      if (day < localDay(now)) throw new AppError('day_in_past', 422, 'day');
      return evictAfter(
        spotId,
        db.transaction(async (tx) => {
          if (!(await store.lockSpot(tx, spotId))) throw notFound();
          const added = await store.insertClosedDay(tx, spotId, day, reason);
          const voided = added ? await store.voidBookingsOfDay(tx, spotId, day, now) : [];
          await store.releaseVisitors(
            tx,
            voided.map((v) => v.id),
          );
          const back = new Map<string, number>();
          for (const v of voided) back.set(v.slotId, (back.get(v.slotId) ?? 0) + v.partySize);
          for (const [slotId, n] of back) await store.returnPlaces(tx, slotId, n);
          await writeAudit(tx, actor, {
            action: 'reservation.close_day',
            objectType: 'scenic_spot',
            objectId: spotId,
            after: { day, reason, voidedBookings: voided.length },
          });
          onTicketsChange(voided.map((v) => v.id));
          return { day, closed: true, voidedBookings: voided.length };
        }),
      );
    },

    async reopenDay(actor: TActor, spotId: string, day: string) {
      await assertConfigurable(db, actor, spotId);
      return evictAfter(
        spotId,
        db.transaction(async (tx) => {
          if (!(await store.lockSpot(tx, spotId))) throw notFound();
          const removed = await store.deleteClosedDay(tx, spotId, day);
          if (!removed) throw notFound();
          await writeAudit(tx, actor, {
            action: 'reservation.reopen_day',
            objectType: 'scenic_spot',
            objectId: spotId,
            after: { day },
          });
          return { day, closed: false, voidedBookings: 0 };
        }),
      );
    },

    /** Public: each day's slots with what is left, from `from` (default today) for `days` days. */
    availability(spotId: string, fromDay: string | undefined, days: number): Promise<TAvailability> {
      return reads.get(
        spotId,
        `availability|${fromDay ?? ''}|${days}`,
        () => readAvailability(spotId, fromDay, days),
        second(),
      );
    },
  };

  async function readAvailability(spotId: string, fromDay: string | undefined, days: number): Promise<TAvailability> {
    const v = await requireSpot(spotId);
    const now = clock.now();
    const today = localDay(now);
    const from = fromDay ?? today;
    const to = addDays(from, days - 1);
    const [slots, closedDays] = [
      await store.listSlots(db, spotId, from, to),
      await store.listClosedDays(db, spotId, from, to),
    ];
    const closed = new Map(closedDays.map((d) => [d.day, d.reason]));
    const paused = salesPaused(v.occupancy ?? 0, v.spot.instantCapacity, thresholdsOf(v.spot));
    return {
      spotId,
      days: daysBetween(from, to).map((day) => ({
        day,
        closed: closed.has(day) || !v.spot.reservable,
        closedReason: closed.get(day) ?? null,
        slots: slots
          .filter((s) => s.day === day)
          .map((s) => toSlot(s, { now, closed: closed.has(day) || !v.spot.reservable, today, salesPaused: paused })),
      })),
    };
  }
}

const ALL_SPOTS = '*';

/** A quota below what is booked breaks the slot's CHECK: answered as a conflict, not a server error. */
async function quotaChange<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const e = store.pgError(err);
    if (e.code === '23514') throw new AppError('quota_below_booked', 409, 'quota');
    throw err;
  }
}

export type TReservationService = ReturnType<typeof createReservationService>;
