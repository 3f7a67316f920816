import {
  text,
  ZCreateReturnRequest,
  ZReturnAnswerRequest,
  ZReturnCompensationRequest,
  ZReturnListQuery,
} from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../plugins/access.js';
import type { TReturnService } from './returns.service.js';

const tags = ['returns'];
const ZIdParams = z.object({ id: text().uuid() });

/**
 * 无理由退货. Tourists file and read their own; the shop's business account answers its own; the department the
 * work order went to (and the dispatcher) records 先行赔付. Object checks are in returns.policy.ts: another
 * tourist's or shop's request answers 404.
 */
export function returnRoutes(service: TReturnService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post('/api/returns', {
      schema: { tags, body: ZCreateReturnRequest },
      config: {
        policy: roles('tourist'),
        consent: true,
        idempotent: 'optional',
        rateLimit: { max: 20, timeWindow: '1 minute' },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.file(req.actor, req.body, req.idempotencyKey)),
    });

    r.get('/api/returns', {
      schema: { tags, querystring: ZReturnListQuery },
      config: { policy: roles('tourist', 'business', 'department_staff', 'department_head', 'dispatcher', 'leader') },
      handler: (req) => service.list(req.actor, req.query),
    });

    r.get('/api/returns/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles('tourist', 'business', 'department_staff', 'department_head', 'dispatcher', 'leader') },
      handler: (req) => service.get(req.actor, req.params.id),
    });

    r.post('/api/returns/:id/answer', {
      schema: { tags, params: ZIdParams, body: ZReturnAnswerRequest },
      config: { policy: roles('business') },
      handler: (req) => service.answer(req.actor, req.params.id, req.body),
    });

    r.post('/api/returns/:id/compensation', {
      schema: { tags, params: ZIdParams, body: ZReturnCompensationRequest },
      config: { policy: roles('department_staff', 'department_head', 'dispatcher') },
      handler: (req) => service.compensate(req.actor, req.params.id, req.body),
    });
  };
}
