// Shapes of the early-warning API (src/modules/monitoring/monitoring.types.ts) as the web app reads
// them; the states, moves and age buckets come from src/core, which the server decides with.
import type { Money } from '../../../../src/core/money';
import { ruleKinds, type RuleKind } from '../../../../src/core/monitoring/rules';
import { ageBuckets, alertStates, type AgeBucket, type AlertMove, type AlertState } from '../../../../src/core/monitoring/triage';

export { ageBuckets, alertStates, ruleKinds, type AgeBucket, type AlertMove, type AlertState, type RuleKind };

export const severities = ['high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

/** The list's state filter: either state of an alert still to be judged, or one state. */
export const stateFilters = ['open', ...alertStates] as const;
export type StateFilter = (typeof stateFilters)[number];

export interface Person {
  id: string;
  displayName: string;
}

export interface Named {
  id: string;
  name: string;
}

export interface AlertRequest {
  id: string;
  ref: string;
  amount: Money;
  benefitDate: string;
  /** The day it was submitted (or, for approvals, approved). */
  day: string;
  requester: Person | null;
  department: Named | null;
  recipient: Named | null;
  client: Named | null;
}

export interface Alert {
  id: string;
  ref: string;
  rule: RuleKind;
  ruleLabel: string;
  ruleVersion: number;
  state: AlertState;
  version: number;
  score: number;
  severity: Severity;
  /** What the rule saw, in one sentence in the reader's language. */
  explanation: string;
  client: Named | null;
  recipient: Named | null;
  user: Person | null;
  department: Named | null;
  requests: AlertRequest[];
  /** The figures behind the sentence; which ones depends on the rule. */
  reason: Record<string, unknown>;
  hits: number;
  assignee: Person | null;
  case: { id: string; ref: string } | null;
  dismissReason: string | null;
  ageDays: number;
  allowedActions: AlertMove[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export const historyKinds = ['raised', 'merged', 'reviewing', 'dismissed', 'escalated'] as const;

export interface AlertHistoryEntry {
  kind: (typeof historyKinds)[number] | string;
  actor: Person | null;
  at: string;
  comment: string | null;
  evidence: unknown;
}

export interface AlertDetail extends Alert {
  history: AlertHistoryEntry[];
}

export interface Dashboard {
  open: number;
  bySeverity: { severity: Severity; buckets: Partial<Record<AgeBucket, number>>; total: number }[];
  byRule: { rule: RuleKind; label: string; open: number; total: number }[];
  oldestOpenDays: number | null;
  lastJudgedAt: string | null;
}

export interface EscalateInput {
  version: number;
  title?: string;
  description?: string;
  kind?: string;
  subjectMatters?: string[];
  severity?: string | null;
  comment?: string | null;
}

export const paramUnits = ['days', 'money', 'basis_points', 'count', 'factor', 'deviations', 'per_million', 'choice'] as const;
export type ParamUnit = (typeof paramUnits)[number];
export type ParamValue = number | string;

export interface Rule {
  rule: RuleKind;
  label: string;
  description: string;
  /** 0 is the built-in default: no version was ever published. */
  version: number;
  enabled: boolean;
  weight: number;
  params: Record<string, ParamValue>;
  defaults: Record<string, ParamValue>;
  paramLabels: Record<string, { label: string; unit: ParamUnit | string }>;
  note: string | null;
  createdBy: Person | null;
  createdAt: string | null;
}

export interface RuleVersion {
  version: number;
  enabled: boolean;
  weight: number;
  params: Record<string, ParamValue>;
  note: string | null;
  createdAt: string;
  createdBy: Person | null;
}

export interface RuleConfigInput {
  enabled: boolean;
  weight: number;
  params: Record<string, ParamValue>;
}

export interface Preview {
  rule: RuleKind;
  from: string;
  to: string;
  eventsReplayed: number;
  alerts: { key: string; score: number; severity: Severity; explanation: string; day: string; requests: AlertRequest[] }[];
  total: number;
  /** What the rule as in force raised on the same days. */
  inForceTotal: number;
}

export const ALERTS_API = '/api/alerts';
export const DASHBOARD_API = `${ALERTS_API}/dashboard`;
export const alertApi = (id: string, rest = '') => `${ALERTS_API}/${encodeURIComponent(id)}${rest}`;
export const RULES_API = '/api/monitoring/rules';
export const ruleApi = (rule: RuleKind, rest = '') => `${RULES_API}/${encodeURIComponent(rule)}${rest}`;

export const ALERTS_PATH = '/alerts';
export const alertPath = (id: string) => `${ALERTS_PATH}/${encodeURIComponent(id)}`;
export const RULES_PATH = '/monitoring/rules';
export const rulePath = (rule: RuleKind) => `${RULES_PATH}/${encodeURIComponent(rule)}`;

// Risk assessment (风险评估): the categories, their caps and the schedule are the core's.
export { categoryCaps, riskCategories, riskFrequencies, type RiskCategory, type RiskFrequency } from '../../../../src/core/monitoring/risk';

export const riskSubjectTypes = ['client', 'staff'] as const;
export type RiskSubjectType = (typeof riskSubjectTypes)[number];

export interface RiskRunRef {
  id: string;
  assessedOn: string;
  trigger: 'schedule' | 'manual' | string;
}

export interface RiskFactor {
  category: string;
  code: string;
  points: number;
  value: number;
  /** The factor as a phrase with its figure, in the reader's language. */
  text: string;
}

/** Points per category (alerts, cases, …), each at most its cap. */
export type RiskCategoryPoints = Record<string, number>;

export interface RiskEntry {
  subjectType: RiskSubjectType;
  subject: Named;
  department: Named | null;
  score: number;
  level: Severity;
  /** The score of the run before, when the subject was assessed then. */
  previousScore: number | null;
  categories: RiskCategoryPoints;
  /** Highest points first. */
  factors: RiskFactor[];
}

export interface RiskHeatMap {
  run: RiskRunRef | null;
  /** A null id is the subjects without a department. */
  departments: { id: string | null; name: string }[];
  categories: { key: string; label: string }[];
  cells: { departmentId: string | null; category: string; average: number; subjects: number; high: number }[];
}

export interface RiskScore {
  assessedOn: string;
  score: number;
  level: Severity;
  categories: RiskCategoryPoints;
  factors: RiskFactor[];
}

export interface RiskRun {
  id: string;
  assessedOn: string;
  trigger: 'schedule' | 'manual';
  clients: number;
  staff: number;
  startedAt: string;
  finishedAt: string;
  requestedBy: Person | null;
}

export const RISK_API = '/api/risk';
export const RISK_REGISTER_API = `${RISK_API}/register`;
export const RISK_HEATMAP_API = `${RISK_API}/heatmap`;
export const RISK_RUNS_API = `${RISK_API}/runs`;
export const RISK_SETTINGS_API = `${RISK_API}/settings`;
export const riskHistoryApi = (subjectType: RiskSubjectType, id: string) => `${RISK_API}/history/${subjectType}/${encodeURIComponent(id)}`;

export const RISK_PATH = '/risk';
