// Precision and recall of the alerts against the planted patterns, per rule.
//
// Matching: an alert (as merged by the AlertBook) matches a label when both are of the same rule and
// either the alert's key is one of the label's keys, or the alert's requests include one of the
// label's requests. The second covers an alert that the pattern fired under a neighbouring key (a
// structuring split seen at the client's level as well as the recipient's).
// Recall of a rule: its planted labels matched by at least one of its alerts / its planted labels.
// Precision of a rule: its alerts matching at least one planted label / its alerts (1 when it raised
// none and none was planted, 0 when it raised none though some were). Alerts that miss every label
// are told apart by what they hit: a decoy's requests (a planted near miss: the engine crossed an
// edge it should not) or nothing planted at all (the background met the rule by itself, or the
// engine erred there: see reference.ts).
import type { BookedAlert } from '../../src/core/monitoring/alerts';
import { ruleKinds, type RuleKind } from '../../src/core/monitoring/rules';
import type { Label } from './plant';

export interface RuleScore {
  planted: number;
  detected: number;
  alerts: number;
  matched: number;
  onDecoys: number;
  precision: number;
  recall: number;
  /** Alerts of the rule that match no planted label, for a look. */
  unmatched: BookedAlert[];
  /** Those of them that hit a decoy. */
  decoyAlerts: Set<BookedAlert>;
  /** Planted labels no alert matched. */
  missed: Label[];
}

class LabelIndex {
  private readonly byKey = new Map<string, Label[]>();
  private readonly byRequest = new Map<string, Label[]>();

  constructor(labels: readonly Label[]) {
    const add = (map: Map<string, Label[]>, id: string, label: Label) => map.set(id, [...(map.get(id) ?? []), label]);
    for (const label of labels) {
      for (const key of label.keys) add(this.byKey, key, label);
      for (const id of label.requestIds) add(this.byRequest, `${label.rule}|${id}`, label);
    }
  }

  matches(alert: BookedAlert, byKey = true): Set<Label> {
    const found = new Set(byKey ? (this.byKey.get(alert.key) ?? []) : []);
    for (const r of alert.requests) for (const label of this.byRequest.get(`${alert.rule}|${r.requestId}`) ?? []) found.add(label);
    return found;
  }
}

const ratio = (a: number, b: number) => Math.round((a / b) * 10_000) / 10_000;

export function score(alerts: readonly BookedAlert[], labels: readonly Label[], decoys: readonly Label[]): Record<RuleKind, RuleScore> {
  const planted = new LabelIndex(labels);
  const nearMisses = new LabelIndex(decoys);
  const detected = new Set<Label>();
  const empty = (rule: RuleKind): RuleScore => ({ planted: labels.filter((l) => l.rule === rule).length, detected: 0, alerts: 0, matched: 0, onDecoys: 0, precision: 0, recall: 0, unmatched: [], decoyAlerts: new Set(), missed: [] });
  const scores = Object.fromEntries(ruleKinds.map((rule) => [rule, empty(rule)])) as Record<RuleKind, RuleScore>;
  for (const alert of alerts) {
    const s = scores[alert.rule];
    s.alerts += 1;
    const hits = planted.matches(alert);
    for (const label of hits) detected.add(label);
    if (hits.size > 0) s.matched += 1;
    else {
      // Only the decoy's own requests: a key such as a client's can be hit again later by other activity.
      if (nearMisses.matches(alert, false).size > 0) {
        s.onDecoys += 1;
        s.decoyAlerts.add(alert);
      }
      s.unmatched.push(alert);
    }
  }
  for (const label of labels) {
    if (detected.has(label)) scores[label.rule].detected += 1;
    else scores[label.rule].missed.push(label);
  }
  for (const s of Object.values(scores)) {
    s.recall = s.planted === 0 ? 1 : ratio(s.detected, s.planted);
    s.precision = s.alerts === 0 ? (s.planted === 0 ? 1 : 0) : ratio(s.matched, s.alerts);
  }
  return scores;
}
