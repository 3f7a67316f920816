import {
  ZCertificateInput,
  ZDrawPlanInput,
  ZDrawPlanListQuery,
  ZDrawRunRequest,
  ZDrawTaskListQuery,
  ZDrawTaskResultRequest,
  ZId,
  ZPublicDrawResultQuery,
  ZRelationInput,
} from '@zhilv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import { requestLang } from '../../plugins/errors.js';
import type { TDrawService } from './draws.service.js';

const tags = ['draws'];
const ZIdParams = z.object({ id: ZId });
const lang = (req: FastifyRequest) => (requestLang(req) === 'en' ? 'en' : 'zh');
/** Everyone who may read a plan of their department; the object check (draws.policy.ts) narrows it to theirs. */
const PLAN_READERS = roles('department_staff', 'department_head', 'leader', 'system_admin');
const PLANNERS = roles('department_head', 'leader', 'system_admin');
const INSPECTORS = roles('department_staff', 'department_head');

/**
 * 双随机、一公开. Certificates and relations (admin and heads), plans (planners), tasks (their inspectors), and the
 * public part: published results and every drawn plan's record for the verify page.
 */
export function drawRoutes(service: TDrawService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/draws/certificates', {
      schema: { tags },
      config: { policy: roles('system_admin', 'department_head') },
      handler: (req) => service.listCertificates(req.actor),
    });
    r.get('/api/draws/staff', {
      schema: { tags },
      config: { policy: roles('system_admin', 'department_head') },
      handler: (req) => service.listStaff(req.actor),
    });
    r.post('/api/draws/certificates', {
      schema: { tags, body: ZCertificateInput },
      config: { policy: roles('system_admin', 'department_head') },
      handler: async (req, reply) => reply.status(201).send(await service.createCertificate(req.actor, req.body)),
    });
    r.put('/api/draws/certificates/:id', {
      schema: { tags, params: ZIdParams, body: ZCertificateInput },
      config: { policy: roles('system_admin', 'department_head') },
      handler: (req) => service.updateCertificate(req.actor, req.params.id, req.body),
    });

    r.get('/api/draws/relations', {
      schema: { tags },
      config: { policy: roles('system_admin', 'department_head', 'department_staff') },
      handler: (req) => service.listRelations(req.actor),
    });
    r.post('/api/draws/relations', {
      schema: { tags, body: ZRelationInput },
      config: { policy: INSPECTORS },
      handler: async (req, reply) => reply.status(201).send(await service.declareRelation(req.actor, req.body)),
    });

    r.get('/api/draws/plans', {
      schema: { tags, querystring: ZDrawPlanListQuery },
      config: { policy: PLAN_READERS },
      handler: (req) => service.listPlans(req.actor, req.query),
    });
    r.post('/api/draws/plans', {
      schema: { tags, body: ZDrawPlanInput },
      config: { policy: PLANNERS },
      handler: async (req, reply) => reply.status(201).send(await service.createPlan(req.actor, req.body)),
    });
    r.get('/api/draws/plans/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: PLAN_READERS },
      handler: (req) => service.getPlan(req.actor, req.params.id),
    });
    r.post('/api/draws/plans/:id/freeze', {
      schema: { tags, params: ZIdParams },
      config: { policy: PLANNERS },
      handler: (req) => service.freeze(req.actor, req.params.id),
    });
    r.post('/api/draws/plans/:id/draw', {
      schema: { tags, params: ZIdParams, body: ZDrawRunRequest },
      config: { policy: PLANNERS },
      handler: (req) => service.draw(req.actor, req.params.id, req.body.publicValue),
    });
    r.post('/api/draws/plans/:id/publish', {
      schema: { tags, params: ZIdParams },
      config: { policy: PLANNERS },
      handler: (req) => service.publish(req.actor, req.params.id),
    });

    r.get('/api/draws/tasks', {
      schema: { tags, querystring: ZDrawTaskListQuery },
      config: { policy: INSPECTORS },
      handler: (req) => service.listMyTasks(req.actor, req.query),
    });
    r.get('/api/draws/tasks/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: PLAN_READERS },
      handler: (req) => service.getTask(req.actor, req.params.id),
    });
    // Recorded on a phone at the business: an Idempotency-Key makes a resend after a lost answer harmless.
    r.post('/api/draws/tasks/:id/result', {
      schema: { tags, params: ZIdParams, body: ZDrawTaskResultRequest },
      config: { policy: INSPECTORS, idempotent: 'optional' },
      handler: (req) => service.recordResult(req.actor, req.params.id, req.body, req.idempotencyKey),
    });

    r.get('/api/public/draw-results', {
      schema: { tags, querystring: ZPublicDrawResultQuery },
      config: { policy: PUBLIC },
      handler: (req) => service.publicResults(req.query, lang(req)),
    });
    r.get('/api/public/draws', {
      schema: { tags },
      config: { policy: PUBLIC },
      handler: (req) => service.publicDraws(lang(req)),
    });
    r.get('/api/public/draws/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: PUBLIC },
      handler: (req) => service.publishedDraw(req.params.id, lang(req)),
    });
  };
}
