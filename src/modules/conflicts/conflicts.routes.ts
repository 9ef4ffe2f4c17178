import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, errorResponse, paged, uuidParam } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import { getCheck, getSettings, listChecks, runCheck, suggestions, updateSettings } from './conflicts.service';
import {
  ConflictCheckInput,
  ConflictCheckListQuery,
  ConflictCheckSchema,
  ConflictCheckSummarySchema,
  ConflictSettingsSchema,
  SuggestionQuery,
  SuggestionSchema,
} from './conflicts.types';
import { partyIndexOf } from './party-index';

const tags = ['conflicts: checks'];
const check = { access: 'conflicts.check' as const };
const errors = { ...commonErrors, 503: errorResponse };

export const conflictsRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const index = partyIndexOf(db, app.log);
    // Built in the background from the start, so the first check does not wait for it.
    app.addHook('onReady', async () => void index.start());
    app.addHook('onClose', async () => index.stop());
    const locale = (request: { headers: { 'accept-language'?: string } }) => negotiateLocale(request.headers['accept-language']);

    app.post('', { config: check, schema: { tags, summary: 'Run a conflict check on one or more subjects; the check is saved with its results', body: ConflictCheckInput, response: { 201: ConflictCheckSchema, ...errors } } }, async (request, reply) =>
      reply.status(201).send(await runCheck(db, index, request.ctx, request.body, locale(request))),
    );
    app.get('', { config: { access: 'authenticated' }, schema: { tags, summary: 'Saved checks: mine, or (scope=all, conflicts.history) everyone’s', querystring: ConflictCheckListQuery, response: { 200: paged(ConflictCheckSummarySchema), ...commonErrors } } }, async (request) => ({
      ...(await listChecks(db, request.ctx, request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }));
    app.get('/suggestions', { config: check, schema: { tags, summary: 'Type-ahead: parties whose names match, not saved', querystring: SuggestionQuery, response: { 200: SuggestionSchema, ...errors } } }, async (request) =>
      suggestions(db, index, request.ctx, request.query, locale(request)),
    );
    app.get('/settings', { config: { access: 'authenticated' }, schema: { tags, summary: 'The firm’s default match mode, hops and threshold', response: { 200: ConflictSettingsSchema, ...commonErrors } } }, async () => getSettings(db));
    app.put('/settings', { config: { access: 'conflicts.configure' }, schema: { tags, summary: 'Change the firm’s conflict-check defaults', body: ConflictSettingsSchema, response: { 200: ConflictSettingsSchema, ...commonErrors } } }, async (request) =>
      updateSettings(db, request.ctx, request.body),
    );
    app.get('/:id', { config: { access: 'authenticated' }, schema: { tags, summary: 'One saved check as it ran (its author, or conflicts.history)', params: uuidParam, response: { 200: ConflictCheckSchema, ...commonErrors } } }, async (request) =>
      getCheck(db, request.ctx, request.params.id, locale(request)),
    );
  };
