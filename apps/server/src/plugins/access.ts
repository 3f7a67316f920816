import type { TRole } from '@zhilv/contracts';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { AppError } from '../platform/errors.js';

/**
 * Every route under /api declares who may call it. `public` needs no session; `signedIn` any account;
 * `roles` the listed roles. Object-level checks (whose order is it?) live in each module's policy file.
 */
export type TPolicy = { public: true } | { signedIn: true } | { roles: readonly TRole[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: TPolicy;
  }
}

export const PUBLIC: TPolicy = { public: true };
export const SIGNED_IN: TPolicy = { signedIn: true };
export const roles = (...r: TRole[]): TPolicy => ({ roles: r });

export const STAFF_ROLES: TRole[] = [
  'dispatcher',
  'department_staff',
  'department_head',
  'leader',
  'grid_worker',
  'system_admin',
  'security_admin',
  'audit_admin',
  'business',
  'volunteer',
];

/** Routes collected as they are declared, for the authorization-matrix and input-fuzz tests. */
export const declaredRoutes: {
  method: string;
  url: string;
  policy: TPolicy | undefined;
  schema?: RouteOptions['schema'];
}[] = [];

export function registerAccessControl(app: FastifyInstance) {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD')) return;
    const policy = route.config?.policy;
    for (const m of methods)
      if (m !== 'HEAD') declaredRoutes.push({ method: m, url: route.url, policy, schema: route.schema });
    // Deny by default: a route without a declared policy refuses everyone.
    const check = async (req: import('fastify').FastifyRequest) => {
      if (!policy) throw new AppError('forbidden', 403);
      if ('public' in policy) return;
      if (!req.actor.id) throw new AppError('unauthenticated', 401);
      if ('roles' in policy && !policy.roles.includes(req.actor.role as TRole)) throw new AppError('forbidden', 403);
      if (req.session?.mustChangePassword && !req.url.startsWith('/api/auth/'))
        throw new AppError('password_change_required', 403);
    };
    // onRequest: refuse before the body is parsed or validated (an anonymous caller learns nothing from 400s).
    const existing = route.onRequest;
    route.onRequest = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
  });
}
