import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { users } from '../accounts/index.js';
import { businesses, departments } from '../master-data/index.js';
import { drawPlans, drawTasks, inspectorCertificates, inspectorRelations } from './draws.tables.js';

export type TCertificateRow = typeof inspectorCertificates.$inferSelect;
export type TPlanRow = typeof drawPlans.$inferSelect;
export type TPlanInsert = typeof drawPlans.$inferInsert;
export type TTaskRow = typeof drawTasks.$inferSelect;
export type TTaskInsert = typeof drawTasks.$inferInsert;

/** A uuid[] as one parameter: a draw passes 100k ids, which as a list of placeholders exceeds the protocol's limit. */
const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

// ------------------------------------------------------------------------------------------------ certificates
export async function listCertificates(db: TExecutor, departmentId: string | null) {
  return db
    .select({
      c: inspectorCertificates,
      userName: users.displayName,
      deptName: departments.name,
      deptNameEn: departments.nameEn,
    })
    .from(inspectorCertificates)
    .innerJoin(users, eq(users.id, inspectorCertificates.userId))
    .innerJoin(departments, eq(departments.id, inspectorCertificates.departmentId))
    .where(departmentId ? eq(inspectorCertificates.departmentId, departmentId) : undefined)
    .orderBy(asc(inspectorCertificates.certificateNo))
    .limit(5000);
}

export const getCertificate = async (db: TExecutor, id: string) =>
  (await db.select().from(inspectorCertificates).where(eq(inspectorCertificates.id, id)))[0];
export const certificateOfUser = async (db: TExecutor, userId: string) =>
  (await db.select().from(inspectorCertificates).where(eq(inspectorCertificates.userId, userId)))[0];
export const certificateByNo = async (db: TExecutor, no: string) =>
  (await db.select().from(inspectorCertificates).where(eq(inspectorCertificates.certificateNo, no)))[0];

export async function insertCertificate(tx: TExecutor, v: typeof inspectorCertificates.$inferInsert) {
  return (await tx.insert(inspectorCertificates).values(v).returning())[0];
}
export async function updateCertificate(
  tx: TExecutor,
  id: string,
  v: Partial<typeof inspectorCertificates.$inferInsert>,
) {
  return (await tx.update(inspectorCertificates).set(v).where(eq(inspectorCertificates.id, id)).returning())[0];
}

/** Staff who may hold a certificate: department accounts, optionally of one department. */
export const listDepartmentStaff = (db: TExecutor, departmentId: string | null) =>
  db
    .select({ id: users.id, displayName: users.displayName, role: users.role, departmentId: users.departmentId })
    .from(users)
    .where(
      and(
        inArray(users.role, ['department_staff', 'department_head']),
        eq(users.disabled, false),
        departmentId ? eq(users.departmentId, departmentId) : undefined,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(5000);

export const getUser = async (db: TExecutor, id: string) =>
  (
    await db
      .select({ id: users.id, role: users.role, departmentId: users.departmentId, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, id))
  )[0];

// ------------------------------------------------------------------------------------------------ relations
export async function listRelations(db: TExecutor, where: { userId?: string; departmentId?: string }) {
  return db
    .select({ r: inspectorRelations, userName: users.displayName, businessName: businesses.name })
    .from(inspectorRelations)
    .innerJoin(users, eq(users.id, inspectorRelations.userId))
    .innerJoin(businesses, eq(businesses.id, inspectorRelations.businessId))
    .where(
      and(
        where.userId ? eq(inspectorRelations.userId, where.userId) : undefined,
        where.departmentId ? eq(users.departmentId, where.departmentId) : undefined,
      ),
    )
    .orderBy(desc(inspectorRelations.declaredAt))
    .limit(5000);
}

export async function insertRelation(tx: TExecutor, v: typeof inspectorRelations.$inferInsert) {
  return (await tx.insert(inspectorRelations).values(v).onConflictDoNothing().returning())[0];
}

export const businessExists = async (db: TExecutor, id: string) =>
  !!(await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.id, id)))[0];

// ------------------------------------------------------------------------------------------------ pools
/** The target pool's businesses: by kind and county (the first six digits of the region code), sorted by id. */
export async function targetCandidates(db: TExecutor, f: { kinds: string[]; countyCodes: string[] }) {
  const rows = await db
    .select({ id: businesses.id })
    .from(businesses)
    .where(
      and(
        f.kinds.length ? sql`${businesses.kind} = any(${`{${f.kinds.join(',')}}`}::text[])` : undefined,
        f.countyCodes.length
          ? sql`left(${businesses.regionCode}, 6) = any(${`{${f.countyCodes.join(',')}}`}::text[])`
          : undefined,
      ),
    )
    .orderBy(asc(businesses.id));
  return rows.map((r) => r.id);
}

