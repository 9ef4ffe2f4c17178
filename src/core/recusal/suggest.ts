// Recusal suggestions from the registry graph: for each staff member, the clients they should step
// away from, the rules that say so and the relationships that prove it.
import { pathText, type Locale } from '../conflicts/explain';
import { HUB_LINKS, type GraphEdge, type PathStep } from '../conflicts/paths';
import { formatPercentage, relationshipRules } from '../relationships';
import {
  normalizeTitle,
  ruleSetProblems,
  severityRank,
  type KeyLink,
  type KinshipType,
  type RecusalRule,
  type RecusalRuleKind,
  type Severity,
} from './rules';

/** A registry relationship with the facts the rules read. Dates are YYYY-MM-DD, both ends inclusive. */
export interface RecusalEdge extends GraphEdge {
  shareBasisPoints?: number | null;
  /** Title or rank (董事长, 总经理…): decides whether an employee is a senior manager. */
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface RecusalStep extends PathStep {
  edge: RecusalEdge;
}

/** A personal dispute a staff member declared with another party (a person or an organisation). */
export interface DeclaredDispute {
  id: string;
  staffPartyId: string;
  counterpartyId: string;
  validFrom?: string | null;
  validTo?: string | null;
  description?: string | null;
}

export interface RecusalGraph {
  /** Relationships not superseded, ended ones included: prior employment is read from them. */
  edges: readonly RecusalEdge[];
  disputes?: readonly DeclaredDispute[];
}

export interface StaffRef {
  partyId: string;
  userId?: string | null;
}

export interface ClientRef {
  clientId: string;
  partyId: string;
}

/**
 * Why a rule fired. Kinship and shareholding steps lead from the staff member to the client's party;
 * an employment step is the staff member's own tie to the client; a dispute's steps lead from the
 * counterparty to the client (none when the counterparty is the client).
 */
export type Evidence =
  | { kind: 'kinship'; steps: RecusalStep[] }
  | { kind: 'shareholding'; steps: RecusalStep[] }
  | { kind: 'employment'; steps: RecusalStep[]; current: boolean }
  | { kind: 'personal_dispute'; dispute: DeclaredDispute; steps: RecusalStep[]; current: boolean };

export interface RecusalFinding {
  ruleId: string;
  kind: RecusalRuleKind;
  severity: Severity;
  evidence: Evidence[];
}

/** One per staff member and client, however many rules fired. */
export interface RecusalSuggestion {
  staffPartyId: string;
  staffUserId: string | null;
  clientId: string;
  clientPartyId: string;
  /** The most serious of the findings. */
  severity: Severity;
  findings: RecusalFinding[];
}

/** Evidence kept per finding: enough to convince, not every cousin. */
export const MAX_EVIDENCE = 5;

/** The date `years` before a day (29 February falls back to the 28th). */
export function yearsBefore(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) - years;
  let rest = day.slice(4);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (rest === '-02-29' && !leap) rest = '-02-28';
  return `${String(year).padStart(4, '0')}${rest}`;
}

const started = (from: string | null | undefined, today: string) => !from || from <= today;
const lastsUntil = (to: string | null | undefined, day: string) => !to || to >= day;
export const isCurrent = (edge: Pick<RecusalEdge, 'validFrom' | 'validTo'>, today: string) => started(edge.validFrom, today) && lastsUntil(edge.validTo, today);

