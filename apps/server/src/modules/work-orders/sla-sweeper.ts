import { sql } from 'drizzle-orm';
import type { TDb, TTx } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import type { TEventHub } from '../../platform/events.js';
import { createOutbox } from '../../platform/notify.js';
import { nextStage } from './sla.js';
import { insertEvents, type TEventInsert } from './work-orders.store.js';
import { type slaTimers, workOrders } from './work-orders.tables.js';

const CLOCK_ZH = { response: '响应', resolution: '办结' } as const;

type TTimer = typeof slaTimers.$inferSelect;

/**
 * One pass of the SLA sweeper: takes up to `batch` due timers with FOR UPDATE SKIP LOCKED, acts on each stage
 * (reminder, overdue + escalation, second urge, report to leaders) and moves each timer to its next stage —
 * all in one transaction, set-based. A timer is owned by exactly one sweeper at a time and moves on in the
 * same commit as its effects, so every stage fires exactly once across any number of instances and restarts.
 * `now` is the database's clock unless a test passes its own.
 */
export async function sweepSlaTimers(
  db: TDb,
  events: TEventHub,
  opts: { now?: Date; batch?: number } = {},
): Promise<number> {
  const batch = opts.batch ?? 5000;
  const outbox = createOutbox(events);
  const notices = createNoticeGroups();
  const n = await db.transaction(async (tx) => {
    const nowSql = opts.now ? sql`${opts.now.toISOString()}::timestamptz` : sql`now()`;
    const due = (await tx.execute(sql`
      select id, work_order_id as "workOrderId", clock, stage, due_at as "dueAt", start_at as "startAt", deadline_at as "deadlineAt"
      from sla_timers where due_at <= ${nowSql} order by due_at limit ${batch} for update skip locked`)) as unknown as
      | { rows: Record<string, unknown>[] }
      | Record<string, unknown>[];
    const rows = (Array.isArray(due) ? due : due.rows).map((r) => ({
      ...r,
      dueAt: new Date(r.dueAt as string),
      startAt: new Date(r.startAt as string),
      deadlineAt: new Date(r.deadlineAt as string),
    })) as TTimer[];
    if (!rows.length) return 0;
    const ids = [...new Set(rows.map((r) => r.workOrderId))];
    const orders = await tx
      .select({
        id: workOrders.id,
        trackingNo: workOrders.trackingNo,
        status: workOrders.status,
        departmentId: workOrders.departmentId,
      })
      .from(workOrders)
      .where(sql`${workOrders.id} = any(${`{${ids.join(',')}}`}::uuid[])`);
    const byId = new Map(orders.map((o) => [o.id, o]));
    const evts: TEventInsert[] = [];
    const overdue = { response: [] as string[], resolution: [] as string[] };
    const urged: string[] = [];
    const reported: string[] = [];
    const moves: { id: number; stage: string; dueAt: Date }[] = [];
    const finished: number[] = [];
    for (const t of rows) {
      const o = byId.get(t.workOrderId);
      const clock = t.clock as 'response' | 'resolution';
      const next = nextStage(t.startAt, t.deadlineAt, t.stage as never);
      if (next) moves.push({ id: t.id, stage: next.stage, dueAt: next.at });
      else finished.push(t.id);
      if (!o) continue;
      const no = o.trackingNo;
      const at = t.dueAt;
      const ref = { objectType: 'work_order', objectId: o.id };
      const dept = o.departmentId;
      const deptOrDispatcher = dept ? { role: 'department_staff', departmentId: dept } : { role: 'dispatcher' };
      switch (t.stage) {
        case 'remind_50':
        case 'remind_80': {
          const pct = t.stage === 'remind_50' ? 50 : 80;
          evts.push({
            workOrderId: o.id,
            action: 'remind',
            actorRole: 'system',
            note: `${clock} ${pct}%`,
            internal: true,
            at,
          });
          notices.add(deptOrDispatcher, {
            kind: 'remind',
            titleZh: `${CLOCK_ZH[clock]}时限已过 ${pct}%：${no}`,
            titleEn: `${pct}% of the ${clock} time used: ${no}`,
            ...ref,
          });
          break;
        }
        case 'overdue':
          overdue[clock].push(o.id);
          evts.push({ workOrderId: o.id, action: 'overdue', actorRole: 'system', note: clock, internal: false, at });
          evts.push({
            workOrderId: o.id,
            action: 'escalate',
            actorRole: 'system',
            note: `${clock} → dispatcher, department head`,
            internal: true,
            at,
          });
          notices.add(
            { role: 'dispatcher' },
            {
              kind: 'overdue',
              titleZh: `工单${CLOCK_ZH[clock]}超时：${no}`,
              titleEn: `Order overdue (${clock}): ${no}`,
              ...ref,
            },
          );
          if (dept)
            notices.add(
              { role: 'department_head', departmentId: dept },
              {
                kind: 'overdue',
                titleZh: `工单${CLOCK_ZH[clock]}超时：${no}`,
                titleEn: `Order overdue (${clock}): ${no}`,
                ...ref,
              },
            );
          break;
        case 'urge_2':
          urged.push(o.id);
          evts.push({
            workOrderId: o.id,
            action: 'urge',
            actorRole: 'system',
            note: `${clock} 150% — second urge 二次督办`,
            internal: true,
            at,
          });
          notices.add(deptOrDispatcher, {
            kind: 'urged',
            titleZh: `二次督办：${no}`,
            titleEn: `Second urge: ${no}`,
            ...ref,
          });
          if (dept)
            notices.add(
              { role: 'department_head', departmentId: dept },
              { kind: 'urged', titleZh: `二次督办：${no}`, titleEn: `Second urge: ${no}`, ...ref },
            );
          break;
        case 'report_leader':
          reported.push(o.id);
          evts.push({
            workOrderId: o.id,
            action: 'escalate',
            actorRole: 'system',
            note: `${clock} 200% → leader 报告领导`,
            internal: true,
            at,
          });
          notices.add(
            { role: 'leader' },
            { kind: 'escalated', titleZh: `严重超时报告：${no}`, titleEn: `Seriously overdue: ${no}`, ...ref },
          );
          break;
      }
    }
    await applyOrderChanges(tx, overdue, urged, reported);
    await moveTimers(tx, moves, finished);
    await insertEvents(tx, evts);
    const audit = (action: string) => (objectId: string) => ({ action, objectType: 'work_order', objectId });
    await writeAuditBatch(tx, SYSTEM_ACTOR, [
      ...overdue.response.map(audit('sla.overdue_response')),
      ...overdue.resolution.map(audit('sla.overdue_resolution')),
      ...urged.map(audit('sla.urge_2')),
      ...reported.map(audit('sla.report_leader')),
    ]);
    notices.drainInto(outbox);
    await outbox.flush(tx);
    return rows.length;
  });
  outbox.afterCommit();
  return n;
}

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

