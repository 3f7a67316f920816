import {
  text,
  ZActivateRequest,
  ZActivationCheckRequest,
  ZChangePasswordRequest,
  ZSendCodeRequest,
  ZStaffLoginRequest,
  ZTouristLoginRequest,
} from '@zhilv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { PUBLIC, roles, SIGNED_IN } from '../../plugins/access.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth.js';
import type { TAccountsService } from './accounts.service.js';
import type { createActivationService } from './activation.js';

/** The schema lets exactly one of the two through. */
const codeAddress = (b: { phone?: string; email?: string }) =>
  b.email ? { email: b.email } : { phone: b.phone ?? '' };

export function accountsRoutes(
  accounts: TAccountsService,
  activation: ReturnType<typeof createActivationService>,
  opts: { cookieSecure: boolean | 'auto'; demo: boolean },
) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth'];
    const meOf = async (token: string, ip: string) => {
      const s = await accounts.resolveSession(token, ip);
      if (!s) throw new AppError('unauthenticated', 401);
      return s.me;
    };

    // What the login screens need to know before anyone signs in: whether demo accounts exist.
    r.get('/api/public/info', {
      schema: { tags: ['public'] },
      config: { policy: PUBLIC },
      handler: async () => ({ name: '智旅 Zhilv', demo: opts.demo }),
    });

    r.post('/api/auth/code', {
      schema: { tags, body: ZSendCodeRequest },
      config: { policy: PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } },
      handler: async (req) => accounts.sendCode(codeAddress(req.body), req.ip),
    });

    r.post('/api/auth/tourist-login', {
      schema: { tags, body: ZTouristLoginRequest },
      config: { policy: PUBLIC, rateLimit: { max: 20, timeWindow: '1 minute' } },
      handler: async (req, reply) => {
        const token = await accounts.touristLogin(codeAddress(req.body), req.body.code, req.ip);
        setSessionCookie(req, reply, token, opts.cookieSecure);
        return meOf(token, req.ip);
      },
    });

    r.post('/api/auth/login', {
      schema: { tags, body: ZStaffLoginRequest },
      config: { policy: PUBLIC, rateLimit: { max: 20, timeWindow: '1 minute' } },
      handler: async (req, reply) => {
        const token = await accounts.staffLogin(req.body.username, req.body.password, req.body.totp, req.ip);
        setSessionCookie(req, reply, token, opts.cookieSecure);
        return meOf(token, req.ip);
      },
    });

    // First sign-in of a new or reset account (activation code → own password, admin roles: authenticator).
    r.post('/api/auth/activation/check', {
      schema: { tags, body: ZActivationCheckRequest },
      config: { policy: PUBLIC, rateLimit: { max: 20, timeWindow: '1 minute' } },
      handler: async (req) => activation.check(req.body.username, req.body.code, req.ip),
    });

    r.post('/api/auth/activate', {
      schema: { tags, body: ZActivateRequest },
      config: { policy: PUBLIC, rateLimit: { max: 20, timeWindow: '1 minute' } },
      handler: async (req, reply) => {
        const b = req.body;
        const token = await activation.activate(b.username, b.code, b.password, b.totp, req.ip);
        setSessionCookie(req, reply, token, opts.cookieSecure);
        return meOf(token, req.ip);
      },
    });

    r.post('/api/auth/logout', {
      schema: { tags },
      config: { policy: SIGNED_IN },
      handler: async (req, reply) => {
        if (req.session) await accounts.logout(req.session);
        clearSessionCookie(reply);
        return reply.status(204).send();
      },
    });

    r.get('/api/auth/me', {
      schema: { tags },
      config: { policy: SIGNED_IN },
      handler: async (req) => req.session!.me,
    });

    r.post('/api/auth/change-password', {
      schema: { tags, body: ZChangePasswordRequest },
      config: { policy: SIGNED_IN },
      handler: async (req, reply) => {
        await accounts.changePassword(req.session!, req.body.oldPassword, req.body.newPassword);
        return reply.status(204).send();
      },
    });

    r.post('/api/auth/consent', {
      schema: { tags, body: z.strictObject({ version: text().min(1).max(20) }) },
      config: { policy: roles('tourist') },
      handler: async (req) => {
        await accounts.giveConsent(req.session!, req.body.version);
        return { ...req.session!.me, consentVersion: req.body.version };
      },
    });
  };
}
