import {
  DISPUTE_STATUSES,
  type TDispute,
  TIME_REQUEST_STATUSES,
  type TLocale,
  type TStretch,
  type TTimeRequest,
  text,
  ZProcedureRules,
} from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { roles } from '../../plugins/access.js';
import { requestLang } from '../../plugins/errors.js';
import * as procedure from './procedure.store.js';
import { can } from './work-orders.policy.js';
import { getWorkOrder } from './work-orders.store.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const nameIn = (lang: TLocale, r: { departmentName: string | null; departmentNameEn: string | null }) =>
  (lang === 'en' ? r.departmentNameEn : r.departmentName) ?? r.departmentName;

function timeRequestView(
  row: Awaited<ReturnType<typeof procedure.timeRequestsNamed>>[number],
  lang: TLocale,
): TTimeRequest {
  const r = row.r;
  return {
    id: r.id,
    workOrderId: r.workOrderId,
    trackingNo: row.trackingNo,
    departmentId: r.departmentId,
    departmentName: nameIn(lang, row),
    kind: r.kind as TTimeRequest['kind'],
    days: r.days,
    reason: r.reason,
    status: r.status as TTimeRequest['status'],
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: iso(r.decidedAt),
    decisionNote: r.decisionNote,
    deadlineBefore: iso(r.deadlineBefore),
    deadlineAfter: iso(r.deadlineAfter),
    endedAt: iso(r.endedAt),
  };
}

function disputeView(row: Awaited<ReturnType<typeof procedure.disputesNamed>>[number], lang: TLocale): TDispute {
  const d = row.d;
  return {
    id: d.id,
    workOrderId: d.workOrderId,
    trackingNo: row.trackingNo,
    departmentId: d.departmentId,
    departmentName: nameIn(lang, row),
    reason: d.reason,
    status: d.status as TDispute['status'],
    requestedAt: d.requestedAt.toISOString(),
    decidedAt: iso(d.decidedAt),
    decisionNote: d.decisionNote,
    redispatchedToId: d.redispatchedTo,
    redispatchedToName: (lang === 'en' ? row.toNameEn : row.toName) ?? row.toName,
  };
}

/** Who held an order when and the time asked for: the handlers' view of an order's procedure. */
export function procedureRoutes(db: TDb, clock: TClock) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['work-orders'];
    const HANDLERS = ['dispatcher', 'leader', 'department_staff', 'department_head'] as const;

    r.get('/api/work-orders/:id/procedure', {
      schema: { tags, params: z.object({ id: text().uuid() }) },
      config: { policy: roles(...HANDLERS) },
      handler: async (req) => {
        const o = await getWorkOrder(db, req.params.id);
        if (!o || !can(req.actor, 'view', o)) throw new AppError('not_found', 404);
        const lang = requestLang(req);
        const now = clock.now();
        const stretches: TStretch[] = (await procedure.stretchesNamed(db, o.id)).map(({ s, ...n }) => ({
          holder: s.holder as TStretch['holder'],
          departmentId: s.departmentId,
          departmentName: s.departmentId ? nameIn(lang, n) : null,
          startedAt: s.startedAt.toISOString(),
          responseDueAt: s.responseDueAt.toISOString(),
          respondedAt: iso(s.respondedAt),
          responseLate: (s.respondedAt ?? s.endedAt ?? now) > s.responseDueAt,
          resolutionBreached: s.resolutionBreached,
          endedAt: iso(s.endedAt),
          endReason: s.endReason,
        }));
        // in the order they were asked (the desk lists the newest first)
        const timeRequests = (await procedure.timeRequestsNamed(db, { workOrderId: o.id }))
          .map((x) => timeRequestView(x, lang))
          .reverse();
        const disputes = (await procedure.disputesNamed(db, { workOrderId: o.id }))
          .map((x) => disputeView(x, lang))
          .reverse();
        return { stretches, timeRequests, disputes };
      },
    });

    // The local rules of returns (procedure_rules): the admin edits, the command center reads them.
    r.get('/api/admin/procedure-rules', {
      schema: { tags: ['admin'] },
      config: { policy: roles('system_admin', 'dispatcher') },
      handler: async () => procedure.getProcedureRules(db),
    });
    r.put('/api/admin/procedure-rules', {
      schema: { tags: ['admin'], body: ZProcedureRules },
      config: { policy: roles('system_admin') },
      handler: async (req) =>
        db.transaction(async (tx) => {
          const before = await procedure.getProcedureRules(tx);
          await procedure.setProcedureRules(tx, req.body, clock.now());
          await writeAudit(tx, req.actor, {
            action: 'procedure_rules.update',
            objectType: 'procedure_rules',
            before,
            after: req.body,
          });
          return procedure.getProcedureRules(tx);
        }),
    });

    // The command center's desk of requests for more time; a department's own requests for its staff.
    r.get('/api/work-orders/time-requests', {
      schema: { tags, querystring: z.object({ status: z.enum(TIME_REQUEST_STATUSES).optional() }) },
      config: { policy: roles(...HANDLERS) },
      handler: async (req) => {
        const departmentId = ownDepartment(req.actor);
        const rows = await procedure.timeRequestsNamed(db, { status: req.query.status, departmentId });
        const lang = requestLang(req);
        return { items: rows.map((x) => timeRequestView(x, lang)) };
      },
    });

    // 派单异议审核: the command center's review queue; a department reads its own disputes.
    r.get('/api/work-orders/disputes', {
      schema: { tags, querystring: z.object({ status: z.enum(DISPUTE_STATUSES).optional() }) },
      config: { policy: roles(...HANDLERS) },
      handler: async (req) => {
        const departmentId = ownDepartment(req.actor);
        const rows = await procedure.disputesNamed(db, { status: req.query.status, departmentId });
        const lang = requestLang(req);
        return { items: rows.map((x) => disputeView(x, lang)) };
      },
    });
  };
}

/** Department staff and heads read their own department's requests only; the command center and leaders all. */
function ownDepartment(actor: TActor): string | undefined {
  if (actor.role === 'department_staff' || actor.role === 'department_head') {
    if (!actor.departmentId) throw new AppError('forbidden', 403);
    return actor.departmentId;
  }
  return undefined;
}
