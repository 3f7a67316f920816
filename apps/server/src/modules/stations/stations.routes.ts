import { text, ZStationInput, ZStationKind, ZStationsQuery } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import type { TStationsService } from './stations.service.js';

const tags = ['stations'];
const ZIdParams = z.object({ id: text().uuid() });
const ZManageQuery = z.object({
  q: text().max(50).optional(),
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  service: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional(),
  kind: ZStationKind.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  lang: text().optional(),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 红色驿站: anyone reads the active stations (nearest first when the phone shares its position); the system
 * admin creates, edits, deactivates and exports them. There is no per-object owner: a station belongs to the
 * prefecture, so the role is the whole policy.
 */
export function stationRoutes(service: TStationsService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const ADMIN = roles('system_admin');
    const publicRead = { policy: PUBLIC, rateLimit: { max: 300, timeWindow: '1 minute' } };

    r.get('/api/stations', {
      schema: { tags, querystring: ZStationsQuery },
      config: publicRead,
      handler: (req) => service.list(req.query),
    });
    r.get('/api/stations/manage', {
      schema: { tags, querystring: ZManageQuery },
      config: { policy: ADMIN },
      handler: (req) => service.page(req.query, req.query.page, req.query.pageSize),
    });
    r.get('/api/stations/export', {
      schema: { tags, querystring: ZManageQuery },
      config: { policy: ADMIN },
      handler: async (req, reply) =>
        reply
          .type(XLSX)
          .header(
            'content-disposition',
            `attachment; filename="stations.xlsx"; filename*=UTF-8''${encodeURIComponent('驿站.xlsx')}`,
          )
          .send(await service.exportXlsx(req.query)),
    });
    r.get('/api/stations/:id', {
      schema: { tags, params: ZIdParams },
      config: publicRead,
      handler: (req) => service.get(req.actor, req.params.id),
    });
    r.post('/api/stations', {
      schema: { tags, body: ZStationInput },
      config: { policy: ADMIN },
      handler: async (req, reply) => reply.status(201).send(await service.create(req.actor, req.body)),
    });
    r.put('/api/stations/:id', {
      schema: { tags, params: ZIdParams, body: ZStationInput },
      config: { policy: ADMIN },
      handler: (req) => service.update(req.actor, req.params.id, req.body),
    });
    r.post('/api/stations/:id/deactivate', {
      schema: { tags, params: ZIdParams },
      config: { policy: ADMIN },
      handler: (req) => service.deactivate(req.actor, req.params.id),
    });
    r.post('/api/stations/:id/activate', {
      schema: { tags, params: ZIdParams },
      config: { policy: ADMIN },
      handler: (req) => service.activate(req.actor, req.params.id),
    });
  };
}
