import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { TConfig } from './config.js';
import type { TDatabase } from './db/client.js';
import {
  accountsRoutes,
  createAccountsService,
  createActivationService,
  createUsersService,
  sessionCache,
  usersRoutes,
} from './modules/accounts/index.js';
import { registerModules } from './modules/index.js';
import { systemClock, type TClock } from './platform/clock.js';
import { createCommandRunner } from './platform/commands/index.js';
import { createEventHub, type TEventHub } from './platform/events.js';
import { createOutboxMailProvider, createSmtpMailProvider, type TMailProvider } from './platform/mail.js';
import { serializeReply } from './platform/read-cache.js';
import { createHttpSmsProvider, createOutboxSmsProvider, type TSmsProvider } from './platform/sms.js';
import { registerAccessControl } from './plugins/access.js';
import { registerAuth } from './plugins/auth.js';
import { registerCompression } from './plugins/compression.js';
import { registerErrorHandling, sendError } from './plugins/errors.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerSubmissionConfig } from './plugins/submissions.js';

export type TAppOptions = {
  config: TConfig;
  database: TDatabase;
  clock?: TClock;
  /** off in tests that hammer one endpoint on purpose */
  rateLimit?: boolean;
  logger?: boolean;
  /** where logs go (tests read them to prove no personal data is logged); stdout by default */
  logStream?: NodeJS.WritableStream;
  /** the built web app (apps/web/dist by default; tests point it at a folder of their own) */
  webDist?: string;
};

declare module 'fastify' {
  interface FastifyInstance {
    database: TDatabase;
    events: TEventHub;
  }
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the whole application; never listens (tests build it and use inject). */
export async function buildApp(opts: TAppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // Personal data never reaches the logs: no bodies are logged, and these headers are redacted.
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    bodyLimit: 1_048_576,
    // Forwarded headers only from the proxies TRUST_PROXY names; from anyone else they are ignored.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    // SSE streams would otherwise hold a graceful close open forever.
    forceCloseConnections: true,
    // Errors Fastify raises before any route (a malformed escape in the path) answer in the one error shape too.
    frameworkErrors: (_err, req, reply) => sendError(req, reply, 400, 'validation_failed'),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Fastify types a reply serializer as answering a string; it sends a Buffer as well (see serializeReply).
  app.setReplySerializer(serializeReply as (payload: unknown) => string);
  app.decorate('database', database);
  const events = createEventHub();
  app.decorate('events', events);
  app.addHook('onClose', async () => events.close());

  registerErrorHandling(app);
  registerSecurityHeaders(app);
  // Before any route: @fastify/compress attaches itself to each route as it is declared.
  await registerCompression(app);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(fastifyRateLimit, {
    global: false,
    enableDraftSpec: false,
    // Tests and benchmarks that hammer one endpoint on purpose switch the limits off; production never does.
    allowList: () => opts.rateLimit === false,
    errorResponseBuilder: () => ({ statusCode: 429, code: 'rate_limited', message: 'rate limited' }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Zhilv 智旅 API',
        description: '旅游服务与监管平台 Tourism service and supervision platform',
        version: '1.0.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zl_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { policy: { public: true } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const sms: TSmsProvider =
    config.smsProvider === 'http' && config.smsHttp
      ? createHttpSmsProvider(config.smsHttp)
      : createOutboxSmsProvider({ demo: config.demo });
  const mail: TMailProvider =
    config.mailProvider === 'smtp' && config.smtp
      ? createSmtpMailProvider(config.smtp)
      : createOutboxMailProvider({ demo: config.demo });
  const accounts = createAccountsService({
    db: database.db,
    clock,
    sms,
    mail,
    events,
    demo: config.demo,
    sessionIdleMs: config.sessionIdleMs,
    sessionAbsoluteMs: config.sessionAbsoluteMs,
  });
  // Cached sessions are dropped when any instance (or SQL by hand) ends a session or changes its user.
  const unlisten = await database.listen(
    'zl_auth',
    (payload) => sessionCache.onChange(payload),
    () => sessionCache.clear(),
  );
  app.addHook('onClose', async () => unlisten());
  registerAccessControl(app);
  registerSubmissionConfig(app);
  registerAuth(app, accounts);
  await app.register(
    accountsRoutes(accounts, createActivationService({ db: database.db, clock, accounts }), {
      cookieSecure: config.cookieSecure === 'auto' ? 'auto' : config.cookieSecure === 'true',
      demo: config.demo,
    }),
  );
  await app.register(usersRoutes(createUsersService(database.db, clock)));
  const commands = createCommandRunner({ db: database.db, clock, events });
  await registerModules(app, { config, database, clock, events, sms, commands });

  // The web app: built files, and index.html for every client-side route. The plugin only lends sendFile (serve:
  // false): its own routes would send every file with max-age=0, the content-hashed assets included.
  const webDist = path.resolve(opts.webDist ?? WEB_DIST);
  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    // preCompressed: an asset's .br or .gz made at build (apps/web/scripts/precompress.mjs) when the browser takes it.
    await app.register(fastifyStatic, { root: webDist, serve: false, preCompressed: true });
    const indexHtml = fs.readFileSync(path.join(webDist, 'index.html'));
    app.get('/*', { config: { policy: { public: true } }, schema: { hide: true } }, async (req, reply) => {
      const rel = decodeURIComponent(req.url.split('?')[0]).replace(/^\/+/, '');
      const file = path.join(webDist, rel);
      const found = file.startsWith(webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
      // Built assets carry their content hash in the name: a phone keeps them for a year.
      // The answer depends on accept-encoding (a precompressed copy or the plain file): caches must keep both.
      if (found) reply.header('vary', 'accept-encoding');
      if (found && rel.startsWith('assets/'))
        return reply.sendFile(rel, { maxAge: 365 * 24 * 3_600_000, immutable: true });
      if (found) return reply.sendFile(rel);
      // An unknown API path, or an asset that is not there (a page cached from an older build), is the not-found
      // handler's — never the web page, which a script tag would take for JavaScript.
      if (req.url.startsWith('/api/') || rel.startsWith('assets/')) return reply.callNotFound();
      return reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml);
    });
  }
  return app;
}
