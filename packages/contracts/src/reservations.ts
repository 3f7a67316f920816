import { z } from 'zod';
import { day, text } from './common.js';
import { normaliseDocumentNumber, VISITOR_DOCUMENT_TYPES } from './visitor-documents.js';

/**
 * 分时预约 time-slot reservations. Days are calendar days in the prefecture's zone (Asia/Shanghai, UTC+8);
 * times of day are 'HH:MM' in that zone; instants are ISO strings.
 */
export const ZDay = day();
export const ZTimeOfDay = text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time');

/**
 * 占比阈值 (percent of instant capacity): warning 预警 with its public notice and report to the local government,
 * stop selling same-day slots 停售当日, stop entry 暂停入园. Defaults 80 / 80 / 100 (issue 18 §4). `localAlertPct`
 * is an extra alert level some places use (e.g. 90%): a local choice, not in LB/T 034-2014; null = none.
 */
export const ZOccupancyThresholds = z
  .strictObject({
    warningPct: z.number().int().min(1).max(200),
    stopSalesPct: z.number().int().min(1).max(200),
    stopEntryPct: z.number().int().min(1).max(200),
    localAlertPct: z.number().int().min(1).max(200).nullable().optional(),
  })
  .refine((t) => t.warningPct <= t.stopSalesPct && t.stopSalesPct <= t.stopEntryPct, {
    message: 'thresholds_order',
    path: ['stopSalesPct'],
  })
  .refine((t) => t.localAlertPct == null || (t.warningPct < t.localAlertPct && t.localAlertPct < t.stopEntryPct), {
    message: 'thresholds_order',
    path: ['localAlertPct'],
  });
export type TOccupancyThresholds = z.infer<typeof ZOccupancyThresholds>;

/** What staff set for a reservable scenic spot. dailyCapacity omitted → instant × opening hours ÷ average stay. */
export const ZSpotSettingsRequest = z.strictObject({
  instantCapacity: z.number().int().min(1).max(1_000_000),
  dailyCapacity: z.number().int().min(1).max(10_000_000).optional(),
  opensAt: ZTimeOfDay,
  closesAt: ZTimeOfDay,
  averageStayMinutes: z
    .number()
    .int()
    .min(10)
    .max(24 * 60),
  slotMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60)
    .default(60),
  maxPartySize: z.number().int().min(1).max(50).default(5),
  checkInGraceMinutes: z.number().int().min(0).max(240).default(30),
  thresholds: ZOccupancyThresholds.optional(),
  /** percent of each slot kept for walk-ins and proxy booking (elderly and offline visitors): a local choice */
  walkInPct: z.number().int().min(0).max(50).default(0),
  reservable: z.boolean().default(true),
});
export type TSpotSettingsRequest = z.input<typeof ZSpotSettingsRequest>;

export const OCCUPANCY_LEVELS = ['comfortable', 'busy', 'crowded', 'paused'] as const;
export const ZOccupancyLevel = z.enum(OCCUPANCY_LEVELS);
export type TOccupancyLevel = z.infer<typeof ZOccupancyLevel>;
/** The plain busy-ness label tourists see. */
export const OCCUPANCY_LEVEL_LABELS: Record<TOccupancyLevel, { zh: string; en: string }> = {
  comfortable: { zh: '舒适', en: 'Comfortable' },
  busy: { zh: '较拥挤', en: 'Busy' },
  crowded: { zh: '拥挤', en: 'Crowded' },
  paused: { zh: '暂停入园', en: 'Entry paused' },
};

export const ZOccupancy = z.object({
  spotId: z.string(),
  occupancy: z.number().int(),
  instantCapacity: z.number().int(),
  /** occupancy ÷ instant capacity, 0..n */
  ratio: z.number(),
  level: ZOccupancyLevel,
  label: z.object({ zh: z.string(), en: z.string() }),
  /** same-day slots are not sold at or above the stop-sales threshold */
  salesPaused: z.boolean(),
  /** the public notice while at or above the warning level */
  notice: z.object({ zh: z.string(), en: z.string() }).nullable(),
  updatedAt: z.string().nullable(),
});
export type TOccupancy = z.infer<typeof ZOccupancy>;

export const ZSpotSettings = z.object({
  spotId: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  aLevel: z.number().int().nullable(),
  instantCapacity: z.number().int(),
  dailyCapacity: z.number().int(),
  opensAt: ZTimeOfDay,
  closesAt: ZTimeOfDay,
  averageStayMinutes: z.number().int(),
  slotMinutes: z.number().int(),
  maxPartySize: z.number().int(),
  checkInGraceMinutes: z.number().int(),
  thresholds: z.object({
    warningPct: z.number(),
    stopSalesPct: z.number(),
    stopEntryPct: z.number(),
    localAlertPct: z.number().nullable(),
  }),
  walkInPct: z.number().int(),
  /** visits a place turns over in a day: ⌊opening minutes ÷ average stay⌋ (LB/T 034-2014) */
  turnover: z.number().int(),
  reservable: z.boolean(),
});
export type TSpotSettings = z.infer<typeof ZSpotSettings>;

/** One slot to create or re-quota. Omitting `slots` generates them from opening hours and slotMinutes. */
export const ZSlotSpec = z.strictObject({
  start: ZTimeOfDay,
  end: ZTimeOfDay,
  quota: z.number().int().min(0).max(1_000_000),
  /** places kept for walk-ins and proxy booking; the spot's walkInPct of the quota when omitted */
  walkIn: z.number().int().min(0).max(1_000_000).optional(),
});
export const ZPublishSlotsRequest = z
  .strictObject({ from: ZDay, to: ZDay, slots: z.array(ZSlotSpec).min(1).max(48).optional() })
  .refine((r) => r.from <= r.to, { message: 'range_order', path: ['to'] });
