import { createHash } from 'node:crypto';
import {
  canonicalInspectors,
  canonicalTargets,
  DRAW_ALGORITHM,
  DRAW_GRADES,
  DRAW_MIN_RATIO,
  DRAW_PUBLISH_WORKING_DAYS,
  drawCount,
  hashPlan,
  runDraw,
  type TCertificateInput,
  type TDrawGrade,
  type TDrawInspector,
  type TDrawPlan,
  type TDrawPlanInput,
  type TDrawResultCode,
  type TDrawTarget,
  type TDrawTaskResultRequest,
  type TRelationInput,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import { addDuration, loadCalendar, localDay } from '../../platform/calendar.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { createOutbox, type TOutbox } from '../../platform/notify.js';
import { cancelPublication, scheduleInspection, schedulePublication } from './draws.deadlines.js';
import {
  canPlan,
  canTask,
  certificatesScope,
  mayCreatePlan,
  mayManageCertificates,
  myTasksWhere,
  plansVisibleWhere,
  relationsScope,
} from './draws.policy.js';
import * as store from './draws.store.js';
import { toPlanDetail, toPublicResult, toPublishedDraw, toTaskViews } from './draws.view.js';

/** Who answers for each business (grid workers, 包保 officials): never their inspector. */
export type TResponsiblesOf = (db: TExecutor, businessIds: string[]) => Promise<Map<string, string[]>>;
/** Each business's credit grade (A, B, C, D or 'ungraded'). */
export type TGradesOf = (db: TExecutor, businessIds: string[]) => Promise<Map<string, string>>;

export type TDrawDeps = {
  db: TDb;
  clock: TClock;
  events: TEventHub;
  responsiblesOf: TResponsiblesOf;
  gradesOf: TGradesOf;
};

/** SHA-256 of the frozen text as UTF-8: what draw.ts's hashTargetPool computes from the rows themselves. */
const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const asGrade = (g: string | undefined): TDrawGrade =>
  (DRAW_GRADES as readonly string[]).includes(g ?? '') ? (g as TDrawGrade) : 'ungraded';

/** The draw's plan as hashed into the seed: its id and parameters, nothing a later edit could change. */
export const drawPlanOf = (p: store.TPlanRow): TDrawPlan => ({
  planId: p.id,
  ratios: Object.fromEntries(DRAW_GRADES.map((g) => [g, Number(p.ratios[g] ?? 0)])) as Record<TDrawGrade, number>,
  inspectorsPerTarget: p.inspectorsPerTarget,
});

export const parseTargetPool = (text: string): TDrawTarget[] =>
  (JSON.parse(text) as [string, TDrawGrade, string[]][]).map(([id, grade, conflicts]) => ({ id, grade, conflicts }));
export const parseInspectorPool = (text: string): TDrawInspector[] =>
  (JSON.parse(text) as [string, string][]).map(([id, departmentId]) => ({ id, departmentId }));

/**
 * Reads both pools as they stand: the target businesses (by kind, county, grade) with their conflicts, and the
 * certified inspectors of the plan's departments. Conflicts are kept only where they name an inspector of the pool
 * (a grid worker outside it cannot be drawn anyway), so the published record names no one it need not.
 */
export async function readPools(
  tx: TExecutor,
  plan: Pick<store.TPlanRow, 'kinds' | 'countyCodes' | 'grades' | 'departmentIds'>,
  day: string,
  deps: Pick<TDrawDeps, 'responsiblesOf' | 'gradesOf'>,
) {
  const ids = await store.targetCandidates(tx, plan);
  const inspectorRows = await store.inspectorCandidates(tx, plan.departmentIds, day);
  const inspectorIds = inspectorRows.map((i) => i.id);
  const [grades, responsibles, relations, previous] = [
    await deps.gradesOf(tx, ids),
    await deps.responsiblesOf(tx, ids),
    await store.relationsByBusiness(tx, inspectorIds),
    await store.previousTargetsByBusiness(tx, inspectorIds),
  ];
  const inPool = new Set(inspectorIds);
  const wanted = new Set(plan.grades);
  const targets: TDrawTarget[] = [];
  for (const id of ids) {
    const grade = asGrade(grades.get(id));
    if (wanted.size && !wanted.has(grade)) continue;
    const conflicts = new Set<string>();
    for (const list of [responsibles.get(id), relations.get(id), previous.get(id)])
      for (const u of list ?? []) if (inPool.has(u)) conflicts.add(u);
    targets.push({ id, grade, conflicts: [...conflicts] });
  }
  const inspectors: TDrawInspector[] = inspectorRows.map((i) => ({ id: i.id, departmentId: i.departmentId }));
  return { targets, inspectors };
}

export function createDrawService(deps: TDrawDeps) {
  const { db, clock, events } = deps;

  async function change<T>(work: (tx: TExecutor, outbox: TOutbox, now: Date) => Promise<T>): Promise<T> {
    const outbox = createOutbox(events);
    const out = await db.transaction(async (tx) => {
      const res = await work(tx, outbox, clock.now());
      await outbox.flush(tx);
      return res;
    });
    outbox.afterCommit();
    return out;
  }

  // -------------------------------------------------------------------------------------------- certificates
  async function listCertificates(actor: TActor) {
    const scope = certificatesScope(actor);
    if (scope === undefined) throw forbidden();
    const today = localDay(clock.now().getTime());
    return (await store.listCertificates(db, scope)).map(({ c, userName, deptName, deptNameEn }) => ({
      id: c.id,
      userId: c.userId,
      userName,
      certificateNo: c.certificateNo,
      departmentId: c.departmentId,
      departmentName: { zh: deptName, en: deptNameEn },
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      valid: c.validFrom <= today && c.validUntil >= today,
    }));
  }

  async function listStaff(actor: TActor) {
    const scope = certificatesScope(actor);
    if (scope === undefined) throw forbidden();
    return store.listDepartmentStaff(db, scope);
  }

  async function checkCertificate(tx: TExecutor, actor: TActor, body: TCertificateInput, id?: string) {
    // The input is judged first (an unknown person answers 422 for anyone), then who may certify in that department.
    if (body.validUntil < body.validFrom) throw invalid('draw_certificate_validity', 'validUntil');
    const user = await store.getUser(tx, body.userId);
    if (!user || (user.role !== 'department_staff' && user.role !== 'department_head'))
      throw invalid('draw_certificate_not_staff', 'userId');
    if (!mayManageCertificates(actor, body.departmentId)) throw forbidden();
    if (user.departmentId !== body.departmentId) throw invalid('draw_certificate_other_department', 'departmentId');
    const sameNo = await store.certificateByNo(tx, body.certificateNo);
    if (sameNo && sameNo.id !== id) throw conflict('draw_certificate_no_taken', 'certificateNo');
    const ofUser = await store.certificateOfUser(tx, body.userId);
    if (ofUser && ofUser.id !== id) throw conflict('draw_certificate_exists', 'userId');
  }

  async function createCertificate(actor: TActor, body: TCertificateInput) {
    return change(async (tx, _o, now) => {
      await checkCertificate(tx, actor, body);
      const c = await store.insertCertificate(tx, { ...body, createdAt: now, updatedAt: now });
      await writeAuditBatch(
        tx,
        actor,
        [{ action: 'inspector_certificate.create', objectType: 'inspector_certificate', objectId: c.id, after: body }],
        now,
      );
      return { id: c.id };
    });
  }

  async function updateCertificate(actor: TActor, id: string, body: TCertificateInput) {
    return change(async (tx, _o, now) => {
      const before = await store.getCertificate(tx, id);
      if (!before || !mayManageCertificates(actor, before.departmentId)) throw notFound();
      await checkCertificate(tx, actor, body, id);
      await store.updateCertificate(tx, id, { ...body, updatedAt: now });
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: 'inspector_certificate.update',
            objectType: 'inspector_certificate',
            objectId: id,
            before: { ...before, createdAt: undefined, updatedAt: undefined },
            after: body,
          },
        ],
        now,
      );
      return { id };
    });
  }

  // -------------------------------------------------------------------------------------------- relations
  async function listRelations(actor: TActor) {
    const scope = relationsScope(actor);
    if (!scope) throw forbidden();
    const rows = await store.listRelations(db, 'all' in scope ? {} : scope);
    return rows.map(({ r, userName, businessName }) => ({
      id: r.id,
      userId: r.userId,
      userName,
      businessId: r.businessId,
      businessName,
      reason: r.reason,
      declaredAt: r.declaredAt.toISOString(),
    }));
  }

  /** An inspector declares a relation to a business (亲属、利害关系): the draw never pairs them. */
  async function declareRelation(actor: TActor, body: TRelationInput) {
    return change(async (tx, _o, now) => {
      if (!actor.id || !(await store.certificateOfUser(tx, actor.id))) throw invalid('draw_no_certificate');
      if (!(await store.businessExists(tx, body.businessId))) throw invalid('business_not_found', 'businessId');
      const r = await store.insertRelation(tx, { userId: actor.id, ...body, declaredAt: now });
      if (!r) throw conflict('draw_relation_exists', 'businessId');
      await writeAuditBatch(
        tx,
        actor,
        [{ action: 'inspector_relation.declare', objectType: 'inspector_relation', objectId: r.id, after: body }],
        now,
      );
      return { id: r.id };
    });
  }

  // -------------------------------------------------------------------------------------------- plans
  async function createPlan(actor: TActor, body: TDrawPlanInput) {
    const departmentIds = [...new Set(body.departmentIds)];
    return change(async (tx, _o, now) => {
      if (!(await store.departmentsExist(tx, departmentIds))) throw invalid('draw_department_unknown', 'departmentIds');
      if (!mayCreatePlan(actor, departmentIds)) throw forbidden();
      const p = await store.insertPlan(tx, {
        name: body.name,
        departmentIds,
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        kinds: body.kinds,
        countyCodes: body.countyCodes,
        grades: body.grades,
        ratios: body.ratios,
        inspectorsPerTarget: body.inspectorsPerTarget,
        taskWorkingDays: body.taskWorkingDays,
        status: 'draft',
        createdBy: actor.id,
        createdAt: now,
      });
      await writeAuditBatch(
        tx,
        actor,
        [{ action: 'draw_plan.create', objectType: 'draw_plan', objectId: p.id, after: { ...body, departmentIds } }],
        now,
      );
      return { id: p.id };
    });
  }

  async function listPlans(actor: TActor, q: { status?: string; page: number; pageSize: number }) {
    const { items, total } = await store.listPlans(db, plansVisibleWhere(actor), q);
    const names = await store.departmentNames(db, [...new Set(items.flatMap((p) => p.departmentIds))]);
    return {
      items: items.map((p) => ({
        id: p.id,
        name: p.name,
        departments: p.departmentIds.map((id) => ({ id, ...(names.get(id) ?? { zh: id, en: id }) })),
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        status: p.status,
        createdAt: p.createdAt.toISOString(),
        drawnAt: p.drawnAt?.toISOString() ?? null,
        targetCount: p.targetPoolSize,
        taskCount: p.taskCount,
        doneCount: p.doneCount,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function visiblePlan(tx: TExecutor, actor: TActor, id: string, lock: boolean) {
    const p = lock ? await store.lockPlan(tx, id) : await store.getPlan(tx, id);
    if (!p || !canPlan(actor, 'view', p)) throw notFound();
    return p;
  }

  async function getPlan(actor: TActor, id: string) {
    const p = await visiblePlan(db, actor, id, false);
    return toPlanDetail(db, p, actor);
  }

  /**
   * 名录库固化: the pools are read and frozen as canonical JSON with their hashes, before anyone knows the public
   * value. From here the plan's pools cannot change; the draw uses exactly these bytes.
   */
  async function freeze(actor: TActor, id: string) {
    return change(async (tx, _o, now) => {
      const p = await visiblePlan(tx, actor, id, true);
      if (!canPlan(actor, 'freeze', p)) throw forbidden();
      if (p.status !== 'draft') throw conflict('draw_plan_not_draft');
      const { targets, inspectors } = await readPools(tx, p, localDay(now.getTime()), deps);
      if (!targets.length) throw invalid('draw_target_pool_empty');
      if (inspectors.length < p.inspectorsPerTarget) throw invalid('draw_inspector_pool_too_small');
      const plan = drawPlanOf(p);
      const expected = DRAW_GRADES.reduce(
        (n, g) => n + drawCount(targets.filter((t) => t.grade === g).length, plan.ratios[g]),
        0,
      );
      // The year's minimum share, held plan by plan: each plan draws at least 5% of its pool.
      if (expected < targets.length * DRAW_MIN_RATIO) throw invalid('draw_ratio_below_minimum', 'ratios');
      const targetPool = canonicalTargets(targets);
      const inspectorPool = canonicalInspectors(inspectors);
      const after = await store.updatePlan(tx, p.id, {
        status: 'frozen',
        frozenAt: now,
        targetPool,
        inspectorPool,
        targetPoolSize: targets.length,
        inspectorPoolSize: inspectors.length,
        planHash: hashPlan(plan),
        targetPoolHash: sha256hex(targetPool),
        inspectorPoolHash: sha256hex(inspectorPool),
        algorithm: DRAW_ALGORITHM,
      });
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: 'draw_plan.freeze',
            objectType: 'draw_plan',
            objectId: p.id,
            before: { status: p.status },
            after: {
              status: after.status,
              targetPoolSize: after.targetPoolSize,
              inspectorPoolSize: after.inspectorPoolSize,
              planHash: after.planHash,
              targetPoolHash: after.targetPoolHash,
              inspectorPoolHash: after.inspectorPoolHash,
            },
          },
        ],
        now,
      );
      return toPlanDetail(tx, after, actor);
    });
  }

  /**
   * 抽取: the public value is entered, the draw runs over the frozen pools (draw.ts, the same code the verify page
   * runs), and each drawn target becomes a task for its inspectors with a deadline in working days.
   */
  async function draw(actor: TActor, id: string, publicValue: string) {
    return change(async (tx, outbox, now) => {
      const p = await visiblePlan(tx, actor, id, true);
      if (!canPlan(actor, 'draw', p)) throw forbidden();
      if (p.status !== 'frozen' || !p.targetPool || !p.inspectorPool) throw conflict('draw_plan_not_frozen');
      const result = runDraw({
        plan: drawPlanOf(p),
        targets: parseTargetPool(p.targetPool),
        inspectors: parseInspectorPool(p.inspectorPool),
        publicValue,
      });
      // The frozen text is canonical already; a different hash would mean the stored pool was altered.
      if (result.targetPoolHash !== p.targetPoolHash || result.inspectorPoolHash !== p.inspectorPoolHash)
        throw new AppError('draw_pool_altered', 409);
      const calendar = await loadCalendar(tx);
      const dueAt = addDuration(now, { amount: p.taskWorkingDays, unit: 'working_days' }, calendar);
      const tasks = await store.insertTasks(
        tx,
        result.assignments.map((a) => ({
          planId: p.id,
          businessId: a.targetId,
          grade: a.grade,
          inspectorIds: a.inspectorIds,
          dueAt,
          status: 'open',
        })),
      );
      for (const t of tasks) await scheduleInspection(tx, t.id, p.taskWorkingDays, now);
      const after = await store.updatePlan(tx, p.id, {
        status: 'drawn',
        publicValue: publicValue.trim(),
        seed: result.seed,
        result: { assignments: result.assignments, unassigned: result.unassigned, byGrade: result.byGrade },
        drawnAt: now,
        drawnBy: actor.id,
      });
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: 'draw_plan.draw',
            objectType: 'draw_plan',
            objectId: p.id,
            before: { status: p.status },
            after: { status: 'drawn', publicValue: after.publicValue, seed: result.seed, tasks: tasks.length },
          },
          ...tasks.map((t) => ({
            action: 'draw_task.create' as const,
            objectType: 'draw_task',
            objectId: t.id,
            after: { planId: p.id, businessId: t.businessId, inspectorIds: t.inspectorIds, dueAt: t.dueAt },
          })),
        ],
        now,
      );
      const perInspector = new Map<string, number>();
      for (const t of tasks) for (const u of t.inspectorIds) perInspector.set(u, (perInspector.get(u) ?? 0) + 1);
      for (const [userId, n] of perInspector)
        outbox.notify(
          { userId },
          {
            kind: 'draw_task_assigned',
            titleZh: `您在「${p.name}」中抽中 ${n} 项检查任务`,
            titleEn: `You were drawn for ${n} inspection task(s) in "${p.name}"`,
            objectType: 'draw_plan',
            objectId: p.id,
          },
        );
      return toPlanDetail(tx, after, actor);
    });
  }

  /** 一公开: every recorded result of the plan not yet public becomes public now. */
  async function publish(actor: TActor, id: string) {
    return change(async (tx, _o, now) => {
      const p = await visiblePlan(tx, actor, id, true);
      if (!canPlan(actor, 'publish', p)) throw forbidden();
      const done = (await store.tasksOfPlan(tx, p.id)).filter((t) => t.status === 'done');
      if (!done.length) throw conflict('draw_nothing_to_publish');
      for (const t of done) {
        await store.updateTask(tx, t.id, { status: 'published', publishedAt: now });
        await cancelPublication(tx, t.id, now);
      }
      await writeAuditBatch(
        tx,
        actor,
        done.map((t) => ({
          action: 'draw_task.publish' as const,
          objectType: 'draw_task',
          objectId: t.id,
          before: { status: 'done' },
          after: { status: 'published', result: t.result, planId: p.id },
        })),
        now,
      );
      return toPlanDetail(tx, p, actor);
    });
  }

  // -------------------------------------------------------------------------------------------- tasks
  async function listMyTasks(actor: TActor, q: { status?: string; page: number; pageSize: number }) {
    const { items, total } = await store.listTasks(db, myTasksWhere(actor), q);
    return { items: await toTaskViews(db, items, actor), total, page: q.page, pageSize: q.pageSize };
  }

  async function visibleTask(tx: TExecutor, actor: TActor, id: string, lock: boolean) {
    const t = lock ? await store.lockTask(tx, id) : await store.getTask(tx, id);
    if (!t) throw notFound();
    const plan = (await store.planRefs(tx, [t.planId])).get(t.planId);
    if (!plan || !canTask(actor, 'view', t, plan)) throw notFound();
    return t;
  }

  async function getTask(actor: TActor, id: string) {
    const t = await visibleTask(db, actor, id, false);
    return (await toTaskViews(db, [t], actor))[0];
  }

  /** The inspectors record what they found on the task page (when no inspection module submits it for them). */
  async function recordResult(actor: TActor, id: string, body: TDrawTaskResultRequest, key?: string) {
    return change(async (tx, _o, now) => {
      if (key && actor.id) {
        const prior = await claimIdempotencyKey<unknown>(tx, key, actor.id, hashRequest({ id, body }), now);
        if (prior) return prior;
      }
      const t = await visibleTask(tx, actor, id, true);
      if (!canTask(actor, 'record', t, { departmentIds: [] })) throw forbidden();
      const after = await complete(
        tx,
        t,
        { ...body, inspectedAt: new Date(body.inspectedAt), inspectionId: null },
        actor,
        now,
      );
      const view = (await toTaskViews(tx, [after], actor))[0];
      if (key && actor.id) await storeIdempotentAnswer(tx, key, actor.id, view);
      return view;
    });
  }

  // -------------------------------------------------------------------------------------------- public
  async function publicResults(q: { q?: string; page: number; pageSize: number }, lang: 'zh' | 'en') {
    const { items, total } = await store.listPublishedResults(db, q);
    const depts = await store.departmentNames(db, [...new Set(items.flatMap((r) => r.departmentIds))]);
    return { items: items.map((r) => toPublicResult(r, depts, lang)), total, page: q.page, pageSize: q.pageSize };
  }

  async function publicDraws(lang: 'zh' | 'en') {
    const plans = await store.listDrawnPlans(db, 100);
    const depts = await store.departmentNames(db, [...new Set(plans.flatMap((p) => p.departmentIds))]);
    return plans.map((p) => ({
      id: p.id,
      name: p.name,
      departments: p.departmentIds.map((id) => depts.get(id)?.[lang] ?? ''),
      drawnAt: p.drawnAt?.toISOString() ?? '',
      targetCount: p.targetPoolSize ?? 0,
    }));
  }

  /** A drawn plan's record is public (pools, hashes, value, pairs); a plan not yet drawn is not found. */
  async function publishedDraw(id: string, lang: 'zh' | 'en') {
    const p = await store.getPlan(db, id);
    if (p?.status !== 'drawn') throw notFound();
    return toPublishedDraw(db, p, lang);
  }

  return {
    publicResults,
    publicDraws,
    publishedDraw,
    listCertificates,
    listStaff,
    createCertificate,
    updateCertificate,
    listRelations,
    declareRelation,
    createPlan,
    listPlans,
    getPlan,
    freeze,
    draw,
    publish,
    listMyTasks,
    getTask,
    recordResult,
  };
}
export type TDrawService = ReturnType<typeof createDrawService>;

