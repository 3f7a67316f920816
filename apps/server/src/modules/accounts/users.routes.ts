import { ROLES, STAFF_ROLES_ASSIGNABLE, text } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../plugins/access.js';
import type { createUsersService } from './users.service.js';

const STAFF_ROLE = z.enum(ROLES).exclude(['tourist']);
// 三员分立: the security admin gives working roles only; the admin duties come from the installation command.
const ASSIGNABLE_ROLE = z.enum(STAFF_ROLES_ASSIGNABLE);

export function usersRoutes(users: ReturnType<typeof createUsersService>) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    const who = roles('security_admin');
    r.get('/api/admin/users', {
      schema: {
        tags,
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
          role: STAFF_ROLE.optional(),
        }),
      },
      config: { policy: who },
      handler: async (req) => users.list(req.query.page, req.query.pageSize, req.query.role),
    });
    // No password in the body: the answer carries a one-time activation code, shown once to the creator.
    r.post('/api/admin/users', {
      schema: {
        tags,
        body: z.strictObject({
          username: text().regex(/^[a-z][a-z0-9_]{2,31}$/),
          displayName: text().trim().min(1).max(50),
          role: ASSIGNABLE_ROLE,
          departmentId: text().uuid().nullish(),
          businessId: text().uuid().nullish(),
          phone: z
            .string()
            .regex(/^1[3-9]\d{9}$/)
            .nullish(),
        }),
      },
      config: { policy: who },
      handler: async (req, reply) => reply.status(201).send(await users.create(req.actor, req.body)),
    });
    r.put('/api/admin/users/:id', {
      schema: {
        tags,
        params: z.object({ id: text().uuid() }),
        body: z.strictObject({
          role: ASSIGNABLE_ROLE.optional(),
          departmentId: text().uuid().nullish(),
          businessId: text().uuid().nullish(),
          disabled: z.boolean().optional(),
          unlock: z.boolean().optional(),
          /** issues a new activation code; the old password stops working */
          resetPassword: z.boolean().optional(),
        }),
      },
      config: { policy: who },
      handler: async (req) => users.update(req.actor, req.params.id, req.body),
    });
  };
}
