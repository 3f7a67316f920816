import { CATEGORY_IDS, day, text, WORK_ORDER_KINDS } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import { requestLang } from '../../plugins/errors.js';
import { anonymiseText } from './anonymise.js';
import type { TWorkOrderAdmin } from './work-orders.admin.js';

const ZDuration = z.strictObject({
  amount: z.number().int().min(1).max(100_000),
  unit: z.enum(['minutes', 'working_days']),
});
export const ZSlaPolicyInput = z.strictObject({
  kind: z.enum(WORK_ORDER_KINDS),
  category: z.enum(CATEGORY_IDS).nullable().default(null),
  response: ZDuration,
  resolution: ZDuration,
  pauseOnMaterial: z.boolean().default(true),
});
export const ZHolidayInput = z.strictObject({
  date: day(),
  kind: z.enum(['holiday', 'workday']),
  name: text().max(50).default(''),
  nameEn: text().max(80).default(''),
});
export const ZRoutingInput = z.strictObject({
  category: z.enum(CATEGORY_IDS),
  departmentId: text().uuid().nullable(),
  autoDispatch: z.boolean(),
  threshold: z.number().min(0).max(1),
});

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function workOrderAdminRoutes(admin: TWorkOrderAdmin) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];
    const ADMIN = roles('system_admin');

    r.get('/api/admin/sla-policies', {
      schema: { tags },
      config: { policy: roles('system_admin', 'dispatcher', 'leader') },
      handler: async () => admin.getSlaPolicies(),
    });
    r.put('/api/admin/sla-policies', {
      schema: { tags, body: z.strictObject({ items: z.array(ZSlaPolicyInput).min(1).max(200) }) },
      config: { policy: ADMIN },
      handler: async (req) => admin.setSlaPolicies(req.actor, req.body.items),
    });
    r.get('/api/admin/holidays', {
      schema: { tags },
      config: { policy: ADMIN },
      handler: async () => admin.getHolidays(),
    });
    r.put('/api/admin/holidays', {
      schema: { tags, body: z.strictObject({ items: z.array(ZHolidayInput).max(1000) }) },
      config: { policy: ADMIN },
      handler: async (req) => admin.setHolidays(req.actor, req.body.items),
    });
    r.get('/api/admin/category-routing', {
      schema: { tags },
      config: { policy: roles('system_admin', 'dispatcher') },
      handler: async () => admin.getRouting(),
    });
    r.put('/api/admin/category-routing', {
      schema: { tags, body: z.strictObject({ items: z.array(ZRoutingInput).min(1).max(CATEGORY_IDS.length) }) },
      config: { policy: ADMIN },
      handler: async (req) => admin.setRouting(req.actor, req.body.items),
    });

    // The public page: honest rates and anonymised closed orders; no login.
    r.get('/api/public/work-orders/rates', {
      schema: {
        tags: ['public'],
        querystring: z.object({ by: z.enum(['business', 'department']).default('department') }),
      },
      config: { policy: PUBLIC, rateLimit: { max: 120, timeWindow: '1 minute' } },
      handler: async (req) => ({ minOrdersToRank: 5, items: await admin.publicRates(req.query.by) }),
    });
    r.get('/api/public/work-orders', {
      schema: {
        tags: ['public'],
        querystring: z.object({
          businessId: text().uuid().optional(),
          departmentId: text().uuid().optional(),
          page: z.coerce.number().int().min(1).max(1000).default(1),
          pageSize: z.coerce.number().int().min(1).max(50).default(20),
        }),
      },
      config: { policy: PUBLIC, rateLimit: { max: 120, timeWindow: '1 minute' } },
      handler: async (req) => {
        const en = requestLang(req) === 'en';
        const { rows, total, names } = await admin.publicClosedOrders(req.query);
        return {
          total,
          page: req.query.page,
          pageSize: req.query.pageSize,
          items: rows.map((w) => {
            const known = {
              names: [...names, w.reporter_name, w.business_contact_name],
              phones: [w.reporter_phone, w.contact_phone],
            };
            return {
              id: w.id,
              // The tracking number is the tourist's key to the order: show only its tail.
              trackingNo: `…${w.tracking_no.slice(-4)}`,
              kind: w.kind,
              category: w.category,
              status: w.status,
              text: anonymiseText(w.text, known),
              answer: w.answer ? anonymiseText(w.answer, known) : null,
              businessName: (en && w.business_name_en) || w.business_name,
              departmentName: en ? w.department_name_en : w.department_name,
              createdAt: new Date(w.created_at).toISOString(),
              // The day it was finished: resolved (awaiting the tourist's rating) or closed, whichever came first.
              finishedAt: iso(w.resolved_at ?? w.closed_at),
              closedAt: iso(w.closed_at),
            };
          }),
        };
      },
    });
  };
}
