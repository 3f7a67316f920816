import { and, asc, count, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { businessAccountIds, users } from '../accounts/index.js';
import { businesses, regions } from '../master-data/index.js';
import { checklists, hazards, inspections, interviews, rectificationDays } from './inspections.tables.js';

export type TChecklistRow = typeof checklists.$inferSelect;
export type TInspectionRow = typeof inspections.$inferSelect;
export type THazardRow = typeof hazards.$inferSelect;
export type TInterviewRow = typeof interviews.$inferSelect;

export { businessAccountIds };

// ---- checklists ----

export const listChecklists = (db: TExecutor, includeOld: boolean) =>
  db
    .select()
    .from(checklists)
    .where(includeOld ? undefined : eq(checklists.active, true))
    .orderBy(asc(checklists.code), desc(checklists.version));

export const getChecklist = async (db: TExecutor, id: string) =>
  (await db.select().from(checklists).where(eq(checklists.id, id)))[0];

export const checklistsByIds = (db: TExecutor, ids: string[]) =>
  ids.length ? db.select().from(checklists).where(inArray(checklists.id, ids)) : Promise.resolve([]);

/** The latest version of a code, locked: two admins revising at once get versions n+1 and n+2, not two n+1. */
export const lockLatestChecklist = async (tx: TExecutor, code: string) =>
  (
    await tx
      .select()
      .from(checklists)
      .where(eq(checklists.code, code))
      .orderBy(desc(checklists.version))
      .limit(1)
      .for('update')
  )[0];

export async function insertChecklist(tx: TExecutor, v: typeof checklists.$inferInsert) {
  return (await tx.insert(checklists).values(v).returning())[0];
}

export const retireChecklistVersions = (tx: TExecutor, code: string) =>
  tx.update(checklists).set({ active: false }).where(eq(checklists.code, code));

// ---- businesses (master data, read only) ----

export const businessFacts = async (db: TExecutor, id: string) =>
  (
    await db
      .select({
        id: businesses.id,
        name: businesses.name,
        nameEn: businesses.nameEn,
        kind: businesses.kind,
        gridId: businesses.gridId,
        regionCode: businesses.regionCode,
        lng: businesses.lng,
        lat: businesses.lat,
        address: businesses.address,
        uscc: businesses.uscc,
      })
      .from(businesses)
      .where(eq(businesses.id, id))
  )[0];

export const businessNames = async (db: TExecutor, ids: string[]) =>
  new Map(
    (ids.length
      ? await db
          .select({
            id: businesses.id,
            name: businesses.name,
            nameEn: businesses.nameEn,
            regionCode: businesses.regionCode,
          })
          .from(businesses)
          .where(inArray(businesses.id, [...new Set(ids)]))
      : []
    ).map((b) => [b.id, b]),
  );

export const userNames = async (db: TExecutor, ids: string[]) =>
  new Map(
    (ids.length
      ? await db
          .select({ id: users.id, name: users.displayName, role: users.role, departmentId: users.departmentId })
          .from(users)
          .where(inArray(users.id, [...new Set(ids)]))
      : []
    ).map((u) => [u.id, u]),
  );

/** The team members named on a submission who are staff able to inspect (no tourists or business accounts). */
export const inspectingUsers = async (db: TExecutor, ids: string[]) =>
  ids.length
    ? (
        await db
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              inArray(users.id, ids),
              inArray(users.role, ['grid_worker', 'department_staff', 'department_head', 'leader']),
            ),
          )
      ).map((u) => u.id)
    : [];

// ---- inspections ----

export async function insertInspection(tx: TExecutor, v: typeof inspections.$inferInsert) {
  return (await tx.insert(inspections).values(v).returning())[0];
}
export const getInspection = async (db: TExecutor, id: string) =>
  (await db.select().from(inspections).where(eq(inspections.id, id)))[0];
export const lockInspection = async (tx: TExecutor, id: string) =>
  (await tx.select().from(inspections).where(eq(inspections.id, id)).for('update'))[0];
export async function updateInspection(tx: TExecutor, id: string, v: Partial<typeof inspections.$inferInsert>) {
  return (await tx.update(inspections).set(v).where(eq(inspections.id, id)).returning())[0];
}

