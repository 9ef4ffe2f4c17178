// "Test against the last 90 days": a draft of one rule replayed over the recorded events beside the
// rule as in force, each in an engine of its own, so compliance sees what the change would raise.
import { chinaToday } from '../../core/calendar';
import { dayNumber, fromDayNumber } from '../../core/cases/dates';
import { AlertBook, type BookedAlert } from '../../core/monitoring/alerts';
import { MonitoringEngine } from '../../core/monitoring/engine';
import { explainAlert } from '../../core/monitoring/explain';
import { horizonDays, ruleKinds, severityOf, type RuleConfig, type RuleKind, type RuleSet } from '../../core/monitoring/rules';
import type { RequestContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n/messages';
import { nameBook, requestView } from './alert-names';
import { replayInto } from './consumer';
import { checkedConfig, ruleSetInForce } from './rules.service';

const SHOWN = 200;

/** The rule set with only `rule` switched on, as configured: the others would only cost time. */
function only(rules: RuleSet, rule: RuleKind, config: RuleConfig): RuleSet {
  const set = Object.fromEntries(ruleKinds.map((k) => [k, { ...rules[k], enabled: false }])) as unknown as RuleSet;
  (set as Record<RuleKind, RuleConfig>)[rule] = config;
  return set;
}

function replayBook(engine: MonitoringEngine, book: AlertBook, from: string) {
  return (event: Parameters<MonitoringEngine['apply']>[0]) => {
    const fired = engine.apply(event);
    if (event.day >= from) for (const candidate of fired) book.add(candidate);
  };
}

/** Keeps out alerts naming a client or party the reader may not see. */
const visibleTo = (ctx: RequestContext) => (alert: BookedAlert) => {
  const scope = ctx.clientScope;
  if (!scope?.hiddenClients.size) return true;
  const clients = [alert.subject.clientId, ...alert.requests.map((r) => r.clientId)];
  const parties = [alert.subject.recipientId, ...alert.requests.map((r) => r.recipientId)];
  return !clients.some((id) => id && scope.hiddenClients.has(id)) && !parties.some((id) => id && scope.hiddenParties.has(id));
};

export async function previewRule(db: Db, ctx: RequestContext, rule: RuleKind, input: { enabled: boolean; weight: number; params: Record<string, unknown>; days: number }, locale: Locale, today = chinaToday()) {
  const draft = checkedConfig(rule, input);
  const inForce = await ruleSetInForce(db);
  const draftRules = only(inForce.rules, rule, draft);
  const currentRules = only(inForce.rules, rule, inForce.rules[rule]);
  const end = dayNumber(today);
  const from = fromDayNumber(end - input.days + 1);
  const start = fromDayNumber(end - input.days + 1 - Math.max(horizonDays(draftRules), horizonDays(currentRules)));
  const engines = { draft: new MonitoringEngine(draftRules), current: new MonitoringEngine(currentRules) };
  const books = { draft: new AlertBook(), current: new AlertBook() };
  const feedDraft = replayBook(engines.draft, books.draft, from);
  const feedCurrent = replayBook(engines.current, books.current, from);
  let replayed = 0;
  await replayInto(db, engines.draft, 0, start, (event) => {
    replayed += 1;
    feedDraft(event);
    feedCurrent(event);
  });
  for (const name of ['draft', 'current'] as const) for (const candidate of engines[name].sweep(today, engines[name].lastSeq)) books[name].add(candidate);

  const visible = visibleTo(ctx);
  const found = books.draft.alerts.filter(visible).sort((a, b) => b.score - a.score || (a.day < b.day ? 1 : -1));
  const shown = found.slice(0, SHOWN);
  const names = await nameBook(db, shown, locale);
  return {
    rule,
    from,
    to: today,
    eventsReplayed: replayed,
    total: found.length,
    inForceTotal: books.current.alerts.filter(visible).length,
    alerts: shown.map((alert) => ({
      key: alert.key,
      score: alert.score,
      severity: severityOf(alert.score),
      explanation: explainAlert(alert, names, locale),
      day: alert.day,
      requests: alert.requests.map((r) => requestView(r, names)),
    })),
  };
}