const edgeKey = (e: RecusalEdge) => `${e.id}\u0000${e.from}\u0000${e.to}\u0000${e.type}`;
const byEdge = (a: RecusalEdge, b: RecusalEdge) => {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const [ka, kb] = [edgeKey(a), edgeKey(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** The graph indexed once for many staff members; adjacency is sorted so results never depend on input order. */
export interface RecusalIndex {
  today: string;
  /** Relationships in force today, at both ends. */
  current: ReadonlyMap<string, readonly RecusalEdge[]>;
  /** Every relationship from a party to a client's party, ended ones too (prior employment). */
  toClient: ReadonlyMap<string, readonly RecusalEdge[]>;
  clientsByParty: ReadonlyMap<string, readonly ClientRef[]>;
  disputesByStaff: ReadonlyMap<string, readonly DeclaredDispute[]>;
}

export function indexRecusalGraph(graph: RecusalGraph, clients: readonly ClientRef[], today: string): RecusalIndex {
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const clientsByParty = new Map<string, ClientRef[]>();
  for (const client of clients) push(clientsByParty, client.partyId, client);
  const current = new Map<string, RecusalEdge[]>();
  const toClient = new Map<string, RecusalEdge[]>();
  for (const edge of graph.edges) {
    if (edge.from === edge.to) continue;
    if (isCurrent(edge, today)) {
      push(current, edge.from, edge);
      push(current, edge.to, edge);
    }
    if (clientsByParty.has(edge.to)) push(toClient, edge.from, edge);
  }
  for (const list of [...current.values(), ...toClient.values()]) list.sort(byEdge);
  for (const list of clientsByParty.values()) list.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  const disputesByStaff = new Map<string, DeclaredDispute[]>();
  for (const dispute of graph.disputes ?? []) if (dispute.staffPartyId !== dispute.counterpartyId) push(disputesByStaff, dispute.staffPartyId, dispute);
  for (const list of disputesByStaff.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { today, current, toClient, clientsByParty, disputesByStaff };
}

/**
 * Family reached from the staff member by at most `maxHops` ties of the given types, each with its
 * shortest path (the staff member with an empty one). Breadth first over sorted adjacency, so the
 * path kept is the same whatever the input order. A party with more than HUB_LINKS relationships is
 * reached but not walked through, as in the conflict check.
 */
function kinWalk(index: RecusalIndex, start: string, types: ReadonlySet<string>, maxHops: number): Map<string, RecusalStep[]> {
  const reached = new Map<string, RecusalStep[]>([[start, []]]);
  let frontier = [start];
  for (let hop = 0; hop < maxHops && frontier.length; hop += 1) {
    const next: string[] = [];
    for (const at of frontier) {
      const edges = index.current.get(at) ?? [];
      if (hop > 0 && edges.length > HUB_LINKS) continue;
      const path = reached.get(at)!;
      for (const edge of edges) {
        if (!types.has(edge.type)) continue;
        const other = edge.from === at ? edge.to : edge.from;
        if (reached.has(other)) continue;
        reached.set(other, [...path, { edge, reversed: edge.from !== at, partyId: other }]);
        next.push(other);
      }
    }
    frontier = next;
  }
  return reached;
}

/** A key-link list compiled for lookups: which relationship types qualify and under what condition. */
interface KeyTest {
  client: boolean;
  matches: (edge: RecusalEdge) => boolean;
}

function keyTest(links: readonly KeyLink[]): KeyTest {
  const offices = new Set<string>();
  let minShare: number | null = null;
  const titles = new Set<string>();
  for (const link of links) {
    if (link.type === 'shareholder') minShare = Math.min(minShare ?? Infinity, link.minBasisPoints);
    else if (link.type === 'employee') for (const title of link.titles) titles.add(normalizeTitle(title));
    else if (link.type !== 'client') offices.add(link.type);
  }
  return {
    client: links.some((l) => l.type === 'client'),
    matches: (edge) => {
      if (offices.has(edge.type)) return true;
      if (edge.type === 'shareholder') return minShare !== null && (edge.shareBasisPoints ?? 0) >= minShare;
      if (edge.type === 'employee') return !!edge.role && titles.has(normalizeTitle(edge.role));
      return false;
    },
  };
}

const stepTo = (edge: RecusalEdge): RecusalStep => ({ edge, reversed: false, partyId: edge.to });
const pathKey = (steps: readonly RecusalStep[]) => steps.map((s) => `${edgeKey(s.edge)}\u0001${s.partyId}`).join('\u0002');

/** Findings collected per client, then per rule, in the order rules are given. */
class Collector {
  readonly byClient = new Map<string, Map<RecusalRule, Evidence[]>>();
  add(client: ClientRef, rule: RecusalRule, evidence: Evidence) {
    let rules = this.byClient.get(client.clientId);
    if (!rules) this.byClient.set(client.clientId, (rules = new Map()));
    const list = rules.get(rule);
    if (list) list.push(evidence);
    else rules.set(rule, [evidence]);
  }
}

/** Suggestions for one staff member against an indexed graph. Rules are assumed valid; disabled ones are ignored. */
export function suggestFor(index: RecusalIndex, staff: StaffRef, rules: readonly RecusalRule[]): RecusalSuggestion[] {
  const today = index.today;
  const walks = new Map<string, Map<string, RecusalStep[]>>();
  const family = (types: readonly KinshipType[], hops: number) => {
    const key = `${[...types].sort().join(',')}/${hops}`;
    let walk = walks.get(key);
    if (!walk) walks.set(key, (walk = kinWalk(index, staff.partyId, new Set(types), hops)));
    return walk;
  };
  const clientsOf = (partyId: string) => index.clientsByParty.get(partyId) ?? [];
  const found = new Collector();
  const clientParties = new Map<string, ClientRef>();
  const add = (client: ClientRef, rule: RecusalRule, evidence: Evidence) => {
    clientParties.set(client.clientId, client);
    found.add(client, rule, evidence);
  };

  for (const rule of rules) {
    if (!rule.enabled) continue;
    switch (rule.kind) {
      case 'kinship': {
        const test = keyTest(rule.keyLinks);
        for (const [partyId, path] of family(rule.kinTypes, rule.maxHops)) {
          if (!path.length) continue;
          if (test.client) for (const client of clientsOf(partyId)) add(client, rule, { kind: 'kinship', steps: path });
          for (const edge of index.toClient.get(partyId) ?? [])
            if (isCurrent(edge, today) && test.matches(edge)) for (const client of clientsOf(edge.to)) add(client, rule, { kind: 'kinship', steps: [...path, stepTo(edge)] });
        }
        break;
      }
      case 'shareholding': {
        for (const [partyId, path] of family(rule.kinTypes, rule.kinMaxHops)) {
          for (const edge of index.toClient.get(partyId) ?? [])
            if (edge.type === 'shareholder' && isCurrent(edge, today) && (edge.shareBasisPoints ?? 0) >= rule.minBasisPoints)
              for (const client of clientsOf(edge.to)) add(client, rule, { kind: 'shareholding', steps: [...path, stepTo(edge)] });
        }
        break;
      }
      case 'employment': {
        const since = yearsBefore(today, rule.withinYears);
        const types = new Set<string>(rule.types);
        for (const edge of index.toClient.get(staff.partyId) ?? [])
          if (types.has(edge.type) && started(edge.validFrom, today) && lastsUntil(edge.validTo, since))
            for (const client of clientsOf(edge.to)) add(client, rule, { kind: 'employment', steps: [stepTo(edge)], current: lastsUntil(edge.validTo, today) });
        break;
      }
      case 'personal_dispute': {
        const since = yearsBefore(today, rule.withinYears);
        const test = keyTest(rule.keyLinks);
        for (const dispute of index.disputesByStaff.get(staff.partyId) ?? []) {
          if (!started(dispute.validFrom, today) || !lastsUntil(dispute.validTo, since)) continue;
          const current = lastsUntil(dispute.validTo, today);
          if (test.client) for (const client of clientsOf(dispute.counterpartyId)) add(client, rule, { kind: 'personal_dispute', dispute, steps: [], current });
          for (const edge of index.toClient.get(dispute.counterpartyId) ?? [])
            if (isCurrent(edge, today) && test.matches(edge))
              for (const client of clientsOf(edge.to)) add(client, rule, { kind: 'personal_dispute', dispute, steps: [stepTo(edge)], current });
        }
        break;
      }
    }
  }

  const order = new Map(rules.map((rule, at) => [rule.id, at]));
  const suggestions: RecusalSuggestion[] = [];
  for (const [clientId, byRule] of found.byClient) {
    const findings = [...byRule].map(([rule, evidence]): RecusalFinding => {
      const keyed = new Map<string, Evidence>();
      for (const e of evidence) keyed.set(`${e.kind === 'personal_dispute' ? e.dispute.id : ''}\u0003${pathKey(e.steps)}`, e);
      const kept = [...keyed]
        .sort(([ka, a], [kb, b]) => a.steps.length - b.steps.length || (ka < kb ? -1 : ka > kb ? 1 : 0))
        .slice(0, MAX_EVIDENCE)
        .map(([, e]) => e);
      return { ruleId: rule.id, kind: rule.kind, severity: rule.severity, evidence: kept };
    });
    findings.sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || order.get(a.ruleId)! - order.get(b.ruleId)!);
    const client = clientParties.get(clientId)!;
    suggestions.push({
      staffPartyId: staff.partyId,
      staffUserId: staff.userId ?? null,
      clientId,
      clientPartyId: client.partyId,
      severity: findings[0]!.severity,
      findings,
    });
  }
  return suggestions.sort(bySuggestion);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySuggestion = (a: RecusalSuggestion, b: RecusalSuggestion) =>
  severityRank[b.severity] - severityRank[a.severity] || compareText(a.staffPartyId, b.staffPartyId) || compareText(a.clientId, b.clientId);

/**
 * Every (staff member, client) pair some enabled rule flags, most serious first. Throws on an invalid
 * rule set: rules are validated when saved, so one reaching here is a defect, not user input.
 */
export function suggestRecusals(graph: RecusalGraph, staff: readonly StaffRef[], clients: readonly ClientRef[], rules: readonly RecusalRule[], today: string): RecusalSuggestion[] {
  const problems = ruleSetProblems(rules);
  if (problems.length) throw new Error(`Invalid recusal rules: ${problems.map((p) => `${p.ruleId}.${p.field} ${p.code}`).join(', ')}`);
  const index = indexRecusalGraph(graph, clients, today);
  const seen = new Set<string>();
  const suggestions: RecusalSuggestion[] = [];
  for (const member of staff) {
    if (seen.has(member.partyId)) continue;
    seen.add(member.partyId);
    suggestions.push(...suggestFor(index, member, rules));
  }
  return suggestions.sort(bySuggestion);
}

export type NameOf = (partyId: string) => string;

const kinWords: Record<KinshipType, Record<Locale, string>> = {
  spouse: { 'zh-CN': '配偶', en: 'spouse' },
  parent: { 'zh-CN': '父母', en: 'parent' },
  child: { 'zh-CN': '子女', en: 'child' },
  sibling: { 'zh-CN': '兄弟姐妹', en: 'sibling' },
  relative: { 'zh-CN': '亲属', en: 'relative' },
};

/** What the party reached is to the one before: a `parent` edge read backwards leads to a parent. */
function kinOf(step: RecusalStep): KinshipType {
  const type = step.edge.type;
  if (type === 'parent') return step.reversed ? 'parent' : 'child';
  if (type === 'child') return step.reversed ? 'child' : 'parent';
  return type as KinshipType;
}

/** 员工的配偶的兄弟姐妹 / The staff member's spouse's sibling. */
function whose(kin: readonly RecusalStep[], locale: Locale): string {
  if (locale === 'zh-CN') return kin.length ? `员工${kin.map((s) => `的${kinWords[kinOf(s)][locale]}`).join('')}` : '员工本人';
  return `The staff member${kin.map((s) => `'s ${kinWords[kinOf(s)][locale]}`).join('')}`;
}

/** What a key person is to the client, as a predicate: 担任客户董事 / is a director of the client. */
function keyPhrase(edge: RecusalEdge | null, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (!edge) return zh ? '即为客户本人' : 'is the client';
  switch (edge.type) {
    case 'director':
      return zh ? '担任客户董事' : 'is a director of the client';
    case 'supervisor':
      return zh ? '担任客户监事' : 'is a supervisor of the client';
    case 'legal_representative':
      return zh ? '是客户的法定代表人' : "is the client's legal representative";
    case 'shareholder': {
      const share = formatPercentage(edge.shareBasisPoints ?? 0);
      return zh ? `持有客户 ${share} 股份` : `holds ${share} of the client`;
    }
    case 'employee':
      if (edge.role) return zh ? `在客户担任${edge.role}` : `is ${edge.role} at the client`;
      return zh ? '在客户任职' : 'works at the client';
    default:
      return zh ? `与客户的关系：${relationshipRules[edge.type].label[locale]}` : `is linked to the client (${relationshipRules[edge.type].label[locale]})`;
  }
}

const officeWords: Record<string, Record<Locale, string>> = {
  director: { 'zh-CN': '董事', en: 'a director' },
  supervisor: { 'zh-CN': '监事', en: 'a supervisor' },
  legal_representative: { 'zh-CN': '法定代表人', en: 'the legal representative' },
};

function employmentSentence(edge: RecusalEdge, current: boolean, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const until = edge.validTo ?? '';
  if (edge.type === 'employee') {
    if (current) return zh ? '员工本人目前受雇于客户' : 'The staff member is employed by the client';
    return zh ? `员工本人曾受雇于客户，至 ${until}` : `The staff member was employed by the client until ${until}`;
  }
  const office = officeWords[edge.type]?.[locale] ?? relationshipRules[edge.type].label[locale];
  if (current) return zh ? `员工本人现任客户${office}` : `The staff member is ${office} of the client`;
  return zh ? `员工本人曾任客户${office}，至 ${until}` : `The staff member was ${office} of the client until ${until}`;
}

const disputeLabel: Record<Locale, string> = { 'zh-CN': '个人纠纷', en: 'personal dispute' };

/**
 * One piece of evidence in words: the path, then what it means.
 * 李娜 —配偶— 张建华 —董事→ 上海鼎盛精密机械股份有限公司（客户）：员工的配偶担任客户董事
 */
export function explainEvidence(evidence: Evidence, staffPartyId: string, nameOf: NameOf, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const colon = zh ? '：' : ': ';
  const words = (start: string, steps: readonly RecusalStep[]) =>
    pathText({ startName: nameOf(start), target: 'client', steps: steps.map((s) => ({ type: s.edge.type, reversed: s.reversed, name: nameOf(s.partyId) })) }, locale);
  const path = words(staffPartyId, evidence.steps);
  switch (evidence.kind) {
    case 'kinship':
    case 'shareholding': {
      const last = evidence.steps.at(-1);
      // The last step is the link to the client unless the relative is the client.
      const linked = last && !relationshipRules[last.edge.type].kinship ? last.edge : null;
      const kin = linked ? evidence.steps.slice(0, -1) : evidence.steps;
      return `${path}${colon}${whose(kin, locale)}${zh ? '' : ' '}${keyPhrase(linked, locale)}`;
    }
    case 'employment':
      return `${path}${colon}${employmentSentence(evidence.steps[0]!.edge, evidence.current, locale)}`;
    case 'personal_dispute': {
      const { dispute } = evidence;
      const other = nameOf(dispute.counterpartyId);
      const prefix = `${nameOf(staffPartyId)} —${disputeLabel[locale]}— ${words(dispute.counterpartyId, evidence.steps)}`;
      const ended = evidence.current ? '' : zh ? `（已于 ${dispute.validTo} 结束）` : ` (ended ${dispute.validTo})`;
      const link = evidence.steps[0]?.edge ?? null;
      const sentence = zh
        ? `员工本人申报与${link ? other : `客户${other}`}存在个人纠纷${ended}${link ? `，${other}${keyPhrase(link, locale)}` : ''}`
        : `The staff member declared a personal dispute with ${link ? other : `the client ${other}`}${ended}${link ? `, who ${keyPhrase(link, locale)}` : ''}`;
      return `${prefix}${colon}${sentence}`;
    }
  }
}

/** Every piece of evidence of a suggestion in words, most serious rule first, each line once. */
export function explainSuggestion(suggestion: RecusalSuggestion, nameOf: NameOf, locale: Locale): string[] {
  const lines = suggestion.findings.flatMap((f) => f.evidence.map((e) => explainEvidence(e, suggestion.staffPartyId, nameOf, locale)));
  return [...new Set(lines)];
}