/** The inspector pool: active department accounts of these departments with a certificate valid on `day`. */
export async function inspectorCandidates(db: TExecutor, departmentIds: string[], day: string) {
  return db
    .select({ id: inspectorCertificates.userId, departmentId: inspectorCertificates.departmentId })
    .from(inspectorCertificates)
    .innerJoin(users, eq(users.id, inspectorCertificates.userId))
    .where(
      and(
        sql`${inspectorCertificates.departmentId} = any(${uuidArray(departmentIds)})`,
        sql`${inspectorCertificates.validFrom} <= ${day}::date and ${inspectorCertificates.validUntil} >= ${day}::date`,
        eq(users.disabled, false),
      ),
    )
    .orderBy(asc(inspectorCertificates.userId));
}

/** Declared relations of these inspectors, by business. */
export async function relationsByBusiness(db: TExecutor, inspectorIds: string[]) {
  const out = new Map<string, string[]>();
  if (!inspectorIds.length) return out;
  const res = await db.execute(sql`
    select r.user_id, r.business_id from unnest(${uuidArray(inspectorIds)}) as q(id)
    join ${inspectorRelations} r on r.user_id = q.id`);
  for (const r of rowsOf<{ user_id: string; business_id: string }>(res))
    out.set(r.business_id, [...(out.get(r.business_id) ?? []), r.user_id]);
  return out;
}

type TPrev = { inspector_id: string; business_id: string };

/**
 * For each inspector, the targets of their previous draw (the most recent drawn plan that gave them a task), by
 * business: 回避 keeps them from the same target twice running.
 */
export async function previousTargetsByBusiness(db: TExecutor, inspectorIds: string[]) {
  const out = new Map<string, string[]>();
  if (!inspectorIds.length) return out;
  const res = await db.execute(sql`
    with mine as (
      select i.inspector_id, t.plan_id, t.business_id, p.drawn_at
      from ${drawTasks} t
      join ${drawPlans} p on p.id = t.plan_id
      cross join lateral unnest(t.inspector_ids) as i(inspector_id)
      join unnest(${uuidArray(inspectorIds)}) as q(id) on q.id = i.inspector_id
    ), latest as (
      select distinct on (inspector_id) inspector_id, plan_id from mine order by inspector_id, drawn_at desc, plan_id
    )
    select m.inspector_id, m.business_id from mine m join latest l using (inspector_id, plan_id)`);
  for (const r of rowsOf<TPrev>(res)) out.set(r.business_id, [...(out.get(r.business_id) ?? []), r.inspector_id]);
  return out;
}

// ------------------------------------------------------------------------------------------------ plans
export async function insertPlan(tx: TExecutor, v: TPlanInsert) {
  return (await tx.insert(drawPlans).values(v).returning())[0];
}
export const getPlan = async (db: TExecutor, id: string) =>
  (await db.select().from(drawPlans).where(eq(drawPlans.id, id)))[0];
export const lockPlan = async (tx: TExecutor, id: string) =>
  (await tx.select().from(drawPlans).where(eq(drawPlans.id, id)).for('update'))[0];
export async function updatePlan(tx: TExecutor, id: string, v: Partial<TPlanInsert>) {
  return (await tx.update(drawPlans).set(v).where(eq(drawPlans.id, id)).returning())[0];
}

/** Plans without their pools (the frozen JSON can be megabytes). */
const planSummaryColumns = {
  id: drawPlans.id,
  name: drawPlans.name,
  departmentIds: drawPlans.departmentIds,
  periodStart: drawPlans.periodStart,
  periodEnd: drawPlans.periodEnd,
  status: drawPlans.status,
  createdAt: drawPlans.createdAt,
  drawnAt: drawPlans.drawnAt,
  targetPoolSize: drawPlans.targetPoolSize,
};

export async function listPlans(db: TExecutor, visible: SQL, q: { status?: string; page: number; pageSize: number }) {
  const where = and(visible, q.status ? eq(drawPlans.status, q.status) : undefined);
  const items = await db
    .select({
      ...planSummaryColumns,
      // Qualified by hand: inside the subquery drizzle would print the outer column as a bare "id" (the task's).
      taskCount: sql<number>`(select count(*)::int from draw_tasks t where t.plan_id = "draw_plans"."id")`,
      doneCount: sql<number>`(select count(*)::int from draw_tasks t where t.plan_id = "draw_plans"."id" and t.status <> 'open')`,
    })
    .from(drawPlans)
    .where(where)
    .orderBy(desc(drawPlans.createdAt), desc(drawPlans.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await db.$count(drawPlans, where);
  return { items, total };
}

/** Drawn plans, newest first: the public list of draws anyone can verify. */
export const listDrawnPlans = (db: TExecutor, limit: number) =>
  db
    .select(planSummaryColumns)
    .from(drawPlans)
    .where(eq(drawPlans.status, 'drawn'))
    .orderBy(desc(drawPlans.drawnAt))
    .limit(limit);

export const departmentNames = async (db: TExecutor, ids: string[]) => {
  const map = new Map<string, { zh: string; en: string }>();
  if (!ids.length) return map;
  const rows = await db
    .select({ id: departments.id, name: departments.name, nameEn: departments.nameEn })
    .from(departments)
    .where(inArray(departments.id, ids));
  for (const r of rows) map.set(r.id, { zh: r.name, en: r.nameEn });
  return map;
};

export const departmentsExist = async (db: TExecutor, ids: string[]) =>
  (await db.$count(departments, inArray(departments.id, ids))) === new Set(ids).size;

export async function businessFacts(db: TExecutor, ids: string[]) {
  const map = new Map<string, { name: string; nameEn: string | null; uscc: string; address: string }>();
  if (!ids.length) return map;
  const rows = await db
    .select({
      id: businesses.id,
      name: businesses.name,
      nameEn: businesses.nameEn,
      uscc: businesses.uscc,
      address: businesses.address,
    })
    .from(businesses)
    .where(sql`${businesses.id} = any(${uuidArray(ids)})`);
  for (const { id, ...b } of rows) map.set(id, b);
  return map;
}

/** Inspectors by id: display name and certificate number (both public in a draw's record, 执法人员名录). */
export async function inspectorFacts(db: TExecutor, ids: string[]) {
  const map = new Map<string, { name: string; certificateNo: string | null }>();
  if (!ids.length) return map;
  const rows = await db
    .select({ id: users.id, name: users.displayName, certificateNo: inspectorCertificates.certificateNo })
    .from(users)
    .leftJoin(inspectorCertificates, eq(inspectorCertificates.userId, users.id))
    .where(sql`${users.id} = any(${uuidArray(ids)})`);
  for (const { id, ...i } of rows) map.set(id, i);
  return map;
}

/** Planners to tell of a result awaiting publication: the heads of the plan's departments. */
export const departmentHeads = async (db: TExecutor, departmentIds: string[]) =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.role, 'department_head'),
          eq(users.disabled, false),
          sql`${users.departmentId} = any(${uuidArray(departmentIds)})`,
        ),
      )
  ).map((r) => r.id);

