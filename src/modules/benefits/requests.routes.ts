import { sendEvidence } from '../../platform/files/evidence-store';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, errorResponse, paged } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import { addAttachment, openAttachment, removeAttachment } from './attachments.service';
import { closeRequest, recordPayment, reversePayment } from './payments.service';
import { presentPrecheck, getRequest, listRequests } from './requests.read';
import { createRequest, decideStep, editRequest, endRequest, precheckDraft, reassignStep, submitRequest } from './requests.service';
import {
  AttachmentQuery,
  AttachmentSchema,
  attachmentParam,
  BenefitDraftInput,
  BenefitEditInput,
  BenefitRequestDetailSchema,
  BenefitRequestSchema,
  CommentInput,
  DecisionInput,
  entryParam,
  PaymentInput,
  PrecheckInput,
  PrecheckSchema,
  ReasonInput,
  ReassignInput,
  RequestListQuery,
  requestIdParam,
  stepParam,
  SubmitInput,
  VersionInput,
} from './requests.types';

const tags = ['benefits: requests'];
const errors = { ...commonErrors, 413: errorResponse, 415: errorResponse, 422: errorResponse };
const detail = { 200: BenefitRequestDetailSchema, ...errors };
// The largest body the upload route reads; the configured attachment limit (smaller) is checked by the service.
const UPLOAD_CEILING_BYTES = 100 * 1024 * 1024;

