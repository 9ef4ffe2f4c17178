import { sendEvidence } from '../../platform/files/evidence-store';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, errorResponse, paged } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import { addCaseAttachment, CASE_ATTACHMENT_MAX_MB, listCaseAttachments, openCaseAttachment } from './case-attachments';
import { assignCase, commentOnCase, currentTaxonomy, getCase, listCases, markMitigationInEffect, openCase, publishTaxonomy, reviewCase, transitionCase } from './cases.service';
import {
  AssignInput,
  attachmentParam,
  CaseAttachmentQuery,
  CaseAttachmentSchema,
  CaseReviewInput,
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
// The upload route reads a little past the limit, so an oversized file gets the service's 413 with the limit in it.
const UPLOAD_CEILING_BYTES = (CASE_ATTACHMENT_MAX_MB + 1) * 1024 * 1024;

export const casesRoutes =
  ({ database: { db }, config }: AppDeps): FastifyPluginAsyncZod =>
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
    app.post('/:id/reviews', { config: { access: 'cases.manage' }, schema: { tags, summary: 'Review a case under monitoring or tracking: the mitigations hold (next review date set) or failed (the case goes back to investigation)', params: caseIdParam, body: CaseReviewInput, response: detail } }, async (request) => {
      await reviewCase(db, request.ctx, request.params.id, request.body);
      return getCase(db, request.ctx, request.params.id, locale(request));
    });
    app.get('/:id/attachments', { config: { access: 'authenticated' }, schema: { tags, summary: 'Evidence files of a case', params: caseIdParam, response: { 200: z.object({ items: z.array(CaseAttachmentSchema) }), ...commonErrors } } }, async (request) =>
      listCaseAttachments(db, request.ctx, request.params.id),
    );
    app.get('/:id/attachments/:attachmentId', { config: { access: 'authenticated' }, schema: { tags, summary: 'Download an evidence file of a case', params: attachmentParam } }, async (request, reply) => {
      const { attachment, stream } = await openCaseAttachment(db, config.attachmentsDir, request.ctx, request.params.id, request.params.attachmentId);
      return sendEvidence(reply, attachment, stream);
    });

    // Uploads send the file itself as the body, so the browser can report progress and nothing is re-encoded.
    await app.register(async (scope) => {
      const uploads = scope.withTypeProvider<ZodTypeProvider>();
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_CEILING_BYTES }, (_request, body, done) => done(null, body));
      uploads.put('/:id/attachments', { config: { access: 'cases.report' }, schema: { tags, summary: 'File evidence on a case (raw body; file name in the query)', params: caseIdParam, querystring: CaseAttachmentQuery, response: { 201: CaseAttachmentSchema, ...commonErrors, 413: errorResponse, 415: errorResponse } } }, async (request, reply) => {
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return reply.status(201).send(await addCaseAttachment(db, config.attachmentsDir, request.ctx, request.params.id, { name: request.query.name, content }));
      });
    });
  };
