import { SLA_CLOCK_LABELS, type TAuditAction, type TSlaClock } from '@zhilv/contracts';
import type { TDb, TTx } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeSweepAudit } from '../../platform/audit.js';
import { STAGE_ACTION } from '../../platform/deadlines/stages.js';
import type { TEventHub } from '../../platform/events.js';
import { createOutbox, type TNotifyTarget } from '../../platform/notify.js';
import { markResolutionBreached } from './procedure.store.js';
import { CLOCK_STAGES, LATE_STAGE_NOTES, STAGE_FRACTION, type TClockStage } from './sla.js';
import type { TStageRow } from './sla-sweeper.store.js';
import * as store from './sla-sweeper.store.js';

/** Who hears of a stage, and how it reads there. `no` is the tracking number. */
type TNoticeRule = {
  kind: string;
  to: (dept: string | null) => TNotifyTarget[];
  zh: (clock: TSlaClock, no: string) => string;
  en: (clock: TSlaClock, no: string) => string;
};

const deptOrDispatcher = (dept: string | null): TNotifyTarget =>
  dept ? { role: 'department_staff', departmentId: dept } : { role: 'dispatcher' };
const head = (dept: string | null): TNotifyTarget[] => (dept ? [{ role: 'department_head', departmentId: dept }] : []);

/**
 * What each stage does: its timeline entry (action; note after the clock's id, which the order's view shows as
 * the clock's label in the reader's language; internal or shown to the tourist), its notices, and its audit
 * action. Passing 100% is one entry that says both: the clock ran out, and the order went up to the dispatcher
 * and the department head.
 */
const STAGE_ACTS: Record<
  TClockStage,
  { action: string; note: string; internal: boolean; notice: TNoticeRule; audit?: (c: TSlaClock) => TAuditAction }
> = {
  remind_50: {
    action: STAGE_ACTION.remind_50,
    note: ' 50%',
    internal: true,
    notice: {
      kind: 'remind',
      to: (d) => [deptOrDispatcher(d)],
      zh: (c, no) => `${SLA_CLOCK_LABELS[c].zh}时限已过 50%：${no}`,
      en: (c, no) => `50% of the ${SLA_CLOCK_LABELS[c].en} time used: ${no}`,
    },
  },
  remind_80: {
    action: STAGE_ACTION.remind_80,
    note: ' 80%',
    internal: true,
    notice: {
      kind: 'remind',
      to: (d) => [deptOrDispatcher(d)],
      zh: (c, no) => `${SLA_CLOCK_LABELS[c].zh}时限已过 80%：${no}`,
      en: (c, no) => `80% of the ${SLA_CLOCK_LABELS[c].en} time used: ${no}`,
    },
  },
  overdue: {
    action: STAGE_ACTION.overdue,
    note: '',
    internal: false,
    notice: {
      kind: 'overdue',
      to: (d) => [{ role: 'dispatcher' }, ...head(d)],
      zh: (c, no) => `工单${SLA_CLOCK_LABELS[c].zh}超时：${no}`,
      en: (c, no) => `Order overdue (${SLA_CLOCK_LABELS[c].en}): ${no}`,
    },
    audit: (c) => `sla.overdue_${c}`,
  },
  urge_2: {
    action: STAGE_ACTION.urge_2,
    note: LATE_STAGE_NOTES.urge_2.stored,
    internal: true,
    notice: {
      kind: 'urged',
      to: (d) => [deptOrDispatcher(d), ...head(d)],
      zh: (_c, no) => `二次督办：${no}`,
      en: (_c, no) => `Second urge: ${no}`,
    },
    audit: () => 'sla.urge_2',
  },
  report_leader: {
    action: STAGE_ACTION.report_leader,
    note: LATE_STAGE_NOTES.report_leader.stored,
    internal: true,
    notice: {
      kind: 'escalated',
      to: () => [{ role: 'leader' }],
      zh: (_c, no) => `严重超时报告：${no}`,
      en: (_c, no) => `Seriously overdue: ${no}`,
    },
    audit: () => 'sla.report_leader',
  },
};

/**
 * Each stage with what follows it, as the sweep's SQL takes them: built from the same constants as nextStage, so
 * the database moves a timer exactly as the TypeScript rules say.
 */
const STAGE_ROWS: TStageRow[] = CLOCK_STAGES.map((stage, i) => {
  const next = CLOCK_STAGES[i + 1] ?? null;
  const a = STAGE_ACTS[stage];
  return {
    stage,
    next,
    nextFraction: next ? STAGE_FRACTION[next] : null,
    action: a.action,
    note: a.note,
    internal: a.internal,
  };
});

type TFired = store.TFiredTimer<TClockStage>;

/**
 * One pass of the SLA sweeper, set-based: one statement claims up to `batch` due timers (FOR UPDATE SKIP
 * LOCKED), moves each to its next stage (or stops it after the last; a clock passing 100% is flagged overdue on
 * its own row) and writes each stage's timeline entry — without a round trip per order and without touching
 * the order rows. The same transaction then writes the batch's audit rows (one per action, listing its orders), the escalation levels of repeated
 * lateness and the notices. A timer belongs to one sweeper at a time and moves on in the same commit as its
 * effects, so every stage fires exactly once across any number of instances and restarts. `now` is the
 * database's clock unless a test passes its own.
 */
