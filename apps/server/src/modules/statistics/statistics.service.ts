import { CATEGORY_LABELS, type TCategoryId, type TLocale } from '@zhilv/contracts';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import type { TClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { toXlsx } from '../../platform/excel.js';
import {
  holderStats,
  overdueOrders,
  type TGroupBy,
  type TOverdueFilter,
  workOrderStats,
} from '../work-orders/index.js';

export type TStatsQuery = { groupBy: TGroupBy; from?: string; to?: string; departmentId?: string };

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);

/** Read-only: the figures come from work-orders' exported queries, on the app's clock. */
export function createStatisticsService(db: TDb, clock: TClock) {
  /** Department heads see only their own department, whatever the query asks. */
  function scope(actor: TActor, q: TStatsQuery) {
    if (actor.role === 'department_head') {
      if (q.departmentId && q.departmentId !== actor.departmentId) throw new AppError('forbidden', 403, 'departmentId');
      return actor.departmentId ?? undefined;
    }
    return q.departmentId;
  }

  function range(q: TStatsQuery) {
    const now = clock.now();
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 90 * 86_400_000);
    if (from >= to) throw new AppError('validation_failed', 400, 'from');
    // The query's end is exclusive; without one asked for, the range runs up to and including now.
    return { from, to, end: q.to ? to : new Date(now.getTime() + 1), now };
  }

  async function stats(actor: TActor, q: TStatsQuery, lang: TLocale) {
    const departmentId = scope(actor, q);
    const { from, to, end, now } = range(q);
    const rows = await workOrderStats(db, { groupBy: q.groupBy, from, to: end, now, departmentId });
    const items = rows.map((r) => {
      let label = (lang === 'en' ? r.name_en : r.name) ?? r.key ?? (lang === 'en' ? '(none)' : '（未指定）');
      if (q.groupBy === 'category' && r.key && r.key in CATEGORY_LABELS) {
        const l = CATEGORY_LABELS[r.key as TCategoryId];
        label = lang === 'en' ? l.en : l.zh;
      }
      return {
        key: r.key,
        label,
        volume: r.volume,
        respondedInTimeRate: rate(r.responded_in_time, r.response_due),
        resolvedInTimeRate: rate(r.resolved_in_time, r.resolution_due),
        satisfactionRate: rate(r.satisfied, r.rated),
        reopenRate: rate(r.reopened, r.resolved),
        overdueNow: r.overdue_now,
        resolved: r.resolved,
        rated: r.rated,
      };
    });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      groupBy: q.groupBy,
      departmentId: departmentId ?? null,
      items,
    };
  }

  /** The same rows as the screen, with the same filter, as an Excel workbook with Chinese-first headers. */
  async function exportXlsx(actor: TActor, q: TStatsQuery, lang: TLocale) {
    const s = await stats(actor, q, lang);
    const pct = '0.0%';
    return toXlsx(
      '工单统计 Statistics',
      [
        { header: '分组 Group', key: 'label', width: 28 },
        { header: '工单量 Volume', key: 'volume', width: 14 },
        { header: '按时响应率 Responded in time', key: 'respondedInTimeRate', width: 22, numFmt: pct },
        { header: '按时办结率 Resolved in time', key: 'resolvedInTimeRate', width: 22, numFmt: pct },
        { header: '满意率 Satisfaction', key: 'satisfactionRate', width: 18, numFmt: pct },
        { header: '重办率 Reopen rate', key: 'reopenRate', width: 16, numFmt: pct },
        { header: '当前超时 Overdue now', key: 'overdueNow', width: 18 },
      ],
      s.items,
      [
        ['分组方式 Group by', s.groupBy],
        ['开始 From', s.from],
        ['结束 To', s.to],
        ['部门 Department', s.departmentId ?? '全部 All'],
      ],
    );
  }

  /**
   * The overdue list: each order with its status, the breached clock, how long past its deadline (minutes, on the
   * platform clock), and the escalation stage it has reached (overdue at 100%, second urge at 150%, reported to
   * the leader at 200% of the clock's span).
   */
  async function overdue(actor: TActor, f: TOverdueFilter, lang: TLocale) {
    const departmentId = scope(actor, { groupBy: 'department', departmentId: f.departmentId });
    const rows = await overdueOrders(db, { ...f, departmentId });
    const now = clock.now().getTime();
    return {
      now: new Date(now).toISOString(),
      items: rows.map((r) => {
        const start = new Date(r.clock_start).getTime();
        const deadline = new Date(r.clock_deadline).getTime();
        const fraction = (now - start) / Math.max(1, deadline - start);
        return {
          id: r.id,
          trackingNo: r.tracking_no,
          kind: r.kind,
          category: r.category,
          status: r.status,
          departmentId: r.department_id,
          departmentName: lang === 'en' ? r.department_name_en : r.department_name,
          businessName: lang === 'en' ? (r.business_name_en ?? r.business_name) : r.business_name,
          createdAt: new Date(r.created_at).toISOString(),
          resolutionDueAt: r.resolution_due_at ? new Date(r.resolution_due_at).toISOString() : null,
          responseOverdue: r.response_overdue,
          resolutionOverdue: r.resolution_overdue,
          escalationLevel: r.escalation_level,
          urgeCount: r.urge_count,
          overdueClock: r.overdue_clock,
          deadlineAt: new Date(deadline).toISOString(),
          overdueMinutes: Math.max(0, Math.floor((now - deadline) / 60_000)),
          stage: fraction >= 2 ? 'report_leader' : fraction >= 1.5 ? 'urge_2' : 'overdue',
        };
      }),
    };
  }

  /**
   * Lateness charged to the party that held each order at the time (办理时段): the command center's first
   * responses, each department's acceptances and the resolution breaches while it held the order, its returns and
   * transfers, and the extensions and suspensions it was granted (suspended time in hours).
   */
  async function holders(actor: TActor, q: Omit<TStatsQuery, 'groupBy'>, lang: TLocale) {
    const departmentId = scope(actor, { ...q, groupBy: 'department' });
    const { from, to, end, now } = range({ ...q, groupBy: 'department' });
    const rows = await holderStats(db, { from, to: end, now, departmentId });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      departmentId: departmentId ?? null,
      items: rows.map((r) => ({
        holder: r.holder as 'command_center' | 'department',
        departmentId: r.department_id,
        label:
          r.holder === 'command_center'
            ? lang === 'en'
              ? 'Command center'
              : '指挥中心'
            : ((lang === 'en' ? r.name_en : r.name) ?? r.name ?? r.department_id ?? ''),
        stretches: r.stretches,
        responseDue: r.response_due,
        respondedLate: r.responded_late,
        resolutionBreached: r.resolution_breached,
        returned: r.returned,
        transferred: r.transferred,
        extensions: r.extensions,
        suspensions: r.suspensions,
        suspendedHours: Math.round((Number(r.suspended_ms) / 3_600_000) * 10) / 10,
      })),
    };
  }

  return { stats, exportXlsx, overdue, holders };
}
