import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged, uuidParam } from '../../platform/http/schemas';
import { acceptDeclaration, getDeclaration, listDeclarations, rejectDeclaration, submitDeclaration, withdrawDeclaration } from './declarations.service';
import { DeclarationInput, DeclarationListQuery, DeclarationSchema, RejectBody, ReviewBody } from './declarations.types';

const tags = ['registry: declarations'];
const mine = { access: 'authenticated' as const };
const review = { access: 'declarations.review' as const };

export const declarationsRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('', { config: mine, schema: { tags, summary: 'My declarations, or (scope=review) everyone’s for reviewers', querystring: DeclarationListQuery, response: { 200: paged(DeclarationSchema), ...commonErrors } } }, async (request) => ({
      ...(await listDeclarations(db, request.ctx, request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }));
    app.post('', { config: mine, schema: { tags, summary: 'Declare my relatives and outside interests', body: DeclarationInput, response: { 201: DeclarationSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await submitDeclaration(db, request.ctx, request.body)),
    );
    app.get('/:id', { config: mine, schema: { tags, summary: 'One declaration (its author or a reviewer)', params: uuidParam, response: { 200: DeclarationSchema, ...commonErrors } } }, async (request) =>
      getDeclaration(db, request.ctx, request.params.id),
    );
    app.post('/:id/withdraw', { config: mine, schema: { tags, summary: 'Withdraw my declaration before review', params: uuidParam, response: { 200: DeclarationSchema, ...commonErrors } } }, async (request) =>
      withdrawDeclaration(db, request.ctx, request.params.id),
    );
    app.post('/:id/accept', { config: review, schema: { tags, summary: 'Accept: the items become relationships in the registry', params: uuidParam, body: ReviewBody, response: { 200: DeclarationSchema, ...commonErrors } } }, async (request) =>
      acceptDeclaration(db, request.ctx, request.params.id, request.body.comment),
    );
    app.post('/:id/reject', { config: review, schema: { tags, summary: 'Reject with a reason', params: uuidParam, body: RejectBody, response: { 200: DeclarationSchema, ...commonErrors } } }, async (request) =>
      rejectDeclaration(db, request.ctx, request.params.id, request.body.comment),
    );
  };
