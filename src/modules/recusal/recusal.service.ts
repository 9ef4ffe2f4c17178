// Recusals (回避) and information barriers (信息隔离墙): the rule set, suggestions from the registry
// graph, requests and decisions, walls, and the restrictions the enforcement point will ask for.
// The decisions themselves live in src/core/recusal; every change here is one transaction with its
// audit entry, under a row lock and a version check.
import { and, desc, eq, gt, gte, inArray, lt, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import type { Locale } from '../../core/conflicts/explain';
import { explainRestriction, restrictionsOf, unresolvedClientSets, type ClientSets, type InformationBarrier, type RecusalRecord, type Restriction, type RestrictionCause } from '../../core/recusal/barriers';
import { defaultRecusalRules, ruleSetProblems, type RecusalRule } from '../../core/recusal/rules';
import { explainSuggestion, suggestRecusals, type RecusalSuggestion } from '../../core/recusal/suggest';
import { ensureClientVisible, hasRestrictions, hiddenClientsArray, isClientHidden, noteRefusal, visibleClientArray } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors';
import { clientNames, partyFacts, recusalGraphEdges, staffDisputes } from '../registry/screening.service';
import { accessDenials, clientSets, informationBarriers, recusalRuleVersions, recusals } from './recusal.tables';
import type { ClientSetChangeInput, DecisionInput, NewBarrierInput, NewClientSetInput, NewRecusalInput, RecusalListQuery, RulesInput } from './recusal.types';

type RecusalRow = typeof recusals.$inferSelect;
type BarrierRow = typeof informationBarriers.$inferSelect;
type ClientSetRow = typeof clientSets.$inferSelect;
const NO_USER = '00000000-0000-0000-0000-000000000000';
const RULES_LOCK = 727_081;
const SET_NAMES_LOCK = 727_082;

const me = (ctx: RequestContext) => ctx.principal?.userId ?? NO_USER;
const holds = (ctx: RequestContext, permission: 'recusals.manage' | 'recusals.read_all') => ctx.principal?.permissions.includes(permission) ?? false;
const unique = <T>(items: readonly T[]) => [...new Set(items)];

// ---------------------------------------------------------------------------------------------
// Rules

export async function currentRules(executor: Executor) {
  const [row] = await executor.select().from(recusalRuleVersions).orderBy(desc(recusalRuleVersions.version)).limit(1);
  // Until compliance publishes its own, the built-in set is in force.
  if (!row) return { version: null, rules: structuredClone(defaultRecusalRules) as RecusalRule[], note: null, createdAt: null };
  return { version: row.version, rules: row.rules as RecusalRule[], note: row.note, createdAt: row.createdAt };
}

export async function publishRules(db: Db, ctx: RequestContext, input: RulesInput) {
  const rules = input.rules as unknown as RecusalRule[];
  const problems = ruleSetProblems(rules);
  if (problems.length) throw Invalid('RECUSAL_RULES_INVALID', {}, problems.map((p) => ({ path: `rules.${p.ruleId || '?'}.${p.field}`, message: p.code })));
  await inTransaction(db, async (tx) => {
    // One publisher at a time, so two versions cannot take the same number.
    await tx.execute(sql`select pg_advisory_xact_lock(${RULES_LOCK})`);
    const previous = await currentRules(tx);
    const version = (previous.version ?? 0) + 1;
    await tx.insert(recusalRuleVersions).values({ version, rules, note: input.note ?? null, createdBy: ctx.principal?.userId ?? null });
    await appendAudit(tx, ctx, { action: 'recusal.rules.publish', entityType: 'recusal_rules', entityId: String(version), before: { version: previous.version }, after: { version, ruleIds: rules.map((r) => r.id), note: input.note ?? null } });
  });
  return currentRules(db);
}

// ---------------------------------------------------------------------------------------------
// Reads shared by the views

async function displayNames(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await executor.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, unique(ids)));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

const person = (names: Map<string, string>, id: string) => ({ id, displayName: names.get(id) ?? id });

/** Clients a record names must exist and be visible to the caller: one kept out of a client may not name it. */
async function requireClients(executor: Executor, ctx: RequestContext, ids: readonly string[]): Promise<Map<string, string>> {
  const names = await clientNames(executor, ids);
  const hidden = ids.filter((id) => isClientHidden(ctx, id));
  for (const id of hidden) noteRefusal(ctx, id);
  if (hidden.length || ids.some((id) => !names.has(id))) throw Invalid('RECUSAL_UNKNOWN_CLIENT', {}, [{ path: 'clientIds', message: 'RECUSAL_UNKNOWN_CLIENT' }]);
  return names;
}

/** A record names at least one client or client set. */
function requireSomeone(clientIds: readonly string[], clientSetIds: readonly string[]): void {
  if (!clientIds.length && !clientSetIds.length) throw Invalid('RECUSAL_NO_CLIENT', {}, [{ path: 'clientIds', message: 'RECUSAL_NO_CLIENT' }]);
}

