// The rule set in force: the latest published version of each rule, the defaults where none is.
import { desc, eq, max, sql } from 'drizzle-orm';
import { paramLabels, ruleDescriptions, ruleLabels } from '../../core/monitoring/explain';
import { defaultRuleSet, ruleKinds, type RuleConfig, type RuleKind, type RuleParams, type RuleSet } from '../../core/monitoring/rules';
import { appendAudit } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, queryRows, type Db, type Executor } from '../../platform/db/database';
import { Invalid } from '../../platform/errors';
import type { Locale } from '../../platform/i18n/messages';
import { monitoringRuleVersions } from './monitoring.tables';
import { RuleParamsSchemas, type RuleVersionInput } from './monitoring.types';

export interface RuleSetInForce {
  rules: RuleSet;
  /** Version per rule; 0 is the built-in default. */
  versions: Record<RuleKind, number>;
  /** Changes whenever any rule does: the engine is rebuilt when it moves. */
  signature: string;
}

export async function ruleSetInForce(executor: Executor): Promise<RuleSetInForce> {
  const rows = await queryRows<{ rule: string; version: number; enabled: boolean; weight: number; params: unknown }>(
    executor,
    sql`select distinct on (${monitoringRuleVersions.rule}) ${monitoringRuleVersions.rule} as rule, ${monitoringRuleVersions.version} as version, ${monitoringRuleVersions.enabled} as enabled, ${monitoringRuleVersions.weight} as weight, ${monitoringRuleVersions.params} as params
        from ${monitoringRuleVersions} order by ${monitoringRuleVersions.rule}, ${desc(monitoringRuleVersions.version)}`,
  );
  const rules = structuredClone(defaultRuleSet) as Record<RuleKind, RuleSet[RuleKind]>;
  const versions = Object.fromEntries(ruleKinds.map((k) => [k, 0])) as Record<RuleKind, number>;
  for (const row of rows) {
    const kind = row.rule as RuleKind;
    if (!ruleKinds.includes(kind)) continue;
    // Parameters added since a version was saved take their defaults; those since retired are dropped.
    const defaults = defaultRuleSet[kind].params as Record<string, unknown>;
    const saved = Object.entries(row.params as Record<string, unknown>).filter(([key]) => Object.hasOwn(defaults, key));
    rules[kind] = { enabled: row.enabled, weight: row.weight, params: { ...defaults, ...Object.fromEntries(saved) } } as RuleSet[RuleKind];
    versions[kind] = row.version;
  }
  return { rules: rules as RuleSet, versions, signature: ruleKinds.map((k) => `${k}:${versions[k]}`).join(',') };
}

/** Each rule as the editor shows it: the version in force, its labels, its defaults. */
export async function listRules(executor: Executor, locale: Locale) {
  const inForce = await ruleSetInForce(executor);
  const latest = await executor
    .select({ rule: monitoringRuleVersions.rule, version: monitoringRuleVersions.version, note: monitoringRuleVersions.note, createdAt: monitoringRuleVersions.createdAt, userId: users.id, displayName: users.displayName })
    .from(monitoringRuleVersions)
    .leftJoin(users, eq(users.id, monitoringRuleVersions.createdBy));
  return ruleKinds.map((rule) => {
    const saved = latest.find((r) => r.rule === rule && r.version === inForce.versions[rule]);
    const config = inForce.rules[rule];
    return {
      rule,
      label: ruleLabels[rule][locale],
      description: ruleDescriptions[rule][locale],
      version: inForce.versions[rule],
      enabled: config.enabled,
      weight: config.weight,
      params: config.params as unknown as Record<string, unknown>,
      defaults: defaultRuleSet[rule].params as unknown as Record<string, unknown>,
      paramLabels: Object.fromEntries(
        Object.entries(paramLabels[rule] as Record<string, Record<Locale, string> & { unit: string }>).map(([key, label]) => [key, { label: label[locale], unit: label.unit }]),
      ),
      note: saved?.note ?? null,
      createdBy: saved?.userId ? { id: saved.userId, displayName: saved.displayName ?? '' } : null,
      createdAt: saved?.createdAt ?? null,
    };
  });
}

/** Checks a rule's parameters against its schema; 400 naming each bad field. */
export function checkedConfig<K extends RuleKind>(rule: K, input: { enabled: boolean; weight: number; params: Record<string, unknown> }): RuleConfig<K> {
  const parsed = RuleParamsSchemas[rule].safeParse({ ...defaultRuleSet[rule].params, ...input.params });
  if (!parsed.success) throw Invalid('RULE_PARAMS_INVALID', {}, parsed.error.issues.map((issue) => ({ path: ['params', ...issue.path].join('.'), message: issue.message })));
  return { enabled: input.enabled, weight: input.weight, params: parsed.data as RuleParams[K] };
}

/** Publishes a new version of one rule; the engine is rebuilt with it on the next event. */
export async function publishRuleVersion(db: Db, ctx: RequestContext, rule: RuleKind, input: RuleVersionInput): Promise<number> {
  const config = checkedConfig(rule, input);
  return inTransaction(db, async (tx) => {
    // One publisher at a time per rule: the version is the next after the latest.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`monitoring_rule:${rule}`}))`);
    const [latest] = await tx.select({ version: max(monitoringRuleVersions.version) }).from(monitoringRuleVersions).where(eq(monitoringRuleVersions.rule, rule));
    const version = (latest?.version ?? 0) + 1;
    await tx.insert(monitoringRuleVersions).values({ rule, version, enabled: config.enabled, weight: config.weight, params: config.params, note: input.note ?? null, createdBy: ctx.principal?.userId ?? null });
    await appendAudit(tx, ctx, { action: 'monitoring.rule.publish', entityType: 'monitoring_rule', entityId: null, after: { rule, version, ...config, note: input.note ?? null } });
    return version;
  });
}

export async function ruleHistory(executor: Executor, rule: RuleKind) {
  const rows = await executor
    .select({ version: monitoringRuleVersions.version, enabled: monitoringRuleVersions.enabled, weight: monitoringRuleVersions.weight, params: monitoringRuleVersions.params, note: monitoringRuleVersions.note, createdAt: monitoringRuleVersions.createdAt, userId: users.id, displayName: users.displayName })
    .from(monitoringRuleVersions)
    .leftJoin(users, eq(users.id, monitoringRuleVersions.createdBy))
    .where(eq(monitoringRuleVersions.rule, rule))
    .orderBy(desc(monitoringRuleVersions.version));
  return rows.map((r) => ({ version: r.version, enabled: r.enabled, weight: r.weight, params: r.params as Record<string, unknown>, note: r.note, createdAt: r.createdAt, createdBy: r.userId ? { id: r.userId, displayName: r.displayName ?? '' } : null }));
}
