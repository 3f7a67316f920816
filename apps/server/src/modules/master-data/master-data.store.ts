import { and, asc, eq, getTableColumns, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { users } from '../accounts/index.js';
import { businesses, departments, grids, practitioners, regions } from './master-data.tables.js';

export type TBusinessRow = typeof businesses.$inferSelect;
export type TBusinessInsert = typeof businesses.$inferInsert;

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export const listRegions = (db: TExecutor) => db.select().from(regions).orderBy(asc(regions.code));
export const listDepartments = (db: TExecutor) => db.select().from(departments).orderBy(asc(departments.code));
export const getDepartment = async (db: TExecutor, id: string) =>
  (await db.select().from(departments).where(eq(departments.id, id)))[0];
export const getDepartmentByCode = async (db: TExecutor, code: string) =>
  (await db.select().from(departments).where(eq(departments.code, code)))[0];
export async function insertDepartment(db: TExecutor, v: typeof departments.$inferInsert) {
  return (await db.insert(departments).values(v).returning())[0];
}
export async function updateDepartment(db: TExecutor, id: string, v: Partial<typeof departments.$inferInsert>) {
  return (await db.update(departments).set(v).where(eq(departments.id, id)).returning())[0];
}

export const getBusiness = async (db: TExecutor, id: string) =>
  (await db.select().from(businesses).where(eq(businesses.id, id)))[0];
export const getBusinessByUscc = async (db: TExecutor, uscc: string) =>
  (await db.select().from(businesses).where(eq(businesses.uscc, uscc)))[0];
export async function insertBusiness(db: TExecutor, v: TBusinessInsert) {
  return (await db.insert(businesses).values(v).returning())[0];
}
export async function updateBusiness(db: TExecutor, id: string, v: Partial<TBusinessInsert>) {
  return (
    await db
      .update(businesses)
      .set({ ...v, updatedAt: sql`now()` })
      .where(eq(businesses.id, id))
      .returning()
  )[0];
}

export type TBusinessFilter = { q?: string; kind?: string; regionCode?: string };
function businessWhere(f: TBusinessFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.q)
    c.push(
      or(ilike(businesses.name, like(f.q)), ilike(businesses.uscc, like(f.q)), ilike(businesses.address, like(f.q)))!,
    );
  if (f.kind) c.push(eq(businesses.kind, f.kind));
  if (f.regionCode) c.push(sql`${businesses.regionCode} like ${`${f.regionCode}%`}`);
  return c.length ? and(...c) : undefined;
}
export async function listBusinesses(db: TExecutor, f: TBusinessFilter, page: number, pageSize: number) {
  const where = businessWhere(f);
  const items = await db
    .select({ ...getTableColumns(businesses), gridCode: grids.code, gridName: grids.name, gridNameEn: grids.nameEn })
    .from(businesses)
    .leftJoin(grids, eq(grids.id, businesses.gridId))
    .where(where)
    .orderBy(asc(businesses.name))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(businesses, where) };
}
export const allBusinesses = (db: TExecutor, f: TBusinessFilter) =>
  db.select().from(businesses).where(businessWhere(f)).orderBy(asc(businesses.name)).limit(50_000);

/** Public search: by name, or nearest first around a point (plain equirectangular distance; no PostGIS). */
export async function searchBusinesses(
  db: TExecutor,
  q: string | undefined,
  near: { lng: number; lat: number } | undefined,
  kind?: string,
) {
  const c: SQL[] = [];
  if (q) c.push(or(ilike(businesses.name, like(q)), ilike(businesses.nameEn, like(q)))!);
  if (kind) c.push(eq(businesses.kind, kind));
  const where = c.length ? and(...c) : undefined;
  const cols = {
    id: businesses.id,
    name: businesses.name,
    nameEn: businesses.nameEn,
    kind: businesses.kind,
    address: businesses.address,
    lng: businesses.lng,
    lat: businesses.lat,
    regionCode: businesses.regionCode,
  };
  if (near) {
    const k = Math.cos((near.lat * Math.PI) / 180);
    const dist = sql`((${businesses.lng} - ${near.lng}) * ${k}) ^ 2 + (${businesses.lat} - ${near.lat}) ^ 2`;
    return db
      .select(cols)
      .from(businesses)
      .where(and(where, sql`${businesses.lng} is not null`))
      .orderBy(dist)
      .limit(20);
  }
  return db.select(cols).from(businesses).where(where).orderBy(asc(businesses.name)).limit(20);
}

