import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { AppError } from '../platform/errors.js';

/**
 * What a phone submission needs beyond its role, declared on the route instead of repeated in each handler:
 * `consent: true` — the account accepted the privacy notice (a tourist who has not is refused, 403);
 * `idempotent: 'optional' | 'required'` — the Idempotency-Key header, checked for shape and put on
 * `req.idempotencyKey` for the service (a replay answers the first answer, platform/idempotency.ts).
 * Both run after the body was validated (preHandler), in that order, as the handlers did before.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    consent?: boolean;
    idempotent?: 'optional' | 'required';
  }
  interface FastifyRequest {
    idempotencyKey: string | undefined;
  }
}

const KEY = /^[A-Za-z0-9_-]{8,100}$/;
const ZIdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

/** The key as the route accepts it; exported for the test and for routes that read it themselves. */
export function parseIdempotencyKey(req: FastifyRequest, required: boolean): string | undefined {
  const k = req.headers['idempotency-key'];
  if (k === undefined) {
    if (required) throw new AppError('idempotency_key_required', 400, 'Idempotency-Key');
    return undefined;
  }
  if (typeof k !== 'string' || !KEY.test(k)) throw new AppError('validation_failed', 400, 'Idempotency-Key');
  return k;
}

export function registerSubmissionConfig(app: FastifyInstance) {
  app.decorateRequest('idempotencyKey', undefined);
  app.addHook('onRoute', (route: RouteOptions) => {
    const { consent, idempotent } = route.config ?? {};
    if (!consent && !idempotent) return;
    // The header is part of the route's documented contract (OpenAPI) once the route says it takes one.
    if (idempotent && route.schema && !route.schema.headers) route.schema.headers = ZIdempotencyHeaders;
    const check = async (req: FastifyRequest) => {
      if (consent && !req.session?.me.consentVersion) throw new AppError('consent_required', 403);
      if (idempotent) req.idempotencyKey = parseIdempotencyKey(req, idempotent === 'required');
    };
    const existing = route.preHandler;
    route.preHandler = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
  });
}

/** The key of a route declared `idempotent: 'required'` (the hook refused the request without one). */
export function requiredIdempotencyKey(req: FastifyRequest): string {
  if (!req.idempotencyKey) throw new AppError('idempotency_key_required', 400, 'Idempotency-Key');
  return req.idempotencyKey;
}
