import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '../db/database';
import { DomainError } from '../errors';
import type { AppDeps } from './deps';
import { errorResponse } from './schemas';

export const healthRoutes =
  ({ database, version }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['platform'],
          summary: 'Liveness and database reachability',
          response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() }), 503: errorResponse },
        },
      },
      async () => {
        await ping(database.db).catch(() => {
          throw new DomainError(503, 'SERVICE_UNAVAILABLE');
        });
        return { status: 'ok' as const, db: database.kind, version };
      },
    );
  };
