import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { users } from '../accounts/index.js';
import { businesses, regions } from '../master-data/index.js';
import { businessGuarantors, gridMembers, grids } from './grids.tables.js';

export type TGridRow = typeof grids.$inferSelect;
export type TGridMemberRow = typeof gridMembers.$inferSelect;

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export type TGridFilter = { q?: string; regionCode?: string };
function gridWhere(f: TGridFilter, visible: SQL): SQL {
  const c: SQL[] = [visible];
  if (f.q) c.push(or(ilike(grids.code, like(f.q)), ilike(grids.name, like(f.q)))!);
  if (f.regionCode) c.push(sql`${grids.regionCode} like ${`${f.regionCode}%`}`);
  return and(...c)!;
}

const leader = sql<string | null>`(select u.display_name from ${users} u where u.id = ${grids.leaderUserId})`;
const gridColumns = {
  id: grids.id,
  code: grids.code,
  name: grids.name,
  nameEn: grids.nameEn,
  regionCode: grids.regionCode,
  regionName: regions.name,
  leaderUserId: grids.leaderUserId,
  leaderName: leader,
  businessCount: sql<number>`(select count(*)::int from ${businesses} b where b.grid_id = ${grids.id})`,
  memberCount: sql<number>`(select count(*)::int from ${gridMembers} m where m.grid_id = ${grids.id})`,
  /** the members' names, heads first (what the list shows in one column) */
  memberNames: sql<string | null>`(select string_agg(u.display_name, '、' order by m.role, u.display_name)
    from ${gridMembers} m join ${users} u on u.id = m.user_id where m.grid_id = ${grids.id})`,
};

export async function listGrids(db: TExecutor, visible: SQL, f: TGridFilter, page: number, pageSize: number) {
  const where = gridWhere(f, visible);
  const items = await db
    .select(gridColumns)
    .from(grids)
    .leftJoin(regions, eq(regions.code, grids.regionCode))
    .where(where)
    .orderBy(asc(grids.code))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(grids, where) };
}

/** For the export: every grid the filter takes, with its businesses' names in one cell. */
export const allGrids = (db: TExecutor, visible: SQL, f: TGridFilter) =>
  db
    .select({
      ...gridColumns,
      businessNames: sql<string | null>`(select string_agg(b.name, '、' order by b.name)
        from ${businesses} b where b.grid_id = ${grids.id})`,
    })
    .from(grids)
    .leftJoin(regions, eq(regions.code, grids.regionCode))
    .where(gridWhere(f, visible))
    .orderBy(asc(grids.code))
    .limit(50_000);

export const allMembers = (db: TExecutor, gridIds: SQL) =>
  db
    .select({
      gridCode: grids.code,
      gridName: grids.name,
      username: users.username,
      displayName: users.displayName,
      role: gridMembers.role,
      employment: gridMembers.employment,
    })
    .from(gridMembers)
    .innerJoin(grids, eq(grids.id, gridMembers.gridId))
    .innerJoin(users, eq(users.id, gridMembers.userId))
    .where(gridIds)
    .orderBy(asc(grids.code), asc(gridMembers.role), asc(users.displayName))
    .limit(200_000);

/** Every business with its grid and 包保 official (the assignments sheet and the coverage page read this). */
export const allAssignments = (db: TExecutor, regionCode?: string) =>
  db
    .select({
      id: businesses.id,
      name: businesses.name,
      nameEn: businesses.nameEn,
      uscc: businesses.uscc,
      kind: businesses.kind,
      aLevel: businesses.aLevel,
      regionCode: businesses.regionCode,
      gridId: businesses.gridId,
      gridCode: grids.code,
      guarantorUserId: businessGuarantors.userId,
      guarantorUsername: users.username,
      guarantorName: users.displayName,
    })
    .from(businesses)
    .leftJoin(grids, eq(grids.id, businesses.gridId))
    .leftJoin(businessGuarantors, eq(businessGuarantors.businessId, businesses.id))
    .leftJoin(users, eq(users.id, businessGuarantors.userId))
    .where(regionCode ? sql`${businesses.regionCode} like ${`${regionCode}%`}` : undefined)
    .orderBy(asc(businesses.name))
    .limit(500_000);

