import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import {
  changeClientSet,
  createBarrier,
  createClientSet,
  currentRules,
  decideRecusal,
  denialReport,
  getBarrier,
  getClientSet,
  getRecusal,
  listBarriers,
  listClientSets,
  listRecusals,
  mine,
  publishRules,
  requestRecusal,
  retireClientSet,
  revokeBarrier,
  suggestions,
  type RecusalAction,
} from './recusal.service';
import {
  BarrierListQuery,
  BarrierSchema,
  ClientSetChangeInput,
  ClientSetListQuery,
  ClientSetSchema,
  DecisionInput,
  DenialReportQuery,
  DenialReportSchema,
  MineSchema,
  NewBarrierInput,
  NewClientSetInput,
  NewRecusalInput,
  RecusalListQuery,
  RecusalSchema,
  recusalIdParam,
  RulesInput,
  RulesSchema,
  SuggestionQuery,
  SuggestionSchema,
} from './recusal.types';
import { z } from 'zod';

const tags = ['recusal'];
const moves: { action: RecusalAction; access: 'recusals.manage' | 'recusals.request'; summary: string }[] = [
  { action: 'approve', access: 'recusals.manage', summary: 'Approve a requested recusal' },
  { action: 'reject', access: 'recusals.manage', summary: 'Reject a requested recusal' },
  { action: 'withdraw', access: 'recusals.request', summary: 'Withdraw my own recusal request before it is decided' },
  { action: 'revoke', access: 'recusals.manage', summary: 'End an approved recusal from today' },
];

export const recusalRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const locale = (request: { headers: { 'accept-language'?: string } }) => negotiateLocale(request.headers['accept-language']);

    app.get('/rules', { config: { access: 'authenticated' }, schema: { tags, summary: 'The recusal rules in force (the built-in set until compliance publishes its own)', response: { 200: RulesSchema, ...commonErrors } } }, async () => currentRules(db));
    app.post('/rules', { config: { access: 'recusals.manage' }, schema: { tags, summary: 'Publish a new version of the recusal rules', body: RulesInput, response: { 201: RulesSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await publishRules(db, request.ctx, request.body)),
    );
    app.get('/suggestions', { config: { access: 'recusals.manage' }, schema: { tags, summary: 'Recusals the registry graph suggests, explained; pairs already requested or approved are left out', querystring: SuggestionQuery, response: { 200: z.object({ items: z.array(SuggestionSchema) }), ...commonErrors } } }, async (request) => ({
      items: await suggestions(db, request.ctx, request.query, locale(request)),
    }));
    app.get('/mine', { config: { access: 'authenticated' }, schema: { tags, summary: 'My recusals, the barriers that wall me off, and what keeps me out today', response: { 200: MineSchema, ...commonErrors } } }, async (request) => mine(db, request.ctx, locale(request)));
    app.post('', { config: { access: 'recusals.request' }, schema: { tags, summary: 'Ask to be recused; compliance records one for someone (and may approve it at once)', body: NewRecusalInput, response: { 201: RecusalSchema, ...commonErrors } } }, async (request, reply) => {
      const id = await requestRecusal(db, request.ctx, request.body);
      return reply.status(201).send(await getRecusal(db, request.ctx, id));
    });
    app.get('', { config: { access: 'authenticated' }, schema: { tags, summary: 'My recusals, or all (recusals.read_all)', querystring: RecusalListQuery, response: { 200: z.object({ items: z.array(RecusalSchema) }), ...commonErrors } } }, async (request) =>
      listRecusals(db, request.ctx, request.query),
    );
    app.get('/barriers', { config: { access: 'recusals.read_all' }, schema: { tags, summary: 'Information barriers', querystring: BarrierListQuery, response: { 200: z.object({ items: z.array(BarrierSchema) }), ...commonErrors } } }, async (request) => listBarriers(db, request.ctx, request.query));
    app.post('/barriers', { config: { access: 'recusals.manage' }, schema: { tags, summary: 'Set up an information barrier', body: NewBarrierInput, response: { 201: BarrierSchema, ...commonErrors } } }, async (request, reply) => {
      const id = await createBarrier(db, request.ctx, request.body);
      return reply.status(201).send(await getBarrier(db, request.ctx, id));
    });
    app.post('/barriers/:id/revoke', { config: { access: 'recusals.manage' }, schema: { tags, summary: 'Lift an information barrier from today', params: recusalIdParam, body: DecisionInput, response: { 200: BarrierSchema, ...commonErrors } } }, async (request) => {
      await revokeBarrier(db, request.ctx, request.params.id, request.body);
      return getBarrier(db, request.ctx, request.params.id);
    });
    app.get('/client-sets', { config: { access: 'recusals.read_all' }, schema: { tags, summary: 'Client sets (客户组) that recusals and barriers may name', querystring: ClientSetListQuery, response: { 200: z.object({ items: z.array(ClientSetSchema) }), ...commonErrors } } }, async (request) =>
      listClientSets(db, request.ctx, request.query),
    );
    app.get('/client-sets/:id', { config: { access: 'recusals.read_all' }, schema: { tags, summary: 'A client set and its members', params: recusalIdParam, response: { 200: ClientSetSchema, ...commonErrors } } }, async (request) => getClientSet(db, request.ctx, request.params.id));
    app.post('/client-sets', { config: { access: 'recusals.manage' }, schema: { tags, summary: 'Create a client set', body: NewClientSetInput, response: { 201: ClientSetSchema, ...commonErrors } } }, async (request, reply) => {
      const id = await createClientSet(db, request.ctx, request.body);
      return reply.status(201).send(await getClientSet(db, request.ctx, id));
    });
    app.patch('/client-sets/:id', { config: { access: 'recusals.manage' }, schema: { tags, summary: 'Rename a client set or change its members; walls and recusals naming it follow', params: recusalIdParam, body: ClientSetChangeInput, response: { 200: ClientSetSchema, ...commonErrors } } }, async (request) => {
      await changeClientSet(db, request.ctx, request.params.id, request.body);
      return getClientSet(db, request.ctx, request.params.id);
    });
    app.post('/client-sets/:id/retire', { config: { access: 'recusals.manage' }, schema: { tags, summary: 'Retire a client set: walls and recusals naming it no longer keep anyone out through it', params: recusalIdParam, body: DecisionInput, response: { 200: ClientSetSchema, ...commonErrors } } }, async (request) => {
      await retireClientSet(db, request.ctx, request.params.id, request.body);
      return getClientSet(db, request.ctx, request.params.id);
    });
    app.get('/denials', { config: { access: 'recusals.read_all' }, schema: { tags, summary: 'Supervision report: attempts refused by a recusal or barrier, per person', querystring: DenialReportQuery, response: { 200: DenialReportSchema, ...commonErrors } } }, async (request) =>
      denialReport(db, request.query),
    );
    for (const move of moves) {
      app.post(`/:id/${move.action}`, { config: { access: move.access }, schema: { tags, summary: move.summary, params: recusalIdParam, body: DecisionInput, response: { 200: RecusalSchema, ...commonErrors } } }, async (request) => {
        await decideRecusal(db, request.ctx, request.params.id, move.action, request.body);
        return getRecusal(db, request.ctx, request.params.id);
      });
    }
  };
