import type { TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import type { TCommandRunner } from '../../platform/commands/index.js';
import type { TDeadlineHandler } from '../../platform/deadlines/index.js';
import { localTime } from './inspections.service.js';
import * as store from './inspections.store.js';

export type TGridHeadsOf = (db: TExecutor, gridId: string) => Promise<string[]>;

/**
 * A rectification round's stages (inspections.rules.ts rectificationStages), each fired once by the deadline
 * engine in its sweep transaction: at 80% the business and the supervisor are reminded; at 100% the hazard is
 * marked overdue and the grid head, the supervisor and the department are told; at the second lapse the leaders.
 * A hazard answered meanwhile had its deadline cancelled in the answering transaction (which holds the hazard's
 * lock); the handler locks it too and does nothing if it is no longer open.
 */
export function rectificationHandler(commands: TCommandRunner, gridHeadsOf: TGridHeadsOf): TDeadlineHandler {
  return async (tx, firing, { now, outbox }) => {
    const h = await store.lockHazard(tx, firing.objectId);
    if (h?.status !== 'open') return 'stop';
    const ref = { objectType: 'hazard', objectId: h.id };
    const facts = (lapse: 1 | 2) => ({
      hazardId: h.id,
      hazardNo: h.hazardNo,
      inspectionId: h.inspectionId,
      businessId: h.businessId,
      severity: h.severity as 'major' | 'general' | 'minor',
      dueAt: h.dueAt,
      onTime: null,
      lapse,
      at: now,
    });
    const biz = (await store.businessNames(tx, [h.businessId])).get(h.businessId);
    const name = biz?.name ?? '';
    if (firing.stage === 'remind_80') {
      for (const userId of await store.businessAccountIds(tx, h.businessId))
        outbox.notify(
          { userId },
          {
            kind: 'hazard_remind',
            titleZh: `隐患 ${h.hazardNo} 整改期限将至（${localTime(h.dueAt)}）`,
            titleEn: `Hazard ${h.hazardNo}: the rectification is due ${localTime(h.dueAt)}`,
            ...ref,
          },
        );
      if (h.supervisorUserId)
        outbox.notify(
          { userId: h.supervisorUserId },
          {
            kind: 'hazard_remind',
            titleZh: `${name} 隐患 ${h.hazardNo} 整改期限将至`,
            titleEn: `${biz?.nameEn ?? name}: hazard ${h.hazardNo} is due soon`,
            ...ref,
          },
        );
      return;
    }
    if (firing.stage === 'overdue') {
      await store.updateHazard(tx, h.id, {
        overdueAt: h.overdueAt ?? now,
        updatedAt: now,
        history: [...h.history, { at: now.toISOString(), action: 'overdue', by: null, note: '' }],
      });
      await writeAuditBatch(
        tx,
        SYSTEM_ACTOR,
        [
          {
            action: 'hazard.overdue',
            objectType: 'hazard',
            objectId: h.id,
            after: { dueAt: h.dueAt.toISOString(), round: h.round },
          },
        ],
        now,
      );
      const told = new Set<string>([...(h.gridId ? await gridHeadsOf(tx, h.gridId) : [])]);
      if (h.supervisorUserId) told.add(h.supervisorUserId);
      const notice = {
        kind: 'hazard_overdue',
        titleZh: `${name} 隐患 ${h.hazardNo} 逾期未整改`,
        titleEn: `${biz?.nameEn ?? name}: hazard ${h.hazardNo} is overdue`,
        ...ref,
      };
      for (const userId of told) outbox.notify({ userId }, notice);
      if (h.departmentId) outbox.notify({ role: 'department_head', departmentId: h.departmentId }, notice);
      for (const userId of await store.businessAccountIds(tx, h.businessId))
        outbox.notify(
          { userId },
          {
            kind: 'hazard_overdue',
            titleZh: `隐患 ${h.hazardNo} 已逾期，请立即整改`,
            titleEn: `Hazard ${h.hazardNo} is overdue: rectify it now`,
            ...ref,
          },
        );
      await commands.emit('hazard.overdue', { tx, actor: SYSTEM_ACTOR, now, outbox }, facts(1));
      return;
    }
    if (firing.stage === 'report_leader') {
      await store.updateHazard(tx, h.id, {
        updatedAt: now,
        history: [...h.history, { at: now.toISOString(), action: 'report_leader', by: null, note: '' }],
      });
      await writeAuditBatch(
        tx,
        SYSTEM_ACTOR,
        [{ action: 'hazard.report_leader', objectType: 'hazard', objectId: h.id, after: { round: h.round } }],
        now,
      );
      outbox.notify(
        { role: 'leader' },
        {
          kind: 'hazard_report_leader',
          titleZh: `${name} 隐患 ${h.hazardNo} 再次逾期未整改`,
          titleEn: `${biz?.nameEn ?? name}: hazard ${h.hazardNo} lapsed a second time`,
          ...ref,
        },
      );
      await commands.emit('hazard.overdue', { tx, actor: SYSTEM_ACTOR, now, outbox }, facts(2));
      return 'stop';
    }
  };
}

/** The follow-up day of an interview: the department that recorded it (and its author) is reminded once. */
export function interviewFollowUpHandler(): TDeadlineHandler {
  return async (tx, firing, { outbox }) => {
    const r = await store.getInterview(tx, firing.objectId);
    if (!r) return 'stop';
    const notice = {
      kind: 'interview_follow_up',
      titleZh: `约谈跟踪：请核查约谈承诺落实情况（${r.incident.slice(0, 40)}）`,
      titleEn: `Interview follow-up: check the commitments are kept (${r.incident.slice(0, 40)})`,
      objectType: 'interview',
      objectId: r.id,
    };
    if (r.createdBy) outbox.notify({ userId: r.createdBy }, notice);
    if (r.departmentId) outbox.notify({ role: 'department_head', departmentId: r.departmentId }, notice);
    return 'stop';
  };
}