/**
 * Sets a new record names must exist, be in use, and hold no client the caller is kept out of: naming a
 * set of hidden clients is naming an unknown set.
 */
async function requireClientSets(executor: Executor, ctx: RequestContext, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const sets = await setsById(executor, ids);
  const hidden = unique([...sets.values()].flatMap((set) => set.clientIds.filter((id) => isClientHidden(ctx, id))));
  for (const id of hidden) noteRefusal(ctx, id);
  if (hidden.length || ids.some((id) => !sets.has(id))) throw Invalid('CLIENT_SET_UNKNOWN', {}, [{ path: 'clientSetIds', message: 'CLIENT_SET_UNKNOWN' }]);
  if ([...sets.values()].some((set) => set.status !== 'active')) throw Invalid('CLIENT_SET_RETIRED', {}, [{ path: 'clientSetIds', message: 'CLIENT_SET_RETIRED' }]);
}

async function requireUsers(executor: Executor, ids: readonly string[], path: string): Promise<void> {
  const names = await displayNames(executor, ids);
  if (ids.some((id) => !names.has(id))) throw Invalid('RECUSAL_UNKNOWN_USER', {}, [{ path, message: 'RECUSAL_UNKNOWN_USER' }]);
}

function requireDates(startsOn: string | null | undefined, endsOn: string | null | undefined): void {
  if (startsOn && endsOn && endsOn < startsOn) throw Invalid('RECUSAL_DATES', {}, [{ path: 'endsOn', message: 'RECUSAL_DATES' }]);
}

/** The clients and sets records name, for their views: each set with its name and its members today. */
async function namedClients(executor: Executor, rows: readonly { clientIds: string[]; clientSetIds: string[] }[]) {
  const sets = await setsById(executor, rows.flatMap((r) => r.clientSetIds));
  const names = await clientNames(executor, [...rows.flatMap((r) => r.clientIds), ...[...sets.values()].flatMap((set) => set.clientIds)]);
  const client = (id: string) => ({ id, name: names.get(id) ?? id });
  return (r: { clientIds: string[]; clientSetIds: string[] }) => ({
    clients: r.clientIds.map(client),
    clientSets: r.clientSetIds.flatMap((id) => {
      const set = sets.get(id);
      return set ? [{ id, name: set.name, status: set.status, clients: set.clientIds.map(client) }] : [];
    }),
  });
}

async function recusalViews(executor: Executor, rows: readonly RecusalRow[]) {
  const people = await displayNames(executor, rows.flatMap((r) => [r.userId, r.requestedBy, ...(r.decidedBy ? [r.decidedBy] : [])]));
  const named = await namedClients(executor, rows);
  return rows.map((r) => ({
    id: r.id,
    user: person(people, r.userId),
    ...named(r),
    status: r.status,
    source: r.source,
    caseId: r.caseId,
    reason: r.reason,
    evidence: r.evidence,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    requestedBy: person(people, r.requestedBy),
    decidedBy: r.decidedBy ? person(people, r.decidedBy) : null,
    decidedAt: r.decidedAt,
    decisionComment: r.decisionComment,
    revokedOn: r.revokedOn,
    createdAt: r.createdAt,
    version: r.version,
  }));
}

async function barrierViews(executor: Executor, rows: readonly BarrierRow[]) {
  const people = await displayNames(executor, rows.flatMap((r) => [r.createdBy, ...r.walledOffUserIds]));
  const named = await namedClients(executor, rows);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ...named(r),
    walledOff: r.walledOffUserIds.map((id) => person(people, id)),
    status: r.status,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    reason: r.reason,
    caseId: r.caseId,
    createdBy: person(people, r.createdBy),
    createdAt: r.createdAt,
    revokedOn: r.revokedOn,
    version: r.version,
  }));
}

// ---------------------------------------------------------------------------------------------
// Client sets (客户组): compliance keeps them; a recusal or wall naming one follows its members as they
// change, and a retired one no longer restricts anyone (records naming it stay, and still show it).