async function applyOrderChanges(
  tx: TTx,
  overdue: { response: string[]; resolution: string[] },
  urged: string[],
  reported: string[],
) {
  if (overdue.response.length)
    await tx.execute(
      sql`update work_orders set response_overdue = true, escalation_level = greatest(escalation_level, 1) where id = any(${uuidArray(overdue.response)})`,
    );
  if (overdue.resolution.length)
    await tx.execute(
      sql`update work_orders set resolution_overdue = true, escalation_level = greatest(escalation_level, 1) where id = any(${uuidArray(overdue.resolution)})`,
    );
  if (urged.length)
    await tx.execute(
      sql`update work_orders set urge_count = urge_count + 1, escalation_level = greatest(escalation_level, 2) where id = any(${uuidArray(urged)})`,
    );
  if (reported.length)
    await tx.execute(
      sql`update work_orders set escalation_level = greatest(escalation_level, 3) where id = any(${uuidArray(reported)})`,
    );
}

async function moveTimers(tx: TTx, moves: { id: number; stage: string; dueAt: Date }[], finished: number[]) {
  if (moves.length) {
    const ids = `{${moves.map((m) => m.id).join(',')}}`;
    const stages = `{${moves.map((m) => m.stage).join(',')}}`;
    const dues = `{${moves.map((m) => `"${m.dueAt.toISOString()}"`).join(',')}}`;
    await tx.execute(sql`
      update sla_timers t set stage = v.stage, due_at = v.due_at
      from (select unnest(${ids}::bigint[]) as id, unnest(${stages}::text[]) as stage, unnest(${dues}::timestamptz[]) as due_at) v
      where t.id = v.id`);
  }
  if (finished.length)
    await tx.execute(sql`delete from sla_timers where id = any(${`{${finished.join(',')}}`}::bigint[])`);
}

type TNotifyArgs = Parameters<ReturnType<typeof createOutbox>['notify']>;

/** Above this many notices of one kind to one target in one sweep, they are sent as one summary. */
const SUMMARY_ABOVE = 20;

/**
 * Groups the sweep's notices by target and kind. A handful go out one per order; a mass breach (a system
 * outage, a holiday backlog) becomes one summary notice per target — a bell with 5,000 entries helps nobody.
 */
function createNoticeGroups() {
  const groups = new Map<string, TNotifyArgs[]>();
  return {
    add(...args: TNotifyArgs) {
      const key = `${JSON.stringify(args[0])}|${args[1].kind}`;
      const list = groups.get(key) ?? [];
      list.push(args);
      groups.set(key, list);
    },
    drainInto(outbox: ReturnType<typeof createOutbox>) {
      for (const list of groups.values()) {
        if (list.length <= SUMMARY_ABOVE) {
          for (const [target, n] of list) outbox.notify(target, n);
          continue;
        }
        const [target, first] = list[0];
        outbox.notify(target, {
          kind: first.kind,
          titleZh: `${list.length} 个工单：${first.titleZh.replace(/[:：].*$/, '')}`,
          titleEn: `${list.length} orders: ${first.titleEn.replace(/:.*$/, '')}`,
          bodyZh: list
            .slice(0, 50)
            .map(([, n]) => n.titleZh.replace(/^.*[:：]/, ''))
            .join('、'),
          bodyEn: '',
        });
      }
      groups.clear();
    },
  };
}
