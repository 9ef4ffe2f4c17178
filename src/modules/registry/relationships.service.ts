import { publishEvents } from '../../platform/events/outbox';
import { aliasedTable, and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { formatPercentage, parsePercentage, relationshipProblems, type RelationshipType } from '../../core/relationships';
import { ensurePartyVisible, visibleParty } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Invalid, NotFound } from '../../platform/errors';
import { partyRoles } from './parties.service';
import { refusedParties } from './visibility';
import { parties, relationships } from './registry.tables';
import type { RelationshipInput } from './registry.types';

export type RelationshipRow = typeof relationships.$inferSelect;
type Source = RelationshipRow['source'];

const fromParty = aliasedTable(parties, 'from_party');
const toParty = aliasedTable(parties, 'to_party');

/** Current: not superseded and not past its end date. */
const today = () => new Date().toISOString().slice(0, 10);
const isCurrent = (r: Pick<RelationshipRow, 'supersededById' | 'validTo'>) => !r.supersededById && (!r.validTo || r.validTo >= today());

const viewColumns = {
  relationship: relationships,
  from: { id: fromParty.id, name: fromParty.primaryName, kind: fromParty.kind },
  to: { id: toParty.id, name: toParty.primaryName, kind: toParty.kind },
};

type ViewRow = { relationship: RelationshipRow; from: { id: string; name: string; kind: 'person' | 'org' }; to: { id: string; name: string; kind: 'person' | 'org' } };

function toRelationshipView({ relationship: r, from, to }: ViewRow) {
  return {
    id: r.id,
    type: r.type,
    from,
    to,
    percentage: r.shareBasisPoints === null ? null : formatPercentage(r.shareBasisPoints),
    shareBasisPoints: r.shareBasisPoints,
    role: r.role,
    validFrom: r.validFrom,
    validTo: r.validTo,
    current: isCurrent(r),
    source: r.source,
    notes: r.notes,
    createdAt: r.createdAt,
    supersededById: r.supersededById,
  };
}

const viewQuery = (executor: Executor) =>
  executor.select(viewColumns).from(relationships).innerJoin(fromParty, eq(fromParty.id, relationships.fromPartyId)).innerJoin(toParty, eq(toParty.id, relationships.toPartyId));

/** A relationship with a client hidden from the caller at either end is hidden with it. */
const visibleEnds = (ctx: RequestContext) => and(visibleParty(ctx, relationships.fromPartyId), visibleParty(ctx, relationships.toPartyId));

export async function listRelationships(
  db: Db,
  ctx: RequestContext,
  query: { partyId?: string; type?: RelationshipType; status: 'current' | 'ended' | 'all'; source?: Source; page: number; pageSize: number },
) {
  const conditions: (SQL | undefined)[] = [isNull(relationships.supersededById), visibleEnds(ctx)];
  if (query.partyId) conditions.push(or(eq(relationships.fromPartyId, query.partyId), eq(relationships.toPartyId, query.partyId)));
  if (query.type) conditions.push(eq(relationships.type, query.type));
  if (query.source) conditions.push(eq(relationships.source, query.source));
  if (query.status === 'current') conditions.push(or(isNull(relationships.validTo), sql`${relationships.validTo} >= current_date`));
  if (query.status === 'ended') conditions.push(and(isNotNull(relationships.validTo), sql`${relationships.validTo} < current_date`));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    viewQuery(db).where(where).orderBy(desc(relationships.createdAt), asc(relationships.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(relationships).where(where),
  ]);
  return { items: rows.map(toRelationshipView), total: total?.n ?? 0 };
}

export async function getRelationship(executor: Executor, ctx: RequestContext, id: string) {
  const [row] = await viewQuery(executor).where(eq(relationships.id, id));
  if (!row) throw NotFound('RELATIONSHIP_NOT_FOUND');
  ensurePartyVisible(ctx, [row.from.id, row.to.id], 'RELATIONSHIP_NOT_FOUND');
  return toRelationshipView(row);
}

