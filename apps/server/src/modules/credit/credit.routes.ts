import {
  text,
  ZCreditEventInput,
  ZCreditFileParams,
  ZCreditFilesQuery,
  ZCreditQuery,
  ZCreditRuleInput,
  ZCreditSettingsInput,
  ZDecisionInput,
  ZDishonestProposal,
  ZEvaluationQuery,
  ZEvaluationRunInput,
  ZEvaluationWeightsInput,
  ZEvaluationYear,
  ZIdParam,
  ZObjectionInput,
  ZPledgeBreak,
  ZPledgeSign,
  ZRepairInput,
  ZRuleCodeParams,
  ZSelfAssessmentInput,
} from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, roles } from '../../plugins/access.js';
import type { TEvaluationService } from './credit.evaluation.js';
import type { TListingService } from './credit.listing.js';
import type { createPledgeService } from './credit.pledges.js';
import type { TCreditService } from './credit.service.js';

const ZLang = z.object({ lang: text().max(10).optional() });
const READERS = ['department_staff', 'department_head', 'dispatcher', 'leader', 'system_admin'] as const;
const DEPT = ['department_staff', 'department_head'] as const;
const ENTRY_READERS = ['department_staff', 'department_head', 'leader', 'system_admin', 'business'] as const;

/**
 * 信用: the public record and dishonest list (no sign-in, rate-limited), credit files for staff and each business's
 * own, the rule table and thresholds (system admin), the list and repair procedure (departments and the business),
 * pledges. Object-level checks are the service's (credit.policy.ts).
 */
