import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../http/deps';
import { commonErrors, paged, pageQuery, uuidParam } from '../http/schemas';
import { CreateUserBody, DepartmentSchema, UpdateUserBody, UserSchema } from './auth.types';
import { createUser, getUser, listDepartments, listUsers, resetPassword, updateUser } from './users.service';

export const usersRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/departments',
      { config: { access: 'departments.read' }, schema: { tags: ['users'], summary: 'Departments of the firm', response: { 200: z.object({ items: z.array(DepartmentSchema) }), ...commonErrors } } },
      async () => ({ items: await listDepartments(db) }),
    );

    app.get(
      '/users',
      {
        config: { access: 'users.read' },
        schema: { tags: ['users'], summary: 'Users, paged', querystring: pageQuery.extend({ q: z.string().trim().max(100).optional() }), response: { 200: paged(UserSchema), ...commonErrors } },
      },
      async (request) => ({ ...(await listUsers(db, request.query)), page: request.query.page, pageSize: request.query.pageSize }),
    );

    app.get(
      '/users/:id',
      { config: { access: 'users.read' }, schema: { tags: ['users'], summary: 'One user', params: uuidParam, response: { 200: z.object({ user: UserSchema }), ...commonErrors } } },
      async (request) => ({ user: await getUser(db, request.params.id) }),
    );

    app.post(
      '/users',
      { config: { access: 'users.manage' }, schema: { tags: ['users'], summary: 'Create a user', body: CreateUserBody, response: { 201: z.object({ user: UserSchema }), ...commonErrors } } },
      async (request, reply) => reply.status(201).send({ user: await createUser(db, request.ctx, request.body) }),
    );

    app.patch(
      '/users/:id',
      {
        config: { access: 'users.manage' },
        schema: { tags: ['users'], summary: 'Change a user (roles, department, active…)', params: uuidParam, body: UpdateUserBody, response: { 200: z.object({ user: UserSchema }), ...commonErrors } },
      },
      async (request) => ({ user: await updateUser(db, request.ctx, request.params.id, request.body) }),
    );

    app.post(
      '/users/:id/reset-password',
      {
        config: { access: 'users.manage' },
        schema: { tags: ['users'], summary: 'Give a user a new temporary password; their sessions end and any lock-out lifts', params: uuidParam, response: { 200: z.object({ temporaryPassword: z.string() }), ...commonErrors } },
      },
      async (request) => ({ temporaryPassword: await resetPassword(db, request.ctx, request.params.id) }),
    );
  };
