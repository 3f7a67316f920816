import {
  text,
  ZAnswerRequest,
  ZCallIntakeRequest,
  ZClassifyRequest,
  ZCreateWorkOrderRequest,
  ZDispatchRequest,
  ZDisputeRequest,
  ZDisputeReviewRequest,
  ZFollowUpRequest,
  ZFrontlineReportRequest,
  ZMaterialRequest,
  ZMergeRequest,
  ZRateRequest,
  ZReasonRequest,
  ZRefusalRequest,
  ZReplyRequest,
  ZResolveRequest,
  ZSuggestionBoxRequest,
  ZTimeDecisionRequest,
  ZTimeRequestRequest,
  ZTransferRequest,
  ZWorkOrderListQuery,
} from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import { requestLang } from '../../plugins/errors.js';
import { requiredIdempotencyKey } from '../../plugins/submissions.js';
import { createCallIntake } from './call-intake.js';
import { act, type TActionPayload } from './work-orders.actions.js';
import type { TWorkOrderDeps, TWorkOrderService } from './work-orders.service.js';

const ZIdParams = z.object({ id: text().uuid() });
const DEPT = ['department_staff', 'department_head'] as const;
const tags = ['work-orders'];

export function workOrderRoutes(service: TWorkOrderService, deps: TWorkOrderDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post('/api/work-orders/classify', {
      schema: { tags, body: ZClassifyRequest },
      config: { policy: PUBLIC, rateLimit: { max: 120, timeWindow: '1 minute' } },
      handler: async (req) => {
        const { departmentId: _d, autoDispatch: _a, threshold: _t, ...c } = await service.classify(req.body.text);
        return c;
      },
    });

    r.post('/api/work-orders', {
      schema: { tags, body: ZCreateWorkOrderRequest },
      config: {
        policy: roles('tourist'),
        consent: true,
        idempotent: 'optional',
        rateLimit: { max: 20, timeWindow: '1 minute' },
      },
      handler: async (req, reply) => {
        const detail = await service.submitFromPortal(req.actor, req.body, requestLang(req), req.idempotencyKey);
        return reply.status(201).send(detail);
      },
    });

    r.post('/api/work-orders/suggestion-box', {
      schema: { tags, body: ZSuggestionBoxRequest },
      config: { policy: PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } },
      handler: async (req, reply) => {
        const d = await service.submit(
          { ...req.actor, id: null },
          {
            kind: 'suggestion',
            source: 'suggestion_box',
            text: req.body.text,
            businessId: req.body.businessId,
            contactPhone: req.body.contactPhone,
          },
          requestLang(req),
        );
        return reply.status(201).send({ trackingNo: d.trackingNo });
      },
    });

    r.post('/api/work-orders/frontline', {
      schema: { tags, body: ZFrontlineReportRequest },
      config: { policy: roles('grid_worker', 'business'), idempotent: 'optional' },
      handler: async (req, reply) => {
        const source = req.actor.role === 'grid_worker' ? 'grid' : 'frontline';
        const d = await service.submit(
          req.actor,
          { kind: 'report', source, ...req.body },
          requestLang(req),
          req.idempotencyKey,
        );
        return reply.status(201).send(d);
      },
    });

    // 热线/窗口受理 by the command center: a call becomes an order whose clocks start at the call (call-intake.ts).
    const calls = createCallIntake(deps, service.getForActor);
    r.post('/api/work-orders/calls', {
      schema: { tags, body: ZCallIntakeRequest },
      config: { policy: roles('dispatcher'), idempotent: 'required' },
      handler: async (req, reply) =>
        reply.status(201).send(await calls.log(req.actor, req.body, requestLang(req), requiredIdempotencyKey(req))),
    });

    r.get('/api/work-orders', {
      schema: { tags, querystring: ZWorkOrderListQuery },
      config: { policy: roles('dispatcher', 'leader', ...DEPT, 'business', 'grid_worker') },
      handler: async (req) => service.list(req.actor, req.query, requestLang(req)),
    });

    r.get('/api/work-orders/mine', {
      schema: { tags, querystring: ZWorkOrderListQuery },
      config: { policy: roles('tourist', 'grid_worker') },
      handler: async (req) => service.list(req.actor, req.query, requestLang(req)),
    });

    r.get('/api/work-orders/events', {
      schema: { tags, hide: true },
      // every console role that reads orders, the grid worker its own reports; each event is filtered per reader
      config: { policy: roles('dispatcher', 'leader', ...DEPT, 'business', 'grid_worker') },
      handler: async (req, reply) => app.events.stream(req, reply, 'work-orders'),
    });

    r.get('/api/work-orders/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles('tourist', 'dispatcher', 'leader', ...DEPT, 'business', 'grid_worker') },
      handler: async (req) => service.getForActor(req.actor, req.params.id, requestLang(req)),
    });

    r.get('/api/work-orders/:id/duplicates', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles('dispatcher') },
      handler: async (req) => service.duplicates(req.actor, req.params.id, requestLang(req)),
    });

    const action = <S extends z.ZodTypeAny>(
      path: string,
      body: S | null,
      who: Parameters<typeof roles>,
      toPayload: (b: z.infer<S>) => TActionPayload,
    ) =>
      r.post(`/api/work-orders/:id/${path}`, {
        schema: body ? { tags, params: ZIdParams, body } : { tags, params: ZIdParams },
        config: { policy: roles(...who) },
        handler: async (req) =>
          act(deps, req.actor, req.params.id, toPayload(req.body as z.infer<S>), requestLang(req)),
      });

    action('dispatch', ZDispatchRequest, ['dispatcher'], (b) => ({ action: 'dispatch', ...b }));
    action('urge', ZReasonRequest, ['dispatcher', 'leader', 'department_head'], (b) => ({ action: 'urge', ...b }));
    action('merge', ZMergeRequest, ['dispatcher'], (b) => ({ action: 'merge', ...b }));
    action('unfounded', ZRefusalRequest, ['dispatcher'], (b) => ({ action: 'unfounded', ...b }));
    action('accept', null, [...DEPT], () => ({ action: 'accept' }));
    action('return', ZReasonRequest, [...DEPT], (b) => ({ action: 'return', ...b }));
    action('transfer', ZTransferRequest, [...DEPT], (b) => ({ action: 'transfer', ...b }));
    action('request-material', ZReplyRequest, [...DEPT], (b) => ({ action: 'request_material', ...b }));
    action('supply-material', ZMaterialRequest, ['tourist'], (b) => ({ action: 'supply_material', ...b }));
    action('involve-business', ZReplyRequest, [...DEPT], (b) => ({ action: 'involve_business', ...b }));
    action('business-reply', ZReplyRequest, ['business'], (b) => ({ action: 'business_reply', ...b }));
    action('reply', ZAnswerRequest, [...DEPT], (b) => ({ action: 'reply', ...b }));
    action('resolve', ZResolveRequest, [...DEPT], (b) => ({ action: 'resolve', ...b }));
    action('rate', ZRateRequest, ['tourist'], (b) => ({ action: 'rate', ...b }));
    // 延期 / 挂起 (procedure.tables.ts): the department asks, the command center decides, the department resumes.
    action('request-time', ZTimeRequestRequest, [...DEPT], (b) => ({ action: 'request_time', ...b }));
    action('decide-time', ZTimeDecisionRequest, ['dispatcher'], (b) => ({ action: 'decide_time', ...b }));
    // 回访 by phone for an order without a portal tourist (hotline, suggestion box, grid)
    action('follow-up', ZFollowUpRequest, ['dispatcher'], (b) => ({ action: 'follow_up', ...b }));
    // 派单异议: the department disputes its dispatch; the command center reviews (upholds, or re-dispatches)
    action('dispute', ZDisputeRequest, [...DEPT], (b) => ({ action: 'dispute', ...b }));
    action('review-dispute', ZDisputeReviewRequest, ['dispatcher'], (b) => ({ action: 'review_dispute', ...b }));
    action('end-suspension', ZReasonRequest, [...DEPT], (b) => ({ action: 'end_suspension', note: b.reason }));
  };
}
