import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../access/access';
import type { AppDeps } from '../http/deps';
import { commonErrors, uuidParam } from '../http/schemas';
import { changePassword, createApiToken, listApiTokens, login, logout, revokeApiToken } from './auth.service';
import { ApiTokenSchema, ChangePasswordBody, CreateApiTokenBody, LoginBody, SessionResponse } from './auth.types';
import { getUser, toMe } from './users.service';

export const authRoutes =
  ({ database: { db }, config }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/login',
      {
        config: { access: 'public', rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: LoginBody, response: { 200: SessionResponse, ...commonErrors } },
      },
      async (request, reply) => {
        const signedIn = await login(db, request.ctx, config, { ...request.body, userAgent: request.headers['user-agent'] });
        reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.session.secureCookie,
          path: '/',
        });
        return { user: toMe(signedIn.user), csrfToken: signedIn.csrfToken };
      },
    );

    app.post(
      '/logout',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'Sign out of this session', response: { 204: z.null(), ...commonErrors } } },
      async (request, reply) => {
        await logout(db, request.ctx);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'The signed-in user, with a CSRF token for writes', response: { 200: SessionResponse, ...commonErrors } } },
      async (request) => ({ user: toMe(await getUser(db, request.ctx.principal!.userId)), csrfToken: request.csrfToken ?? '' }),
    );

    app.post(
      '/password',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: 'Change my password (other sessions end)', body: ChangePasswordBody, response: { 204: z.null(), ...commonErrors } },
      },
      async (request, reply) => {
        await changePassword(db, request.ctx, request.body.currentPassword, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/tokens',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'My personal API tokens', response: { 200: z.object({ items: z.array(ApiTokenSchema) }), ...commonErrors } } },
      async (request) => ({ items: await listApiTokens(db, request.ctx.principal!.userId) }),
    );

    app.post(
      '/tokens',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Create a personal API token; the secret is shown only in this answer',
          body: CreateApiTokenBody,
          response: { 201: z.object({ token: ApiTokenSchema, secret: z.string() }), ...commonErrors },
        },
      },
      async (request, reply) => reply.status(201).send(await createApiToken(db, request.ctx, request.body)),
    );

    app.post(
      '/tokens/:id/revoke',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: uuidParam, response: { 204: z.null(), ...commonErrors } } },
      async (request, reply) => {
        await revokeApiToken(db, request.ctx, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
