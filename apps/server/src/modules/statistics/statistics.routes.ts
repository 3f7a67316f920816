import { instant, SLA_CLOCKS, text, WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import type { TClock } from '../../platform/clock.js';
import { roles } from '../../plugins/access.js';
import { requestLang } from '../../plugins/errors.js';
import { createStatisticsService } from './statistics.service.js';

const ZStatsQuery = z.object({
  groupBy: z.enum(['department', 'category', 'region', 'month']).default('department'),
  from: instant().optional(),
  to: instant().optional(),
  departmentId: text().uuid().optional(),
  lang: text().optional(),
});

export function statisticsRoutes(db: TDb, clock: TClock) {
  const service = createStatisticsService(db, clock);
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const who = roles('dispatcher', 'leader', 'department_head');
    const tags = ['statistics'];
    r.get('/api/statistics/work-orders', {
      schema: { tags, querystring: ZStatsQuery },
      config: { policy: who },
      handler: async (req) => service.stats(req.actor, req.query, requestLang(req)),
    });
    r.get('/api/statistics/work-orders/export', {
      schema: { tags, querystring: ZStatsQuery },
      config: { policy: who },
      handler: async (req, reply) => {
        const buf = await service.exportXlsx(req.actor, req.query, requestLang(req));
        // the prefecture's date (UTC+8, no daylight saving): at 07:00 there it is already tomorrow in UTC terms
        const day = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        const name = `work-order-statistics-${day}.xlsx`;
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`工单统计-${name}`)}`,
          )
          .send(buf);
      },
    });
    // Lateness by who held the order at the time, with extensions and suspensions (work-orders procedure.tables.ts).
    r.get('/api/statistics/work-orders/holders', {
      schema: { tags, querystring: ZStatsQuery.omit({ groupBy: true }) },
      config: { policy: who },
      handler: async (req) => service.holders(req.actor, req.query, requestLang(req)),
    });
    r.get('/api/statistics/work-orders/overdue', {
      schema: {
        tags,
        querystring: z.object({
          departmentId: text().uuid().optional(),
          clock: z.enum(SLA_CLOCKS).optional(),
          status: z.enum(WORK_ORDER_STATUSES).optional(),
          kind: z.enum(WORK_ORDER_KINDS).optional(),
          q: text().trim().max(50).optional(),
        }),
      },
      config: { policy: who },
      handler: async (req) => service.overdue(req.actor, req.query, requestLang(req)),
    });
  };
}
