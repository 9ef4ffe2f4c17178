import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged, uuidParam } from '../../platform/http/schemas';
import { IsoDay, RelationshipChanges, RelationshipInput, RelationshipListQuery, RelationshipSchema } from './registry.types';
import { createRelationship, endRelationship, getRelationship, listRelationships, supersedeRelationship } from './relationships.service';

const tags = ['registry: relationships'];

export const relationshipsRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('', { config: { access: 'registry.read' }, schema: { tags, summary: 'Relationships, newest first (superseded versions left out)', querystring: RelationshipListQuery, response: { 200: paged(RelationshipSchema), ...commonErrors } } }, async (request) => ({
      ...(await listRelationships(db, request.ctx, request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }));

    app.get('/:id', { config: { access: 'registry.read' }, schema: { tags, summary: 'One relationship', params: uuidParam, response: { 200: RelationshipSchema, ...commonErrors } } }, async (request) =>
      getRelationship(db, request.ctx, request.params.id),
    );

    app.post('', { config: { access: 'registry.write' }, schema: { tags, summary: 'Record a relationship (entered by compliance)', body: RelationshipInput, response: { 201: RelationshipSchema, ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await createRelationship(db, request.ctx, request.body)),
    );

    app.post(
      '/:id/supersede',
      { config: { access: 'registry.write' }, schema: { tags, summary: 'Correct a relationship: a new version supersedes it, the old one stays', params: uuidParam, body: RelationshipChanges, response: { 200: RelationshipSchema, ...commonErrors } } },
      async (request) => supersedeRelationship(db, request.ctx, request.params.id, request.body),
    );

    app.post(
      '/:id/end',
      { config: { access: 'registry.write' }, schema: { tags, summary: 'End a relationship on a date; it keeps its dates', params: uuidParam, body: z.object({ validTo: IsoDay }), response: { 200: RelationshipSchema, ...commonErrors } } },
      async (request) => endRelationship(db, request.ctx, request.params.id, request.body.validTo),
    );
  };
