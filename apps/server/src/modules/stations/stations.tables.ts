import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * 红色驿站 / 红色微站: service stations with their services and hours. Hours are minutes after midnight in the
 * prefecture's zone (UTC+8); 0–1440 means open all day.
 */
export const stations = pgTable(
  'stations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').notNull(),
    /** Service codes: STATION_SERVICES in contracts/stations.ts (water, first_aid, … wifi, errands, drivers_guides_home). */
    services: text('services').array().notNull().default(sql`'{}'::text[]`),
    opensAtMinute: integer('opens_at_minute').notNull(),
    closesAtMinute: integer('closes_at_minute').notNull(),
    address: text('address').notNull().default(''),
    addressEn: text('address_en'),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    regionCode: text('region_code').notNull(),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stations_region_idx').on(t.regionCode),
    check('stations_kind_ck', sql`${t.kind} in ('station', 'micro_station')`),
    check(
      'stations_hours_ck',
      sql`${t.opensAtMinute} >= 0 and ${t.closesAtMinute} <= 1440 and ${t.opensAtMinute} < ${t.closesAtMinute}`,
    ),
    check('stations_position_ck', sql`${t.lng} between -180 and 180 and ${t.lat} between -90 and 90`),
  ],
);