export type TPractitionerFilter = { q?: string; kind?: string; regionCode?: string };
function practitionerWhere(f: TPractitionerFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.q) c.push(or(ilike(practitioners.name, like(f.q)), ilike(practitioners.licenseNo, like(f.q)))!);
  if (f.kind) c.push(eq(practitioners.kind, f.kind));
  if (f.regionCode) c.push(sql`${practitioners.regionCode} like ${`${f.regionCode}%`}`);
  return c.length ? and(...c) : undefined;
}
/** Practitioners with the name and USCC of the business they work for (the Excel sheet links by USCC). */
const practitionerColumns = {
  ...getTableColumns(practitioners),
  businessName: businesses.name,
  businessUscc: businesses.uscc,
};
export type TPractitionerRow = typeof practitioners.$inferSelect & {
  businessName: string | null;
  businessUscc: string | null;
};
export async function listPractitioners(db: TExecutor, f: TPractitionerFilter, page: number, pageSize: number) {
  const where = practitionerWhere(f);
  const items: TPractitionerRow[] = await db
    .select(practitionerColumns)
    .from(practitioners)
    .leftJoin(businesses, eq(businesses.id, practitioners.businessId))
    .where(where)
    .orderBy(asc(practitioners.name), asc(practitioners.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(practitioners, where) };
}
export const allPractitioners = (db: TExecutor, f: TPractitionerFilter): Promise<TPractitionerRow[]> =>
  db
    .select(practitionerColumns)
    .from(practitioners)
    .leftJoin(businesses, eq(businesses.id, practitioners.businessId))
    .where(practitionerWhere(f))
    .orderBy(asc(practitioners.name), asc(practitioners.id))
    .limit(50_000);
export const getPractitionerByLicense = async (db: TExecutor, licenseNo: string) =>
  (await db.select().from(practitioners).where(eq(practitioners.licenseNo, licenseNo)).limit(1))[0];
export const getPractitioner = async (db: TExecutor, id: string) =>
  (await db.select().from(practitioners).where(eq(practitioners.id, id)))[0];
export async function insertPractitioner(db: TExecutor, v: typeof practitioners.$inferInsert) {
  return (await db.insert(practitioners).values(v).returning())[0];
}
export async function updatePractitioner(db: TExecutor, id: string, v: Partial<typeof practitioners.$inferInsert>) {
  return (await db.update(practitioners).set(v).where(eq(practitioners.id, id)).returning())[0];
}

export type TGridFilter = { q?: string; regionCode?: string };
function gridWhere(f: TGridFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.q) c.push(or(ilike(grids.code, like(f.q)), ilike(grids.name, like(f.q)))!);
  if (f.regionCode) c.push(sql`${grids.regionCode} like ${`${f.regionCode}%`}`);
  return c.length ? and(...c) : undefined;
}
const gridColumns = {
  id: grids.id,
  code: grids.code,
  name: grids.name,
  nameEn: grids.nameEn,
  regionCode: grids.regionCode,
  regionName: regions.name,
  workerUserId: grids.workerUserId,
  workerName: users.displayName,
  businessCount: sql<number>`(select count(*)::int from businesses b where b.grid_id = ${grids.id})`,
};
export async function listGrids(db: TExecutor, f: TGridFilter, page: number, pageSize: number) {
  const where = gridWhere(f);
  const items = await db
    .select(gridColumns)
    .from(grids)
    .leftJoin(users, eq(users.id, grids.workerUserId))
    .leftJoin(regions, eq(regions.code, grids.regionCode))
    .where(where)
    .orderBy(asc(grids.code))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(grids, where) };
}
/** For the export: each grid with the names of its businesses, joined in one string. */
export const allGrids = (db: TExecutor, f: TGridFilter) =>
  db
    .select({
      ...gridColumns,
      businessNames: sql<
        string | null
      >`(select string_agg(b.name, '、' order by b.name) from businesses b where b.grid_id = ${grids.id})`,
    })
    .from(grids)
    .leftJoin(users, eq(users.id, grids.workerUserId))
    .leftJoin(regions, eq(regions.code, grids.regionCode))
    .where(gridWhere(f))
    .orderBy(asc(grids.code))
    .limit(50_000);
