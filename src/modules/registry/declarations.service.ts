import { and, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { validateIdentifier } from '../../core/identifiers';
import { normalizeName } from '../../core/names';
import { parsePercentage, type RelationshipType } from '../../core/relationships';
import { users } from '../../platform/auth/auth.tables';
import { getUser } from '../../platform/auth/users.service';
import { ensurePartyVisible, visibleParty } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import type { RequestContext } from '../../platform/context';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors';
import type { MessageCode } from '../../platform/i18n/messages';
import type { DeclarationItem } from './declarations.types';
import { insertParty } from './parties.service';
import { declarations, parties, partyIdentifiers, partyNames, relationships } from './registry.tables';
import { insertRelationships, type RelationshipValues } from './relationships.service';
import { ensureStaffParty } from './staff.service';

type DeclarationRow = typeof declarations.$inferSelect;

const identifierScheme = { person: 'cn_resident_id', org: 'uscc' } as const;

/** Checks every item before anything is stored; all problems come back at once as field errors. */
async function assertItems(executor: Executor, ctx: RequestContext, items: DeclarationItem[]) {
  const fields: { path: string; message: string }[] = [];
  // Registry parties a dispute names: live, visible to the declarant, and not the declarant.
  const named = [...new Set(items.flatMap((item) => (item.type === 'dispute' && item.counterpartyId ? [item.counterpartyId] : [])))];
  const known = named.length
    ? await executor
        .select({ id: parties.id, userId: parties.userId })
        .from(parties)
        .where(and(inArray(parties.id, named), isNull(parties.endedAt), visibleParty(ctx, parties.id)))
    : [];
  items.forEach((item, index) => {
    if (item.type === 'relative' && item.idNumber) {
      const result = validateIdentifier('cn_resident_id', item.idNumber);
      if (!result.ok) fields.push({ path: `items.${index}.idNumber`, message: result.code });
    }
    if (item.type === 'interest') {
      if (item.uscc) {
        const result = validateIdentifier('uscc', item.uscc);
        if (!result.ok) fields.push({ path: `items.${index}.uscc`, message: result.code });
      }
      const share = item.percentage === null || item.percentage === undefined || item.percentage === '' ? null : parsePercentage(String(item.percentage));
      if (item.relation === 'shareholder' && share === null) fields.push({ path: `items.${index}.percentage`, message: item.percentage ? 'PERCENTAGE_RANGE' : 'PERCENTAGE_REQUIRED' });
      if (item.validFrom && item.validTo && item.validTo < item.validFrom) fields.push({ path: `items.${index}.validTo`, message: 'DATE_ORDER' });
    }
    if (item.type === 'dispute') {
      if (item.counterpartyId) {
        const party = known.find((p) => p.id === item.counterpartyId);
        if (!party) fields.push({ path: `items.${index}.counterpartyId`, message: 'UNKNOWN_PARTY' });
        else if (party.userId === ctx.principal!.userId) fields.push({ path: `items.${index}.counterpartyId`, message: 'SELF_RELATIONSHIP' });
      } else {
        if (!item.counterpartyKind) fields.push({ path: `items.${index}.counterpartyKind`, message: 'REQUIRED' });
        if (!item.counterpartyName) fields.push({ path: `items.${index}.counterpartyName`, message: 'REQUIRED' });
        if (item.counterpartyKind && item.counterpartyIdentifier) {
          const result = validateIdentifier(identifierScheme[item.counterpartyKind], item.counterpartyIdentifier);
          if (!result.ok) fields.push({ path: `items.${index}.counterpartyIdentifier`, message: result.code });
        }
      }
      if (item.endedOn && item.endedOn < item.since) fields.push({ path: `items.${index}.endedOn`, message: 'DATE_ORDER' });
    }
  });
  if (fields.length) throw Invalid(fields[0]!.message as MessageCode, {}, fields);
}

export async function submitDeclaration(db: Db, ctx: RequestContext, input: { statement?: string | null; items: DeclarationItem[] }) {
  await assertItems(db, ctx, input.items);
  return inTransaction(db, async (tx) => {
    const [row] = await tx.insert(declarations).values({ userId: ctx.principal!.userId, status: 'submitted', items: input.items, statement: input.statement || null }).returning();
    await appendAudit(tx, ctx, { action: 'declaration.submit', entityType: 'declaration', entityId: row!.id, after: row });
    return getDeclaration(tx, ctx, row!.id);
  });
}

async function declarationForUpdate(tx: Tx, id: string): Promise<DeclarationRow> {
  const [row] = await tx.select().from(declarations).where(eq(declarations.id, id)).for('update');
  if (!row) throw NotFound('DECLARATION_NOT_FOUND');
  if (row.status !== 'submitted') throw Conflict('DECLARATION_NOT_OPEN');
  return row;
}

export async function withdrawDeclaration(db: Db, ctx: RequestContext, id: string) {
  return inTransaction(db, async (tx) => {
    const before = await declarationForUpdate(tx, id);
    if (before.userId !== ctx.principal!.userId) throw NotFound('DECLARATION_NOT_FOUND');
    const [after] = await tx.update(declarations).set({ status: 'withdrawn' }).where(eq(declarations.id, id)).returning();
    await appendAudit(tx, ctx, { action: 'declaration.withdraw', entityType: 'declaration', entityId: id, before, after });
    return getDeclaration(tx, ctx, id);
  });
}

export async function rejectDeclaration(db: Db, ctx: RequestContext, id: string, comment: string) {
  return inTransaction(db, async (tx) => {
    const before = await declarationForUpdate(tx, id);
    if (before.userId === ctx.principal!.userId) throw Forbidden('CANNOT_REVIEW_OWN');
    const [after] = await tx
      .update(declarations)
      .set({ status: 'rejected', reviewedBy: ctx.principal!.userId, reviewedAt: new Date(), reviewComment: comment })
      .where(eq(declarations.id, id))
      .returning();
    await appendAudit(tx, ctx, { action: 'declaration.reject', entityType: 'declaration', entityId: id, before, after });
    return getDeclaration(tx, ctx, id);
  });
}

/** The registry's person for a declared relative or opponent: the holder of the ID number if known, else a new person. */
async function personParty(tx: Tx, ctx: RequestContext, name: string, idNumberText: string | null | undefined) {
  const idNumber = idNumberText ? validateIdentifier('cn_resident_id', idNumberText) : null;
  if (idNumber?.ok) {
    const [holder] = await tx
      .select({ id: partyIdentifiers.partyId })
      .from(partyIdentifiers)
      .where(and(eq(partyIdentifiers.scheme, 'cn_resident_id'), eq(partyIdentifiers.value, idNumber.value), isNull(partyIdentifiers.endedAt)));
    if (holder) return holder.id;
  }
  const identifiers = idNumber?.ok ? [{ scheme: 'cn_resident_id' as const, value: idNumber.value, country: 'CN' }] : [];
  return (await insertParty(tx, ctx, { kind: 'person', name, identifiers, source: 'declared', acknowledgeSimilar: true })).id;
}

/** The organisation named in a declaration: by USCC, else the one live organisation of that exact name, else new. */
async function organisationParty(tx: Tx, ctx: RequestContext, name: string, uscc: string | null | undefined) {
  const code = uscc ? validateIdentifier('uscc', uscc) : null;
  if (code?.ok) {
    const [holder] = await tx
      .select({ id: partyIdentifiers.partyId })
      .from(partyIdentifiers)
      .where(and(eq(partyIdentifiers.scheme, 'uscc'), eq(partyIdentifiers.value, code.value), isNull(partyIdentifiers.endedAt)));
    if (holder) return holder.id;
  }
  const sameName = await tx
    .selectDistinct({ id: parties.id })
    .from(partyNames)
    .innerJoin(parties, eq(parties.id, partyNames.partyId))
    .where(and(eq(partyNames.normalized, normalizeName(name)), eq(parties.kind, 'org'), isNull(parties.endedAt), isNull(partyNames.endedAt)));
  if (sameName.length === 1 && !code?.ok) return sameName[0]!.id;
  const identifiers = code?.ok ? [{ scheme: 'uscc' as const, value: code.value, country: 'CN' }] : [];
  return (await insertParty(tx, ctx, { kind: 'org', name, identifiers, source: 'declared', acknowledgeSimilar: true })).id;
}

/** Accepting turns every item into relationships of the declarant (or their relative), disputes included, in one transaction. */
export async function acceptDeclaration(db: Db, ctx: RequestContext, id: string, comment: string | null | undefined) {
  return inTransaction(db, async (tx) => {
    const before = await declarationForUpdate(tx, id);
    if (before.userId === ctx.principal!.userId) throw Forbidden('CANNOT_REVIEW_OWN');
    const staff = await ensureStaffParty(tx, ctx, await getUser(tx, before.userId));
    const values: RelationshipValues[] = [];
    const declared = (fromPartyId: string, toPartyId: string, type: RelationshipType, extra: Partial<RelationshipValues> = {}): RelationshipValues => ({
      fromPartyId,
      toPartyId,
      type,
      shareBasisPoints: null,
      source: 'declared',
      declarationId: id,
      ...extra,
    });
    for (const item of before.items as DeclarationItem[]) {
      if (item.type === 'relative') {
        const relative = await personParty(tx, ctx, item.name, item.idNumber);
        // "My parent" is a parent of me: the relative is the subject of the relationship.
        values.push(declared(relative, staff.id, item.relation, { notes: item.notes }));
        if (item.employer) values.push(declared(relative, await organisationParty(tx, ctx, item.employer, null), 'employee', { role: item.position }));
      } else if (item.type === 'dispute') {
        // Checked on submission: a dispute names a registry party, or the kind and name of a new one.
        const counterparty =
          item.counterpartyId ??
          (item.counterpartyKind === 'org'
            ? await organisationParty(tx, ctx, item.counterpartyName!, item.counterpartyIdentifier)
            : await personParty(tx, ctx, item.counterpartyName!, item.counterpartyIdentifier));
        values.push(declared(staff.id, counterparty, 'dispute', { validFrom: item.since, validTo: item.endedOn, notes: item.description }));
      } else {
        const organisation = await organisationParty(tx, ctx, item.organisation, item.uscc);
        const share = item.percentage === null || item.percentage === undefined || item.percentage === '' ? null : parsePercentage(String(item.percentage));
        values.push(declared(staff.id, organisation, item.relation, { shareBasisPoints: share, role: item.role, validFrom: item.validFrom, validTo: item.validTo, notes: item.notes }));
      }
    }
    // A reviewer kept out of a client the items name leaves the declaration to another reviewer: to them it is absent.
    ensurePartyVisible(ctx, values.flatMap((v) => [v.fromPartyId, v.toPartyId]), 'DECLARATION_NOT_FOUND');
    const created = await insertRelationships(tx, ctx, values);
    const [after] = await tx
      .update(declarations)
      .set({ status: 'accepted', reviewedBy: ctx.principal!.userId, reviewedAt: new Date(), reviewComment: comment || null })
      .where(eq(declarations.id, id))
      .returning();
    await appendAudit(tx, ctx, { action: 'declaration.accept', entityType: 'declaration', entityId: id, before, after: { ...after, relationshipIds: created.map((r) => r.id) } });
    for (const relationship of created) await appendAudit(tx, ctx, { action: 'relationship.create', entityType: 'relationship', entityId: relationship.id, after: relationship });
    return getDeclaration(tx, ctx, id);
  });
}

const canReview = (ctx: RequestContext) => ctx.principal?.permissions.includes('declarations.review') ?? false;

/** Declarations as shown; the relationships they became are listed unless they touch a client hidden from the caller. */
async function views(executor: Executor, ctx: RequestContext, where: SQL | undefined, page = { limit: 1, offset: 0 }) {
  const userRef = { id: users.id, username: users.username, displayName: users.displayName };
  const rows = await executor
    .select({ declaration: declarations, user: userRef })
    .from(declarations)
    .innerJoin(users, eq(users.id, declarations.userId))
    .where(where)
    .orderBy(desc(declarations.submittedAt))
    .limit(page.limit)
    .offset(page.offset);
  const ids = rows.map((r) => r.declaration.id);
  const reviewerIds = [...new Set(rows.map((r) => r.declaration.reviewedBy).filter((id): id is string => id !== null))];
  const [links, reviewers] = await Promise.all([
    ids.length
      ? executor
          .select({ id: relationships.id, declarationId: relationships.declarationId })
          .from(relationships)
          .where(and(inArray(relationships.declarationId, ids), visibleParty(ctx, relationships.fromPartyId), visibleParty(ctx, relationships.toPartyId)))
      : [],
    reviewerIds.length ? executor.select(userRef).from(users).where(inArray(users.id, reviewerIds)) : [],
  ]);
  return rows.map(({ declaration: d, user }) => ({
    id: d.id,
    user,
    status: d.status,
    statement: d.statement,
    items: d.items as DeclarationItem[],
    submittedAt: d.submittedAt,
    reviewedBy: reviewers.find((r) => r.id === d.reviewedBy) ?? null,
    reviewedAt: d.reviewedAt,
    reviewComment: d.reviewComment,
    relationshipIds: links.filter((l) => l.declarationId === d.id).map((l) => l.id),
  }));
}

/** One declaration: its author and reviewers see it; to anyone else it does not exist. */
export async function getDeclaration(executor: Executor, ctx: RequestContext, id: string) {
  const [view] = await views(executor, ctx, eq(declarations.id, id));
  if (!view || (view.user.id !== ctx.principal?.userId && !canReview(ctx))) throw NotFound('DECLARATION_NOT_FOUND');
  return view;
}

export async function listDeclarations(db: Db, ctx: RequestContext, query: { scope: 'mine' | 'review'; status?: DeclarationRow['status']; page: number; pageSize: number }) {
  if (query.scope === 'review' && !canReview(ctx)) throw Forbidden('FORBIDDEN', { permission: 'declarations.review' });
  const where = and(query.scope === 'mine' ? eq(declarations.userId, ctx.principal!.userId) : undefined, query.status ? eq(declarations.status, query.status) : undefined);
  const [items, [total]] = await Promise.all([
    views(db, ctx, where, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    db.select({ n: count() }).from(declarations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
