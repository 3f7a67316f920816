import {
  PRACTITIONER_KINDS,
  text,
  ZBusinessInput,
  ZBusinessKind,
  ZDepartmentInput,
  ZPractitionerInput,
} from '@zhilv/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { message } from '../../platform/messages.js';
import { PUBLIC, roles, SIGNED_IN, STAFF_ROLES } from '../../plugins/access.js';
import { requestLang } from '../../plugins/errors.js';
import type { TMasterDataService } from './master-data.service.js';

const ZId = z.object({ id: text().uuid() });
const ZPaging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const ZBusinessFilter = z.object({
  q: text().max(100).optional(),
  kind: ZBusinessKind.optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  ...ZPaging,
});
const ZRegionCode = z
  .string()
  .regex(/^\d{2,12}$/)
  .optional();
const ZPractitionerFilter = z.object({
  q: text().max(50).optional(),
  kind: z.enum(PRACTITIONER_KINDS).optional(),
  regionCode: ZRegionCode,
  ...ZPaging,
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An Excel download: an ASCII file name for old clients, the Chinese one for the rest (RFC 6266). */
const sendXlsx = (reply: FastifyReply, name: string, zhName: string, buf: Buffer) =>
  reply
    .type(XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${name}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${zhName}.xlsx`)}`,
    )
    .send(buf);

/** The uploaded file of a multipart request (field name free), or a 400 naming `file`. */
/** Imports are all or nothing: with row errors nothing was written, and the errors ride along the error shape. */
function sendImportResult(
  reply: FastifyReply,
  lang: ReturnType<typeof requestLang>,
  result: { created: number; updated: number; errors: unknown[] },
) {
  if (!result.errors.length) return result;
  const code = 'import_rows_invalid';
  return reply.status(422).send({ code, message: message(code, lang), field: 'file', ...result });
}

async function uploadedFile(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('validation_failed', 400, 'file');
  const part = await req.file();
  if (!part) throw new AppError('validation_failed', 400, 'file');
  return part.toBuffer();
}

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
          kind: d.kind,
          active: d.active,
        })),
    });
    r.get('/api/departments/export', {
      schema: { tags },
      config: { policy: ADMIN },
      handler: async (_req, reply) => sendXlsx(reply, 'departments', '部门', await service.exportDepartments()),
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
          q: text().max(50).optional(),
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
        sendXlsx(reply, 'businesses', '经营主体', await service.exportBusinesses(req.query)),
    });
    // Preview first (nothing written), then confirm the same file with the preview's token.
    r.post('/api/businesses/import/preview', {
      schema: { tags, consumes: ['multipart/form-data'] },
      config: { policy: ADMIN },
      handler: async (req) => service.previewBusinessImport(await uploadedFile(req), requestLang(req)),
    });
    r.post('/api/businesses/import', {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        querystring: z.object({ token: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
      config: { policy: ADMIN },
      handler: async (req, reply) => {
        const lang = requestLang(req);
        const file = await uploadedFile(req);
        return sendImportResult(
          reply,
          lang,
          await service.confirmBusinessImport(req.actor, file, req.query.token, lang),
        );
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
      schema: { tags, querystring: ZPractitionerFilter },
      config: { policy: STAFF },
      handler: async (req) => service.listPractitioners(req.query, req.query.page, req.query.pageSize),
    });
    r.get('/api/practitioners/export', {
      schema: { tags, querystring: ZPractitionerFilter },
      config: { policy: ADMIN },
      handler: async (req, reply) =>
        sendXlsx(reply, 'practitioners', '从业人员', await service.exportPractitioners(req.query)),
    });
    r.post('/api/practitioners/import', {
      schema: { tags, consumes: ['multipart/form-data'] },
      config: { policy: ADMIN },
      handler: async (req, reply) => {
        const lang = requestLang(req);
        return sendImportResult(
          reply,
          lang,
          await service.importPractitioners(req.actor, await uploadedFile(req), lang),
        );
      },
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
  };
}