export function creditRoutes(
  service: TCreditService,
  listing: TListingService,
  pledges: ReturnType<typeof createPledgeService>,
  evaluation: TEvaluationService,
) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['credit'];
    const publicRead = { policy: PUBLIC, rateLimit: { max: 300, timeWindow: '1 minute' } };
    const publicSearch = { policy: PUBLIC, rateLimit: { max: 60, timeWindow: '1 minute' } };

    // ---- public ----
    r.get('/api/credit/businesses', {
      schema: { tags, querystring: ZCreditQuery.extend(ZLang.shape) },
      config: publicSearch,
      handler: async (req) => service.searchPublic(req.query.q),
    });
    r.get('/api/credit/businesses/:id', {
      schema: { tags, params: ZIdParam, querystring: ZLang },
      config: publicRead,
      handler: async (req) => service.getPublicRecord(req.params.id),
    });
    r.get('/api/credit/dishonest-list', {
      schema: { tags, querystring: ZLang },
      config: publicRead,
      handler: async () => service.publicList(),
    });
    r.get('/api/credit/pledge-templates', {
      schema: { tags, querystring: ZLang },
      config: publicRead,
      handler: async () => pledges.templates(),
    });

    // ---- files, events, rules ----
    r.get('/api/credit/files', {
      schema: { tags, querystring: ZCreditFilesQuery },
      config: { policy: roles(...READERS) },
      handler: async (req) => service.listFiles(req.actor, req.query),
    });
    r.get('/api/credit/files/:type/:id', {
      schema: { tags, params: ZCreditFileParams },
      config: { policy: roles(...READERS, 'business') },
      handler: async (req) => service.getFile(req.actor, req.params.type, req.params.id),
    });
    r.post('/api/credit/events', {
      schema: { tags, body: ZCreditEventInput },
      config: { policy: roles(...DEPT) },
      handler: async (req) => service.recordEvent(req.actor, req.body),
    });
    r.get('/api/credit/rules', {
      schema: { tags },
      config: { policy: roles(...READERS, 'business') },
      handler: async () => service.listRules(),
    });
    r.put('/api/credit/rules/:code', {
      schema: { tags, params: ZRuleCodeParams, body: ZCreditRuleInput },
      config: { policy: roles('system_admin') },
      handler: async (req) => service.updateRule(req.actor, req.params.code, req.body),
    });
    r.get('/api/credit/settings', {
      schema: { tags },
      config: { policy: roles(...READERS, 'business') },
      handler: async () => service.getSettings(),
    });
    r.put('/api/credit/settings', {
      schema: { tags, body: ZCreditSettingsInput },
      config: { policy: roles('system_admin') },
      handler: async (req) => service.updateSettings(req.actor, req.body),
    });

    // ---- dishonest list and repair ----
    r.get('/api/credit/dishonest-entries', {
      schema: { tags },
      config: { policy: roles(...ENTRY_READERS) },
      handler: async (req) => listing.list(req.actor),
    });
    r.get('/api/credit/dishonest-entries/:id', {
      schema: { tags, params: ZIdParam },
      config: { policy: roles(...ENTRY_READERS) },
      handler: async (req) => listing.get(req.params.id, req.actor),
    });
    r.post('/api/credit/dishonest-entries', {
      schema: { tags, body: ZDishonestProposal },
      config: { policy: roles(...DEPT) },
      handler: async (req) => listing.propose(req.actor, req.body),
    });
    r.post('/api/credit/dishonest-entries/:id/notice', {
      schema: { tags, params: ZIdParam },
      config: { policy: roles('department_head') },
      handler: async (req) => listing.serveNotice(req.actor, req.params.id),
    });
    r.get('/api/credit/dishonest-entries/:id/notice.pdf', {
      schema: { tags, params: ZIdParam },
      config: { policy: roles(...ENTRY_READERS) },
      handler: async (req, reply) => {
        const { pdf, decisionNo } = await listing.noticePdf(req.actor, req.params.id);
        return reply
          .type('application/pdf')
          .header('cache-control', 'private, no-store')
          .header(
            'content-disposition',
            `attachment; filename="notice-${req.params.id}.pdf"; filename*=UTF-8''${encodeURIComponent(`失信告知书-${decisionNo}.pdf`)}`,
          )
          .send(pdf);
      },
    });
    r.post('/api/credit/dishonest-entries/:id/objection', {
      schema: { tags, params: ZIdParam, body: ZObjectionInput },
      config: { policy: roles('business'), idempotent: 'optional' },
      handler: async (req) => listing.object(req.actor, req.params.id, req.body.objection, req.idempotencyKey),
    });
    r.post('/api/credit/dishonest-entries/:id/decision', {
      schema: { tags, params: ZIdParam, body: ZDecisionInput },
      config: { policy: roles('department_head') },
      handler: async (req) => listing.decide(req.actor, req.params.id, req.body),
    });
    r.post('/api/credit/dishonest-entries/:id/repairs', {
      schema: { tags, params: ZIdParam, body: ZRepairInput },
      config: { policy: roles('business'), idempotent: 'optional' },
      handler: async (req) => listing.applyRepair(req.actor, req.params.id, req.body, req.idempotencyKey),
    });
    r.post('/api/credit/repairs/:id/decision', {
      schema: { tags, params: ZIdParam, body: ZDecisionInput },
      config: { policy: roles('department_head') },
      handler: async (req) => listing.decideRepair(req.actor, req.params.id, req.body),
    });

    // ---- 三方评价: weights, self-assessment, the yearly run ----
    const ZYearParam = z.object({ year: ZEvaluationYear });
    r.get('/api/credit/evaluation/weights', {
      schema: { tags },
      config: { policy: roles(...READERS, 'business') },
      handler: async () => evaluation.getWeights(),
    });
    r.put('/api/credit/evaluation/weights', {
      schema: { tags, body: ZEvaluationWeightsInput },
      config: { policy: roles('system_admin') },
      handler: async (req) => evaluation.updateWeights(req.actor, req.body),
    });
    r.get('/api/credit/self-assessments/:year', {
      schema: { tags, params: ZYearParam },
      config: { policy: roles('business') },
      handler: async (req) => evaluation.getSelfAssessment(req.actor, req.params.year),
    });
    r.put('/api/credit/self-assessments/:year', {
      schema: { tags, params: ZYearParam, body: ZSelfAssessmentInput },
      config: { policy: roles('business'), idempotent: 'optional' },
      handler: async (req) =>
        evaluation.submitSelfAssessment(req.actor, req.params.year, req.body.answers, req.idempotencyKey),
    });
    r.post('/api/credit/evaluations/run', {
      schema: { tags, body: ZEvaluationRunInput },
      config: { policy: roles('system_admin') },
      handler: async (req) => evaluation.run(req.actor, req.body.year),
    });
    r.get('/api/credit/evaluations', {
      schema: { tags, querystring: ZEvaluationQuery },
      config: { policy: roles(...READERS, 'business') },
      handler: async (req) => evaluation.list(req.actor, req.query.year, req.query.q),
    });

    // ---- pledges ----
    r.post('/api/credit/pledges', {
      schema: { tags, body: ZPledgeSign },
      config: { policy: roles('business'), idempotent: 'optional' },
      handler: async (req) => pledges.sign(req.actor, req.body.templateId, req.idempotencyKey),
    });
    r.post('/api/credit/pledges/:id/break', {
      schema: { tags, params: ZIdParam, body: ZPledgeBreak },
      config: { policy: roles(...DEPT) },
      handler: async (req) => pledges.breakPledge(req.actor, req.params.id, req.body.note),
    });
  };
}
