import {
  HAZARD_STATUS_LABELS,
  SEVERITY_LABELS,
  text,
  ZChecklistInput,
  ZConfirmInspection,
  ZHazardAnswer,
  ZHazardListQuery,
  ZHazardReferral,
  ZHazardReview,
  ZHazardWorkOrder,
  ZInspectionListQuery,
  ZInterviewInput,
  ZPageQuery,
  ZRectificationDays,
  ZStatsQuery,
  ZSubmitInspection,
} from '@zhilv/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toXlsx } from '../../platform/excel.js';
import { roles } from '../../plugins/access.js';
import type { TInspectionsService } from './inspections.service.js';
import { buildRectificationOrder, type TOrderFont } from './rectification-order.js';

const tags = ['inspections'];
const ZIdParams = z.object({ id: text().uuid() });

/** Who inspects in the field: grid workers, department inspectors, leaders leading an inspection team. */
const FIELD = ['grid_worker', 'department_staff', 'department_head', 'leader'] as const;
/** Who reads inspections and hazards: the field roles, the command center, and a business (its own). */
const READERS = [...FIELD, 'dispatcher', 'business'] as const;
const STAFF_READERS = [...FIELD, 'dispatcher'] as const;

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const localTime = (s: string | null) =>
  s ? new Date(new Date(s).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '';

function sendXlsx(reply: FastifyReply, buf: Buffer, name: string) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(buf);
}

/**
 * 检查事项清单, 检查记录, 隐患与限期整改, 隐患台账, 约谈, 统计. Each route names the roles that may call it; which
 * object they reach is inspections.policy.ts (another grid's, department's or business's object answers 404).
 */
