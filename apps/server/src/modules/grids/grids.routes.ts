import { text, ZCoverageQuery, ZGridAssignmentInput, ZGridInput, ZGridMembersInput } from '@zhilv/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import type { TClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { message } from '../../platform/messages.js';
import { roles } from '../../plugins/access.js';
import { requestLang } from '../../plugins/errors.js';
import { confirmGridImport, exportGrids, previewGridImport } from './grids.excel.js';
import { gridsVisibleWhere } from './grids.policy.js';
import { gridReachOf, type TGridsService } from './grids.service.js';

const ZId = z.object({ id: text().uuid() });
const ZGridFilter = z.object({
  q: text().max(50).optional(),
  regionCode: text()
    .regex(/^\d{2,12}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Who reads grids at all (which grids: the policy); departments read-only, the system admin edits. */
export const GRID_READERS = roles(
  'system_admin',
  'leader',
  'dispatcher',
  'department_head',
  'department_staff',
  'grid_worker',
);
const ADMIN = roles('system_admin');
const COVERAGE = roles('system_admin', 'leader', 'dispatcher', 'department_head', 'department_staff');

async function uploadedFile(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('validation_failed', 400, 'file');
  const part = await req.file();
  if (!part) throw new AppError('validation_failed', 400, 'file');
  return part.toBuffer();
}

const sendXlsx = (reply: FastifyReply, buf: Buffer) =>
  reply
    .type(XLSX)
    .header(
      'content-disposition',
      `attachment; filename="grids.xlsx"; filename*=UTF-8''${encodeURIComponent('网格.xlsx')}`,
    )
    .send(buf);

export function gridRoutes(service: TGridsService, deps: { db: TDb; clock: TClock }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['grids'];

    r.get('/api/grids', {
      schema: { tags, querystring: ZGridFilter },
      config: { policy: GRID_READERS },
      handler: async (req) => service.listGrids(req.actor, req.query, req.query.page, req.query.pageSize),
    });
    r.get('/api/grids/export', {
      schema: { tags, querystring: ZGridFilter },
      config: { policy: ADMIN },
      handler: async (req, reply) =>
        sendXlsx(
          reply,
          await exportGrids(deps.db, gridsVisibleWhere(await gridReachOf(deps.db, req.actor)), req.query),
        ),
    });
    // Preview first (nothing written), then confirm the same file with the preview's token.
    r.post('/api/grids/import/preview', {
      schema: { tags, consumes: ['multipart/form-data'] },
      config: { policy: ADMIN },
      handler: async (req) => previewGridImport(deps.db, await uploadedFile(req), requestLang(req)),
    });
    r.post('/api/grids/import', {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        querystring: z.object({ token: text().regex(/^[0-9a-f]{64}$/) }),
      },
      config: { policy: ADMIN },
      handler: async (req, reply) => {
        const lang = requestLang(req);
        const file = await uploadedFile(req);
        const result = await confirmGridImport(deps.db, req.actor, file, req.query.token, lang, deps.clock.now());
        if (!result.errors.length) return result;
        const code = 'import_rows_invalid';
        return reply.status(422).send({ code, message: message(code, lang), field: 'file', ...result });
      },
    });
    r.get('/api/grids/coverage', {
      schema: { tags, querystring: ZCoverageQuery },
      config: { policy: COVERAGE },
      handler: async (req) => service.coverage(req.actor, req.query),
    });
    r.get('/api/grid-workers', {
      schema: { tags },
      config: { policy: ADMIN },
      handler: async () => service.listCandidates(),
    });
    r.get('/api/grids/:id', {
      schema: { tags, params: ZId },
      config: { policy: GRID_READERS },
      handler: async (req) => service.getGrid(req.actor, req.params.id),
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
    r.put('/api/grids/:id/members', {
      schema: { tags, params: ZId, body: ZGridMembersInput },
      config: { policy: ADMIN },
      handler: async (req) => service.setMembers(req.actor, req.params.id, req.body),
    });
    r.put('/api/grid-assignments/:businessId', {
      schema: { tags, params: z.object({ businessId: text().uuid() }), body: ZGridAssignmentInput },
      config: { policy: ADMIN },
      handler: async (req) => service.assign(req.actor, req.params.businessId, req.body),
    });
  };
}
