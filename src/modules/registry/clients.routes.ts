import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/context';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged, uuidParam } from '../../platform/http/schemas';
import { addContact, createClient, endContact, getClient, listClients, listContacts, updateClient } from './clients.service';
import { ClientChanges, ClientInput, ClientListQuery, ClientSchema, ContactInput, ContactSchema } from './registry.types';

const tags = ['registry: clients'];
const ClientDetailSchema = ClientSchema.extend({ contacts: z.array(ContactSchema) });

export const clientsRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const detail = async (ctx: RequestContext, id: string) => ({ ...(await getClient(db, id, ctx)), contacts: await listContacts(db, ctx, id) });

    app.get('', { config: { access: 'registry.read' }, schema: { tags, summary: 'Clients, paged, filtered and sorted', querystring: ClientListQuery, response: { 200: paged(ClientSchema), ...commonErrors } } }, async (request) => ({
      ...(await listClients(db, request.ctx, request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }));

    app.post('', { config: { access: 'registry.write' }, schema: { tags, summary: 'Make an existing party, or a new one, a client', body: ClientInput, response: { 201: ClientDetailSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await detail(request.ctx, (await createClient(db, request.ctx, request.body)).id)),
    );

    app.get('/:id', { config: { access: 'registry.read' }, schema: { tags, summary: 'One client with its contacts', params: uuidParam, response: { 200: ClientDetailSchema, ...commonErrors } } }, async (request) =>
      detail(request.ctx, request.params.id),
    );

    app.patch('/:id', { config: { access: 'registry.write' }, schema: { tags, summary: 'Change a client (status, owner, department, dates, revenue…)', params: uuidParam, body: ClientChanges, response: { 200: ClientDetailSchema, ...commonErrors } } }, async (request) => {
      await updateClient(db, request.ctx, request.params.id, request.body);
      return detail(request.ctx, request.params.id);
    });

    app.post('/:id/contacts', { config: { access: 'registry.write' }, schema: { tags, summary: 'Add a contact person (existing party or a new person)', params: uuidParam, body: ContactInput, response: { 200: ClientDetailSchema, ...commonErrors } } }, async (request) => {
      await addContact(db, request.ctx, request.params.id, request.body);
      return detail(request.ctx, request.params.id);
    });

    app.post(
      '/:id/contacts/:contactId/end',
      { config: { access: 'registry.write' }, schema: { tags, summary: 'End a contact (kept in history)', params: z.object({ id: z.uuid(), contactId: z.uuid() }), response: { 200: ClientDetailSchema, ...commonErrors } } },
      async (request) => {
        await endContact(db, request.ctx, request.params.id, request.params.contactId);
        return detail(request.ctx, request.params.id);
      },
    );
  };