export function inspectionRoutes(service: TInspectionsService, opts: { font: TOrderFont | null; now: () => Date }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ---- checklists ----
    r.get('/api/checklists', {
      schema: { tags, querystring: z.object({ includeOld: z.enum(['true', 'false']).optional() }) },
      config: { policy: roles(...FIELD, 'system_admin') },
      handler: (req) => service.listChecklists(req.query.includeOld === 'true'),
    });
    r.get('/api/checklists/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles(...READERS, 'system_admin') },
      handler: (req) => service.getChecklist(req.params.id),
    });
    r.post('/api/checklists', {
      schema: { tags, body: ZChecklistInput },
      config: { policy: roles('system_admin') },
      handler: async (req, reply) => reply.status(201).send(await service.saveChecklist(req.actor, req.body)),
    });
    r.get('/api/rectification-days', {
      schema: { tags },
      config: { policy: roles(...FIELD, 'system_admin') },
      handler: () => service.rectificationDays(),
    });
    r.put('/api/rectification-days', {
      schema: { tags, body: ZRectificationDays },
      config: { policy: roles('system_admin') },
      handler: (req) => service.setRectificationDays(req.actor, req.body),
    });

    // ---- inspections ----
    r.post('/api/inspections', {
      schema: { tags, body: ZSubmitInspection },
      config: { policy: roles(...FIELD), idempotent: 'required' },
      handler: async (req, reply) =>
        reply.status(201).send(await service.submit(req.actor, req.body, req.idempotencyKey)),
    });
    r.get('/api/inspections', {
      schema: { tags, querystring: ZInspectionListQuery },
      config: { policy: roles(...READERS) },
      handler: (req) => service.listInspections(req.actor, req.query),
    });
    r.get('/api/inspections/my-businesses', {
      schema: { tags },
      config: { policy: roles(...FIELD) },
      handler: (req) => service.myBusinesses(req.actor),
    });
    r.get('/api/inspections/stats', {
      schema: { tags, querystring: ZStatsQuery },
      config: { policy: roles(...STAFF_READERS) },
      handler: (req) => service.statistics(req.actor, req.query),
    });
    r.get('/api/inspections/stats/export', {
      schema: { tags, querystring: ZStatsQuery },
      config: { policy: roles(...STAFF_READERS) },
      handler: async (req, reply) => {
        const s = await service.statistics(req.actor, req.query);
        const buf = await toXlsx(
          '检查统计 Inspections',
          [
            { key: 'name', header: '名称 Name', width: 24 },
            { key: 'businesses', header: '经营主体数 Businesses', width: 14 },
            { key: 'inspections', header: '检查次数 Inspections', width: 14 },
            { key: 'inspectedBusinesses', header: '已检查主体 Inspected', width: 14 },
            { key: 'coverage', header: '覆盖率 Coverage', width: 12, numFmt: '0.0%' },
            { key: 'night', header: '夜查 Night', width: 10 },
            { key: 'weekend', header: '周末 Weekend', width: 10 },
            { key: 'hazardsFound', header: '发现隐患 Hazards', width: 12 },
            { key: 'hazardsClosedOnTime', header: '按期整改 Closed on time', width: 16 },
            { key: 'hazardsOverdue', header: '逾期 Overdue', width: 10 },
          ],
          s.rows,
          [
            ['维度 By', s.by],
            ['年度 Year', s.year],
            ['季度 Quarter', s.quarter ?? '全年 whole year'],
          ],
        );
        return sendXlsx(reply, buf, `检查统计-${s.by}-${s.year}${s.quarter ? `Q${s.quarter}` : ''}.xlsx`);
      },
    });
    r.get('/api/inspections/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles(...READERS) },
      handler: (req) => service.getInspection(req.actor, req.params.id),
    });
    r.post('/api/inspections/:id/confirm', {
      schema: { tags, params: ZIdParams, body: ZConfirmInspection },
      config: { policy: roles('business') },
      handler: (req) => service.confirm(req.actor, req.params.id, req.body.name),
    });
    r.post('/api/inspections/:id/publish', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles(...FIELD) },
      handler: (req) => service.publish(req.actor, req.params.id),
    });

    // ---- hazards ----
    r.get('/api/hazards', {
      schema: { tags, querystring: ZHazardListQuery },
      config: { policy: roles(...READERS) },
      handler: (req) => service.listHazards(req.actor, req.query),
    });
    r.get('/api/hazards/export', {
      schema: { tags, querystring: ZHazardListQuery },
      config: { policy: roles(...STAFF_READERS) },
      handler: async (req, reply) => {
        const rows = await service.ledgerRows(req.actor, req.query);
        const buf = await toXlsx(
          '隐患台账 Hazard ledger',
          [
            { key: 'hazardNo', header: '隐患编号 No.', width: 20 },
            { key: 'business', header: '经营主体 Business', width: 24 },
            { key: 'regionCode', header: '县区 County', width: 10 },
            { key: 'item', header: '检查事项 Item', width: 30 },
            { key: 'severity', header: '等级 Severity', width: 14 },
            { key: 'status', header: '状态 Status', width: 14 },
            { key: 'createdAt', header: '发现时间 Found', width: 18 },
            { key: 'dueAt', header: '整改期限 Due', width: 18 },
            { key: 'round', header: '整改轮次 Round', width: 10 },
            { key: 'overdue', header: '逾期 Overdue', width: 10 },
            { key: 'closedAt', header: '销号时间 Closed', width: 18 },
            { key: 'onTime', header: '按期 On time', width: 10 },
            { key: 'workOrder', header: '转工单 Work order', width: 12 },
            { key: 'referralNo', header: '移送编号 Referral', width: 20 },
          ],
          rows.map((h) => ({
            hazardNo: h.hazardNo,
            business: h.business.name,
            regionCode: h.business.regionCode,
            item: h.itemText,
            severity: `${SEVERITY_LABELS[h.severity].zh} ${SEVERITY_LABELS[h.severity].en}`,
            status: `${HAZARD_STATUS_LABELS[h.status].zh} ${HAZARD_STATUS_LABELS[h.status].en}`,
            createdAt: localTime(h.createdAt),
            dueAt: localTime(h.dueAt),
            round: h.round,
            overdue: h.overdue || h.overdueAt ? '是 yes' : '否 no',
            closedAt: localTime(h.closedAt),
            onTime: h.closedOnTime == null ? '' : h.closedOnTime ? '是 yes' : '否 no',
            workOrder: h.workOrderId ? '是 yes' : '',
            referralNo: h.referralNo ?? '',
          })),
          Object.entries(req.query).filter(([k]) => k !== 'page' && k !== 'pageSize'),
        );
        return sendXlsx(reply, buf, `隐患台账-${shanghaiDay(opts.now())}.xlsx`);
      },
    });
    r.get('/api/hazards/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles(...READERS) },
      handler: (req) => service.getHazard(req.actor, req.params.id),
    });
    r.get('/api/hazards/:id/order.pdf', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles(...READERS) },
      handler: async (req, reply) => {
        const f = await service.orderFacts(req.actor, req.params.id);
        const pdf = await buildRectificationOrder(opts.font, f);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="${f.hazardNo}.pdf"; filename*=UTF-8''${encodeURIComponent(`整改通知书-${f.hazardNo}.pdf`)}`,
          )
          .send(pdf);
      },
    });
    r.post('/api/hazards/:id/answer', {
      schema: { tags, params: ZIdParams, body: ZHazardAnswer },
      config: { policy: roles('business'), idempotent: 'optional' },
      handler: (req) => service.answerHazard(req.actor, req.params.id, req.body),
    });
    r.post('/api/hazards/:id/review', {
      schema: { tags, params: ZIdParams, body: ZHazardReview },
      config: { policy: roles(...FIELD) },
      handler: (req) => service.reviewHazard(req.actor, req.params.id, req.body),
    });
    r.post('/api/hazards/:id/work-order', {
      schema: { tags, params: ZIdParams, body: ZHazardWorkOrder },
      config: { policy: roles(...FIELD) },
      handler: (req) => service.raiseWorkOrder(req.actor, req.params.id, req.body),
    });
    r.post('/api/hazards/:id/referral', {
      schema: { tags, params: ZIdParams, body: ZHazardReferral },
      config: { policy: roles(...FIELD) },
      handler: (req) => service.refer(req.actor, req.params.id, req.body),
    });

    // ---- interviews ----
    r.get('/api/interviews', {
      schema: { tags, querystring: ZPageQuery },
      config: { policy: roles(...STAFF_READERS, 'business') },
      handler: (req) => service.listInterviews(req.actor, req.query.page, req.query.pageSize),
    });
    r.post('/api/interviews', {
      schema: { tags, body: ZInterviewInput },
      config: { policy: roles('department_staff', 'department_head', 'leader') },
      handler: async (req, reply) => reply.status(201).send(await service.recordInterview(req.actor, req.body)),
    });
    r.get('/api/interviews/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles(...STAFF_READERS, 'business') },
      handler: (req) => service.getInterview(req.actor, req.params.id),
    });
  };
}
