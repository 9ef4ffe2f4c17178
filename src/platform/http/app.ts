import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installAccessControl } from '../access/access';
import { auditRoutes } from '../audit/audit.routes';
import { authRoutes } from '../auth/auth.routes';
import { usersRoutes } from '../auth/users.routes';
import { benefitPolicyRoutes } from '../../modules/benefits/policy.routes';
import { benefitLedgerRoutes } from '../../modules/benefits/ledger.routes';
import { benefitRequestsRoutes } from '../../modules/benefits/requests.routes';
import { accountabilityRoutes } from '../../modules/cases/accountability.routes';
import { casesRoutes } from '../../modules/cases/cases.routes';
import { disclosuresRoutes } from '../../modules/cases/disclosures.routes';
import { recusalRoutes } from '../../modules/recusal/recusal.routes';
import { conflictsRoutes } from '../../modules/conflicts/conflicts.routes';
import { notificationsRoutes } from '../../modules/notifications/notifications.routes';
import { alertsRoutes, monitoringRulesRoutes, riskRoutes } from '../../modules/monitoring/monitoring.routes';
import { clientsRoutes } from '../../modules/registry/clients.routes';
import { declarationsRoutes } from '../../modules/registry/declarations.routes';
import { exportRoutes } from '../../modules/registry/export/export.routes';
import { ftmRoutes } from '../../modules/registry/ftm/ftm.routes';
import { importRoutes } from '../../modules/registry/import/import.routes';
import { partiesRoutes } from '../../modules/registry/parties.routes';
import { relationshipsRoutes } from '../../modules/registry/relationships.routes';
import { installModules } from '../../modules';
import type { AppDeps } from './deps';
import { installErrorHandling } from './error-handler';
import { healthRoutes } from './health.routes';
import { serveWebApp } from './web';

export interface BuildOptions {
  logger: FastifyBaseLogger | false;
  /** Directory of the built web app; omitted, only the API is served. */
  webDist?: string;
  /** Behind a reverse proxy, trust its X-Forwarded-For for client addresses. */
  trustProxy?: boolean;
}

export async function buildApp(deps: AppDeps, options: BuildOptions): Promise<FastifyInstance> {
  installModules();
  const app = Fastify({
    loggerInstance: options.logger || undefined,
    logger: options.logger ? undefined : false,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 5 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  // One log line a request, without headers, cookies or bodies.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime), user: request.ctx?.principal?.username },
      'request',
    );
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Probity API', description: 'Conflicts of interest and client benefits. 利益冲突与客户好处费管理。', version: deps.version },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'probity_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (prb_…)' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  installAccessControl(app, deps.database.db, deps.config);

  await app.register(
    async (api) => {
      await api.register(healthRoutes(deps));
      await api.register(authRoutes(deps), { prefix: '/auth' });
      await api.register(usersRoutes(deps));
      await api.register(auditRoutes(deps), { prefix: '/audit' });
      await api.register(partiesRoutes(deps), { prefix: '/registry/parties' });
      await api.register(clientsRoutes(deps), { prefix: '/registry/clients' });
      await api.register(relationshipsRoutes(deps), { prefix: '/registry/relationships' });
      await api.register(declarationsRoutes(deps), { prefix: '/registry/declarations' });
      await api.register(ftmRoutes(deps), { prefix: '/registry/ftm' });
      await api.register(exportRoutes(deps), { prefix: '/registry/export' });
      await api.register(importRoutes(deps), { prefix: '/registry/imports' });
      await api.register(conflictsRoutes(deps), { prefix: '/conflict-checks' });
      await api.register(casesRoutes(deps), { prefix: '/cases' });
      await api.register(disclosuresRoutes(deps), { prefix: '/disclosures' });
      await api.register(accountabilityRoutes(deps), { prefix: '/violations' });
      await api.register(recusalRoutes(deps), { prefix: '/recusals' });
      await api.register(benefitLedgerRoutes(deps), { prefix: '/benefits/ledger' });
      await api.register(benefitRequestsRoutes(deps), { prefix: '/benefits/requests' });
      await api.register(benefitPolicyRoutes(deps), { prefix: '/benefits' });
      await api.register(notificationsRoutes(deps), { prefix: '/notifications' });
      await api.register(alertsRoutes(deps), { prefix: '/alerts' });
      await api.register(monitoringRulesRoutes(deps), { prefix: '/monitoring/rules' });
      await api.register(riskRoutes(deps), { prefix: '/risk' });
    },
    { prefix: '/api' },
  );
  if (options.webDist) await serveWebApp(app, options.webDist);
  return app;
}
