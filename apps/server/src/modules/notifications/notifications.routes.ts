import { text } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import { notFound } from '../../platform/errors.js';
import { listNotifications, markNotificationRead } from '../../platform/notify.js';
import { roles, STAFF_ROLES } from '../../plugins/access.js';

export function notificationRoutes(db: TDb) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const staff = roles(...STAFF_ROLES);
    r.get('/api/notifications', {
      schema: { tags: ['notifications'] },
      config: { policy: staff },
      handler: async (req) => listNotifications(db, req.actor),
    });
    r.post('/api/notifications/:id/read', {
      schema: { tags: ['notifications'], params: z.object({ id: text().uuid() }) },
      config: { policy: staff },
      handler: async (req, reply) => {
        if (!(await markNotificationRead(db, req.actor, req.params.id))) throw notFound();
        return reply.status(204).send();
      },
    });
    r.get('/api/notifications/stream', {
      schema: { hide: true },
      config: { policy: staff },
      handler: async (req, reply) => app.events.stream(req, reply, 'notifications'),
    });
  };
}
