// The rule set in force: the latest published version of each rule, the defaults where none is.
import { desc, sql } from 'drizzle-orm';
import { defaultRuleSet, ruleKinds, type RuleKind, type RuleSet } from '../../core/monitoring/rules';
import { queryRows, type Executor } from '../../platform/db/database';
import { monitoringRuleVersions } from './monitoring.tables';

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
    // Parameters added since a version was saved take their defaults.
    rules[kind] = { enabled: row.enabled, weight: row.weight, params: { ...defaultRuleSet[kind].params, ...(row.params as object) } } as RuleSet[RuleKind];
    versions[kind] = row.version;
  }
  return { rules: rules as RuleSet, versions, signature: ruleKinds.map((k) => `${k}:${versions[k]}`).join(',') };
}
