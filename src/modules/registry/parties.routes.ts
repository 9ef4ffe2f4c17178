import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/context';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged, uuidParam } from '../../platform/http/schemas';
import { clientOfParty, clientsContactedBy } from './clients.service';
import { addIdentifier, addName, createParty, endIdentifier, endName, endParty, listParties, partyDetail, revealIdentifier, similarParties, updateParty } from './parties.service';
import {
  ClientSchema,
  IdentifierInput,
  IdentifierSchema,
  NameInput,
  PartyChanges,
  PartyInput,
  PartyListQuery,
  PartyNameSchema,
  PartySummarySchema,
  RelationshipSchema,
} from './registry.types';
import { listRelationships, relationshipGraph } from './relationships.service';

const PartyDetailSchema = PartySummarySchema.extend({
  address: z.string().nullable(),
  notes: z.string().nullable(),
  officialPosition: z.string().nullable(),
  userId: z.uuid().nullable(),
  source: z.string(),
  endReason: z.string().nullable(),
  names: z.array(PartyNameSchema),
  identifiers: z.array(IdentifierSchema),
  client: ClientSchema.nullable(),
  contactOf: z.array(z.object({ clientId: z.uuid(), name: z.string(), role: z.string().nullable(), title: z.string().nullable() })),
  relationships: z.array(RelationshipSchema),
});

const GraphSchema = z.object({
  nodes: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['person', 'org']), depth: z.number().int(), isClient: z.boolean(), isStaff: z.boolean(), publicOfficial: z.boolean() })),
  edges: z.array(RelationshipSchema),
  truncated: z.boolean(),
  /** Hubs shown but not walked through (more relationships than a picture can hold). */
  collapsed: z.array(z.uuid()),
});

const partyAndChild = z.object({ id: z.uuid(), childId: z.uuid() });
const read = { access: 'registry.read' as const };
const write = { access: 'registry.write' as const };
const tags = ['registry: parties'];

export const partiesRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // A visible party is never a hidden client itself; its links to hidden clients are left out.
    const detail = async (ctx: RequestContext, id: string) => {
      const [party, client, contactOf, relations] = await Promise.all([
        partyDetail(db, ctx, id),
        clientOfParty(db, id),
        clientsContactedBy(db, id, ctx),
        listRelationships(db, ctx, { partyId: id, status: 'all', page: 1, pageSize: 500 }),
      ]);
      return { ...party, client, contactOf, relationships: relations.items };
    };

    app.get('', { config: read, schema: { tags, summary: 'Parties, paged, filtered and sorted', querystring: PartyListQuery, response: { 200: paged(PartySummarySchema), ...commonErrors } } }, async (request) => ({
      ...(await listParties(db, request.ctx, request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }));

    app.post(
      '/similar',
      {
        config: read,
        schema: { tags, summary: 'Live parties whose name is nearly identical to any of these', body: z.object({ names: z.array(z.string().trim().min(1).max(300)).min(1).max(20) }), response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['person', 'org']) })) }), ...commonErrors } },
      },
      async (request) => ({ items: await similarParties(db, request.ctx, request.body.names) }),
    );

    app.post('', { config: write, schema: { tags, summary: 'Create a party (refused if an identifier is taken; 409 on a near-identical name unless acknowledged)', body: PartyInput, response: { 201: PartyDetailSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await detail(request.ctx, (await createParty(db, request.ctx, request.body)).id)),
    );

    app.get('/:id', { config: read, schema: { tags, summary: 'One party with names, identifiers (masked), client links and relationships', params: uuidParam, response: { 200: PartyDetailSchema, ...commonErrors } } }, async (request) =>
      detail(request.ctx, request.params.id),
    );

    app.patch('/:id', { config: write, schema: { tags, summary: 'Change a party; a new primary name keeps the old one as a former name', params: uuidParam, body: PartyChanges, response: { 200: PartyDetailSchema, ...commonErrors } } }, async (request) => {
      await updateParty(db, request.ctx, request.params.id, request.body);
      return detail(request.ctx, request.params.id);
    });

    app.post('/:id/end', { config: write, schema: { tags, summary: 'End a party (it is never deleted)', params: uuidParam, body: z.object({ reason: z.string().trim().min(1).max(1000) }), response: { 200: PartyDetailSchema, ...commonErrors } } }, async (request) => {
      await endParty(db, request.ctx, request.params.id, request.body.reason);
      return detail(request.ctx, request.params.id);
    });

    app.post('/:id/names', { config: write, schema: { tags, summary: 'Add an alias, former, English, abbreviated or traditional name', params: uuidParam, body: NameInput, response: { 200: PartyDetailSchema, ...commonErrors } } }, async (request) => {
      await addName(db, request.ctx, request.params.id, request.body);
      return detail(request.ctx, request.params.id);
    });

    app.post('/:id/names/:childId/end', { config: write, schema: { tags, summary: 'End a name (kept in history)', params: partyAndChild, response: { 200: PartyDetailSchema, ...commonErrors } } }, async (request) => {
      await endName(db, request.ctx, request.params.id, request.params.childId);
      return detail(request.ctx, request.params.id);
    });

    app.post('/:id/identifiers', { config: write, schema: { tags, summary: 'Add an identifier (check digits validated; refused if another party holds it)', params: uuidParam, body: IdentifierInput, response: { 200: PartyDetailSchema, ...commonErrors } } }, async (request) => {
      await addIdentifier(db, request.ctx, request.params.id, request.body);
      return detail(request.ctx, request.params.id);
    });

    app.post('/:id/identifiers/:childId/end', { config: write, schema: { tags, summary: 'End an identifier (kept in history)', params: partyAndChild, response: { 200: PartyDetailSchema, ...commonErrors } } }, async (request) => {
      await endIdentifier(db, request.ctx, request.params.id, request.params.childId);
      return detail(request.ctx, request.params.id);
    });

    app.post(
      '/:id/identifiers/:childId/reveal',
      { config: { access: 'identifiers.reveal' }, schema: { tags, summary: 'The full value of an ID or passport number; every call is audited', params: partyAndChild, response: { 200: z.object({ value: z.string() }), ...commonErrors } } },
      async (request) => ({ value: await revealIdentifier(db, request.ctx, request.params.id, request.params.childId) }),
    );

    app.get(
      '/:id/graph',
      { config: read, schema: { tags, summary: 'The party and its current relationships up to N hops (default 2)', params: uuidParam, querystring: z.object({ hops: z.coerce.number().int().min(1).max(3).default(2) }), response: { 200: GraphSchema, ...commonErrors } } },
      async (request) => relationshipGraph(db, request.ctx, request.params.id, request.query.hops),
    );
  };
