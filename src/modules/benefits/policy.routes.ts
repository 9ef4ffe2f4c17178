import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, uuidParam } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import {
  createBlackout,
  createDelegation,
  getBenefitSettings,
  getCurrentMatrix,
  getMatrixVersion,
  getPolicyVersion,
  liftBlackout,
  listBlackouts,
  listDelegations,
  listMatrixVersions,
  policyOverview,
  previewChain,
  publishMatrix,
  publishPolicyVersion,
  revokeDelegation,
  updateBenefitSettings,
} from './policy.service';
import {
  BenefitSettingsSchema,
  BlackoutInput,
  BlackoutListQuery,
  BlackoutSchema,
  DelegationInput,
  DelegationListQuery,
  DelegationSchema,
  MatrixInput,
  MatrixPreviewInput,
  MatrixPreviewSchema,
  MatrixVersionSchema,
  MatrixVersionSummarySchema,
  PolicyOverviewSchema,
  PolicyVersionInput,
  PolicyVersionSchema,
  VersionParam,
} from './policy.types';

const policyTags = ['benefits: policy'];
const configTags = ['benefits: configuration'];
const authenticated = { access: 'authenticated' as const };
const configure = { access: 'benefits.configure' as const };
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const benefitPolicyRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/policy', { config: authenticated, schema: { tags: policyTags, summary: 'The benefit policy in force today, and every version', response: { 200: PolicyOverviewSchema, ...commonErrors } } }, async () =>
      policyOverview(db),
    );
    app.get('/policy/versions/:version', { config: authenticated, schema: { tags: policyTags, summary: 'One benefit policy version', params: VersionParam, response: { 200: PolicyVersionSchema, ...commonErrors } } }, async (request) =>
      getPolicyVersion(db, request.params.version),
    );
    app.post('/policy/versions', { config: configure, schema: { tags: policyTags, summary: 'Publish a new policy version from a date (today or later); earlier versions are kept', body: PolicyVersionInput, response: { 201: PolicyVersionSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await publishPolicyVersion(db, request.ctx, request.body)),
    );

    app.get('/matrix', { config: authenticated, schema: { tags: policyTags, summary: 'The authority matrix in force (the latest version)', response: { 200: MatrixVersionSchema, ...commonErrors } } }, async () => getCurrentMatrix(db));
    app.get('/matrix/versions', { config: authenticated, schema: { tags: policyTags, summary: 'Every authority matrix version, newest first (benefits.configure or audit.read)', response: { 200: items(MatrixVersionSummarySchema), ...commonErrors } } }, async (request) => ({
      items: await listMatrixVersions(db, request.ctx),
    }));
    app.get('/matrix/versions/:version', { config: authenticated, schema: { tags: policyTags, summary: 'One authority matrix version (benefits.configure or audit.read)', params: VersionParam, response: { 200: MatrixVersionSchema, ...commonErrors } } }, async (request) =>
      getMatrixVersion(db, request.ctx, request.params.version),
    );
    app.post('/matrix', { config: configure, schema: { tags: policyTags, summary: 'Publish a new authority matrix; refused with every problem named when invalid', body: MatrixInput, response: { 201: MatrixVersionSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await publishMatrix(db, request.ctx, request.body)),
    );
    app.post('/matrix/preview', { config: { access: 'benefits.request' }, schema: { tags: policyTags, summary: 'The approval chain the current matrix would give such a request of yours, at medium risk; nothing is saved', body: MatrixPreviewInput, response: { 200: MatrixPreviewSchema, ...commonErrors } } }, async (request) =>
      previewChain(db, request.ctx, request.body, negotiateLocale(request.headers['accept-language'])),
    );

    app.get('/delegations', { config: authenticated, schema: { tags: configTags, summary: 'Delegations given or received by me, or (scope=all, benefits.administer) everyone’s', querystring: DelegationListQuery, response: { 200: items(DelegationSchema), ...commonErrors } } }, async (request) => ({
      items: await listDelegations(db, request.ctx, request.query),
    }));
    app.post('/delegations', { config: authenticated, schema: { tags: configTags, summary: 'Name a deputy for a period: my own (benefits.approve) or anyone’s (benefits.administer)', body: DelegationInput, response: { 201: DelegationSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await createDelegation(db, request.ctx, request.body)),
    );
    app.post('/delegations/:id/revoke', { config: authenticated, schema: { tags: configTags, summary: 'Revoke a delegation: mine, or anyone’s with benefits.administer', params: uuidParam, response: { 200: DelegationSchema, ...commonErrors } } }, async (request) =>
      revokeDelegation(db, request.ctx, request.params.id),
    );

    app.get('/blackouts', { config: authenticated, schema: { tags: configTags, summary: 'Blackout windows (tenders, audits) in which a client may receive no benefits', querystring: BlackoutListQuery, response: { 200: items(BlackoutSchema), ...commonErrors } } }, async (request) => ({
      items: await listBlackouts(db, request.ctx, request.query),
    }));
    app.post('/blackouts', { config: configure, schema: { tags: configTags, summary: 'Add a blackout window for a client', body: BlackoutInput, response: { 201: BlackoutSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await createBlackout(db, request.ctx, request.body)),
    );
    app.post('/blackouts/:id/lift', { config: configure, schema: { tags: configTags, summary: 'Lift a blackout window; it is kept, marked lifted', params: uuidParam, response: { 200: BlackoutSchema, ...commonErrors } } }, async (request) =>
      liftBlackout(db, request.ctx, request.params.id),
    );

    app.get('/settings', { config: authenticated, schema: { tags: configTags, summary: 'Reminder interval and attachment size limit', response: { 200: BenefitSettingsSchema, ...commonErrors } } }, async () => getBenefitSettings(db));
    app.put('/settings', { config: configure, schema: { tags: configTags, summary: 'Change the reminder interval and attachment size limit', body: BenefitSettingsSchema, response: { 200: BenefitSettingsSchema, ...commonErrors } } }, async (request) =>
      updateBenefitSettings(db, request.ctx, request.body),
    );
  };
