import {
  DRAW_GRADES,
  type TDrawGrade,
  type TDrawPlanDetail,
  type TDrawPlanStatus,
  type TDrawResultCode,
  type TDrawTaskStatus,
  type TDrawTaskView,
  type TPublicDrawResult,
  type TPublishedDraw,
} from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { localDay } from '../../platform/calendar.js';
import { canPlan, canTask } from './draws.policy.js';
import * as store from './draws.store.js';

/** Tasks as a reader sees them: the business, the inspectors with their certificate numbers, what they may do. */
export async function toTaskViews(db: TExecutor, tasks: store.TTaskRow[], actor: TActor): Promise<TDrawTaskView[]> {
  const biz = await store.businessFacts(db, [...new Set(tasks.map((t) => t.businessId))]);
  const people = await store.inspectorFacts(db, [...new Set(tasks.flatMap((t) => t.inspectorIds))]);
  const plans = await store.planRefs(db, [...new Set(tasks.map((t) => t.planId))]);
  return tasks.map((t) => {
    const b = biz.get(t.businessId);
    const plan = plans.get(t.planId);
    return {
      id: t.id,
      planId: t.planId,
      planName: plan?.name ?? '',
      businessId: t.businessId,
      businessName: b?.name ?? '',
      businessNameEn: b?.nameEn ?? null,
      uscc: b?.uscc ?? '',
      address: b?.address ?? '',
      grade: t.grade as TDrawGrade,
      inspectors: t.inspectorIds.map((id) => ({
        id,
        name: people.get(id)?.name ?? '',
        certificateNo: people.get(id)?.certificateNo ?? null,
      })),
      dueAt: t.dueAt.toISOString(),
      status: t.status as TDrawTaskStatus,
      result: (t.result as TDrawResultCode | null) ?? null,
      problems: t.problems,
      handling: t.handling,
      inspectedAt: t.inspectedAt?.toISOString() ?? null,
      inspectionId: t.inspectionId,
      publishBy: t.publishBy?.toISOString() ?? null,
      publishedAt: t.publishedAt?.toISOString() ?? null,
      mayRecord: t.status === 'open' && !!plan && canTask(actor, 'record', t, plan),
    };
  });
}

export async function toPlanDetail(db: TExecutor, p: store.TPlanRow, actor: TActor): Promise<TDrawPlanDetail> {
  const names = await store.departmentNames(db, p.departmentIds);
  const tasks = await toTaskViews(db, await store.tasksOfPlan(db, p.id), actor);
  const byGrade = p.result?.byGrade as TDrawPlanDetail['byGrade'];
  return {
    id: p.id,
    name: p.name,
    departments: p.departmentIds.map((id) => ({ id, ...(names.get(id) ?? { zh: id, en: id }) })),
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    status: p.status as TDrawPlanStatus,
    createdAt: p.createdAt.toISOString(),
    drawnAt: p.drawnAt?.toISOString() ?? null,
    targetCount: p.targetPoolSize,
    taskCount: tasks.length,
    doneCount: tasks.filter((t) => t.status !== 'open').length,
    kinds: p.kinds,
    countyCodes: p.countyCodes,
    grades: p.grades as TDrawGrade[],
    ratios: Object.fromEntries(DRAW_GRADES.map((g) => [g, Number(p.ratios[g] ?? 0)])) as Record<TDrawGrade, number>,
    inspectorsPerTarget: p.inspectorsPerTarget,
    taskWorkingDays: p.taskWorkingDays,
    frozenAt: p.frozenAt?.toISOString() ?? null,
    targetPoolSize: p.targetPoolSize,
    inspectorPoolSize: p.inspectorPoolSize,
    planHash: p.planHash,
    targetPoolHash: p.targetPoolHash,
    inspectorPoolHash: p.inspectorPoolHash,
    publicValue: p.publicValue,
    seed: p.seed,
    algorithm: p.algorithm,
    byGrade: byGrade ?? null,
    unassigned: p.result?.unassigned ?? [],
    tasks,
    mayFreeze: p.status === 'draft' && canPlan(actor, 'freeze', p),
    mayDraw: p.status === 'frozen' && canPlan(actor, 'draw', p),
    mayPublish: tasks.some((t) => t.status === 'done') && canPlan(actor, 'publish', p),
  };
}

/** Only the legally public fields (name, USCC, date, department, result, problems, handling) — nothing else. */
export function toPublicResult(
  r: Awaited<ReturnType<typeof store.listPublishedResults>>['items'][number],
  depts: Map<string, { zh: string; en: string }>,
  lang: 'zh' | 'en',
): TPublicDrawResult {
  return {
    businessName: r.businessName,
    uscc: r.uscc,
    inspectedOn: r.inspectedAt ? localDay(r.inspectedAt.getTime()) : '',
    departments: r.departmentIds.map((id) => depts.get(id)?.[lang] ?? ''),
    result: r.result as TDrawResultCode,
    problems: r.problems ?? '',
    handling: r.handling ?? '',
  };
}

/** The published record of a drawn plan, with names to read its pairs by. */
export async function toPublishedDraw(db: TExecutor, p: store.TPlanRow, lang: 'zh' | 'en'): Promise<TPublishedDraw> {
  const targetPool = JSON.parse(p.targetPool ?? '[]') as TPublishedDraw['targetPool'];
  const inspectorPool = JSON.parse(p.inspectorPool ?? '[]') as TPublishedDraw['inspectorPool'];
  const assignments = (p.result?.assignments ?? []) as TPublishedDraw['assignments'];
  const named = [...assignments.map((a) => a.targetId), ...(p.result?.unassigned ?? [])];
  const biz = await store.businessFacts(db, named);
  const people = await store.inspectorFacts(
    db,
    inspectorPool.map(([id]) => id),
  );
  const depts = await store.departmentNames(db, p.departmentIds);
  return {
    id: p.id,
    name: p.name,
    departments: p.departmentIds.map((id) => depts.get(id)?.[lang] ?? ''),
    drawnAt: p.drawnAt?.toISOString() ?? '',
    algorithm: p.algorithm ?? '',
    plan: {
      planId: p.id,
      ratios: Object.fromEntries(DRAW_GRADES.map((g) => [g, Number(p.ratios[g] ?? 0)])) as Record<TDrawGrade, number>,
      inspectorsPerTarget: p.inspectorsPerTarget,
    },
    planHash: p.planHash ?? '',
    targetPool,
    inspectorPool,
    targetPoolHash: p.targetPoolHash ?? '',
    inspectorPoolHash: p.inspectorPoolHash ?? '',
    publicValue: p.publicValue ?? '',
    seed: p.seed ?? '',
    assignments,
    targets: Object.fromEntries(
      named.map((id) => [id, { name: biz.get(id)?.name ?? '', uscc: biz.get(id)?.uscc ?? '' }]),
    ),
    inspectors: Object.fromEntries(
      inspectorPool.map(([id]) => [
        id,
        { name: people.get(id)?.name ?? '', certificateNo: people.get(id)?.certificateNo ?? '' },
      ]),
    ),
  };
}