export type TTaskCompletion = {
  result: TDrawResultCode;
  problems: string;
  handling: string;
  inspectedAt: Date;
  inspectionId: string | null;
};

/**
 * Records a task's result in the caller's transaction (the task locked by the caller): the inspection deadline is
 * cancelled and the publication deadline (20 working days from the inspection) scheduled.
 */
export async function complete(tx: TExecutor, t: store.TTaskRow, r: TTaskCompletion, actor: TActor, now: Date) {
  if (t.status !== 'open') throw conflict('draw_task_not_open');
  if (r.inspectedAt.getTime() > now.getTime() + 5 * 60_000) throw invalid('draw_inspected_in_future', 'inspectedAt');
  const calendar = await loadCalendar(tx);
  const publishBy = addDuration(r.inspectedAt, { amount: DRAW_PUBLISH_WORKING_DAYS, unit: 'working_days' }, calendar);
  const after = await store.updateTask(tx, t.id, {
    status: 'done',
    result: r.result,
    problems: r.problems,
    handling: r.handling,
    inspectedAt: r.inspectedAt,
    inspectionId: r.inspectionId,
    completedBy: actor.id,
    completedAt: now,
    publishBy,
  });
  await schedulePublication(tx, t.id, r.inspectedAt, now);
  await writeAuditBatch(
    tx,
    actor,
    [
      {
        action: 'draw_task.record',
        objectType: 'draw_task',
        objectId: t.id,
        before: { status: t.status },
        after: { status: 'done', result: r.result, inspectedAt: r.inspectedAt, inspectionId: r.inspectionId },
      },
    ],
    now,
  );
  return after;
}
