import { AppError } from '../../../platform/errors.js';
import * as procedure from '../procedure.store.js';
import { toDepartment, toTourist } from './notices.js';
import { extendResolution, pauseResolution, resumeResolution } from './resolution-clock.js';
import type { TActionCtx, TActionDef } from './types.js';

/** A deadline as the tourist reads it: the prefecture's local date and time (UTC+8). */
const localTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const toDispatcher = (c: TActionCtx, kind: string, zh: string, en: string) =>
  c.outbox.notify(
    { role: 'dispatcher' },
    { kind, titleZh: zh, titleEn: en, objectType: 'work_order', objectId: c.o.id },
  );

/**
 * 申请延期 / 挂起: the lead department asks before its resolution deadline, with a reason (and, for an extension,
 * the working days). One request at a time; the clock runs on until the command center decides.
 */
export const requestTime: TActionDef<'request_time'> = {
  command: 'work-order.time-requested',
  visibility: () => 'internal',
  async effects(c, p) {
    const { o, tx, now } = c;
    if (await procedure.liveTimeRequest(tx, o.id)) throw new AppError('time_request_live', 422);
    const timer = await procedure.runningTimer(tx, o.id, 'resolution');
    if (!timer || o.pausedRemainingMs != null) throw new AppError('clock_not_running', 422);
    if (timer.deadlineAt <= now) throw new AppError('time_request_late', 422);
    await procedure.insertTimeRequest(tx, {
      workOrderId: o.id,
      departmentId: o.departmentId!,
      kind: p.kind,
      days: p.kind === 'extension' ? p.days : null,
      reason: p.reason,
      requestedBy: c.actor.id,
      requestedAt: now,
    });
    const what =
      p.kind === 'extension'
        ? { zh: `延期 ${p.days} 个工作日`, en: `${p.days} more working days` }
        : { zh: '挂起', en: 'suspension' };
    toDispatcher(c, 'time_request', `${o.trackingNo} 申请${what.zh}`, `${o.trackingNo} asks for ${what.en}`);
    return {};
  },
};

/**
 * 审批: the command center approves or refuses the pending request. An extension moves the resolution deadline by
 * its working days (the clock keeps its start: stages already passed stay behind); a suspension stops the clock
 * until the department ends it. The tourist is told of an approval by text message; the department either way.
 */
export const decideTime: TActionDef<'decide_time'> = {
  command: 'work-order.time-decided',
  visibility: (p) => (p.approve ? 'tourist' : 'internal'),
  async effects(c, p) {
    const { o, tx, now } = c;
    const req = await procedure.liveTimeRequest(tx, o.id);
    if (req?.status !== 'pending') throw new AppError('time_request_none', 422);
    const decided = { decidedBy: c.actor.id, decidedAt: now, decisionNote: p.note };
    const dept = req.departmentId;
    if (!p.approve) {
      await procedure.updateTimeRequest(tx, req.id, { ...decided, status: 'refused' });
      toDepartment(c, dept, 'time_refused', `延期/挂起申请未获批准 ${o.trackingNo}`, `Request refused ${o.trackingNo}`);
      return {};
    }
    if (req.kind === 'extension') {
      const timer = await procedure.runningTimer(tx, o.id, 'resolution');
      if (!timer) throw new AppError('clock_not_running', 422);
      const after = await extendResolution(c, timer.startAt, timer.deadlineAt, req.days ?? 0);
      await procedure.updateTimeRequest(tx, req.id, {
        ...decided,
        status: 'approved',
        deadlineBefore: timer.deadlineAt,
        deadlineAfter: after,
      });
      toDepartment(c, dept, 'time_approved', `延期已批准 ${o.trackingNo}`, `Extension approved ${o.trackingNo}`);
      await toTourist(
        c,
        'extended',
        `工单 ${o.trackingNo} 办理期限延长至 ${localTime(after)}：${p.note.slice(0, 60)}`,
        `Order ${o.trackingNo}: handling time extended to ${localTime(after)}.`,
      );
      return { resolutionDueAt: after };
    }
    const fields = await pauseResolution(c);
    await procedure.updateTimeRequest(tx, req.id, { ...decided, status: 'approved' });
    toDepartment(c, dept, 'time_approved', `挂起已批准 ${o.trackingNo}`, `Suspension approved ${o.trackingNo}`);
    await toTourist(
      c,
      'suspended',
      `工单 ${o.trackingNo} 因检测鉴定暂停计时，结束后恢复办理：${p.note.slice(0, 60)}`,
      `Order ${o.trackingNo}: handling paused for testing or appraisal.`,
    );
    return fields;
  },
};

/** 恢复: the department ends its suspension; the resolution clock resumes with the time it had left. */
export const endSuspension: TActionDef<'end_suspension'> = {
  command: 'work-order.suspension-ended',
  visibility: () => 'tourist',
  async effects(c) {
    const { o, tx, now } = c;
    const req = await procedure.liveTimeRequest(tx, o.id);
    if (req?.kind !== 'suspension' || req.status !== 'approved') throw new AppError('not_suspended', 422);
    const fields = await resumeResolution(c);
    await procedure.updateTimeRequest(tx, req.id, { status: 'ended', endedAt: now });
    const due = fields.resolutionDueAt instanceof Date ? localTime(fields.resolutionDueAt) : '';
    await toTourist(
      c,
      'resumed',
      `工单 ${o.trackingNo} 已恢复办理，办结期限 ${due}`,
      `Order ${o.trackingNo}: handling resumed, due ${due}.`,
    );
    return fields;
  },
};
