import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../platform/errors.js';
import { message, pickLang, type TLang } from '../platform/messages.js';

export function requestLang(req: FastifyRequest): TLang {
  const q = (req.query as Record<string, string> | undefined)?.lang;
  return pickLang(req.headers['accept-language'], q);
}

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  field?: string,
  params?: Record<string, string | number>,
) {
  let text = message(code, requestLang(req));
  if (params) text = text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  const body: { code: string; message: string; field?: string; params?: Record<string, string | number> } = {
    code,
    message: text,
  };
  if (field) body.field = field;
  if (params) body.params = params;
  return reply.status(status).send(body);
}

/** One error shape for every failure: `{ code, message, field? }`, message in the request's language. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err.status, err.code, err.field, err.params);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const path = first?.instancePath?.replace(/^\//, '').replaceAll('/', '.') || undefined;
      // An unknown property is named by the zod provider in params.keys (keyword unrecognized_keys), not the path.
      const params = first?.params as { keys?: string[]; issue?: { code?: string; keys?: string[] } } | undefined;
      const unknown = first?.keyword === 'unrecognized_keys' ? params?.keys : undefined;
      const issueKeys = params?.issue?.code === 'unrecognized_keys' ? params.issue.keys : undefined;
      const key = (unknown ?? issueKeys)?.[0];
      const field = key ? [path, key].filter(Boolean).join('.') : path;
      return sendError(req, reply, 400, 'validation_failed', field || undefined);
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return sendError(req, reply, 400, 'invalid_json');
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(req, reply, 415, 'validation_failed');
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413)
      return sendError(req, reply, 413, 'payload_too_large');
    if (err.statusCode === 429) return sendError(req, reply, 429, 'rate_limited');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return sendError(req, reply, err.statusCode, 'validation_failed');
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 500, 'internal_error');
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, 404, 'route_not_found'));
}