/**
 * Grids and their 网格员 ids, for the coverage rules: one grouped join (a subquery per grid was the slow part at
 * seed-004 scale). A 网格长 oversees the grid's workers and carries no businesses of their own, so heads are left out.
 */
export const coverageGrids = (db: TExecutor, regionCode?: string) =>
  db
    .select({
      id: grids.id,
      code: grids.code,
      name: grids.name,
      nameEn: grids.nameEn,
      regionCode: grids.regionCode,
      leaderUserId: grids.leaderUserId,
      workerIds: sql<string[]>`coalesce(array_agg(${gridMembers.userId}::text order by ${gridMembers.userId})
        filter (where ${gridMembers.role} = 'grid_worker'), '{}')`,
    })
    .from(grids)
    .leftJoin(gridMembers, eq(gridMembers.gridId, grids.id))
    .where(regionCode ? sql`${grids.regionCode} like ${`${regionCode}%`}` : undefined)
    .groupBy(grids.id)
    .limit(500_000);

export const userNames = async (db: TExecutor, ids: string[]) =>
  ids.length
    ? db
        .select({ id: users.id, displayName: users.displayName, username: users.username, role: users.role })
        .from(users)
        .where(inArray(users.id, ids))
    : [];
export const userByUsername = async (db: TExecutor, username: string) =>
  (
    await db
      .select({ id: users.id, role: users.role, disabled: users.disabled })
      .from(users)
      .where(eq(users.username, username))
  )[0];
export const regionNames = (db: TExecutor, codes: string[]) =>
  codes.length
    ? db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))
    : Promise.resolve([]);
export const regionExists = async (db: TExecutor, code: string) =>
  (await db.$count(regions, eq(regions.code, code))) > 0;

/** Accounts that may serve in a grid or answer for a business: their id, name and role. */
export const listCandidates = (db: TExecutor) =>
  db
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(
      and(
        inArray(users.role, ['grid_worker', 'leader', 'department_head', 'department_staff']),
        eq(users.disabled, false),
      ),
    )
    .orderBy(asc(users.role), asc(users.displayName))
    .limit(5000);
export const usersWithRoles = (db: TExecutor, ids: string[]) =>
  ids.length
    ? db.select({ id: users.id, role: users.role, disabled: users.disabled }).from(users).where(inArray(users.id, ids))
    : Promise.resolve([]);

export const getGrid = async (db: TExecutor, id: string) => (await db.select().from(grids).where(eq(grids.id, id)))[0];
export const lockGrid = async (db: TExecutor, id: string) =>
  (await db.select().from(grids).where(eq(grids.id, id)).for('update'))[0];
export const getGridByCode = async (db: TExecutor, code: string) =>
  (await db.select().from(grids).where(eq(grids.code, code)))[0];
export async function insertGrid(db: TExecutor, v: typeof grids.$inferInsert) {
  return (await db.insert(grids).values(v).returning())[0];
}
export async function updateGrid(db: TExecutor, id: string, v: Partial<typeof grids.$inferInsert>) {
  return (await db.update(grids).set(v).where(eq(grids.id, id)).returning())[0];
}

export const membersOf = (db: TExecutor, gridId: string) =>
  db
    .select({
      userId: gridMembers.userId,
      role: gridMembers.role,
      employment: gridMembers.employment,
      displayName: users.displayName,
    })
    .from(gridMembers)
    .innerJoin(users, eq(users.id, gridMembers.userId))
    .where(eq(gridMembers.gridId, gridId))
    .orderBy(asc(gridMembers.role), asc(users.displayName));

/** Replaces a grid's members with the given list (the caller holds the grid's lock). */
export async function replaceMembers(
  tx: TExecutor,
  gridId: string,
  members: { userId: string; role: string; employment: string }[],
) {
  await tx.delete(gridMembers).where(eq(gridMembers.gridId, gridId));
  if (members.length) await tx.insert(gridMembers).values(members.map((m) => ({ ...m, gridId })));
}
export async function upsertMember(
  tx: TExecutor,
  m: { gridId: string; userId: string; role: string; employment: string },
) {
  await tx
    .insert(gridMembers)
    .values(m)
    .onConflictDoUpdate({
      target: [gridMembers.gridId, gridMembers.userId],
      set: { role: m.role, employment: m.employment },
    });
}