const uuids = (ids: readonly string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

async function setsById(executor: Executor, ids: readonly string[]): Promise<Map<string, ClientSetRow>> {
  if (!ids.length) return new Map();
  const rows = await executor.select().from(clientSets).where(inArray(clientSets.id, unique(ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** What each set names for the restriction decision: its members while in use, no one once retired. */
const membersToday = (sets: Iterable<ClientSetRow>): ClientSets => new Map([...sets].map((set) => [set.id, set.status === 'active' ? set.clientIds : []]));

/** For a record's uuid[] of sets: none of them holds a client hidden from the caller (whatever its status). */
function setsVisible(ctx: RequestContext, column: AnyColumn): SQL | undefined {
  const hidden = hiddenClientsArray(ctx);
  return hidden ? sql`not exists (select 1 from ${clientSets} where ${clientSets.id} = any(${column}) and ${clientSets.clientIds} && ${hidden})` : undefined;
}

async function clientSetViews(executor: Executor, rows: readonly ClientSetRow[]) {
  const people = await displayNames(executor, rows.map((r) => r.createdBy));
  const names = await clientNames(executor, rows.flatMap((r) => r.clientIds));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    clients: r.clientIds.map((id) => ({ id, name: names.get(id) ?? id })),
    status: r.status,
    createdBy: person(people, r.createdBy),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

/** A set holding a client the caller is kept out of is, to them, no set at all. */
function ensureMaySeeSet(row: ClientSetRow | undefined, ctx: RequestContext): asserts row is ClientSetRow {
  if (!row) throw NotFound('CLIENT_SET_NOT_FOUND');
  ensureClientVisible(ctx, row.clientIds, 'CLIENT_SET_NOT_FOUND');
}

export async function listClientSets(db: Db, ctx: RequestContext, query: { status?: 'active' | 'retired' }) {
  const rows = await db
    .select()
    .from(clientSets)
    .where(and(query.status ? eq(clientSets.status, query.status) : undefined, visibleClientArray(ctx, clientSets.clientIds)))
    .orderBy(clientSets.status, clientSets.name)
    .limit(500);
  return { items: await clientSetViews(db, rows) };
}

export async function getClientSet(executor: Executor, ctx: RequestContext, id: string) {
  const [row] = await executor.select().from(clientSets).where(eq(clientSets.id, id));
  ensureMaySeeSet(row, ctx);
  return (await clientSetViews(executor, [row]))[0]!;
}

/** Names are unique among sets in use; one namer at a time, so two cannot take the same name together. */
async function requireFreeName(tx: Tx, name: string, except?: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SET_NAMES_LOCK})`);
  const [taken] = await tx
    .select({ id: clientSets.id })
    .from(clientSets)
    .where(and(eq(clientSets.name, name), eq(clientSets.status, 'active'), except ? ne(clientSets.id, except) : undefined))
    .limit(1);
  if (taken) throw Conflict('CLIENT_SET_NAME_TAKEN', { name });
}

export async function createClientSet(db: Db, ctx: RequestContext, input: NewClientSetInput): Promise<string> {
  return inTransaction(db, async (tx) => {
    const clientIds = unique(input.clientIds);
    await requireClients(tx, ctx, clientIds);
    await requireFreeName(tx, input.name);
    const [row] = await tx.insert(clientSets).values({ name: input.name, description: input.description ?? null, clientIds, createdBy: me(ctx) }).returning();
    await appendAudit(tx, ctx, { action: 'client_set.create', entityType: 'client_set', entityId: row!.id, before: null, after: { name: row!.name, description: row!.description, clientIds, version: 1 } });
    return row!.id;
  });
}

/**
 * The set locked for a change by compliance. A set that restricts the caller (a wall or recusal of theirs
 * names it, even one starting later) is not theirs to change: they could let themselves out.
 */
async function lockSetForChange(tx: Tx, ctx: RequestContext, id: string, version: number, today: string): Promise<ClientSetRow> {
  const [row] = await tx.select().from(clientSets).where(eq(clientSets.id, id)).for('update');
  ensureMaySeeSet(row, ctx);
  const { recusalRows, barrierRows } = await recordsOf(tx, me(ctx), today);
  if ([...recusalRows, ...barrierRows].some((r) => r.clientSetIds.includes(row.id))) throw Forbidden('CLIENT_SET_OWN_FORBIDDEN');
  if (row.version !== version) throw Conflict('CLIENT_SET_STALE', {}, { status: row.status, version: row.version });
  if (row.status !== 'active') throw Conflict('CLIENT_SET_RETIRED', {}, { status: row.status, version: row.version });
  return row;
}

/** Renames a set or changes its members: the walls and recusals naming it follow from this moment. */
export async function changeClientSet(db: Db, ctx: RequestContext, id: string, input: ClientSetChangeInput, today: string = chinaToday()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockSetForChange(tx, ctx, id, input.version, today);
    const clientIds = input.clientIds ? unique(input.clientIds) : row.clientIds;
    if (input.clientIds) await requireClients(tx, ctx, clientIds);
    const name = input.name ?? row.name;
    if (name !== row.name) await requireFreeName(tx, name, row.id);
    const description = input.description === undefined ? row.description : input.description;
    await tx.update(clientSets).set({ name, description, clientIds, updatedAt: new Date(), version: row.version + 1 }).where(eq(clientSets.id, row.id));
    await appendAudit(tx, ctx, {
      action: 'client_set.change',
      entityType: 'client_set',
      entityId: row.id,
      before: { name: row.name, description: row.description, clientIds: row.clientIds, version: row.version },
      after: { name, description, clientIds, version: row.version + 1 },
    });
  });
}

/** Retires a set (never deleted): from now on the walls and recusals naming it keep no one out through it. */
export async function retireClientSet(db: Db, ctx: RequestContext, id: string, input: DecisionInput, today: string = chinaToday()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockSetForChange(tx, ctx, id, input.version, today);
    await tx.update(clientSets).set({ status: 'retired', updatedAt: new Date(), version: row.version + 1 }).where(eq(clientSets.id, row.id));
    await appendAudit(tx, ctx, {
      action: 'client_set.retire',
      entityType: 'client_set',
      entityId: row.id,
      before: { status: row.status, version: row.version },
      after: { status: 'retired', version: row.version + 1, ...(input.comment ? { comment: input.comment } : {}) },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Suggestions

/** Pairs already asked for or decided in favour, directly or through a set in use: suggesting them again would be noise. */
async function coveredPairs(executor: Executor, userId?: string): Promise<Set<string>> {
  const rows = await executor
    .select({ userId: recusals.userId, clientIds: recusals.clientIds, clientSetIds: recusals.clientSetIds })
    .from(recusals)
    .where(and(inArray(recusals.status, ['requested', 'approved']), userId ? eq(recusals.userId, userId) : undefined));
  const members = membersToday((await setsById(executor, rows.flatMap((r) => r.clientSetIds))).values());
  return new Set(rows.flatMap((r) => [...r.clientIds, ...r.clientSetIds.flatMap((id) => members.get(id) ?? [])].map((c) => `${r.userId}:${c}`)));
}

export async function suggestions(db: Db, ctx: RequestContext, filter: { userId?: string; clientId?: string }, locale: Locale, today: string = chinaToday()) {
  const [graph, disputes, { rules }, covered] = await Promise.all([recusalGraphEdges(db), staffDisputes(db), currentRules(db), coveredPairs(db, filter.userId)]);
  const staff = filter.userId ? graph.staff.filter((s) => s.userId === filter.userId) : graph.staff;
  const clientRefs = filter.clientId ? graph.clients.filter((c) => c.clientId === filter.clientId) : graph.clients;
  // Other clients stay in the graph: a path may pass through them.
  const found = suggestRecusals({ edges: graph.edges, disputes }, staff, graph.clients, rules, today).filter(
    (s) => clientRefs.some((c) => c.clientId === s.clientId) && !isClientHidden(ctx, s.clientId) && !(s.staffUserId && covered.has(`${s.staffUserId}:${s.clientId}`)),
  );
  return explainSuggestions(db, found, locale);
}

async function explainSuggestions(executor: Executor, found: readonly RecusalSuggestion[], locale: Locale) {
  const partyIds = new Set<string>();
  for (const s of found) {
    partyIds.add(s.staffPartyId);
    partyIds.add(s.clientPartyId);
    for (const f of s.findings)
      for (const e of f.evidence) {
        if (e.kind === 'personal_dispute') partyIds.add(e.dispute.counterpartyId);
        for (const step of e.steps) partyIds.add(step.partyId);
      }
  }
  const facts = await partyFacts(executor, [...partyIds]);
  const nameOf = (id: string) => facts.get(id)?.name ?? id;
  return found.map((s) => ({
    user: s.staffUserId ? { id: s.staffUserId, displayName: facts.get(s.staffPartyId)?.staff?.displayName ?? nameOf(s.staffPartyId) } : null,
    staffPartyId: s.staffPartyId,
    client: { id: s.clientId, name: nameOf(s.clientPartyId) },
    severity: s.severity,
    findings: s.findings as unknown as Record<string, unknown>[],
    explanation: explainSuggestion(s, nameOf, locale),
  }));
}

// ---------------------------------------------------------------------------------------------
// Recusals

export async function requestRecusal(db: Db, ctx: RequestContext, input: NewRecusalInput): Promise<string> {
  const userId = input.userId ?? me(ctx);
  const source = input.source ?? (userId === me(ctx) ? 'self' : 'compliance');
  const manager = holds(ctx, 'recusals.manage');
  // Staff ask for their own; recording one for someone else, or from a suggestion or case, is compliance's.
  if ((userId !== me(ctx) || source !== 'self') && !manager) throw Forbidden('RECUSAL_FOR_OTHERS_FORBIDDEN');
  if (input.approve && (!manager || userId === me(ctx))) throw Forbidden('RECUSAL_DECIDE_FORBIDDEN');
  return inTransaction(db, (tx) => insertRecusal(tx, ctx, { ...input, userId, source }));
}

/**
 * An approved recusal that a conflict case's resolution puts in effect, in the case's transaction: the
 * case's decision is the approval, so it needs no second one — but nobody puts their own in place.
 */
export async function recordRecusalForCase(tx: Tx, ctx: RequestContext, input: { userId: string; clientIds: string[]; caseId: string; reason: string; comment?: string | null }): Promise<string> {
  if (input.userId === me(ctx)) throw Forbidden('RECUSAL_DECIDE_FORBIDDEN');
  return insertRecusal(tx, ctx, { ...input, source: 'case', approve: true });
}

async function insertRecusal(tx: Tx, ctx: RequestContext, input: Omit<NewRecusalInput, 'source' | 'userId'> & { userId: string; source: RecusalRow['source'] }): Promise<string> {
  const { userId, source } = input;
  requireDates(input.startsOn, input.endsOn);
  const clientIds = unique(input.clientIds);
  const clientSetIds = unique(input.clientSetIds ?? []);
  requireSomeone(clientIds, clientSetIds);
  await requireClients(tx, ctx, clientIds);
  await requireClientSets(tx, ctx, clientSetIds);
  await requireUsers(tx, [userId], 'userId');
  const decided = input.approve ? { status: 'approved' as const, decidedBy: me(ctx), decidedAt: new Date(), decisionComment: input.comment ?? null } : {};
  const [row] = await tx
    .insert(recusals)
    .values({
      userId,
      clientIds,
      clientSetIds,
      source,
      caseId: input.caseId ?? null,
      reason: input.reason,
      evidence: input.evidence ?? null,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      requestedBy: me(ctx),
      ...decided,
    })
    .returning();
  await appendAudit(tx, ctx, {
    action: input.approve ? 'recusal.record' : 'recusal.request',
    entityType: 'recusal',
    entityId: row!.id,
    before: null,
    after: { userId, clientIds, ...(clientSetIds.length ? { clientSetIds } : {}), source, status: row!.status, startsOn: row!.startsOn, endsOn: row!.endsOn, reason: input.reason, ...(input.caseId ? { caseId: input.caseId } : {}) },
  });
  return row!.id;
}

/**
 * The person recused, who asked, or compliance and auditors; anyone else is told it does not exist. Someone
 * else's recusal from a client the caller is kept out of is hidden too: the person recused always sees theirs.
 */
async function ensureMaySeeRecusal(executor: Executor, row: RecusalRow | undefined, ctx: RequestContext): Promise<RecusalRow> {
  if (!row || !(holds(ctx, 'recusals.read_all') || holds(ctx, 'recusals.manage') || row.userId === me(ctx) || row.requestedBy === me(ctx))) throw NotFound('RECUSAL_NOT_FOUND');
  if (row.userId !== me(ctx)) await ensureRecordVisible(executor, ctx, row, 'RECUSAL_NOT_FOUND');
  return row;
}

/** A record naming a hidden client, directly or through one of its sets (whatever their status), is refused as missing. */
async function ensureRecordVisible(executor: Executor, ctx: RequestContext, row: { clientIds: string[]; clientSetIds: string[] }, missing: 'RECUSAL_NOT_FOUND' | 'BARRIER_NOT_FOUND'): Promise<void> {
  if (!hasRestrictions(ctx)) return;
  const sets = await setsById(executor, row.clientSetIds);
  ensureClientVisible(ctx, [...row.clientIds, ...[...sets.values()].flatMap((set) => set.clientIds)], missing);
}

export async function getRecusal(executor: Executor, ctx: RequestContext, id: string) {
  const [found] = await executor.select().from(recusals).where(eq(recusals.id, id));
  const row = await ensureMaySeeRecusal(executor, found, ctx);
  return (await recusalViews(executor, [row]))[0]!;
}

export async function listRecusals(db: Db, ctx: RequestContext, query: RecusalListQuery) {
  const conditions: (SQL | undefined)[] = [query.status ? eq(recusals.status, query.status) : undefined];
  if (query.scope === 'all') {
    if (!holds(ctx, 'recusals.read_all') && !holds(ctx, 'recusals.manage')) throw Forbidden('FORBIDDEN', { permission: 'recusals.read_all' });
    if (query.userId) conditions.push(eq(recusals.userId, query.userId));
  } else {
    conditions.push(or(eq(recusals.userId, me(ctx)), eq(recusals.requestedBy, me(ctx))));
  }
  const visible = and(visibleClientArray(ctx, recusals.clientIds), setsVisible(ctx, recusals.clientSetIds));
  if (visible) conditions.push(or(eq(recusals.userId, me(ctx)), visible));
  const rows = await db.select().from(recusals).where(and(...conditions)).orderBy(desc(recusals.createdAt)).limit(500);
  return { items: await recusalViews(db, rows) };
}

export type RecusalAction = 'approve' | 'reject' | 'withdraw' | 'revoke';
const from: Record<RecusalAction, RecusalRow['status']> = { approve: 'requested', reject: 'requested', withdraw: 'requested', revoke: 'approved' };
const to: Record<RecusalAction, RecusalRow['status']> = { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn', revoke: 'revoked' };

export async function decideRecusal(db: Db, ctx: RequestContext, id: string, action: RecusalAction, input: DecisionInput, today: string = chinaToday()): Promise<void> {
  await inTransaction(db, async (tx) => {
    // Concurrent decisions on one recusal queue here.
    const [found] = await tx.select().from(recusals).where(eq(recusals.id, id)).for('update');
    const row = await ensureMaySeeRecusal(tx, found, ctx);
    if (action === 'withdraw' ? row.requestedBy !== me(ctx) && row.userId !== me(ctx) : !holds(ctx, 'recusals.manage')) {
      throw action === 'withdraw' ? Forbidden('RECUSAL_WITHDRAW_FORBIDDEN') : Forbidden('FORBIDDEN', { permission: 'recusals.manage' });
    }
    // Nobody decides or lifts their own: a recused compliance officer could otherwise let themselves back in.
    if (action !== 'withdraw' && row.userId === me(ctx)) throw Forbidden('RECUSAL_DECIDE_FORBIDDEN');
    if (row.version !== input.version) throw Conflict('RECUSAL_STALE', {}, { status: row.status, version: row.version });
    if (row.status !== from[action]) throw Conflict('RECUSAL_ILLEGAL_MOVE', { status: row.status, action }, { status: row.status, version: row.version });
    const changes: Partial<RecusalRow> =
      action === 'revoke'
        ? { status: 'revoked', revokedOn: today, revokedBy: me(ctx), decisionComment: input.comment ?? row.decisionComment }
        : action === 'withdraw'
          ? { status: 'withdrawn' }
          : { status: to[action], decidedBy: me(ctx), decidedAt: new Date(), decisionComment: input.comment ?? null };
    await tx.update(recusals).set({ ...changes, version: row.version + 1 }).where(eq(recusals.id, row.id));
    await appendAudit(tx, ctx, {
      action: `recusal.${action}`,
      entityType: 'recusal',
      entityId: row.id,
      before: { status: row.status, version: row.version },
      after: { status: to[action], version: row.version + 1, ...(input.comment ? { comment: input.comment } : {}), ...(action === 'revoke' ? { revokedOn: today } : {}) },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Information barriers

export async function createBarrier(db: Db, ctx: RequestContext, input: NewBarrierInput): Promise<string> {
  return inTransaction(db, (tx) => insertBarrier(tx, ctx, input));
}

/** The same, inside a caller's transaction: a conflict case puts its barrier in place with its own change. */
export async function insertBarrier(tx: Tx, ctx: RequestContext, input: NewBarrierInput): Promise<string> {
  requireDates(input.startsOn, input.endsOn);
  const clientIds = unique(input.clientIds);
  const clientSetIds = unique(input.clientSetIds ?? []);
  const walledOffUserIds = unique(input.walledOffUserIds);
  requireSomeone(clientIds, clientSetIds);
  await requireClients(tx, ctx, clientIds);
  await requireClientSets(tx, ctx, clientSetIds);
  await requireUsers(tx, walledOffUserIds, 'walledOffUserIds');
  const [row] = await tx
    .insert(informationBarriers)
    .values({ name: input.name, clientIds, clientSetIds, walledOffUserIds, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null, reason: input.reason, caseId: input.caseId ?? null, createdBy: me(ctx) })
    .returning();
  await appendAudit(tx, ctx, { action: 'information_barrier.create', entityType: 'information_barrier', entityId: row!.id, before: null, after: { name: input.name, clientIds, ...(clientSetIds.length ? { clientSetIds } : {}), walledOffUserIds, startsOn: row!.startsOn, endsOn: row!.endsOn, reason: input.reason, ...(input.caseId ? { caseId: input.caseId } : {}) } });
  return row!.id;
}

/**
 * Ends from today the recusals and barriers a conflict case put in place, when a new decision replaces
 * the mitigation that made them. Records already ended stay as they are; the ones ended are returned.
 */
export async function endCaseRecords(tx: Tx, ctx: RequestContext, caseId: string, recordIds: readonly string[], comment: string, today: string = chinaToday()): Promise<string[]> {
  if (recordIds.length === 0) return [];
  const ids = [...recordIds];
  const ending = { revokedOn: today, revokedBy: me(ctx) };
  const endedRecusals = await tx
    .update(recusals)
    .set({ ...ending, status: 'revoked', decisionComment: comment, version: sql`${recusals.version} + 1` })
    .where(and(inArray(recusals.id, ids), eq(recusals.caseId, caseId), eq(recusals.status, 'approved')))
    .returning({ id: recusals.id, version: recusals.version });
  const endedBarriers = await tx
    .update(informationBarriers)
    .set({ ...ending, status: 'revoked', version: sql`${informationBarriers.version} + 1` })
    .where(and(inArray(informationBarriers.id, ids), eq(informationBarriers.caseId, caseId), eq(informationBarriers.status, 'active')))
    .returning({ id: informationBarriers.id, version: informationBarriers.version });
  const ended = [...endedRecusals.map((r) => ({ ...r, entityType: 'recusal', from: 'approved', action: 'recusal.revoke' })), ...endedBarriers.map((b) => ({ ...b, entityType: 'information_barrier', from: 'active', action: 'information_barrier.revoke' }))];
  for (const r of ended) {
    await appendAudit(tx, ctx, { action: r.action, entityType: r.entityType, entityId: r.id, before: { status: r.from, version: r.version - 1 }, after: { status: 'revoked', revokedOn: today, version: r.version, comment, caseId } });
  }
  return ended.map((r) => r.id);
}

export async function getBarrier(executor: Executor, ctx: RequestContext, id: string) {
  const [row] = await executor.select().from(informationBarriers).where(eq(informationBarriers.id, id));
  if (!row) throw NotFound('BARRIER_NOT_FOUND');
  await ensureRecordVisible(executor, ctx, row, 'BARRIER_NOT_FOUND');
  return (await barrierViews(executor, [row]))[0]!;
}

export async function listBarriers(db: Db, ctx: RequestContext, query: { status?: 'active' | 'revoked' }) {
  const rows = await db
    .select()
    .from(informationBarriers)
    .where(and(query.status ? eq(informationBarriers.status, query.status) : undefined, visibleClientArray(ctx, informationBarriers.clientIds), setsVisible(ctx, informationBarriers.clientSetIds)))
    .orderBy(desc(informationBarriers.createdAt))
    .limit(500);
  return { items: await barrierViews(db, rows) };
}

export async function revokeBarrier(db: Db, ctx: RequestContext, id: string, input: DecisionInput, today: string = chinaToday()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const [row] = await tx.select().from(informationBarriers).where(eq(informationBarriers.id, id)).for('update');
    if (!row) throw NotFound('BARRIER_NOT_FOUND');
    await ensureRecordVisible(tx, ctx, row, 'BARRIER_NOT_FOUND');
    // A wall set to start later does not hide its clients yet, but its people may still not lift it.
    if (row.walledOffUserIds.includes(me(ctx))) throw Forbidden('BARRIER_OWN_FORBIDDEN');
    if (row.version !== input.version) throw Conflict('BARRIER_STALE', {}, { status: row.status, version: row.version });
    if (row.status !== 'active') throw Conflict('BARRIER_ALREADY_REVOKED', {}, { status: row.status, version: row.version });
    await tx.update(informationBarriers).set({ status: 'revoked', revokedOn: today, revokedBy: me(ctx), version: row.version + 1 }).where(eq(informationBarriers.id, row.id));
    await appendAudit(tx, ctx, { action: 'information_barrier.revoke', entityType: 'information_barrier', entityId: row.id, before: { status: row.status, version: row.version }, after: { status: 'revoked', revokedOn: today, version: row.version + 1, ...(input.comment ? { comment: input.comment } : {}) } });
  });
}

// ---------------------------------------------------------------------------------------------
// Restrictions: what the enforcement point asks

export const asRecusal = (r: RecusalRow): RecusalRecord => ({ id: r.id, userId: r.userId, status: r.status, clientIds: r.clientIds, clientSetIds: r.clientSetIds, startsOn: r.startsOn, endsOn: r.endsOn, revokedOn: r.revokedOn });
export const asBarrier = (b: BarrierRow): InformationBarrier => ({ id: b.id, name: b.name, status: b.status, clientIds: b.clientIds, clientSetIds: b.clientSetIds, walledOffUserIds: b.walledOffUserIds, startsOn: b.startsOn, endsOn: b.endsOn, revokedOn: b.revokedOn });

/** Records that may restrict the user today: two indexed reads (user_id, and the GIN index on the wall's users). */
async function recordsOf(executor: Executor, userId: string, today: string) {
  const [recusalRows, barrierRows] = await Promise.all([
    executor
      .select()
      .from(recusals)
      // A revocation dated after today has not taken effect yet.
      .where(and(eq(recusals.userId, userId), or(eq(recusals.status, 'approved'), and(eq(recusals.status, 'revoked'), gt(recusals.revokedOn, today))))),
    executor
      .select()
      .from(informationBarriers)
      .where(
        and(
          sql`${informationBarriers.walledOffUserIds} @> array[${userId}]::uuid[]`,
          or(eq(informationBarriers.status, 'active'), and(eq(informationBarriers.status, 'revoked'), gt(informationBarriers.revokedOn, today))),
        ),
      ),
  ]);
  return { recusalRows, barrierRows };
}

/**
 * The members today of the sets the records name (one read by primary key). A retired set names no one;
 * a set that is not there at all (sets are never deleted) is a fault, not an empty set.
 */
async function resolveClientSets(executor: Executor, recusalRecords: readonly RecusalRecord[], barrierRecords: readonly InformationBarrier[]): Promise<ClientSets> {
  const sets = await setsById(executor, [...recusalRecords, ...barrierRecords].flatMap((r) => r.clientSetIds ?? []));
  const members = membersToday(sets.values());
  const missing = unresolvedClientSets(recusalRecords, barrierRecords, members);
  if (missing.length) throw new Error(`client sets named by recusals or barriers do not exist: ${missing.join(', ')}`);
  return members;
}

/** Every restriction in force on the user today (core Restriction: client, cause, record), through client sets too. */
export async function restrictionsOfUser(executor: Executor, userId: string, today: string = chinaToday()): Promise<Restriction[]> {
  const { recusalRows, barrierRows } = await recordsOf(executor, userId, today);
  const [recusalRecords, barrierRecords] = [recusalRows.map(asRecusal), barrierRows.map(asBarrier)];
  return restrictionsOf(userId, recusalRecords, barrierRecords, today, await resolveClientSets(executor, recusalRecords, barrierRecords));
}

/**
 * Which of the users are kept out of the client today, and why (a recusal named before a wall): the sets
 * in use holding the client, then the records naming the client or one of those sets (GIN indexes).
 */
export async function restrictedAmong(executor: Executor, userIds: readonly string[], clientId: string, today: string = chinaToday()): Promise<Map<string, RestrictionCause>> {
  const found = new Map<string, RestrictionCause>();
  const people = [...new Set(userIds)];
  if (!people.length) return found;
  const named = sql`array[${clientId}]::uuid[]`;
  const sets = await executor.select().from(clientSets).where(and(sql`${clientSets.clientIds} @> ${named}`, eq(clientSets.status, 'active')));
  const setIds = sets.map((set) => set.id);
  // Records naming other sets as well need only these: the others do not hold the client.
  const names = (clientsColumn: AnyColumn, setsColumn: AnyColumn) => or(sql`${clientsColumn} @> ${named}`, setIds.length ? sql`${setsColumn} && ${uuids(setIds)}` : undefined);
  const [recusalRows, barrierRows] = await Promise.all([
    executor
      .select()
      .from(recusals)
      .where(and(inArray(recusals.userId, people), names(recusals.clientIds, recusals.clientSetIds), or(eq(recusals.status, 'approved'), and(eq(recusals.status, 'revoked'), gt(recusals.revokedOn, today))))),
    executor
      .select()
      .from(informationBarriers)
      .where(and(names(informationBarriers.clientIds, informationBarriers.clientSetIds), or(eq(informationBarriers.status, 'active'), and(eq(informationBarriers.status, 'revoked'), gt(informationBarriers.revokedOn, today))))),
  ]);
  const recusalRecords = recusalRows.map(asRecusal);
  const barrierRecords = barrierRows.map(asBarrier);
  const members = membersToday(sets);
  for (const userId of people) {
    const first = restrictionsOf(userId, recusalRecords, barrierRecords, today, members).find((r) => r.clientId === clientId);
    if (first) found.set(userId, first.cause);
  }
  return found;
}

export async function mine(db: Db, ctx: RequestContext, locale: Locale, today: string = chinaToday()) {
  const userId = me(ctx);
  const [mineRows, { barrierRows }, restrictions] = await Promise.all([
    db.select().from(recusals).where(eq(recusals.userId, userId)).orderBy(desc(recusals.createdAt)).limit(500),
    recordsOf(db, userId, today),
    restrictionsOfUser(db, userId, today),
  ]);
  const names = await clientNames(db, restrictions.map((r) => r.clientId));
  const walls = await barrierViews(db, barrierRows);
  return {
    recusals: await recusalViews(db, mineRows),
    // Whom else a wall keeps out is not the walled-off person's business.
    barriers: walls.map(({ walledOff: _others, ...wall }) => wall),
    restrictions: restrictions.map((r) => ({ clientId: r.clientId, clientName: names.get(r.clientId) ?? r.clientId, cause: r.cause, recordId: r.recordId, explanation: explainRestriction(r, locale, names.get(r.clientId) ?? r.clientId) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Supervision: refused attempts

export interface Denial {
  userId: string;
  clientId: string;
  cause: RestrictionCause;
  method: string;
  route: string;
  requestId?: string | null;
}

/** Logs refused attempts; the enforcement point calls it once a request has finished. */
export async function recordDenials(executor: Executor, denials: readonly Denial[]): Promise<void> {
  if (denials.length) await executor.insert(accessDenials).values(denials.map((d) => ({ ...d, requestId: d.requestId ?? null })));
}

/** Refused attempts per person over the period (both ends inclusive, China days), most first. */
export async function denialReport(executor: Executor, period: { from?: string; to?: string } = {}) {
  const conditions: SQL[] = [];
  if (period.from) conditions.push(gte(accessDenials.at, sql`(${period.from}::date)::timestamp at time zone 'Asia/Shanghai'`));
  if (period.to) conditions.push(lt(accessDenials.at, sql`(${period.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`));
  const rows = await executor
    .select({
      userId: accessDenials.userId,
      recused: sql<number>`(count(*) filter (where ${accessDenials.cause} = 'recused'))::int`,
      walledOff: sql<number>`(count(*) filter (where ${accessDenials.cause} = 'walled_off'))::int`,
      total: sql<number>`count(*)::int`,
      lastAt: sql<string>`max(${accessDenials.at})`,
    })
    .from(accessDenials)
    .where(and(...conditions))
    .groupBy(accessDenials.userId)
    .orderBy(sql`count(*) desc`, accessDenials.userId);
  const people = await displayNames(executor, rows.map((r) => r.userId));
  return { items: rows.map((r) => ({ user: person(people, r.userId), recused: r.recused, walledOff: r.walledOff, total: r.total, lastAt: new Date(r.lastAt) })) };
}
