import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps';
import { commonErrors, paged, uuidParam } from '../../platform/http/schemas';
import { negotiateLocale } from '../../platform/i18n/messages';
import { alertDashboard, dismissAlert, escalateAlert, getAlert, listAlerts, reviewAlert } from './alerts.service';
import { processMonitoringEvents, sweepMonitoring } from './consumer';
import {
  AlertDetailSchema,
  AlertListQuery,
  AlertSchema,
  DashboardSchema,
  DismissInput,
  EscalateInput,
  HeatMapQuery,
  HeatMapSchema,
  HistoryParams,
  HistorySchema,
  RegisterQuery,
  RegisterSchema,
  RiskRunSchema,
  RiskSettingsSchema,
  PreviewInput,
  PreviewSchema,
  ReviewInput,
  RuleSchema,
  RuleVersionInput,
  ruleParam,
} from './monitoring.types';
import { previewRule } from './preview';
import { listRuns, riskFrequency, riskHeatMap, riskHistory, riskRegister, runRiskAssessment, setRiskFrequency } from './risk.service';
import { listRules, publishRuleVersion, ruleHistory } from './rules.service';

const locale = (request: { headers: { 'accept-language'?: string } }) => negotiateLocale(request.headers['accept-language']);

export const alertsRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['monitoring'];
    app.get('', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'Early-warning alerts, open ones first by score', querystring: AlertListQuery, response: { 200: paged(AlertSchema), ...commonErrors } } }, async (request) =>
      listAlerts(db, request.ctx, request.query, locale(request)),
    );
    app.get('/dashboard', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'Open alerts by severity and age, and per rule', response: { 200: DashboardSchema, ...commonErrors } } }, async (request) =>
      alertDashboard(db, request.ctx, locale(request)),
    );
    app.post(
      '/judge',
      { config: { access: 'monitoring.triage' }, schema: { tags, summary: 'Judge now what the outbox holds, and with `sweep` the nightly sweep too', body: z.object({ sweep: z.boolean().default(false) }), response: { 200: z.object({ read: z.number().int(), raised: z.number().int() }), ...commonErrors } } },
      async (request) => {
        const run = await processMonitoringEvents(db);
        return { read: run.read, raised: run.raised + (request.body.sweep ? await sweepMonitoring(db) : 0) };
      },
    );
    app.get('/:id', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'One alert: its sentence, facts and history', params: uuidParam, response: { 200: AlertDetailSchema, ...commonErrors } } }, async (request) =>
      getAlert(db, request.ctx, request.params.id, locale(request)),
    );
    app.post('/:id/review', { config: { access: 'monitoring.triage' }, schema: { tags, summary: 'Take an alert into review (assigned to me)', params: uuidParam, body: ReviewInput, response: { 200: AlertDetailSchema, ...commonErrors } } }, async (request) => {
      await reviewAlert(db, request.ctx, request.params.id, request.body);
      return getAlert(db, request.ctx, request.params.id, locale(request));
    });
    app.post('/:id/dismiss', { config: { access: 'monitoring.triage' }, schema: { tags, summary: 'Dismiss an alert, with the reason', params: uuidParam, body: DismissInput, response: { 200: AlertDetailSchema, ...commonErrors } } }, async (request) => {
      await dismissAlert(db, request.ctx, request.params.id, request.body);
      return getAlert(db, request.ctx, request.params.id, locale(request));
    });
    app.post('/:id/escalate', { config: { access: 'monitoring.triage' }, schema: { tags, summary: 'Escalate an alert to a conflict case (source: alert)', params: uuidParam, body: EscalateInput, response: { 200: AlertDetailSchema, ...commonErrors } } }, async (request) => {
      await escalateAlert(db, request.ctx, request.params.id, request.body, locale(request));
      return getAlert(db, request.ctx, request.params.id, locale(request));
    });
  };

export const monitoringRulesRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['monitoring'];
    app.get('', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'The early-warning rules in force, with their parameters and defaults', response: { 200: z.object({ items: z.array(RuleSchema) }), ...commonErrors } } }, async (request) => ({
      items: await listRules(db, locale(request)),
    }));
    app.get('/:rule/versions', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'Every published version of a rule, newest first', params: ruleParam, response: { 200: z.object({ items: z.array(z.unknown()) }), ...commonErrors } } }, async (request) => ({
      items: await ruleHistory(db, request.params.rule),
    }));
    app.post('/:rule/versions', { config: { access: 'monitoring.configure' }, schema: { tags, summary: 'Publish a new version of a rule', params: ruleParam, body: RuleVersionInput, response: { 201: RuleSchema, ...commonErrors } } }, async (request, reply) => {
      await publishRuleVersion(db, request.ctx, request.params.rule, request.body);
      const rules = await listRules(db, locale(request));
      return reply.status(201).send(rules.find((r) => r.rule === request.params.rule)!);
    });
    app.post('/:rule/preview', { config: { access: 'monitoring.configure' }, schema: { tags, summary: 'What a draft of the rule would have raised over the last days (default 90), beside the rule in force', params: ruleParam, body: PreviewInput, response: { 200: PreviewSchema, ...commonErrors } } }, async (request) =>
      previewRule(db, request.ctx, request.params.rule, request.body, locale(request)),
    );
  };

export const riskRoutes =
  ({ database: { db } }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['monitoring'];
    app.get('/register', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'Risk register: the latest assessment of clients or staff, highest first, with the factors and the change since the run before', querystring: RegisterQuery, response: { 200: RegisterSchema, ...commonErrors } } }, async (request) =>
      riskRegister(db, request.ctx, request.query, locale(request)),
    );
    app.get('/heatmap', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'Department × risk category: average points of the latest assessment', querystring: HeatMapQuery, response: { 200: HeatMapSchema, ...commonErrors } } }, async (request) =>
      riskHeatMap(db, request.ctx, request.query.subjectType, locale(request)),
    );
    app.get('/history/:subjectType/:id', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'Every score a client or staff member has had: the trend', params: HistoryParams, response: { 200: HistorySchema, ...commonErrors } } }, async (request) => ({
      items: await riskHistory(db, request.ctx, request.params.subjectType, request.params.id, locale(request)),
    }));
    app.get('/runs', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'The last fifty assessments', response: { 200: z.object({ items: z.array(RiskRunSchema) }), ...commonErrors } } }, async () => ({ items: await listRuns(db) }));
    app.post('/runs', { config: { access: 'monitoring.triage' }, schema: { tags, summary: 'Assess every client and staff member now', response: { 201: z.object({ id: z.string(), assessedOn: z.string(), clients: z.number().int(), staff: z.number().int() }), ...commonErrors } } }, async (request, reply) =>
      reply.status(201).send(await runRiskAssessment(db, request.ctx, 'manual')),
    );
    app.get('/settings', { config: { access: 'monitoring.read' }, schema: { tags, summary: 'How often the assessment runs by itself', response: { 200: RiskSettingsSchema, ...commonErrors } } }, async () => ({ frequency: await riskFrequency(db) }));
    app.put('/settings', { config: { access: 'monitoring.configure' }, schema: { tags, summary: 'Set how often the assessment runs by itself (weekly, monthly, quarterly)', body: RiskSettingsSchema, response: { 200: RiskSettingsSchema, ...commonErrors } } }, async (request) => ({
      frequency: await setRiskFrequency(db, request.ctx, request.body.frequency),
    }));
  };
