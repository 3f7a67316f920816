import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { EARTH_RADIUS_M } from './geo.js';
import { stations } from './stations.tables.js';

export type TStationRow = typeof stations.$inferSelect;
export type TStationInsert = typeof stations.$inferInsert;

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export type TStationFilter = {
  region?: string;
  services?: string[];
  kind?: string;
  q?: string;
  /** false: inactive ones too (admins) */
  activeOnly: boolean;
};

function where(f: TStationFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.activeOnly) c.push(eq(stations.active, true));
  if (f.region) c.push(sql`${stations.regionCode} like ${`${f.region}%`}`);
  if (f.services?.length)
    c.push(
      sql`${stations.services} @> array[${sql.join(
        f.services.map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`,
    );
  if (f.kind) c.push(eq(stations.kind, f.kind));
  if (f.q)
    c.push(or(ilike(stations.name, like(f.q)), ilike(stations.code, like(f.q)), ilike(stations.address, like(f.q)))!);
  return c.length ? and(...c) : undefined;
}

/** Great-circle distance (haversine) from a point to each station, in metres, computed by the database. */
const distanceTo = (p: { lng: number; lat: number }) =>
  sql<number>`${EARTH_RADIUS_M}::float8 * 2 * asin(least(1, sqrt(
    power(sin(radians(${stations.lat} - ${p.lat}::float8) / 2), 2)
    + cos(radians(${p.lat}::float8)) * cos(radians(${stations.lat}))
      * power(sin(radians(${stations.lng} - ${p.lng}::float8) / 2), 2))))`;

/** Nearest first with the distance when `near` is given; otherwise by region, then name. */
export async function findStations(
  db: TExecutor,
  f: TStationFilter,
  near: { lng: number; lat: number } | undefined,
  limit: number,
): Promise<(TStationRow & { distanceMetres?: number })[]> {
  if (near) {
    const d = distanceTo(near);
    const rows = await db
      .select({ s: stations, distance: d })
      .from(stations)
      .where(where(f))
      .orderBy(d, asc(stations.name))
      .limit(limit);
    return rows.map((r) => ({ ...r.s, distanceMetres: Number(r.distance) }));
  }
  return db.select().from(stations).where(where(f)).orderBy(asc(stations.regionCode), asc(stations.name)).limit(limit);
}

export async function pageStations(db: TExecutor, f: TStationFilter, page: number, pageSize: number) {
  const w = where(f);
  const items = await db
    .select()
    .from(stations)
    .where(w)
    .orderBy(asc(stations.regionCode), asc(stations.name))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(stations, w) };
}

export const getStation = async (db: TExecutor, id: string) =>
  (await db.select().from(stations).where(eq(stations.id, id)))[0];
export const getStationByCode = async (db: TExecutor, code: string) =>
  (await db.select().from(stations).where(eq(stations.code, code)))[0];

export async function insertStation(db: TExecutor, v: TStationInsert) {
  return (await db.insert(stations).values(v).returning())[0];
}
export async function updateStation(db: TExecutor, id: string, v: Partial<TStationInsert>) {
  return (
    await db
      .update(stations)
      .set({ ...v, updatedAt: sql`now()` })
      .where(eq(stations.id, id))
      .returning()
  )[0];
}

export const stationNamesByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: stations.id, name: stations.name, nameEn: stations.nameEn })
    .from(stations)
    .where(inArray(stations.id, ids));