export const businessesInGrid = (db: TExecutor, gridId: string) =>
  db
    .select({
      id: businesses.id,
      name: businesses.name,
      nameEn: businesses.nameEn,
      kind: businesses.kind,
      aLevel: businesses.aLevel,
      address: businesses.address,
      lng: businesses.lng,
      lat: businesses.lat,
      guarantorUserId: businessGuarantors.userId,
      guarantorName: users.displayName,
    })
    .from(businesses)
    .leftJoin(businessGuarantors, eq(businessGuarantors.businessId, businesses.id))
    .leftJoin(users, eq(users.id, businessGuarantors.userId))
    .where(eq(businesses.gridId, gridId))
    .orderBy(asc(businesses.name));

export const getBusinessRef = async (db: TExecutor, id: string) =>
  (
    await db
      .select({
        id: businesses.id,
        name: businesses.name,
        nameEn: businesses.nameEn,
        gridId: businesses.gridId,
        regionCode: businesses.regionCode,
        guarantorUserId: businessGuarantors.userId,
      })
      .from(businesses)
      .leftJoin(businessGuarantors, eq(businessGuarantors.businessId, businesses.id))
      .where(eq(businesses.id, id))
  )[0];
export const businessIdByUscc = async (db: TExecutor, uscc: string) =>
  (await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.uscc, uscc)))[0]?.id;

export async function setGuarantor(tx: TExecutor, businessId: string, userId: string | null, now: Date) {
  if (!userId) {
    await tx.delete(businessGuarantors).where(eq(businessGuarantors.businessId, businessId));
    return;
  }
  await tx
    .insert(businessGuarantors)
    .values({ businessId, userId, updatedAt: now })
    .onConflictDoUpdate({ target: businessGuarantors.businessId, set: { userId, updatedAt: now } });
}

/** The grids a user serves in (as member, or as the leader of a leaders' grid) and the role in each. */
export async function membershipsOf(db: TExecutor, userId: string) {
  const rows = await db
    .select({ gridId: gridMembers.gridId, role: gridMembers.role })
    .from(gridMembers)
    .where(eq(gridMembers.userId, userId));
  const led = await db.select({ gridId: grids.id }).from(grids).where(eq(grids.leaderUserId, userId));
  return [...rows, ...led.map((l) => ({ gridId: l.gridId, role: 'grid_head' }))];
}
export const businessIdsInGrids = async (db: TExecutor, gridIds: string[]) =>
  gridIds.length
    ? (await db.select({ id: businesses.id }).from(businesses).where(inArray(businesses.gridId, gridIds))).map(
        (r) => r.id,
      )
    : [];

/** Per business: its grid's members, the grid's leader and its 包保 official (ids only). */
export const responsibleRows = (db: TExecutor, businessIds: string[]) =>
  db
    .select({
      businessId: businesses.id,
      guarantor: businessGuarantors.userId,
      leader: grids.leaderUserId,
      members: sql<string[]>`coalesce((select array_agg(m.user_id::text) from ${gridMembers} m
        where m.grid_id = ${businesses.gridId}), '{}')`,
    })
    .from(businesses)
    .leftJoin(businessGuarantors, eq(businessGuarantors.businessId, businesses.id))
    .leftJoin(grids, eq(grids.id, businesses.gridId))
    .where(inArray(businesses.id, businessIds));

export const gridNamesByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: grids.id, code: grids.code, name: grids.name, nameEn: grids.nameEn })
    .from(grids)
    .where(inArray(grids.id, ids));

/** A grid's members with their role (网格长 grid_head, 网格员 grid_worker). */
export async function membersOfGrid(db: TExecutor, gridId: string) {
  return db
    .select({ userId: gridMembers.userId, role: gridMembers.role })
    .from(gridMembers)
    .where(eq(gridMembers.gridId, gridId));
}
