import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import { assignCase, commentOnCase, currentTaxonomy, getCase, listCases, markMitigationInEffect, openCase, publishTaxonomy, transitionCase } from './cases.service';
import {
  AssignInput,
  CaseDetailSchema,
  caseIdParam,
  CaseListQuery,
  CaseSummarySchema,
  CommentInput,
  MitigationInEffectInput,
  mitigationParam,
  NewCaseInput,
  TaxonomyInput,
  TaxonomySchema,
  TransitionInput,
} from './cases.types';

const tags = ['conflict cases'];
const detail = { 200: CaseDetailSchema, ...commonErrors };

export const casesRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const locale = (request: { headers: { 'accept-language'?: string } }) => negotiateLocale(request.headers['accept-language']);

    app.get('/taxonomy', { config: { access: 'authenticated' }, schema: { tags, summary: 'The case taxonomy in force (the built-in one until compliance publishes its own)', response: { 200: TaxonomySchema, ...commonErrors } } }, async () => currentTaxonomy(db));
    app.post('/taxonomy', { config: { access: 'cases.manage' }, schema: { tags, summary: 'Publish a new version of the case taxonomy; no code of the previous version may disappear', body: TaxonomyInput, response: { 201: TaxonomySchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await publishTaxonomy(db, request.ctx, request.body)),
    );
    app.post('', { config: { access: 'cases.report' }, schema: { tags, summary: 'Open a case: a staff report, a conflict-check hit, or (compliance) any other source', body: NewCaseInput, response: { 201: CaseDetailSchema, ...commonErrors } } }, async (request, reply) => {
      const id = await openCase(db, request.ctx, request.body, locale(request));
      return reply.status(201).send(await getCase(db, request.ctx, id, locale(request)));
    });
    app.get('', { config: { access: 'authenticated' }, schema: { tags, summary: 'Cases I reported or am responsible for, or all (cases.read_all)', querystring: CaseListQuery, response: { 200: paged(CaseSummarySchema), ...commonErrors } } }, async (request) =>
      listCases(db, request.ctx, request.query, locale(request)),
    );
    app.get('/:id', { config: { access: 'authenticated' }, schema: { tags, summary: 'One case with its subjects, mitigations, reviews, timeline and stage due date', params: caseIdParam, response: detail } }, async (request) =>
      getCase(db, request.ctx, request.params.id, locale(request)),
    );
    app.post('/:id/transition', { config: { access: 'authenticated' }, schema: { tags, summary: 'Move the case through its workflow (compliance, or the responsible person for the moves it may make)', params: caseIdParam, body: TransitionInput, response: detail } }, async (request) => {
      await transitionCase(db, request.ctx, request.params.id, request.body);
      return getCase(db, request.ctx, request.params.id, locale(request));
    });
    app.post('/:id/mitigations/:mitigationId/in-effect', { config: { access: 'authenticated' }, schema: { tags, summary: 'Report a decided mitigation in place', params: mitigationParam, body: MitigationInEffectInput, response: detail } }, async (request) => {
      await markMitigationInEffect(db, request.ctx, request.params.id, request.params.mitigationId, request.body);
      return getCase(db, request.ctx, request.params.id, locale(request));
    });
    app.post('/:id/comments', { config: { access: 'authenticated' }, schema: { tags, summary: 'Add a comment to the case timeline', params: caseIdParam, body: CommentInput, response: { 201: CaseDetailSchema, ...commonErrors } } }, async (request, reply) => {
      await commentOnCase(db, request.ctx, request.params.id, request.body.comment);
      return reply.status(201).send(await getCase(db, request.ctx, request.params.id, locale(request)));
    });
    app.post('/:id/assign', { config: { access: 'cases.manage' }, schema: { tags, summary: 'Name the responsible person', params: caseIdParam, body: AssignInput, response: detail } }, async (request) => {
      await assignCase(db, request.ctx, request.params.id, request.body);
      return getCase(db, request.ctx, request.params.id, locale(request));
    });
  };
