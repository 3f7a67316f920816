import { text, ZRouteInput, ZRoutesQuery, ZRouteTheme } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import type { TRouteService } from './tour-routes.service.js';

const tags = ['routes'];
const ZIdParams = z.object({ id: text().uuid() });
const ZManageQuery = z.object({
  q: text().max(50).optional(),
  theme: ZRouteTheme.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  lang: text().optional(),
});

/**
 * 旅游线路: anyone reads the published routes; the system admin edits routes and their stops and publishes
 * them. A draft answers 404 to everyone else, as if it did not exist.
 */
export function routeRoutes(service: TRouteService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const ADMIN = roles('system_admin');
    const publicRead = { policy: PUBLIC, rateLimit: { max: 300, timeWindow: '1 minute' } };

    r.get('/api/routes', {
      schema: { tags, querystring: ZRoutesQuery },
      config: publicRead,
      handler: (req) => service.list(req.query),
    });
    r.get('/api/routes/manage', {
      schema: { tags, querystring: ZManageQuery },
      config: { policy: ADMIN },
      handler: (req) => service.page(req.query, req.query.page, req.query.pageSize),
    });
    r.get('/api/routes/:id', {
      schema: { tags, params: ZIdParams },
      config: publicRead,
      handler: (req) => service.get(req.actor, req.params.id),
    });
    r.post('/api/routes', {
      schema: { tags, body: ZRouteInput },
      config: { policy: ADMIN },
      handler: async (req, reply) => reply.status(201).send(await service.create(req.actor, req.body)),
    });
    r.put('/api/routes/:id', {
      schema: { tags, params: ZIdParams, body: ZRouteInput },
      config: { policy: ADMIN },
      handler: (req) => service.update(req.actor, req.params.id, req.body),
    });
    r.post('/api/routes/:id/publish', {
      schema: { tags, params: ZIdParams },
      config: { policy: ADMIN },
      handler: (req) => service.publish(req.actor, req.params.id),
    });
    r.post('/api/routes/:id/unpublish', {
      schema: { tags, params: ZIdParams },
      config: { policy: ADMIN },
      handler: (req) => service.unpublish(req.actor, req.params.id),
    });
  };
}
