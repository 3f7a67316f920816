import { DRAW_PUBLISH_WORKING_DAYS } from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import { cancel, STAGE, schedule, type TDeadlineHandler, type TStageSpec } from '../../platform/deadlines/index.js';
import * as store from './draws.store.js';

/** A task's inspection deadline: a reminder three working days before (when there is room), then overdue. */
export const INSPECT_DEADLINE = 'draw_task.inspect';
/** A result's publication: a warning five working days before the 20th working day, then overdue. */
export const PUBLISH_DEADLINE = 'draw_task.publish';

export function scheduleInspection(tx: TExecutor, taskId: string, workingDays: number, start: Date) {
  const stages: TStageSpec[] = [];
  if (workingDays > 3) stages.push({ name: STAGE.remind, after: { amount: workingDays - 3, unit: 'working_days' } });
  stages.push({ name: STAGE.overdue, after: { amount: workingDays, unit: 'working_days' } });
  return schedule(tx, { kind: INSPECT_DEADLINE, objectType: 'draw_task', objectId: taskId, stages, start });
}

export async function schedulePublication(tx: TExecutor, taskId: string, inspectedAt: Date, now: Date) {
  await cancel(tx, INSPECT_DEADLINE, taskId, now);
  return schedule(tx, {
    kind: PUBLISH_DEADLINE,
    objectType: 'draw_task',
    objectId: taskId,
    stages: [
      { name: STAGE.remind, after: { amount: DRAW_PUBLISH_WORKING_DAYS - 5, unit: 'working_days' } },
      { name: STAGE.overdue, after: { amount: DRAW_PUBLISH_WORKING_DAYS, unit: 'working_days' } },
    ],
    start: inspectedAt,
  });
}

export const cancelPublication = (tx: TExecutor, taskId: string, now: Date) =>
  cancel(tx, PUBLISH_DEADLINE, taskId, now);

/** The inspectors are reminded, and on overdue their department heads are told too; a done task stops it. */
export const inspectHandler: TDeadlineHandler = async (tx, firing, { outbox }) => {
  const task = await store.getTask(tx, firing.objectId);
  if (task?.status !== 'open') return 'stop';
  const biz = (await store.businessFacts(tx, [task.businessId])).get(task.businessId);
  const overdue = firing.stage === STAGE.overdue;
  const plan = (await store.planRefs(tx, [task.planId])).get(task.planId);
  const to = [...task.inspectorIds, ...(overdue && plan ? await store.departmentHeads(tx, plan.departmentIds) : [])];
  for (const userId of new Set(to))
    outbox.notify(
      { userId },
      {
        kind: overdue ? 'draw_task_overdue' : 'draw_task_remind',
        titleZh: `${overdue ? '双随机抽查任务已逾期' : '双随机抽查任务即将到期'}：${biz?.name ?? ''}`,
        titleEn: `${overdue ? 'Random-draw inspection overdue' : 'Random-draw inspection due soon'}: ${biz?.nameEn ?? biz?.name ?? ''}`,
        objectType: 'draw_task',
        objectId: task.id,
      },
    );
};

/** The plan's department heads are warned that a result must be published within 20 working days. */
export const publishHandler: TDeadlineHandler = async (tx, firing, { outbox }) => {
  const task = await store.getTask(tx, firing.objectId);
  if (task?.status !== 'done') return 'stop';
  const plan = (await store.planRefs(tx, [task.planId])).get(task.planId);
  if (!plan) return 'stop';
  const biz = (await store.businessFacts(tx, [task.businessId])).get(task.businessId);
  const overdue = firing.stage === STAGE.overdue;
  for (const userId of await store.departmentHeads(tx, plan.departmentIds))
    outbox.notify(
      { userId },
      {
        kind: overdue ? 'draw_publish_overdue' : 'draw_publish_remind',
        titleZh: `${overdue ? '抽查结果已超过20个工作日未公示' : '抽查结果须在20个工作日内公示'}：${biz?.name ?? ''}（${plan.name}）`,
        titleEn: `${overdue ? 'Inspection result not published within 20 working days' : 'Publish the inspection result within 20 working days'}: ${biz?.nameEn ?? biz?.name ?? ''} (${plan.name})`,
        objectType: 'draw_plan',
        objectId: task.planId,
      },
    );
};
