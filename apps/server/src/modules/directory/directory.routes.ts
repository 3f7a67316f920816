import { text, ZBusinessPricesInput, ZBusinessProfileInput, ZDirectoryQuery } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import type { TDirectoryService } from './directory.service.js';

const ZIdParams = z.object({ id: text().uuid() });
const ZLang = z.object({ lang: text().max(10).optional() });

/**
 * 商户名录: public reads (信用查询 moved to the credit module), no sign-in, rate-limited per address like the other public routes.
 * The public profile's editing: the system admin; a business account edits its own posted prices (the service
 * checks "its own").
 */
export function directoryRoutes(service: TDirectoryService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['directory'];
    const publicRead = { policy: PUBLIC, rateLimit: { max: 300, timeWindow: '1 minute' } };
    const publicSearch = { policy: PUBLIC, rateLimit: { max: 60, timeWindow: '1 minute' } };

    r.get('/api/directory/businesses', {
      schema: { tags, querystring: ZDirectoryQuery.extend(ZLang.shape) },
      config: publicSearch,
      handler: async (req) => service.listBusinesses(req.query),
    });
    r.get('/api/directory/businesses/:id', {
      schema: { tags, params: ZIdParams, querystring: ZLang },
      config: publicRead,
      handler: async (req) => service.getBusiness(req.params.id),
    });
    r.get('/api/directory/regions', {
      schema: { tags, querystring: ZLang },
      config: publicRead,
      handler: async () => service.listCounties(),
    });
    r.get('/api/businesses/:id/profile', {
      schema: { tags, params: ZIdParams },
      config: { policy: roles('system_admin', 'business') },
      handler: async (req) => service.getProfile(req.actor, req.params.id),
    });
    r.put('/api/businesses/:id/profile', {
      schema: { tags, params: ZIdParams, body: ZBusinessProfileInput },
      config: { policy: roles('system_admin') },
      handler: async (req) => service.updateProfile(req.actor, req.params.id, req.body),
    });
    r.put('/api/businesses/:id/prices', {
      schema: { tags, params: ZIdParams, body: ZBusinessPricesInput },
      config: { policy: roles('system_admin', 'business') },
      handler: async (req) => service.replacePrices(req.actor, req.params.id, req.body),
    });
  };
}
