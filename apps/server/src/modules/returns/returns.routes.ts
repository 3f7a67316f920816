import {
  text,
  ZCreateReturnRequest,
  ZFundPayoutRequest,
  ZGoodsCatalogueEntry,
  ZReturnAnswerRequest,
  ZReturnCompensationRequest,
  ZReturnCompleteRequest,
  ZReturnListQuery,
  ZReturnRules,
} from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../plugins/access.js';
import type { TReturnAdmin } from './returns.admin.js';
import type { TFund } from './returns.fund.js';
import type { TReturnService } from './returns.service.js';

const tags = ['returns'];
const ZIdParams = z.object({ id: text().uuid() });

/**
 * 无理由退货. Tourists file and read their own; the shop's business account answers its own and records the refund
 * or exchange done; the department the work order went to (and the dispatcher) records 先行赔付. Object checks are in returns.policy.ts: another
 * tourist's or shop's request answers 404.
 */
export function returnRoutes(service: TReturnService, admin: TReturnAdmin, fund: TFund) {
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

    r.post('/api/returns/:id/complete', {
      schema: { tags, params: ZIdParams, body: ZReturnCompleteRequest },
      config: { policy: roles('business') },
      handler: (req) => service.complete(req.actor, req.params.id, req.body),
    });

    r.post('/api/returns/:id/compensation', {
      schema: { tags, params: ZIdParams, body: ZReturnCompensationRequest },
      config: { policy: roles('department_staff', 'department_head', 'dispatcher') },
      handler: (req) => service.compensate(req.actor, req.params.id, req.body),
    });

    // The local rules (本地规则): the admin edits, the command center and the shops read (the shop sees its hours).
    r.get('/api/returns/rules', {
      schema: { tags },
      config: { policy: roles('system_admin', 'dispatcher', 'business') },
      handler: () => admin.rules(),
    });
    r.put('/api/admin/return-rules', {
      schema: { tags: ['admin'], body: ZReturnRules },
      config: { policy: roles('system_admin') },
      handler: (req) => admin.setRules(req.actor, req.body),
    });

    // The goods catalogue: anyone filing reads it (the portal's form); the admin edits it.
    r.get('/api/returns/catalogue', {
      schema: { tags },
      config: { policy: roles('tourist', 'business', 'system_admin', 'dispatcher') },
      handler: () => admin.catalogue(),
    });
    r.put('/api/admin/return-goods', {
      schema: { tags: ['admin'], body: ZGoodsCatalogueEntry },
      config: { policy: roles('system_admin') },
      handler: (req) => admin.putCatalogueEntry(req.actor, req.body),
    });

    // 无理由退货承诺: a business reads, signs and withdraws its own; the admin sees who signed.
    r.get('/api/returns/pledge', {
      schema: { tags },
      config: { policy: roles('business') },
      handler: (req) => admin.myPledge(req.actor),
    });
    r.post('/api/returns/pledge', {
      schema: { tags },
      config: { policy: roles('business') },
      handler: (req) => admin.sign(req.actor),
    });
    r.delete('/api/returns/pledge', {
      schema: { tags },
      config: { policy: roles('business') },
      handler: (req) => admin.withdraw(req.actor),
    });
    r.get('/api/admin/return-pledges', {
      schema: { tags: ['admin'] },
      config: { policy: roles('system_admin') },
      handler: () => admin.pledges(),
    });

    // 先行赔付基金: the command center pays on an ordinary complaint; it and leaders read the ledger.
    r.post('/api/compensation-fund/payouts', {
      schema: { tags, body: ZFundPayoutRequest },
      config: { policy: roles('dispatcher') },
      handler: async (req, reply) => reply.status(201).send(await fund.payOrdinary(req.actor, req.body)),
    });
    r.get('/api/compensation-fund/ledger', {
      schema: {
        tags,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), lang: text().optional() }),
      },
      config: { policy: roles('dispatcher', 'leader') },
      handler: (req) => fund.readLedger(req.actor, req.query.limit),
    });
    r.get('/api/compensation-fund/work-orders/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles('dispatcher', 'leader') },
      handler: (req) => fund.ofOrder(req.actor, req.params.id),
    });
  };
}
