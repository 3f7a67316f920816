import { and, asc, eq, getTableColumns, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { grids } from '../grids/index.js';
import { businesses, departments, practitioners, regions } from './master-data.tables.js';

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
/** A practitioner is named by kind and licence number only: the audit log shows no more personal data than it must. */
export const practitionerRefsByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: practitioners.id, kind: practitioners.kind, licenseNo: practitioners.licenseNo })
    .from(practitioners)
    .where(inArray(practitioners.id, ids));

export const gridExists = async (db: TExecutor, id: string) => (await db.$count(grids, eq(grids.id, id))) > 0;

/**
 * Puts businesses in a grid (or none): `grid_id` stays master data's column, and the grids module moves businesses
 * through this (its assignment page and its import) rather than writing the table itself.
 */
export async function setBusinessGrid(db: TExecutor, businessIds: string[], gridId: string | null, now: Date) {
  if (!businessIds.length) return;
  await db.update(businesses).set({ gridId, updatedAt: now }).where(inArray(businesses.id, businessIds));
}