export async function sweepSlaTimers(
  db: TDb,
  events: TEventHub,
  opts: { now?: Date; batch?: number } = {},
): Promise<number> {
  const batch = opts.batch ?? 5000;
  const outbox = createOutbox(events);
  const n = await db.transaction(async (tx) => {
    const fired = await store.claimDueTimers<TClockStage>(tx, STAGE_ROWS, opts.now, batch);
    if (!fired.length) return 0;
    await applyOrderChanges(tx, fired);
    // A resolution breach is charged to whoever holds the order now (its open stretch).
    await markResolutionBreached(
      tx,
      fired.filter((f) => f.stage === 'overdue' && f.clock === 'resolution').map((f) => f.work_order_id),
    );
    // One audit row per action for the batch, listing its orders; each order's timeline has its own entry.
    await writeSweepAudit(
      tx,
      SYSTEM_ACTOR,
      fired.flatMap((f) => {
        const action = STAGE_ACTS[f.stage].audit?.(f.clock);
        return action ? [{ action, objectType: 'work_order', objectId: f.work_order_id }] : [];
      }),
      opts.now,
    );
    await notify(tx, outbox, fired);
    await outbox.flush(tx);
    return fired.length;
  });
  outbox.afterCommit();
  return n;
}

/**
 * How long an idle sweeper may sleep: until the next timer is due, by the database's clock (which decides what
 * is due), but never longer than `pollMs` — other instances add timers meanwhile. A timer due already that this
 * sweep did not take is held by another instance: look again after `heldMs`, not in a spin. One index probe.
 */
export async function sweeperIdleMs(db: TDb, pollMs: number, heldMs = 50): Promise<number> {
  const ms = await store.msToNextTimer(db);
  if (ms == null) return pollMs;
  const left = Math.ceil(ms);
  return Math.min(pollMs, left > 0 ? left : heldMs);
}

/**
 * Repeated lateness raises the orders' escalation level and counts the system's urge; all of a batch in one
 * statement. (Passing 100% writes nothing here: it is the timer row's flag, and level 1 is implied by it.)
 */
async function applyOrderChanges(tx: TTx, fired: TFired[]) {
  const changes = new Map<string, { urges: number; level: number }>();
  for (const f of fired) {
    if (f.stage !== 'urge_2' && f.stage !== 'report_leader') continue;
    const c = changes.get(f.work_order_id) ?? { urges: 0, level: 0 };
    if (f.stage === 'urge_2') changes.set(f.work_order_id, { urges: c.urges + 1, level: Math.max(c.level, 2) });
    else changes.set(f.work_order_id, { urges: c.urges, level: 3 });
  }
  if (changes.size) await store.raiseEscalations(tx, [...changes]);
}

/** Above this many notices of one kind to one target in one sweep, they are sent as one summary. */
const SUMMARY_ABOVE = 20;
/** A summary names this many orders at most. */
const SUMMARY_NAMES = 50;

/**
 * The sweep's notices, grouped by target and kind. A handful go out one per order; a mass breach (a system
 * outage, a holiday backlog) becomes one summary per target — a bell with 5,000 entries helps nobody. Only the
 * orders a notice names have their tracking numbers read.
 */
async function notify(tx: TTx, outbox: ReturnType<typeof createOutbox>, fired: TFired[]) {
  const groups = new Map<string, { target: TNotifyTarget; rule: TNoticeRule; items: TFired[] }>();
  for (const f of fired) {
    const rule = STAGE_ACTS[f.stage].notice;
    for (const target of rule.to(f.department_id)) {
      const key = `${'role' in target ? target.role : ''}|${'departmentId' in target ? target.departmentId : ''}|${rule.kind}`;
      const g = groups.get(key) ?? { target, rule, items: [] };
      g.items.push(f);
      groups.set(key, g);
    }
  }
  const named = new Set<string>();
  for (const g of groups.values())
    for (const f of g.items.slice(0, g.items.length <= SUMMARY_ABOVE ? SUMMARY_ABOVE : SUMMARY_NAMES))
      named.add(f.work_order_id);
  const no = await store.trackingNumbersOf(tx, [...named]);
  for (const { target, rule, items } of groups.values()) {
    if (items.length <= SUMMARY_ABOVE) {
      for (const f of items) {
        const n = no.get(f.work_order_id) ?? '';
        outbox.notify(target, {
          kind: rule.kind,
          titleZh: rule.zh(f.clock, n),
          titleEn: rule.en(f.clock, n),
          objectType: 'work_order',
          objectId: f.work_order_id,
        });
      }
      continue;
    }
    const first = items[0];
    outbox.notify(target, {
      kind: rule.kind,
      titleZh: `${items.length} 个工单：${rule.zh(first.clock, '').replace(/[:：]$/, '')}`,
      titleEn: `${items.length} orders: ${rule.en(first.clock, '').replace(/:\s*$/, '')}`,
      bodyZh: items
        .slice(0, SUMMARY_NAMES)
        .map((f) => no.get(f.work_order_id) ?? '')
        .join('、'),
      bodyEn: items
        .slice(0, SUMMARY_NAMES)
        .map((f) => no.get(f.work_order_id) ?? '')
        .join(', '),
    });
  }
}
