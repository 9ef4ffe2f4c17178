import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import { decideSanction, getViolation, listViolations, recordViolation, settleSanction } from './accountability.service';
import { CompleteSanctionInput, NewSanctionInput, NewViolationInput, sanctionParam, violationIdParam, ViolationListQuery, ViolationSchema, WaiveSanctionInput } from './accountability.types';

const tags = ['accountability'];
const detail = { 200: ViolationSchema, ...commonErrors };

// Who decides a sanction depends on its kind (a dismissal is a director's, a pay consequence is
// completed by finance or compliance), so those routes only ask for a signed-in user and the service decides.
export const accountabilityRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const locale = (request: { headers: { 'accept-language'?: string } }) => negotiateLocale(request.headers['accept-language']);

    app.get('', { config: { access: 'authenticated' }, schema: { tags, summary: 'Violations found against me, or all (cases.read_all)', querystring: ViolationListQuery, response: { 200: paged(ViolationSchema), ...commonErrors } } }, async (request) =>
      listViolations(db, request.ctx, request.query, locale(request)),
    );
    app.get('/:id', { config: { access: 'authenticated' }, schema: { tags, summary: 'One violation with its sanctions', params: violationIdParam, response: detail } }, async (request) =>
      getViolation(db, request.ctx, request.params.id, locale(request)),
    );
    app.post('', { config: { access: 'cases.manage' }, schema: { tags, summary: 'Record a violation found in a case', body: NewViolationInput, response: { 201: ViolationSchema, ...commonErrors } } }, async (request, reply) => {
      const id = await recordViolation(db, request.ctx, request.body);
      return reply.status(201).send(await getViolation(db, request.ctx, id, locale(request)));
    });
    app.post('/:id/sanctions', { config: { access: 'authenticated' }, schema: { tags, summary: 'Decide a sanction: warning, training, pay consequence or dismissal (a director’s, for a serious finding)', params: violationIdParam, body: NewSanctionInput, response: { 201: ViolationSchema, ...commonErrors } } }, async (request, reply) => {
      await decideSanction(db, request.ctx, request.params.id, request.body);
      return reply.status(201).send(await getViolation(db, request.ctx, request.params.id, locale(request)));
    });
    app.post('/:id/sanctions/:sanctionId/complete', { config: { access: 'authenticated' }, schema: { tags, summary: 'Record a sanction carried out (a dismissal after the trade union was told)', params: sanctionParam, body: CompleteSanctionInput, response: detail } }, async (request) => {
      await settleSanction(db, request.ctx, request.params.id, request.params.sanctionId, { type: 'complete', ...request.body });
      return getViolation(db, request.ctx, request.params.id, locale(request));
    });
    app.post('/:id/sanctions/:sanctionId/waive', { config: { access: 'authenticated' }, schema: { tags, summary: 'Waive a planned sanction, with the reason', params: sanctionParam, body: WaiveSanctionInput, response: detail } }, async (request) => {
      await settleSanction(db, request.ctx, request.params.id, request.params.sanctionId, { type: 'waive', ...request.body });
      return getViolation(db, request.ctx, request.params.id, locale(request));
    });
  };