// ------------------------------------------------------------------------------------------------ tasks
export async function insertTasks(tx: TExecutor, rows: TTaskInsert[]) {
  if (!rows.length) return [];
  const out: TTaskRow[] = [];
  // Batches keep each statement under the protocol's parameter limit.
  for (let i = 0; i < rows.length; i += 2000)
    out.push(
      ...(await tx
        .insert(drawTasks)
        .values(rows.slice(i, i + 2000))
        .returning()),
    );
  return out;
}

export const getTask = async (db: TExecutor, id: string) =>
  (await db.select().from(drawTasks).where(eq(drawTasks.id, id)))[0];
export const lockTask = async (tx: TExecutor, id: string) =>
  (await tx.select().from(drawTasks).where(eq(drawTasks.id, id)).for('update'))[0];
export async function updateTask(tx: TExecutor, id: string, v: Partial<TTaskInsert>) {
  return (await tx.update(drawTasks).set(v).where(eq(drawTasks.id, id)).returning())[0];
}

export const tasksOfPlan = (db: TExecutor, planId: string) =>
  db.select().from(drawTasks).where(eq(drawTasks.planId, planId)).orderBy(asc(drawTasks.dueAt), asc(drawTasks.id));

export async function listTasks(db: TExecutor, visible: SQL, q: { status?: string; page: number; pageSize: number }) {
  const where = and(visible, q.status ? eq(drawTasks.status, q.status) : undefined);
  const items = await db
    .select()
    .from(drawTasks)
    .where(where)
    .orderBy(asc(drawTasks.status), asc(drawTasks.dueAt), asc(drawTasks.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await db.$count(drawTasks, where);
  return { items, total };
}

export const planRefs = async (db: TExecutor, ids: string[]) => {
  const map = new Map<string, { name: string; departmentIds: string[] }>();
  if (!ids.length) return map;
  const rows = await db
    .select({ id: drawPlans.id, name: drawPlans.name, departmentIds: drawPlans.departmentIds })
    .from(drawPlans)
    .where(inArray(drawPlans.id, ids));
  for (const { id, ...p } of rows) map.set(id, p);
  return map;
};

/** Published results with the public fields only, newest inspection first. */
export async function listPublishedResults(db: TExecutor, q: { q?: string; page: number; pageSize: number }) {
  const where = and(
    eq(drawTasks.status, 'published'),
    q.q ? sql`(${businesses.name} ilike ${`%${q.q}%`} or ${businesses.uscc} = ${q.q})` : undefined,
  );
  const items = await db
    .select({
      businessName: businesses.name,
      uscc: businesses.uscc,
      inspectedAt: drawTasks.inspectedAt,
      departmentIds: drawPlans.departmentIds,
      result: drawTasks.result,
      problems: drawTasks.problems,
      handling: drawTasks.handling,
    })
    .from(drawTasks)
    .innerJoin(drawPlans, eq(drawPlans.id, drawTasks.planId))
    .innerJoin(businesses, eq(businesses.id, drawTasks.businessId))
    .where(where)
    .orderBy(desc(drawTasks.inspectedAt), desc(drawTasks.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(drawTasks)
    .innerJoin(businesses, eq(businesses.id, drawTasks.businessId))
    .where(where);
  return { items, total: n };
}

/** Draw plans' names by id (the audit log names them so). */
export const drawPlanNamesByIds = (db: TExecutor, ids: string[]) =>
  db.select({ id: drawPlans.id, name: drawPlans.name }).from(drawPlans).where(inArray(drawPlans.id, ids));
