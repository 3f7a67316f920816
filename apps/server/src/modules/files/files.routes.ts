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
      schema: { tags: ['files'], params: z.object({ id: z.string().uuid() }) },
      config: { policy: SIGNED_IN },
      handler: async (req, reply) => {
        const f = await files.read(req.params.id);
        if (!f) throw notFound();
        const own = f.row.ownerUserId === req.actor.id;
        const viaObject =
          f.row.objectType && f.row.objectId ? await mayRead(req.actor, f.row.objectType, f.row.objectId) : false;
        if (!own && !viaObject) throw notFound();
        return reply
          .type(f.row.mime)
          .header('cache-control', 'private, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .send(f.data);
      },
    });
  };
}
