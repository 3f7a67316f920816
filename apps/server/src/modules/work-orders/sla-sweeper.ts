import { sql } from 'drizzle-orm';
import type { TDb, TTx } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import type { TEventHub } from '../../platform/events.js';
import { createOutbox } from '../../platform/notify.js';
import { nextStage } from './sla.js';
import { insertEvents, type TEventInsert } from './work-orders.store.js';

const CLOCK_ZH = { response: '响应', resolution: '办结' } as const;

/** A due timer as the claim query answers it (raw row: timestamps may come as strings or dates). */
type TDueRow = {
  id: number | string;
  work_order_id: string;
  clock: string;
  stage: string;
  due_at: string | Date;
  start_at: string | Date;
  deadline_at: string | Date;
  tracking_no: string | null;
  department_id: string | null;
};

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
    // The due timers with what the notices need of their orders, in one round trip. Only the timers are locked:
    // an action on an order at the same moment is not held up, and its own timer change waits for this commit.
    const due = (await tx.execute(sql`
      select t.id, t.work_order_id, t.clock, t.stage, t.due_at, t.start_at, t.deadline_at, o.tracking_no, o.department_id
      from sla_timers t left join work_orders o on o.id = t.work_order_id
      where t.due_at <= ${nowSql} order by t.due_at limit ${batch} for update of t skip locked`)) as unknown as
      | { rows: TDueRow[] }
      | TDueRow[];
    const rows = Array.isArray(due) ? due : due.rows;
    if (!rows.length) return 0;
    const evts: TEventInsert[] = [];
    const overdue = { response: [] as string[], resolution: [] as string[] };
    const urged: string[] = [];
    const reported: string[] = [];
    // Each timer moves to its next stage, or stops (due time null) after the last; a clock that passes 100%
    // is flagged overdue on its own row — the flag the lists and statistics read.
    const moves: TMove[] = [];
    for (const t of rows) {
      const clock = t.clock as 'response' | 'resolution';
      const next = nextStage(new Date(t.start_at), new Date(t.deadline_at), t.stage as never);
      moves.push({
        id: Number(t.id),
        stage: next?.stage ?? t.stage,
        dueAt: next?.at ?? null,
        overdue: t.stage === 'overdue',
      });
      if (t.tracking_no === null) continue; // the order is gone: the timer just moves on
      const o = { id: t.work_order_id };
      const no = t.tracking_no;
      const at = new Date(t.due_at);
      const ref = { objectType: 'work_order', objectId: o.id };
      const dept = t.department_id;
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
          // One timeline entry says both: the clock ran out, and the order went up to the dispatcher and the
          // department head (the notices below). The flag is the timer row's, moved in moveTimers.
          evts.push({ workOrderId: o.id, action: 'overdue', actorRole: 'system', note: clock, internal: false, at });
          overdue[clock].push(o.id);
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
    await applyOrderChanges(tx, urged, reported);
    await moveTimers(tx, moves);
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

/**
 * Repeated lateness raises the orders' escalation level and counts the system's urge; all of a batch in one
 * statement. (Passing 100% writes nothing here: it is the timer row's flag, and level 1 is implied by it.)
 */
async function applyOrderChanges(tx: TTx, urged: string[], reported: string[]) {
  const changes = new Map<string, { urges: number; level: number }>();
  for (const id of urged) changes.set(id, { urges: 1, level: 2 });
  for (const id of reported) changes.set(id, { urges: changes.get(id)?.urges ?? 0, level: 3 });
  if (!changes.size) return;
  const list = [...changes];
  await tx.execute(sql`
    update work_orders w set
      urge_count = w.urge_count + v.urges,
      escalation_level = greatest(w.escalation_level, v.level)
    from (select unnest(${pgArray(list.map(([id]) => id))}::uuid[]) as id,
                 unnest(${pgArray(list.map(([, c]) => c.urges))}::int[]) as urges,
                 unnest(${pgArray(list.map(([, c]) => c.level))}::int[]) as level) v
    where w.id = v.id`);
}

/** An array literal for a ::type[] cast; only ids, numbers, booleans, stage names and ISO instants go in. */
const pgArray = (values: (string | number | boolean)[]) => `{${values.join(',')}}`;

type TMove = { id: number; stage: string; dueAt: Date | null; overdue: boolean };

async function moveTimers(tx: TTx, moves: TMove[]) {
  if (!moves.length) return;
  await tx.execute(sql`
    update sla_timers t set stage = v.stage, due_at = v.due_at, overdue = t.overdue or v.overdue
    from (select unnest(${pgArray(moves.map((m) => m.id))}::bigint[]) as id,
                 unnest(${pgArray(moves.map((m) => m.stage))}::text[]) as stage,
                 unnest(${pgArray(moves.map((m) => (m.dueAt ? `"${m.dueAt.toISOString()}"` : 'NULL')))}::timestamptz[]) as due_at,
                 unnest(${pgArray(moves.map((m) => m.overdue))}::boolean[]) as overdue) v
    where t.id = v.id`);
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
