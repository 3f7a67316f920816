import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { businesses } from '../master-data/master-data.tables.js';

/**
 * A reservable scenic spot (景区分时预约设置): one row per business of kind scenic_spot. Capacities follow the
 * national guideline (最大承载量): daily ≈ instant × opening hours ÷ average stay. Times of day are minutes
 * after midnight in the prefecture's zone (UTC+8).
 */
export const reservableSpots = pgTable(
  'reservable_spots',
  {
    businessId: uuid('business_id')
      .primaryKey()
      .references(() => businesses.id),
    instantCapacity: integer('instant_capacity').notNull(),
    dailyCapacity: integer('daily_capacity').notNull(),
    opensAtMinute: integer('opens_at_minute').notNull(),
    closesAtMinute: integer('closes_at_minute').notNull(),
    averageStayMinutes: integer('average_stay_minutes').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(60),
    maxPartySize: integer('max_party_size').notNull().default(5),
    checkInGraceMinutes: integer('check_in_grace_minutes').notNull().default(30),
    warningPct: integer('warning_pct').notNull().default(80),
    stopSalesPct: integer('stop_sales_pct').notNull().default(80),
    stopEntryPct: integer('stop_entry_pct').notNull().default(100),
    /** the optional local alert level (e.g. 90%): a local choice, not in LB/T 034-2014; null = none */
    localAlertPct: integer('local_alert_pct'),
    /** percent of each slot's quota kept for walk-ins and proxy booking (elderly, offline visitors): local choice */
    walkInPct: integer('walk_in_pct').notNull().default(0),
    reservable: boolean('reservable').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('reservable_spots_capacity_ck', sql`${t.instantCapacity} > 0 and ${t.dailyCapacity} > 0`),
    check(
      'reservable_spots_hours_ck',
      sql`${t.opensAtMinute} >= 0 and ${t.closesAtMinute} <= 1440 and ${t.opensAtMinute} < ${t.closesAtMinute}`,
    ),
    check(
      'reservable_spots_limits_ck',
      sql`${t.averageStayMinutes} > 0 and ${t.slotMinutes} > 0 and ${t.maxPartySize} > 0 and ${t.checkInGraceMinutes} >= 0`,
    ),
    check(
      'reservable_spots_thresholds_ck',
      sql`0 < ${t.warningPct} and ${t.warningPct} <= ${t.stopSalesPct} and ${t.stopSalesPct} <= ${t.stopEntryPct}`,
    ),
    check(
      'reservable_spots_local_alert_ck',
      sql`${t.localAlertPct} is null or (${t.warningPct} < ${t.localAlertPct} and ${t.localAlertPct} < ${t.stopEntryPct})`,
    ),
    check('reservable_spots_walk_in_ck', sql`${t.walkInPct} between 0 and 50`),
  ],
);

/** 闭园日: no slot of the day is sold; closing a day voids its bookings (their places return). */
export const spotClosedDays = pgTable(
  'spot_closed_days',
  {
    businessId: uuid('business_id')
      .notNull()
      .references(() => reservableSpots.businessId),
    day: date('day', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.day] })],
);

/**
 * 时段 with its quota. `remaining` is decremented by one conditional UPDATE per booking; the CHECKs make an
 * oversold or over-returned slot impossible whatever the application does.
 */
