import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { routeStops, routes } from './tour-routes.tables.js';

export type TRouteRow = typeof routes.$inferSelect;
export type TRouteInsert = typeof routes.$inferInsert;
export type TStopRow = typeof routeStops.$inferSelect;
export type TStopInsert = Omit<typeof routeStops.$inferInsert, 'id' | 'routeId'>;

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export type TRouteFilter = { theme?: string; q?: string; publishedOnly: boolean };

function where(f: TRouteFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.publishedOnly) c.push(eq(routes.published, true));
  if (f.theme) c.push(eq(routes.theme, f.theme));
  if (f.q) c.push(or(ilike(routes.name, like(f.q)), ilike(routes.nameEn, like(f.q)))!);
  return c.length ? and(...c) : undefined;
}

/** Routes, red-tourism ones first (the prefecture's own brand, seed 004), then by name. */
export async function findRoutes(db: TExecutor, f: TRouteFilter, page = 1, pageSize = 200) {
  const w = where(f);
  const items = await db
    .select()
    .from(routes)
    .where(w)
    .orderBy(desc(sql`${routes.theme} = 'red'`), asc(routes.theme), asc(routes.name))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(routes, w) };
}

export const getRoute = async (db: TExecutor, id: string) =>
  (await db.select().from(routes).where(eq(routes.id, id)))[0];

/** Stops of routes in order, for lists (names) and details. */
export async function stopsOf(db: TExecutor, routeIds: string[]): Promise<TStopRow[]> {
  if (!routeIds.length) return [];
  return db
    .select()
    .from(routeStops)
    .where(inArray(routeStops.routeId, routeIds))
    .orderBy(asc(routeStops.routeId), asc(routeStops.seq));
}

export async function insertRoute(db: TExecutor, v: TRouteInsert) {
  return (await db.insert(routes).values(v).returning())[0];
}
export async function updateRoute(db: TExecutor, id: string, v: Partial<TRouteInsert>) {
  return (
    await db
      .update(routes)
      .set({ ...v, updatedAt: sql`now()` })
      .where(eq(routes.id, id))
      .returning()
  )[0];
}

/** Replaces a route's ordered stops (the caller's transaction makes it all or nothing). */
export async function replaceStops(db: TExecutor, routeId: string, stops: TStopInsert[]): Promise<TStopRow[]> {
  await db.delete(routeStops).where(eq(routeStops.routeId, routeId));
  if (!stops.length) return [];
  return db
    .insert(routeStops)
    .values(stops.map((s) => ({ ...s, routeId })))
    .returning();
}

/** Locks the route row so two editors replacing its stops queue instead of interleaving. */
export const lockRoute = async (db: TExecutor, id: string) =>
  (await db.select().from(routes).where(eq(routes.id, id)).for('update'))[0];

export const routeNamesByIds = (db: TExecutor, ids: string[]) =>
  db.select({ id: routes.id, name: routes.name, nameEn: routes.nameEn }).from(routes).where(inArray(routes.id, ids));