export type TPublishSlotsRequest = z.infer<typeof ZPublishSlotsRequest>;

export const ZSlotQuotaRequest = z.strictObject({ quota: z.number().int().min(0).max(1_000_000) });
export const ZCloseDayRequest = z.strictObject({ reason: text().trim().min(1).max(200) });

export const SLOT_STATES = ['open', 'sold_out', 'closed', 'ended', 'sales_paused'] as const;
export const ZSlot = z.object({
  id: z.string(),
  day: ZDay,
  startsAt: z.string(),
  endsAt: z.string(),
  quota: z.number().int(),
  /** places a tourist may still book online */
  remaining: z.number().int(),
  /** places still kept for walk-ins and proxy booking */
  walkInRemaining: z.number().int(),
  state: z.enum(SLOT_STATES),
});
export type TSlot = z.infer<typeof ZSlot>;

// Not strict: the web client may add ?lang= to any request.
export const ZAvailabilityQuery = z.object({
  from: ZDay.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
});
export const ZAvailability = z.object({
  spotId: z.string(),
  days: z.array(
    z.object({ day: ZDay, closed: z.boolean(), closedReason: z.string().nullable(), slots: z.array(ZSlot) }),
  ),
});
export type TAvailability = z.infer<typeof ZAvailability>;

/**
 * A named visitor and the document they travel on (issue 18): `documentType` (a resident ID when omitted, as
 * before) and its number in `idNumber`, checked by that document's own format — the resident ID and the
 * residence permit with their GB 11643 checksum — stored encrypted, shown masked. A passport also names its
 * nationality (ISO 3166 alpha-3). The check of the number by its type (`isValidVisitorDocument`) is the
 * service's, answering 422 invalid_id_number naming the visitor, as the resident ID's checksum always was.
 */
export const ZVisitorInput = z.strictObject({
  name: text().trim().min(1).max(40),
  documentType: z.enum(VISITOR_DOCUMENT_TYPES).default('resident_id'),
  idNumber: text().max(40).transform(normaliseDocumentNumber),
  nationality: text()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'invalid_nationality'))
    .optional(),
});
export type TVisitorInput = z.input<typeof ZVisitorInput>;
export const ZCreateBookingRequest = z.strictObject({
  slotId: text().uuid(),
  visitors: z.array(ZVisitorInput).min(1).max(50),
});
export type TCreateBookingRequest = z.input<typeof ZCreateBookingRequest>;

export const BOOKING_STATUSES = ['booked', 'cancelled', 'checked_in', 'voided'] as const;
export const ZBookingStatus = z.enum(BOOKING_STATUSES);
export type TBookingStatus = z.infer<typeof ZBookingStatus>;

export const ZBooking = z.object({
  id: z.string(),
  /** what the QR code carries; typed at the gate when the camera cannot read it */
  ticketCode: z.string(),
  status: ZBookingStatus,
  spotId: z.string(),
  spotName: z.string(),
  spotNameEn: z.string().nullable(),
  day: ZDay,
  startsAt: z.string(),
  endsAt: z.string(),
  partySize: z.number().int(),
  visitors: z.array(
    z.object({
      name: z.string(),
      idNumberMasked: z.string(),
      documentType: z.enum(VISITOR_DOCUMENT_TYPES),
      nationality: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
});
export type TBooking = z.infer<typeof ZBooking>;

export const ZCheckInRequest = z.strictObject({
  ticketCode: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(text().regex(/^[0-9A-Z]{6,20}$/)),
});

export const ZCreateGateDeviceRequest = z.strictObject({ name: text().trim().min(1).max(60) });
export const ZGateDevice = z.object({
  id: z.string(),
  spotId: z.string(),
  name: z.string(),
  active: z.boolean(),
  lastSeenAt: z.string().nullable(),
  createdAt: z.string(),
});
/** The key is answered once, at creation; only its hash is stored. */
export const ZGateDeviceCreated = ZGateDevice.extend({ key: z.string() });

/** A turnstile reports people passing; sent with the header `X-Device-Key`. */
export const ZGatePassRequest = z.strictObject({
  direction: z.enum(['in', 'out']),
  count: z.number().int().min(1).max(500).default(1),
});

/** 代预约: staff at the gate or a station book a slot for a visitor (elderly, offline), from the walk-in places first. */
export const ZProxyBookingRequest = z.strictObject({
  visitors: z.array(ZVisitorInput).min(1).max(50),
});
export type TProxyBookingRequest = z.input<typeof ZProxyBookingRequest>;

/** The report to the local government a warning level calls for, as a recorded step. */
export const ZFlowReport = z.object({
  id: z.string(),
  spotId: z.string(),
  spotName: z.string(),
  spotNameEn: z.string().nullable(),
  occupancy: z.number().int(),
  instantCapacity: z.number().int(),
  pct: z.number().int(),
  raisedAt: z.string(),
  reportedAt: z.string().nullable(),
  reportedTo: z.string().nullable(),
  note: z.string().nullable(),
});
export type TFlowReport = z.infer<typeof ZFlowReport>;
export const ZRecordFlowReportRequest = z.strictObject({
  reportedTo: text().trim().min(1).max(100),
  note: text().trim().max(500).optional(),
});
export const ZFlowReportQuery = z.object({ spotId: text().uuid().optional() });
