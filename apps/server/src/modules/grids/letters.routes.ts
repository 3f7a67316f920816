import {
  text,
  ZIssueLetterInput,
  ZLetterListQuery,
  ZLetterScanInput,
  ZLetterTemplateInput,
  ZSignLetterInput,
} from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../plugins/access.js';
import type { TLettersService } from './letters.service.js';

const ZId = z.object({ id: text().uuid() });
const ADMIN = roles('system_admin');
/** Who reads letters at all (which ones: the policy — a business only its own, a grid member their grids'). */
const LETTER_READERS = roles(
  'system_admin',
  'leader',
  'dispatcher',
  'department_head',
  'department_staff',
  'grid_worker',
  'business',
);
const TEMPLATE_READERS = roles('system_admin', 'leader', 'dispatcher', 'department_head', 'department_staff');
/** Who may bring in a signed paper: the admin, a leader for their own letters, a grid member for their grids'. */
const SCAN_UPLOADERS = roles('system_admin', 'leader', 'grid_worker');

export function letterRoutes(service: TLettersService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['responsibility-letters'];

    r.get('/api/letter-templates', {
      schema: { tags },
      config: { policy: TEMPLATE_READERS },
      handler: async () => service.listTemplates(),
    });
    r.post('/api/letter-templates', {
      schema: { tags, body: ZLetterTemplateInput },
      config: { policy: ADMIN },
      handler: async (req, reply) => reply.status(201).send(await service.saveTemplate(req.actor, null, req.body)),
    });
    r.put('/api/letter-templates/:id', {
      schema: { tags, params: ZId, body: ZLetterTemplateInput },
      config: { policy: ADMIN },
      handler: async (req) => service.saveTemplate(req.actor, req.params.id, req.body),
    });

    r.get('/api/responsibility-letters', {
      schema: { tags, querystring: ZLetterListQuery },
      config: { policy: LETTER_READERS },
      handler: async (req) => service.list(req.actor, req.query, req.query.page, req.query.pageSize),
    });
    r.post('/api/responsibility-letters', {
      schema: { tags, body: ZIssueLetterInput },
      config: { policy: ADMIN },
      handler: async (req, reply) => reply.status(201).send(await service.issue(req.actor, req.body)),
    });
    r.get('/api/responsibility-letters/:id', {
      schema: { tags, params: ZId },
      config: { policy: LETTER_READERS },
      handler: async (req) => service.get(req.actor, req.params.id),
    });
    r.get('/api/responsibility-letters/:id/pdf', {
      schema: { tags, params: ZId },
      config: { policy: LETTER_READERS },
      handler: async (req, reply) => {
        const { pdf } = await service.pdf(req.actor, req.params.id);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `inline; filename="letter-${req.params.id}.pdf"; filename*=UTF-8''${encodeURIComponent('责任状.pdf')}`,
          )
          .send(pdf);
      },
    });
    // Signed from the business's phone or desk: a retried submission (Idempotency-Key) is the same signature.
    r.post('/api/responsibility-letters/:id/sign', {
      schema: { tags, params: ZId, body: ZSignLetterInput },
      config: { policy: roles('business'), idempotent: 'optional' },
      handler: async (req) => service.sign(req.actor, req.params.id, req.body, req.idempotencyKey),
    });
    r.post('/api/responsibility-letters/:id/scan', {
      schema: { tags, params: ZId, body: ZLetterScanInput },
      config: { policy: SCAN_UPLOADERS, idempotent: 'optional' },
      handler: async (req) => service.uploadScan(req.actor, req.params.id, req.body, req.idempotencyKey),
    });
  };
}
