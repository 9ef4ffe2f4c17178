// The early-warning rules: what each looks for, its parameters and their defaults. A rule set is
// what compliance publishes; each rule carries a severity weight (1–100) and an on/off switch.
export const ruleKinds = [
  'structuring',
  'cumulative_limit',
  'frequency_spike',
  'public_official',
  'related_party',
  'revenue_outlier',
  'blackout',
  'approver_affinity',
  'payment_mismatch',
  'new_client',
] as const;
export type RuleKind = (typeof ruleKinds)[number];

export interface RuleParams {
  /**
   * Several requests by one requester for one kind of benefit to one recipient or client, each under
   * the threshold, summing to it or more: one benefit split in parts.
   */
  structuring: { windowDays: number; thresholdMinor: number; minCount: number };
  /** A recipient's or client's running total, given by at least minDepartments departments, reaches this share of a per-period policy limit. */
  cumulative_limit: { ratioBasisPoints: number; minDepartments: number };
  /**
   * The last recentDays against the baselineDays before them, both measured against the firm's own
   * activity over the same days (the season), and too unlikely to be chance: at most
   * maxChancePerMillion in a million.
   */
  frequency_spike: { recentDays: number; baselineDays: number; factor: number; minRecentCount: number; maxChancePerMillion: number };
  public_official: { minAmountMinor: number };
  related_party: { lookbackDays: number };
  /**
   * Benefits over the last year against annual revenue, at least minDeviations robust standard
   * deviations (median and MAD of the logarithms) above the client's peers; judged once the engine has
   * watched warmUpDays, so that a few months do not pass for a year.
   */
  revenue_outlier: { peerBy: 'department' | 'service_line'; minDeviations: number; minRatioBasisPoints: number; minPeers: number; warmUpDays: number };
  blackout: { lookbackDays: number };
  /** One approver approving one requester's requests much more than the others'. */
  approver_affinity: { windowDays: number; minCount: number; minShareBasisPoints: number; minDistinctRequesters: number };
  /** Settled for other than approved, or paid long after approval. */
  payment_mismatch: { toleranceBasisPoints: number; maxDaysAfterApproval: number };
  new_client: { withinDays: number; minAmountMinor: number };
}

export interface RuleConfig<K extends RuleKind = RuleKind> {
  enabled: boolean;
  /** Severity weight 1–100: the score of an alert at full strength. */
  weight: number;
  params: RuleParams[K];
}

export type RuleSet = { [K in RuleKind]: RuleConfig<K> };

export const defaultRuleSet: RuleSet = {
  structuring: { enabled: true, weight: 80, params: { windowDays: 7, thresholdMinor: 500_000, minCount: 2 } },
  cumulative_limit: { enabled: true, weight: 60, params: { ratioBasisPoints: 8_000, minDepartments: 2 } },
  frequency_spike: { enabled: true, weight: 50, params: { recentDays: 30, baselineDays: 180, factor: 3, minRecentCount: 4, maxChancePerMillion: 10 } },
  public_official: { enabled: true, weight: 90, params: { minAmountMinor: 0 } },
  related_party: { enabled: true, weight: 85, params: { lookbackDays: 365 } },
  revenue_outlier: { enabled: true, weight: 55, params: { peerBy: 'department', minDeviations: 3, minRatioBasisPoints: 50, minPeers: 20, warmUpDays: 120 } },
  blackout: { enabled: true, weight: 95, params: { lookbackDays: 365 } },
  approver_affinity: { enabled: true, weight: 45, params: { windowDays: 90, minCount: 6, minShareBasisPoints: 5_000, minDistinctRequesters: 3 } },
  payment_mismatch: { enabled: true, weight: 50, params: { toleranceBasisPoints: 500, maxDaysAfterApproval: 60 } },
  new_client: { enabled: true, weight: 40, params: { withinDays: 30, minAmountMinor: 100_000 } },
};

/** How many days of history the rules need to judge today's event. */
export function horizonDays(rules: RuleSet): number {
  const spike = rules.frequency_spike.params;
  return Math.max(366, spike.recentDays + spike.baselineDays, rules.related_party.params.lookbackDays, rules.blackout.params.lookbackDays);
}

export const severityOf = (score: number): 'high' | 'medium' | 'low' => (score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low');

