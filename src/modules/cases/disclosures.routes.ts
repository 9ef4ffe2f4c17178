import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged } from '../../platform/http/schemas';
import { createDisclosure, decideDisclosure, getDisclosure, listDisclosures, returnForReview } from './disclosures.service';
import { DecideDisclosureInput, DisclosureDetailSchema, disclosureIdParam, DisclosureListQuery, DisclosureSchema, NewDisclosureInput, ReviewDisclosureInput } from './disclosures.types';

const tags = ['staff disclosures'];
const detail = { 200: DisclosureDetailSchema, ...commonErrors };

export const disclosuresRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('', { config: { access: 'authenticated' }, schema: { tags, summary: 'My disclosures of interests, or all (cases.read_all)', querystring: DisclosureListQuery, response: { 200: paged(DisclosureSchema), ...commonErrors } } }, async (request) =>
      listDisclosures(db, request.ctx, request.query),
    );
    app.get('/:id', { config: { access: 'authenticated' }, schema: { tags, summary: 'One disclosure with every decision made on it', params: disclosureIdParam, response: detail } }, async (request) =>
      getDisclosure(db, request.ctx, request.params.id),
    );
    app.post('', { config: { access: 'cases.report' }, schema: { tags, summary: 'Disclose an interest: an item of my declaration, or in words (compliance may record one for another member of staff)', body: NewDisclosureInput, response: { 201: DisclosureDetailSchema, ...commonErrors } } }, async (request, reply) => {
      const id = await createDisclosure(db, request.ctx, request.body);
      return reply.status(201).send(await getDisclosure(db, request.ctx, id));
    });
    app.post('/:id/decide', { config: { access: 'cases.manage' }, schema: { tags, summary: 'Decide: no conflict, cleared with conditions until a date, or rejected; on a conditional clearance, renew it', params: disclosureIdParam, body: DecideDisclosureInput, response: detail } }, async (request) => {
      await decideDisclosure(db, request.ctx, request.params.id, request.body);
      return getDisclosure(db, request.ctx, request.params.id);
    });
    app.post('/:id/review', { config: { access: 'cases.manage' }, schema: { tags, summary: 'Send a decided disclosure back for review', params: disclosureIdParam, body: ReviewDisclosureInput, response: detail } }, async (request) => {
      await returnForReview(db, request.ctx, request.params.id, request.body);
      return getDisclosure(db, request.ctx, request.params.id);
    });
  };