function shareOf(percentage: string | number | null | undefined): number | null {
  if (percentage === null || percentage === undefined || percentage === '') return null;
  const basisPoints = parsePercentage(String(percentage));
  if (basisPoints === null) throw Invalid('PERCENTAGE_RANGE', {}, [{ path: 'percentage', message: 'PERCENTAGE_RANGE' }]);
  return basisPoints;
}

export interface RelationshipValues {
  fromPartyId: string;
  toPartyId: string;
  type: RelationshipType;
  shareBasisPoints: number | null;
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  notes?: string | null;
  source: Source;
  declarationId?: string | null;
}

/** Checks the rules against the two parties as they are now; throws the first problem as a 400. A client hidden from the caller is an unknown party. */
async function assertSound(executor: Executor, ctx: RequestContext, values: RelationshipValues) {
  const hidden = refusedParties(ctx, [values.fromPartyId, values.toPartyId]);
  const found = (await executor.select({ id: parties.id, kind: parties.kind, endedAt: parties.endedAt }).from(parties).where(inArray(parties.id, [values.fromPartyId, values.toPartyId]))).filter(
    (p) => !hidden.has(p.id),
  );
  const from = found.find((p) => p.id === values.fromPartyId);
  const to = found.find((p) => p.id === values.toPartyId);
  if (!from || !to) throw Invalid('UNKNOWN_PARTY', {}, [{ path: from ? 'toPartyId' : 'fromPartyId', message: 'UNKNOWN_PARTY' }]);
  if (from.endedAt || to.endedAt) throw Conflict('PARTY_ENDED');
  const problems = relationshipProblems({ ...values, fromId: from.id, toId: to.id, fromKind: from.kind, toKind: to.kind, shareBasisPoints: values.shareBasisPoints });
  if (problems.length) throw Invalid(problems[0]!.code, {}, problems.map((p) => ({ path: p.field, message: p.code })));
}

/** Inserts relationships already checked by the caller (imports check whole files first). */
export async function insertRelationships(tx: Tx, ctx: RequestContext, rows: RelationshipValues[]): Promise<RelationshipRow[]> {
  if (!rows.length) return [];
  const created = await tx
    .insert(relationships)
    .values(rows.map((r) => ({ ...r, createdBy: ctx.principal?.userId ?? null })))
    .returning();
  await publishEvents(tx, ctx, created.map((r) => ({ type: 'RelationshipAdded' as const, entityType: 'relationship', entityId: r.id })));
  return created;
}

export async function createRelationship(db: Db, ctx: RequestContext, input: RelationshipInput, source: Source = 'manual') {
  const values: RelationshipValues = { ...input, shareBasisPoints: shareOf(input.percentage), source };
  return inTransaction(db, async (tx) => {
    await assertSound(tx, ctx, values);
    const [row] = await insertRelationships(tx, ctx, [values]);
    await appendAudit(tx, ctx, { action: 'relationship.create', entityType: 'relationship', entityId: row!.id, after: row });
    return getRelationship(tx, ctx, row!.id);
  });
}

async function liveForUpdate(tx: Tx, ctx: RequestContext, id: string): Promise<RelationshipRow> {
  const [row] = await tx.select().from(relationships).where(eq(relationships.id, id)).for('update');
  if (!row) throw NotFound('RELATIONSHIP_NOT_FOUND');
  ensurePartyVisible(ctx, [row.fromPartyId, row.toPartyId], 'RELATIONSHIP_NOT_FOUND');
  if (row.supersededById) throw Conflict('RECORD_ENDED');
  return row;
}

/** A change never overwrites: the new version supersedes the old, which stays as it was. */
export async function supersedeRelationship(db: Db, ctx: RequestContext, id: string, changes: Partial<Omit<RelationshipInput, 'fromPartyId' | 'toPartyId' | 'type'>>) {
  return inTransaction(db, async (tx) => {
    const before = await liveForUpdate(tx, ctx, id);
    const values: RelationshipValues = {
      fromPartyId: before.fromPartyId,
      toPartyId: before.toPartyId,
      type: before.type,
      shareBasisPoints: changes.percentage !== undefined ? shareOf(changes.percentage) : before.shareBasisPoints,
      role: changes.role !== undefined ? changes.role : before.role,
      validFrom: changes.validFrom !== undefined ? changes.validFrom : before.validFrom,
      validTo: changes.validTo !== undefined ? changes.validTo : before.validTo,
      notes: changes.notes !== undefined ? changes.notes : before.notes,
      source: before.source,
      declarationId: before.declarationId,
    };
    await assertSound(tx, ctx, values);
    const [next] = await insertRelationships(tx, ctx, [values]);
    await tx.update(relationships).set({ supersededById: next!.id, supersededAt: new Date() }).where(eq(relationships.id, id));
    await appendAudit(tx, ctx, { action: 'relationship.supersede', entityType: 'relationship', entityId: next!.id, before, after: next });
    return getRelationship(tx, ctx, next!.id);
  });
}

