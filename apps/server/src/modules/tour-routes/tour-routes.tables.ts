import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** 旅游线路: a themed route (e.g. red-tourism teaching routes, seed 004) that admins edit and tourists follow. */
export const routes = pgTable(
  'routes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** Theme code: red, culture, nature, food, family … */
    theme: text('theme').notNull(),
    summary: text('summary').notNull().default(''),
    summaryEn: text('summary_en'),
    durationMinutes: integer('duration_minutes'),
    published: boolean('published').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('routes_duration_ck', sql`${t.durationMinutes} is null or ${t.durationMinutes} > 0`)],
);

/** The ordered stops of a route: a business, a station, or a named place with its own position. */
export const routeStops = pgTable(
  'route_stops',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    businessId: uuid('business_id'),
    stationId: uuid('station_id'),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    note: text('note'),
    noteEn: text('note_en'),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
  },
  (t) => [uniqueIndex('route_stops_route_seq_uq').on(t.routeId, t.seq), check('route_stops_seq_ck', sql`${t.seq} > 0`)],
);
