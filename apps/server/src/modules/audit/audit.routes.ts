import { AUDIT_CHAIN_HEAD, instant, text } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import { findAuditLog, verifyAuditChain } from '../../platform/audit.js';
import { maskPhone } from '../../platform/mask.js';
import { listOutbox } from '../../platform/sms.js';
import { roles } from '../../plugins/access.js';
import { nameAuditRows, type TAuditLookups } from './audit-labels.js';
import { auditLookups } from './audit-lookups.js';

export function auditRoutes(
  db: TDb,
  opts: { demo: boolean } = { demo: false },
  lookups: TAuditLookups = auditLookups(),
) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // The audit admin reads the log; nobody can change it (the database refuses UPDATE and DELETE).
    r.get('/api/audit-logs', {
      schema: {
        tags: ['audit'],
        querystring: z.object({
          actorId: text().uuid().optional(),
          action: text().max(100).optional(),
          objectType: text().max(50).optional(),
          objectId: text().max(100).optional(),
          from: instant().optional(),
          to: instant().optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
      config: { policy: roles('audit_admin') },
      handler: async (req) => {
        const q = req.query;
        const res = await findAuditLog(db, {
          ...q,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        });
        return { ...res, items: await nameAuditRows(db, lookups, res.items) };
      },
    });
    // The hash chain checked, a page of rows at a time (the console asks page after page): which rows were
    // changed, which follow a removed one, and whether a head saved at an earlier check is still there.
    r.get('/api/audit-logs/chain', {
      schema: {
        tags: ['audit'],
        querystring: z.object({
          afterId: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
          // a head saved at an earlier check, as that check gave it: "id:hash"
          head: text().regex(AUDIT_CHAIN_HEAD).optional(),
        }),
      },
      config: { policy: roles('audit_admin') },
      handler: (req) => {
        const [id, hash] = req.query.head?.split(':') ?? [];
        const saved = id && hash ? { id: Number(id), hash } : undefined;
        return verifyAuditChain(db, req.query.afterId, req.query.limit, saved);
      },
    });
    // The SMS outbox. In demo mode the admin reads codes and notices here; outside it codes are masked. Phones
    // stay masked.
    r.get('/api/admin/outbox', {
      schema: {
        tags: ['admin'],
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
      config: { policy: roles('system_admin') },
      handler: async (req) => {
        const res = await listOutbox(db, req.query.page, req.query.pageSize, { revealCodes: opts.demo });
        return {
          ...res,
          items: res.items.map((m) => ({ ...m, phone: maskPhone(m.phone), createdAt: m.createdAt.toISOString() })),
        };
      },
    });
  };
}
