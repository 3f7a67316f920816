import { ZBusinessInput, ZBusinessKind, ZDepartmentInput, ZGridInput, ZPractitionerInput } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { PUBLIC, roles, SIGNED_IN, STAFF_ROLES } from '../../plugins/access.js';
import { requestLang } from '../../plugins/errors.js';
import type { TMasterDataService } from './master-data.service.js';

const ZId = z.object({ id: z.string().uuid() });
const ZPaging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const ZBusinessFilter = z.object({
  q: z.string().max(100).optional(),
  kind: ZBusinessKind.optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  ...ZPaging,
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function masterDataRoutes(service: TMasterDataService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const ADMIN = roles('system_admin');
    const STAFF = roles(...STAFF_ROLES);
    const tags = ['master-data'];

    r.get('/api/regions/tree', {
      schema: { tags },
      config: { policy: SIGNED_IN },
      handler: async () => service.regionTree(),
    });

    r.get('/api/departments', {
      schema: { tags },
      config: { policy: PUBLIC },
      handler: async () =>
        (await service.listDepartments()).map((d) => ({
          id: d.id,
          code: d.code,
          name: d.name,
          nameEn: d.nameEn,
          regionCode: d.regionCode,
        })),
    });
    r.post('/api/departments', {
      schema: { tags, body: ZDepartmentInput },
      config: { policy: ADMIN },
      handler: async (req, reply) => reply.status(201).send(await service.createDepartment(req.actor, req.body)),
    });
    r.put('/api/departments/:id', {
      schema: { tags, params: ZId, body: ZDepartmentInput },
      config: { policy: ADMIN },
      handler: async (req) => service.updateDepartment(req.actor, req.params.id, req.body),
    });

    r.get('/api/businesses/search', {
      schema: {
        tags,
        querystring: z.object({
          q: z.string().max(50).optional(),
          near: z
            .string()
            .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/)
            .optional(),
          kind: ZBusinessKind.optional(),
        }),
      },
      config: { policy: PUBLIC, rateLimit: { max: 120, timeWindow: '1 minute' } },
      handler: async (req) => {
        const [lng, lat] = req.query.near ? req.query.near.split(',').map(Number) : [];
        return service.search(req.query.q, req.query.near ? { lng, lat } : undefined, req.query.kind);
      },
    });
    r.get('/api/businesses', {
      schema: { tags, querystring: ZBusinessFilter },
      config: { policy: STAFF },
      handler: async (req) => service.listBusinesses(req.query, req.query.page, req.query.pageSize),
    });
    r.get('/api/businesses/export', {
      schema: { tags, querystring: ZBusinessFilter },
      config: { policy: ADMIN },
      handler: async (req, reply) =>
        reply
          .type(XLSX)
          .header(
            'content-disposition',
            `attachment; filename="businesses.xlsx"; filename*=UTF-8''${encodeURIComponent('经营主体.xlsx')}`,
          )
          .send(await service.exportBusinesses(req.query)),
    });
    r.post('/api/businesses/import', {
      schema: { tags, consumes: ['multipart/form-data'] },
      config: { policy: ADMIN },
      handler: async (req) => {
        if (!req.isMultipart()) throw new AppError('validation_failed', 400, 'file');
        const part = await req.file();
        if (!part) throw new AppError('validation_failed', 400, 'file');
        return service.importBusinesses(req.actor, await part.toBuffer(), requestLang(req));
      },
    });
    r.get('/api/businesses/:id', {
      schema: { tags, params: ZId },
      config: { policy: STAFF },
      handler: async (req) => service.getBusiness(req.params.id),
    });
    r.post('/api/businesses', {
      schema: { tags, body: ZBusinessInput },
      config: { policy: ADMIN },
      handler: async (req, reply) => reply.status(201).send(await service.createBusiness(req.actor, req.body)),
    });
    r.put('/api/businesses/:id', {
      schema: { tags, params: ZId, body: ZBusinessInput },
      config: { policy: ADMIN },
      handler: async (req) => service.updateBusiness(req.actor, req.params.id, req.body),
    });

    r.get('/api/practitioners', {
      schema: { tags, querystring: z.object({ q: z.string().max(50).optional(), ...ZPaging }) },
      config: { policy: STAFF },
      handler: async (req) => service.listPractitioners(req.query.q, req.query.page, req.query.pageSize),
    });
    r.post('/api/practitioners', {
      schema: { tags, body: ZPractitionerInput },
      config: { policy: ADMIN },
      handler: async (req, reply) => reply.status(201).send(await service.savePractitioner(req.actor, null, req.body)),
    });
    r.put('/api/practitioners/:id', {
      schema: { tags, params: ZId, body: ZPractitionerInput },
      config: { policy: ADMIN },
      handler: async (req) => service.savePractitioner(req.actor, req.params.id, req.body),
    });

    r.get('/api/grids', {
      schema: { tags, querystring: z.object(ZPaging) },
      config: { policy: STAFF },
      handler: async (req) => service.listGrids(req.query.page, req.query.pageSize),
    });
    r.get('/api/grids/:id', {
      schema: { tags, params: ZId },
      config: { policy: STAFF },
      handler: async (req) => service.getGrid(req.params.id),
    });
    r.post('/api/grids', {
      schema: { tags, body: ZGridInput },
      config: { policy: ADMIN },
      handler: async (req, reply) => reply.status(201).send(await service.saveGrid(req.actor, null, req.body)),
    });
    r.put('/api/grids/:id', {
      schema: { tags, params: ZId, body: ZGridInput },
      config: { policy: ADMIN },
      handler: async (req) => service.saveGrid(req.actor, req.params.id, req.body),
    });
  };
}
