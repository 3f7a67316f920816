import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TAccountsService, TSessionInfo } from '../modules/accounts/index.js';
import { anonymousActor, type TActor } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';

export const SESSION_COOKIE = 'zl_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: TActor;
    session: TSessionInfo | null;
  }
}

/**
 * Reads the session cookie on every request and puts the actor on the request. Mutating requests that ride
 * on a session must carry its CSRF token (double submit through a header the browser will not send cross-site).
 */
export function registerAuth(app: FastifyInstance, accounts: TAccountsService) {
  app.decorateRequest('actor', null as unknown as TActor);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    req.actor = anonymousActor(req.ip);
    req.session = null;
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await accounts.resolveSession(token, req.ip);
    if (!session) return;
    req.session = session;
    req.actor = session.actor;
    const safe = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
    if (!safe && req.headers['x-csrf-token'] !== session.csrfToken) throw new AppError('csrf_failed', 403);
  });
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, secure: boolean | 'auto') {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secure === 'auto' ? req.protocol === 'https' : secure,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