export async function listInspections(
  db: TExecutor,
  visible: SQL,
  q: { kind?: string; businessId?: string; inspectorUserId?: string; page: number; pageSize: number },
) {
  const where = and(
    visible,
    q.kind ? eq(inspections.kind, q.kind) : undefined,
    q.businessId ? eq(inspections.businessId, q.businessId) : undefined,
    q.inspectorUserId
      ? or(
          eq(inspections.inspectorUserId, q.inspectorUserId),
          sql`${q.inspectorUserId}::uuid = any(${inspections.teamUserIds})`,
        )
      : undefined,
  );
  const items = await db
    .select()
    .from(inspections)
    .where(where)
    .orderBy(desc(inspections.submittedAt), desc(inspections.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await db.select({ n: count() }).from(inspections).where(where);
  return { items, total: n };
}

// ---- hazards ----

export async function insertHazard(tx: TExecutor, v: typeof hazards.$inferInsert) {
  return (await tx.insert(hazards).values(v).returning())[0];
}
export const getHazard = async (db: TExecutor, id: string) =>
  (await db.select().from(hazards).where(eq(hazards.id, id)))[0];
export const lockHazard = async (tx: TExecutor, id: string) =>
  (await tx.select().from(hazards).where(eq(hazards.id, id)).for('update'))[0];
export async function updateHazard(tx: TExecutor, id: string, v: Partial<typeof hazards.$inferInsert>) {
  return (
    await tx
      .update(hazards)
      .set({ ...v })
      .where(eq(hazards.id, id))
      .returning()
  )[0];
}
export const hazardsOfInspection = (db: TExecutor, inspectionId: string) =>
  db.select().from(hazards).where(eq(hazards.inspectionId, inspectionId)).orderBy(asc(hazards.hazardNo));

export type THazardFilter = {
  status?: string;
  severity?: string;
  overdue?: 'true' | 'false';
  businessId?: string;
  gridId?: string;
  departmentId?: string;
  regionCode?: string;
};

function hazardWhere(visible: SQL, f: THazardFilter, now: Date) {
  const isOverdue = sql`(${hazards.status} = 'open' and ${hazards.dueAt} < ${now.toISOString()}::timestamptz)`;
  return and(
    visible,
    f.status ? eq(hazards.status, f.status) : undefined,
    f.severity ? eq(hazards.severity, f.severity) : undefined,
    f.overdue === 'true' ? isOverdue : f.overdue === 'false' ? sql`not ${isOverdue}` : undefined,
    f.businessId ? eq(hazards.businessId, f.businessId) : undefined,
    f.gridId ? eq(hazards.gridId, f.gridId) : undefined,
    f.departmentId ? eq(hazards.departmentId, f.departmentId) : undefined,
    f.regionCode ? eq(hazards.regionCode, f.regionCode) : undefined,
  );
}

export async function listHazards(
  db: TExecutor,
  visible: SQL,
  f: THazardFilter & { page: number; pageSize: number },
  now: Date,
) {
  const where = hazardWhere(visible, f, now);
  const items = await db
    .select()
    .from(hazards)
    .where(where)
    .orderBy(desc(hazards.createdAt), desc(hazards.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [{ n }] = await db.select({ n: count() }).from(hazards).where(where);
  return { items, total: n };
}

/** The ledger's export: every matching hazard (capped: an export is a report, not a backup). */
export const allHazards = (db: TExecutor, visible: SQL, f: THazardFilter, now: Date) =>
  db
    .select()
    .from(hazards)
    .where(hazardWhere(visible, f, now))
    .orderBy(asc(hazards.regionCode), asc(hazards.createdAt))
    .limit(50_000);

// ---- rectification days ----

export const readRectificationDays = (db: TExecutor) => db.select().from(rectificationDays);
export async function writeRectificationDays(tx: TExecutor, rows: { severity: string; days: number }[]) {
  for (const r of rows)
    await tx
      .insert(rectificationDays)
      .values(r)
      .onConflictDoUpdate({ target: rectificationDays.severity, set: { days: r.days } });
}

// ---- interviews ----

export async function insertInterview(tx: TExecutor, v: typeof interviews.$inferInsert) {
  return (await tx.insert(interviews).values(v).returning())[0];
}
export const getInterview = async (db: TExecutor, id: string) =>
  (await db.select().from(interviews).where(eq(interviews.id, id)))[0];
export async function listInterviews(db: TExecutor, visible: SQL, page: number, pageSize: number) {
  const items = await db
    .select()
    .from(interviews)
    .where(visible)
    .orderBy(desc(interviews.heldAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await db.select({ n: count() }).from(interviews).where(visible);
  return { items, total: n };
}

// ---- statistics ----

export type TStatsRaw = {
  key: string | null;
  businesses: number;
  inspections: number;
  inspected_businesses: number;
  night: number;
  weekend: number;
  hazards_found: number;
  hazards_closed_on_time: number;
  hazards_overdue: number;
};

/**
 * Per grid, department or county (the business's region) in [from, to): inspections, distinct businesses
 * inspected, night and weekend checks, hazards found, closed on time, overdue. One statement per table, grouped.
 */
export async function statsBy(
  db: TExecutor,
  by: 'grid' | 'department' | 'county',
  visibleInspections: SQL,
  visibleHazards: SQL,
  from: Date,
  to: Date,
  now: Date,
  /** the businesses the coverage counts against (a grid worker's own); null: every business */
  businessScope: string[] | null,
): Promise<TStatsRaw[]> {
  const iKey =
    by === 'grid'
      ? sql`${inspections.gridId}::text`
      : by === 'department'
        ? sql`${inspections.departmentId}::text`
        : inspections.regionCode;
  const hKey =
    by === 'grid'
      ? sql`${hazards.gridId}::text`
      : by === 'department'
        ? sql`${hazards.departmentId}::text`
        : hazards.regionCode;
  const ins = await db
    .select({
      key: sql<string | null>`${iKey}`,
      inspections: sql<number>`count(*)::int`,
      inspected: sql<number>`count(distinct ${inspections.businessId})::int`,
      night: sql<number>`count(*) filter (where ${inspections.night})::int`,
      weekend: sql<number>`count(*) filter (where ${inspections.weekend})::int`,
    })
    .from(inspections)
    .where(and(visibleInspections, gte(inspections.submittedAt, from), lt(inspections.submittedAt, to)))
    .groupBy(iKey);
  const haz = await db
    .select({
      key: sql<string | null>`${hKey}`,
      found: sql<number>`count(*)::int`,
      onTime: sql<number>`count(*) filter (where ${hazards.closedOnTime})::int`,
      overdue: sql<number>`count(*) filter (where ${hazards.overdueAt} is not null or (${hazards.status} <> 'closed' and ${hazards.dueAt} < ${now.toISOString()}::timestamptz))::int`,
    })
    .from(hazards)
    .where(and(visibleHazards, gte(hazards.createdAt, from), lt(hazards.createdAt, to)))
    .groupBy(hKey);
  const inScope =
    businessScope === null ? sql`true` : businessScope.length ? inArray(businesses.id, businessScope) : sql`false`;
  // Businesses per key: the coverage's denominator. Departments have no businesses of their own: left 0 there.
  const bizRows =
    by === 'department'
      ? []
      : rowsOf<{ key: string | null; n: number }>(
          await db.execute(
            by === 'grid'
              ? sql`select ${businesses.gridId}::text as key, count(*)::int as n from ${businesses} where ${inScope} group by 1`
              : sql`select ${businesses.regionCode} as key, count(*)::int as n from ${businesses} where ${inScope} group by 1`,
          ),
        );
  const out = new Map<string, TStatsRaw>();
  const row = (key: string | null) => {
    const k = key ?? '';
    let r = out.get(k);
    if (!r) {
      r = {
        key,
        businesses: 0,
        inspections: 0,
        inspected_businesses: 0,
        night: 0,
        weekend: 0,
        hazards_found: 0,
        hazards_closed_on_time: 0,
        hazards_overdue: 0,
      };
      out.set(k, r);
    }
    return r;
  };
  for (const i of ins) {
    const r = row(i.key);
    r.inspections = i.inspections;
    r.inspected_businesses = i.inspected;
    r.night = i.night;
    r.weekend = i.weekend;
  }
  for (const h of haz) {
    const r = row(h.key);
    r.hazards_found = h.found;
    r.hazards_closed_on_time = h.onTime;
    r.hazards_overdue = h.overdue;
  }
  // Only keys the reader sees something of, plus their business counts.
  for (const b of bizRows) if (out.has(b.key ?? '')) row(b.key).businesses = b.n;
  return [...out.values()];
}

/** A business sees the hazards of published inspections only (a mystery visit's stay hidden until then). */
export const publishedHazardsOnly = (visible: SQL) =>
  and(
    visible,
    sql`exists (select 1 from ${inspections} i where i.id = ${hazards.inspectionId} and i.published_at is not null)`,
  ) ?? visible;

export const regionNames = (db: TExecutor, codes: string[]) =>
  codes.length
    ? db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))
    : Promise.resolve([]);

/** The businesses a grid worker looks after, with what the phone needs offline (kind for the checklist, position). */
export const businessesForInspection = (db: TExecutor, ids: string[]) =>
  ids.length
    ? db
        .select({
          id: businesses.id,
          name: businesses.name,
          nameEn: businesses.nameEn,
          kind: businesses.kind,
          address: businesses.address,
          lng: businesses.lng,
          lat: businesses.lat,
          gridId: businesses.gridId,
        })
        .from(businesses)
        .where(inArray(businesses.id, ids))
        .orderBy(asc(businesses.name))
    : Promise.resolve([]);