/** Accounts that may look after a grid: only their id and display name. */
export const listGridWorkers = (db: TExecutor) =>
  db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.role, 'grid_worker'), eq(users.disabled, false)))
    .orderBy(asc(users.displayName))
    .limit(2000);
export const getGridByCode = async (db: TExecutor, code: string) =>
  (await db.select().from(grids).where(eq(grids.code, code)))[0];
export const getGrid = async (db: TExecutor, id: string) => (await db.select().from(grids).where(eq(grids.id, id)))[0];
export const businessesInGrid = (db: TExecutor, gridId: string) =>
  db
    .select({ id: businesses.id, name: businesses.name, nameEn: businesses.nameEn, kind: businesses.kind })
    .from(businesses)
    .where(eq(businesses.gridId, gridId));
export async function insertGrid(db: TExecutor, v: typeof grids.$inferInsert) {
  return (await db.insert(grids).values(v).returning())[0];
}
export async function updateGrid(db: TExecutor, id: string, v: Partial<typeof grids.$inferInsert>) {
  return (await db.update(grids).set(v).where(eq(grids.id, id)).returning())[0];
}
export const getGridWorker = async (db: TExecutor, id: string) =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, id), eq(users.role, 'grid_worker')))
  )[0];

/** Names by id, for lists of other modules' records that name one of these (the audit log). */
export const businessNamesByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: businesses.id, name: businesses.name, nameEn: businesses.nameEn })
    .from(businesses)
    .where(inArray(businesses.id, ids));
export const departmentNamesByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: departments.id, name: departments.name, nameEn: departments.nameEn })
    .from(departments)
    .where(inArray(departments.id, ids));
export const gridNamesByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: grids.id, code: grids.code, name: grids.name, nameEn: grids.nameEn })
    .from(grids)
    .where(inArray(grids.id, ids));
/** A practitioner is named by kind and licence number only: the audit log shows no more personal data than it must. */
export const practitionerRefsByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: practitioners.id, kind: practitioners.kind, licenseNo: practitioners.licenseNo })
    .from(practitioners)
    .where(inArray(practitioners.id, ids));

/**
 * Who answers for each business (谁包保，谁负责): today the worker of its grid. The draws module avoids them as
 * inspectors of that business. The grids module replaces this at merge with the same name and signature (grid
 * members and the 包保 official). One array parameter, not a list of placeholders: a draw asks for 100k businesses.
 */
export async function responsiblesOf(db: TExecutor, businessIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!businessIds.length) return out;
  // A join on unnest (hashed), not "= any(array)": the latter compares each row with the whole array.
  const res = await db.execute(sql`
    select b.id as business_id, g.worker_user_id
    from unnest(${`{${businessIds.join(',')}}`}::uuid[]) as q(id)
    join ${businesses} b on b.id = q.id
    join ${grids} g on g.id = b.grid_id
    where g.worker_user_id is not null`);
  for (const r of rowsOf<{ business_id: string; worker_user_id: string }>(res))
    out.set(r.business_id, [r.worker_user_id]);
  return out;
}

/**
 * The grids a user works in, the grids they head and those grids' businesses — the shape the grids module will
 * export (issue 15). Until it lands a grid has one worker (grids.worker_user_id) and no head.
 */
export async function gridScopeOf(
  db: TExecutor,
  userId: string,
): Promise<{ gridIds: string[]; headOfGridIds: string[]; businessIds: string[] }> {
  const gridIds = (await db.select({ id: grids.id }).from(grids).where(eq(grids.workerUserId, userId))).map(
    (g) => g.id,
  );
  const businessIds = gridIds.length
    ? (await db.select({ id: businesses.id }).from(businesses).where(inArray(businesses.gridId, gridIds))).map(
        (b) => b.id,
      )
    : [];
  return { gridIds, headOfGridIds: [], businessIds };
}

/**
 * Who answers for a grid when its hazards lapse: its head (网格长). Grids have no heads until the grids module
 * lands (issue 15); meanwhile the grid's one worker stands in.
 */
export async function gridHeadsOf(db: TExecutor, gridId: string): Promise<string[]> {
  const [g] = await db.select({ w: grids.workerUserId }).from(grids).where(eq(grids.id, gridId));
  return g?.w ? [g.w] : [];
}
