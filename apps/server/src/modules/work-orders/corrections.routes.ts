import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../plugins/access.js';
import { readGate, type TCorrections } from './corrections.service.js';

const ZStatus = z.enum(['pending', 'accepted', 'rejected', 'all']);

/**
 * The classifier's admin: what the auto-dispatch thresholds would do (measured when the model was built), and
 * dispatchers' category corrections to review and export as training rows. Nothing here retrains the model.
 */
export function correctionRoutes(corrections: TCorrections) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    const ADMIN = roles('system_admin');

    r.get('/api/admin/classifier/gate', {
      schema: { tags },
      config: { policy: roles('system_admin', 'dispatcher') },
      handler: async () => readGate(),
    });
    r.get('/api/admin/classifier/corrections', {
      schema: {
        tags,
        querystring: z.object({
          status: ZStatus.default('pending'),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      config: { policy: ADMIN },
      handler: async (req) => corrections.list(req.query),
    });
    r.post('/api/admin/classifier/corrections/:id/review', {
      schema: {
        tags,
        params: z.object({ id: z.string().uuid() }),
        body: z.strictObject({ decision: z.enum(['accepted', 'rejected']) }),
      },
      config: { policy: ADMIN },
      handler: async (req) => corrections.review(req.actor, req.params.id, req.body.decision),
    });
    r.get('/api/admin/classifier/corrections/export', {
      schema: { tags, querystring: z.object({ format: z.enum(['jsonl', 'xlsx']).default('jsonl') }) },
      config: { policy: ADMIN },
      handler: async (req, reply) => {
        const buf = await corrections.exportAccepted(req.query.format);
        const day = corrections.today();
        const name = `category-corrections-${day}.${req.query.format}`;
        return reply
          .type(
            req.query.format === 'jsonl'
              ? 'application/x-ndjson; charset=utf-8'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header(
            'content-disposition',
            `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`分类更正-${name}`)}`,
          )
          .send(buf);
      },
    });
  };
}
