import {
  text,
  ZCreateRatingRequest,
  ZLinkRatingWorkOrderRequest,
  ZRatingCode,
  ZRatingCodesQuery,
  ZRatingSheetsRequest,
  ZRatingTargetType,
  ZTargetRatingsQuery,
} from '@zhilv/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import { requiredIdempotencyKey } from '../../plugins/submissions.js';
import { buildRatingSheets, type TSheetFont } from './rating-sheet.js';
import { codeUrl, kindLabel as ratingKind, type TRatingService } from './ratings.service.js';

const tags = ['ratings'];
const ZCodeParams = z.object({ code: ZRatingCode });
const ZIdParams = z.object({ id: text().uuid() });
/** Reading codes and ratings: the system admin, the command center, a business its own (the service narrows). */
const READERS = roles('system_admin', 'dispatcher', 'leader', 'business');
/** Printing sheets, and replacing a code: the system admin any code, a business its own. */
const PRINTERS = roles('system_admin', 'business');

export function ratingRoutes(ratings: TRatingService, opts: { font: TSheetFont | null; publicBaseUrl?: string }) {
  /** Where the QR codes point: the configured public address, or the host this request came to. */
  const baseUrl = (req: FastifyRequest) => opts.publicBaseUrl ?? `${req.protocol}://${req.host}`;

  async function sendSheets(req: FastifyRequest, reply: FastifyReply, codes: string[], name: string) {
    const targets = await ratings.targetsToPrint(req.actor, codes);
    const pdf = await buildRatingSheets(
      opts.font,
      targets.map((t) => ({
        code: t.code ?? '',
        url: codeUrl(baseUrl(req), t.code ?? ''),
        name: t.name,
        nameEn: t.nameEn,
        kind: ratingKind(t),
      })),
    );
    await ratings.auditPrint(req.actor, codes);
    return reply
      .type('application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`服务评价二维码-${name}`)}`,
      )
      .send(pdf);
  }

  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/api/ratings/codes/:code', {
      schema: { tags, params: ZCodeParams },
      config: { policy: PUBLIC, rateLimit: { max: 120, timeWindow: '1 minute' } },
      handler: (req) => ratings.getCode(req.params.code),
    });

    r.post('/api/ratings', {
      schema: { tags, body: ZCreateRatingRequest },
      config: {
        policy: roles('tourist'),
        consent: true,
        idempotent: 'required',
        rateLimit: { max: 30, timeWindow: '1 minute' },
      },
      handler: async (req, reply) => {
        const rating = await ratings.rate(req.actor, req.body, requiredIdempotencyKey(req));
        return reply.status(201).send(rating);
      },
    });

    r.get('/api/ratings/mine', {
      schema: { tags },
      config: { policy: roles('tourist') },
      handler: (req) => ratings.listMine(req.actor),
    });

    r.get('/api/ratings/:id', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles('tourist') },
      handler: (req) => ratings.getMine(req.actor, req.params.id),
    });

    r.post('/api/ratings/:id/work-order', {
      schema: { tags, params: ZIdParams, body: ZLinkRatingWorkOrderRequest },
      config: { policy: roles('tourist') },
      handler: (req) => ratings.linkWorkOrder(req.actor, req.params.id, req.body.workOrderId),
    });

    r.get('/api/ratings/codes', {
      schema: { tags, querystring: ZRatingCodesQuery },
      config: { policy: READERS },
      handler: (req) => ratings.listCodes(req.actor, req.query, baseUrl(req)),
    });

    r.post('/api/ratings/codes/issue', {
      schema: { tags, body: z.strictObject({ targetType: ZRatingTargetType.optional() }) },
      config: { policy: roles('system_admin') },
      handler: (req) => ratings.issueAll(req.actor, req.body.targetType),
    });

    r.post('/api/ratings/codes/:code/replace', {
      schema: { tags, params: ZCodeParams },
      config: { policy: PRINTERS },
      handler: (req) => ratings.replaceCode(req.actor, req.params.code, baseUrl(req)),
    });

    r.get('/api/ratings/codes/:code/ratings', {
      schema: { tags, params: ZCodeParams, querystring: ZTargetRatingsQuery },
      config: { policy: READERS },
      handler: (req) => ratings.listTargetRatings(req.actor, req.params.code, req.query.page, req.query.pageSize),
    });

    r.get('/api/ratings/codes/:code/sheet.pdf', {
      schema: { tags, params: ZCodeParams },
      config: { policy: PRINTERS, rateLimit: { max: 30, timeWindow: '1 minute' } },
      handler: (req, reply) =>
        sendSheets(req, reply, [req.params.code.toUpperCase()], `rating-${req.params.code.toUpperCase()}.pdf`),
    });

    r.post('/api/ratings/codes/sheets.pdf', {
      schema: { tags, body: ZRatingSheetsRequest },
      config: { policy: PRINTERS, rateLimit: { max: 10, timeWindow: '1 minute' } },
      handler: (req, reply) => sendSheets(req, reply, req.body.codes, `rating-codes-${req.body.codes.length}.pdf`),
    });
  };
}