export const benefitRequestsRoutes =
  ({ database: { db }, config }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const locale = (request: { headers: { 'accept-language'?: string } }) => negotiateLocale(request.headers['accept-language']);
    const read = (request: Parameters<typeof locale>[0] & { ctx: Parameters<typeof getRequest>[1] }, id: string) => getRequest(db, request.ctx, id, locale(request));

    app.post('/precheck', { config: { access: 'benefits.request' }, schema: { tags, summary: 'Run the pre-checks and compute the approval chain for a request as typed; nothing is saved', body: PrecheckInput, response: { 200: PrecheckSchema, ...errors } } }, async (request) => {
      const evaluation = await precheckDraft(db, request.ctx, request.body);
      return presentPrecheck(evaluation.precheck, { cumulative: evaluation.cumulative, policyVersion: evaluation.policy.version, chain: evaluation.chain }, evaluation.directory.names, locale(request));
    });
    app.post('', { config: { access: 'benefits.request' }, schema: { tags, summary: 'Draft a benefit request (given) or a declaration of a benefit received', body: BenefitDraftInput, response: { 201: BenefitRequestDetailSchema, ...errors } } }, async (request, reply) => {
      const id = await createRequest(db, request.ctx, request.body);
      return reply.status(201).send(await read(request, id));
    });
    app.get('', { config: { access: 'authenticated' }, schema: { tags, summary: 'Requests: mine, my approval inbox, those I decided, or all (benefits.read_all)', querystring: RequestListQuery, response: { 200: paged(BenefitRequestSchema), ...errors } } }, async (request) =>
      listRequests(db, request.ctx, request.query, locale(request)),
    );
    app.get('/:id', { config: { access: 'authenticated' }, schema: { tags, summary: 'One request with its chain, history, evidence and ledger entries', params: requestIdParam, response: detail } }, async (request) => read(request, request.params.id));
    app.patch('/:id', { config: { access: 'benefits.request' }, schema: { tags, summary: 'Edit a draft or returned request; a material change to an approved one sends it back for approval', params: requestIdParam, body: BenefitEditInput, response: detail } }, async (request) => {
      await editRequest(db, request.ctx, request.params.id, request.body);
      return read(request, request.params.id);
    });
    app.post('/:id/submit', { config: { access: 'benefits.request' }, schema: { tags, summary: 'Submit (or resubmit): pre-checks, then registration or the approval chain', params: requestIdParam, body: SubmitInput, response: detail } }, async (request) => {
      await submitRequest(db, request.ctx, request.params.id, request.body);
      return read(request, request.params.id);
    });
    app.post('/:id/decision', { config: { access: 'benefits.approve' }, schema: { tags, summary: 'Approve, reject or return the pending step (its approvers only)', params: requestIdParam, body: DecisionInput, response: detail } }, async (request) => {
      await decideStep(db, request.ctx, request.params.id, request.body);
      return read(request, request.params.id);
    });
    app.post('/:id/withdraw', { config: { access: 'benefits.request' }, schema: { tags, summary: 'The requester withdraws the request before approval', params: requestIdParam, body: CommentInput, response: detail } }, async (request) => {
      await endRequest(db, request.ctx, request.params.id, request.body, 'withdraw');
      return read(request, request.params.id);
    });
    app.post('/:id/cancel', { config: { access: 'benefits.administer' }, schema: { tags, summary: 'Cancel a request before payment, with a reason', params: requestIdParam, body: ReasonInput, response: detail } }, async (request) => {
      await endRequest(db, request.ctx, request.params.id, request.body, 'cancel');
      return read(request, request.params.id);
    });
    app.post('/:id/steps/:stepId/reassign', { config: { access: 'benefits.administer' }, schema: { tags, summary: 'Hand a stuck approval step to other eligible approvers', params: stepParam, body: ReassignInput, response: detail } }, async (request) => {
      await reassignStep(db, request.ctx, request.params.id, request.params.stepId, request.body);
      return read(request, request.params.id);
    });
    app.post('/:id/payments', { config: { access: 'benefits.pay' }, schema: { tags, summary: 'Record a payment (partial allowed, never above the approved amount)', params: requestIdParam, body: PaymentInput, response: detail } }, async (request) => {
      await recordPayment(db, request.ctx, request.params.id, request.body);
      return read(request, request.params.id);
    });
    app.post('/:id/payments/:entryId/reverse', { config: { access: 'benefits.pay' }, schema: { tags, summary: 'Reverse a payment with a negative ledger entry', params: entryParam, body: ReasonInput, response: detail } }, async (request) => {
      await reversePayment(db, request.ctx, request.params.id, request.params.entryId, { version: request.body.version, comment: request.body.comment });
      return read(request, request.params.id);
    });
    app.post('/:id/close', { config: { access: 'benefits.pay' }, schema: { tags, summary: 'Close a paid request, or an approved one needing no payment', params: requestIdParam, body: CommentInput, response: detail } }, async (request) => {
      await closeRequest(db, request.ctx, request.params.id, request.body);
      return read(request, request.params.id);
    });
    app.get('/:id/attachments/:attachmentId', { config: { access: 'authenticated' }, schema: { tags, summary: 'Download an evidence file', params: attachmentParam } }, async (request, reply) => {
      const { attachment, stream } = await openAttachment(db, config.attachmentsDir, request.ctx, request.params.id, request.params.attachmentId);
      return sendEvidence(reply, attachment, stream);
    });
    app.post('/:id/attachments/:attachmentId/remove', { config: { access: 'benefits.request' }, schema: { tags, summary: 'Take an attachment off a draft or returned request', params: attachmentParam, body: VersionInput, response: detail } }, async (request) => {
      await removeAttachment(db, request.ctx, request.params.id, request.params.attachmentId, request.body.version);
      return read(request, request.params.id);
    });

    // Uploads send the file itself as the body, so the browser can report progress and nothing is re-encoded.
    await app.register(async (scope) => {
      const uploads = scope.withTypeProvider<ZodTypeProvider>();
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_CEILING_BYTES }, (_request, body, done) => done(null, body));
      uploads.put('/:id/attachments', { config: { access: 'benefits.request' }, schema: { tags, summary: 'Attach an evidence file (raw body; kind and name in the query)', params: requestIdParam, querystring: AttachmentQuery, response: { 201: AttachmentSchema, ...errors } } }, async (request, reply) => {
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const attachment = await addAttachment(db, config.attachmentsDir, request.ctx, request.params.id, { kind: request.query.kind, name: request.query.name, content });
        return reply.status(201).send({ ...attachment, uploadedBy: request.ctx.principal ? { id: request.ctx.principal.userId, displayName: request.ctx.principal.username } : null });
      });
    });
  };
