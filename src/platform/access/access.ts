import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '../../core/access';
import { resolveApiToken, resolveSession, type AuthSettings } from '../auth/auth.service';
import { safeEqual } from '../auth/tokens';
import type { RequestContext } from '../context';
import type { Db } from '../db/database';
import { Forbidden, Unauthenticated } from '../errors';
import { loadClientScope, recordRefusals } from './client-scope';

/** What a route demands of its caller. Every /api route must say, or the server refuses to start. */
export type Access = 'public' | 'authenticated' | Permission;

export const SESSION_COOKIE = 'probity_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every API route with what it demands, for the OpenAPI review and the access tests. */
    routeAccess: { method: string; url: string; access: Access }[];
  }
  interface FastifyRequest {
    ctx: RequestContext;
    /** The session's CSRF token, for handing back to the browser. */
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value.trim() : null;
}

/**
 * The one gate: identifies the caller (session cookie or bearer token), checks CSRF for
 * cookie-authenticated writes, then the route's declared permission.
 */
export function installAccessControl(app: FastifyInstance, db: Db, settings: AuthSettings) {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('csrfToken', null);

  const routeAccess: FastifyInstance['routeAccess'] = [];
  app.decorate('routeAccess', routeAccess);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare its access (config.access)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeAccess.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    request.ctx = { principal: null, requestId: request.id, ip: request.ip };
    const access = request.routeOptions.config?.access;
    // Static files, API docs and public routes (health, sign-in) need nobody identified.
    if (!access || access === 'public') return;
    const bearer = bearerOf(request);
    if (bearer) {
      request.ctx.principal = await resolveApiToken(db, bearer);
      if (!request.ctx.principal) throw Unauthenticated();
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await resolveSession(db, settings, cookie) : null;
      if (session) {
        request.ctx.principal = session.principal;
        request.csrfToken = session.csrfToken;
        const sent = request.headers[CSRF_HEADER];
        if (!SAFE_METHODS.has(request.method) && (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken))) {
          throw Forbidden('CSRF_TOKEN_INVALID');
        }
      }
    }
    const principal = request.ctx.principal;
    if (!principal) throw Unauthenticated();
    if (access !== 'authenticated' && !principal.permissions.includes(access)) throw Forbidden('FORBIDDEN', { permission: access });
    request.ctx.clientScope = await loadClientScope(db, principal.userId);
  });

  // Attempts refused by a recusal or barrier are logged whatever the response, after the request's own transaction.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.ctx?.clientScope?.refused.length) await recordRefusals(db, request.ctx, { method: request.method, route: request.routeOptions.url ?? request.url });
    return payload;
  });
}
