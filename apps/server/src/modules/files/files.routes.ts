import { text } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../platform/errors.js';
import { SIGNED_IN } from '../../plugins/access.js';
import type { TFilesService } from './files.service.js';

/**
 * Photos are served only through this access-checked route. `mayRead` asks the module that owns the object
 * the file is attached to (a work order …) whether this actor may see it.
 */
export function filesRoutes(
  files: TFilesService,
  mayRead: (actor: import('../../platform/actor.js').TActor, objectType: string, objectId: string) => Promise<boolean>,
) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post('/api/files', {
      schema: { tags: ['files'], consumes: ['multipart/form-data'] },
      config: { policy: SIGNED_IN, rateLimit: { max: 30, timeWindow: '1 minute' } },
      handler: async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('validation_failed', 400, 'file');
        const part = await req.file();
        if (!part) throw new AppError('validation_failed', 400, 'file');
        const buf = await part.toBuffer();
        const row = await files.upload(req.actor, buf);
        return reply.status(201).send(row);
      },
    });
    r.get('/api/files/:id', {
      schema: { tags: ['files'], params: z.object({ id: text().uuid() }) },
      config: { policy: SIGNED_IN },
      handler: async (req, reply) => {
        // Access first, on the record alone: a refused caller causes no read of the content at all.
        const row = await files.record(req.params.id);
        if (!row) throw notFound();
        const own = row.ownerUserId === req.actor.id;
        const viaObject =
          row.objectType && row.objectId ? await mayRead(req.actor, row.objectType, row.objectId) : false;
        if (!own && !viaObject) throw notFound();
        const data = await files.content(row);
        if (!data) {
          req.log.warn({ fileId: row.id }, 'file record without content');
          throw notFound();
        }
        return reply
          .type(row.mime)
          .header('cache-control', 'private, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .send(data);
      },
    });
  };
}