/** Ends a relationship on a date; it keeps both its dates from then on. */
export async function endRelationship(db: Db, ctx: RequestContext, id: string, validTo: string) {
  return inTransaction(db, async (tx) => {
    const before = await liveForUpdate(tx, ctx, id);
    if (before.validTo) throw Conflict('RECORD_ENDED');
    if (before.validFrom && validTo < before.validFrom) throw Invalid('DATE_ORDER', {}, [{ path: 'validTo', message: 'DATE_ORDER' }]);
    const [after] = await tx.update(relationships).set({ validTo }).where(eq(relationships.id, id)).returning();
    await appendAudit(tx, ctx, { action: 'relationship.end', entityType: 'relationship', entityId: id, before, after });
    return getRelationship(tx, ctx, id);
  });
}

export interface GraphNode {
  id: string;
  name: string;
  kind: 'person' | 'org';
  depth: number;
  isClient: boolean;
  isStaff: boolean;
  publicOfficial: boolean;
}

/** The party and everything within `hops` current relationships of it, for the graph view; clients hidden from the caller are neither shown nor walked through. */
export async function relationshipGraph(db: Db, ctx: RequestContext, partyId: string, hops: number, maxNodes = 300, hubLimit = 25) {
  ensurePartyVisible(ctx, [partyId], 'PARTY_NOT_FOUND');
  const depth = new Map<string, number>([[partyId, 0]]);
  const edges = new Map<string, ReturnType<typeof toRelationshipView>>();
  const collapsed = new Set<string>();
  let frontier = [partyId];
  for (let hop = 1; hop <= hops && frontier.length && depth.size < maxNodes; hop += 1) {
    const rows = (
      await viewQuery(db).where(
        and(isNull(relationships.supersededById), visibleEnds(ctx), or(inArray(relationships.fromPartyId, frontier), inArray(relationships.toPartyId, frontier))),
      )
    )
      .map(toRelationshipView)
      .filter((view) => view.current);
    // A hub (the firm with all its staff, a big group) would bury the picture: it is shown, not walked through.
    const degree = new Map<string, number>();
    for (const view of rows) for (const id of [view.from.id, view.to.id]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const reached = new Set(frontier);
    for (const id of frontier) if (id !== partyId && (degree.get(id) ?? 0) > hubLimit) collapsed.add(id);
    const next: string[] = [];
    for (const view of rows) {
      const through = [view.from.id, view.to.id].filter((id) => reached.has(id));
      if (through.every((id) => collapsed.has(id)) && !(depth.has(view.from.id) && depth.has(view.to.id))) continue;
      edges.set(view.id, view);
      for (const id of [view.from.id, view.to.id]) {
        if (!depth.has(id) && depth.size < maxNodes) {
          depth.set(id, hop);
          next.push(id);
        }
      }
    }
    frontier = next;
  }
  const ids = [...depth.keys()];
  const nodes = await db
    .select({
      id: parties.id,
      name: parties.primaryName,
      kind: parties.kind,
      ...partyRoles,
    })
    .from(parties)
    .where(inArray(parties.id, ids));
  if (!nodes.some((n) => n.id === partyId)) throw NotFound('PARTY_NOT_FOUND');
  return {
    nodes: nodes.map((n): GraphNode => ({ ...n, depth: depth.get(n.id)! })),
    edges: [...edges.values()].filter((e) => depth.has(e.from.id) && depth.has(e.to.id)),
    truncated: depth.size >= maxNodes || collapsed.size > 0,
    collapsed: [...collapsed],
  };
}