export const timeSlots = pgTable(
  'time_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => reservableSpots.businessId),
    day: date('day', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    quota: integer('quota').notNull(),
    remaining: integer('remaining').notNull(),
    /**
     * Of `remaining`, the places only walk-ins and staff booking for a visitor may take (seed 002 task 4). Online
     * bookings take from `remaining - walk_in_remaining`; the CHECK keeps them out of it on every path.
     */
    walkInRemaining: integer('walk_in_remaining').notNull().default(0),
  },
  (t) => [
    uniqueIndex('time_slots_spot_start_uq').on(t.businessId, t.startsAt),
    index('time_slots_spot_day_idx').on(t.businessId, t.day),
    check('time_slots_remaining_ck', sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.quota}`),
    check('time_slots_window_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('time_slots_walk_in_ck', sql`${t.walkInRemaining} >= 0 and ${t.walkInRemaining} <= ${t.remaining}`),
  ],
);

/** A booking of a slot for a party; `ticketCode` is what the QR code carries. */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketCode: text('ticket_code').notNull(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => timeSlots.id),
    businessId: uuid('business_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    touristUserId: uuid('tourist_user_id').notNull(),
    partySize: integer('party_size').notNull(),
    status: text('status').notNull().default('booked'),
    /** online (the tourist's own phone) or proxy (staff at the gate or a station booked for the visitor) */
    channel: text('channel').notNull().default('online'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by'),
  },
  (t) => [
    uniqueIndex('bookings_ticket_code_uq').on(t.ticketCode),
    index('bookings_tourist_idx').on(t.touristUserId, t.createdAt),
    index('bookings_slot_idx').on(t.slotId, t.status),
    check('bookings_party_ck', sql`${t.partySize} > 0`),
    check('bookings_status_ck', sql`${t.status} in ('booked', 'cancelled', 'checked_in', 'voided')`),
  ],
);

/**
 * Named visitors. The ID number is never stored in clear: AES-256-GCM ciphertext (for a privileged, audited
 * unmasking later), a keyed hash (one active booking per ID number per spot per day, enforced by the unique
 * index below) and the masked form every screen shows.
 */
export const bookingVisitors = pgTable(
  'booking_visitors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    businessId: uuid('business_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    /** which document `id_number_*` is the number of (issue 18); rows from before it are resident IDs */
    documentType: text('document_type').notNull().default('resident_id'),
    /** a passport's nationality, ISO 3166 alpha-3 */
    nationality: text('nationality'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    index('booking_visitors_booking_idx').on(t.bookingId),
    uniqueIndex('booking_visitors_one_per_day_uq').on(t.businessId, t.day, t.idNumberHash).where(sql`${t.active}`),
  ],
);

/** Turnstiles and gate machines; each has a random key, stored as its SHA-256 only. */
export const gateDevices = pgTable(
  'gate_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => reservableSpots.businessId),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    active: boolean('active').notNull().default(true),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('gate_devices_key_uq').on(t.keyHash), index('gate_devices_spot_idx').on(t.businessId)],
);

/**
 * 在园人数: live occupancy per spot = entries − exits, changed only by conditional UPDATEs in the same
 * transaction as the check-in or gate pass that causes it. The CHECKs keep the counters consistent.
 */
export const spotOccupancy = pgTable(
  'spot_occupancy',
  {
    businessId: uuid('business_id')
      .primaryKey()
      .references(() => reservableSpots.businessId),
    entries: bigint('entries', { mode: 'number' }).notNull().default(0),
    exits: bigint('exits', { mode: 'number' }).notNull().default(0),
    current: integer('current').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [
    check('spot_occupancy_current_ck', sql`${t.current} >= 0 and ${t.current} = ${t.entries} - ${t.exits}`),
    check('spot_occupancy_counts_ck', sql`${t.entries} >= 0 and ${t.exits} >= 0`),
  ],
);

/** Every counted pass (check-in or turnstile), for daily reports and peaks. Machine counts, not audit entries. */
export const gatePasses = pgTable(
  'gate_passes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    businessId: uuid('business_id').notNull(),
    deviceId: uuid('device_id'),
    bookingId: uuid('booking_id'),
    direction: text('direction').notNull(),
    count: integer('count').notNull(),
    occupancyAfter: integer('occupancy_after').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('gate_passes_spot_at_idx').on(t.businessId, t.at),
    check('gate_passes_direction_ck', sql`${t.direction} in ('in', 'out')`),
    check('gate_passes_count_ck', sql`${t.count} > 0`),
  ],
);

/**
 * 向当地政府报告: when a spot's occupancy reaches the warning level, a report to the local government is due
 * (with the public notice and the stop of sales). The row is the step: raised when the level is crossed, and
 * `reportedAt` is when the command center recorded the report made, to whom and by whom.
 */
export const flowReports = pgTable(
  'flow_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => reservableSpots.businessId),
    occupancy: integer('occupancy').notNull(),
    instantCapacity: integer('instant_capacity').notNull(),
    pct: integer('pct').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedBy: uuid('reported_by'),
    reportedTo: text('reported_to'),
    note: text('note'),
  },
  (t) => [index('flow_reports_spot_idx').on(t.businessId, t.raisedAt)],
);
