// Conflict cases: opening, the workflow, comments, assignment and the taxonomy. The rules live in
// src/core/cases; this file reads and writes, under a row lock and a version check, with a timeline
// event and an audit entry in the same transaction as every change.
import { chinaToday } from '../../core/calendar';
import { and, asc, count, desc, eq, ilike, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { addDays } from '../../core/cases/dates';
import { eventForFailedReview, recordReview } from '../../core/cases/clearance';
import { allowedEvents, checkMitigation, defaultSlaDays, mayMove, overdue, refusalKind, stageDueDate, transition, type CaseEvent, type CaseRefusal, type CaseState } from '../../core/cases/lifecycle';
import { checkNewCase, mayBeResponsible, mayOpenCase, type NewCaseIssue } from '../../core/cases/opening';
import { activeCodes, defaultTaxonomy, labelOf, taxonomyLists, validateTaxonomy, type Locale, type Taxonomy, type TaxonomyEntry, type TaxonomyList } from '../../core/cases/taxonomy';
import { ensureClientVisible, ensurePartyVisible, noteRefusal } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import { inTransaction, queryRows, type Db, type Executor, type Tx } from '../../platform/db/database';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors';
import type { MessageCode } from '../../platform/i18n/messages';
import { getCheck } from '../conflicts/conflicts.service';
import { clientOfParty, getClient } from '../registry/clients.service';
import { findParty } from '../registry/parties.service';
import { partyFacts } from '../registry/screening.service';
import { endCaseRecords, insertBarrier, recordRecusalForCase } from '../recusal/recusal.service';
import { ensureCaseVisible, visibleCase } from './case-scope';
import { conflictCaseEvents, conflictCaseMitigations, conflictCaseReviews, conflictCases, conflictCaseSubjects, conflictTaxonomyVersions } from './cases.tables';
import type { CaseListQuery, CaseReviewInput, MitigationInEffectInput, NewCaseInput, TransitionInput } from './cases.types';

export type CaseRow = typeof conflictCases.$inferSelect;
const NO_USER = '00000000-0000-0000-0000-000000000000';
const TAXONOMY_LOCK = 727_061;

const me = (ctx: RequestContext) => ctx.principal?.userId ?? NO_USER;
const rolesOf = (ctx: RequestContext) => ctx.principal?.roles ?? [];
const holds = (ctx: RequestContext, permission: 'cases.read_all' | 'cases.manage') => ctx.principal?.permissions.includes(permission) ?? false;

// ---------------------------------------------------------------------------------------------
// Taxonomy

const copy = (taxonomy: Taxonomy) => Object.fromEntries(taxonomyLists.map((list) => [list, [...taxonomy[list]]])) as Record<TaxonomyList, TaxonomyEntry[]>;

export async function currentTaxonomy(executor: Executor) {
  const [row] = await executor.select().from(conflictTaxonomyVersions).orderBy(desc(conflictTaxonomyVersions.version)).limit(1);
  // Until compliance publishes its own, the built-in taxonomy is in force.
  if (!row) return { version: null, taxonomy: copy(defaultTaxonomy), note: null, createdAt: null };
  return { version: row.version, taxonomy: copy(row.taxonomy as Taxonomy), note: row.note, createdAt: row.createdAt };
}

export async function publishTaxonomy(db: Db, ctx: RequestContext, input: { taxonomy: Taxonomy; note?: string | null }) {
  await inTransaction(db, async (tx) => {
    // One publisher at a time, so two versions cannot take the same number.
    await tx.execute(sql`select pg_advisory_xact_lock(${TAXONOMY_LOCK})`);
    const previous = await currentTaxonomy(tx);
    const checked = validateTaxonomy(input.taxonomy, previous.taxonomy);
    if (!checked.ok) {
      throw Invalid(
        'CASE_TAXONOMY_INVALID',
        {},
        checked.issues.map((issue) => ({ path: [issue.list, issue.index, issue.locale].filter((p) => p !== undefined).join('.'), message: issue.removed ? `${issue.code}:${issue.removed}` : issue.code })),
      );
    }
    const version = (previous.version ?? 0) + 1;
    await tx.insert(conflictTaxonomyVersions).values({ version, taxonomy: checked.taxonomy, note: input.note ?? null, createdBy: ctx.principal?.userId ?? null });
    await appendAudit(tx, ctx, { action: 'conflict_case.taxonomy.publish', entityType: 'conflict_taxonomy', entityId: String(version), before: { version: previous.version }, after: { version, note: input.note ?? null } });
  });
  return currentTaxonomy(db);
}

// ---------------------------------------------------------------------------------------------
// Opening

const issuePath: Partial<Record<NewCaseIssue, string>> = {
  DESCRIPTION_REQUIRED: 'description',
  NOBODY_NAMED: 'partyIds',
  REPORTER_REQUIRED: 'source',
  REPORTER_NOT_ALLOWED: 'source',
  EVIDENCE_REQUIRED: 'conflictCheck',
  ALERT_REQUIRED: 'alertId',
  UNKNOWN_KIND: 'kind',
  SUBJECT_MATTER_REQUIRED: 'subjectMatters',
  UNKNOWN_SUBJECT_MATTER: 'subjectMatters',
  UNKNOWN_SEVERITY: 'severity',
};

const unique = <T>(items: readonly T[]) => [...new Set(items)];

/** The hit a case is opened from, read through the conflicts module: a check the caller may not read is absent. */
async function evidenceFromCheck(db: Db, ctx: RequestContext, ref: NonNullable<NewCaseInput['conflictCheck']>, locale: Locale) {
  const check = await getCheck(db, ctx, ref.checkId, locale);
  const hit = check.results.flatMap((r) => r.hits).find((h) => h.party.id === ref.partyId);
  if (!hit) throw Invalid('CASE_HIT_NOT_IN_CHECK', { ref: check.ref }, [{ path: 'conflictCheck.partyId', message: 'CASE_HIT_NOT_IN_CHECK' }]);
  const pathIndex = ref.pathIndex ?? 0;
  if (ref.pathIndex !== undefined && !hit.paths[pathIndex]) throw Invalid('CASE_HIT_NOT_IN_CHECK', { ref: check.ref }, [{ path: 'conflictCheck.pathIndex', message: 'CASE_HIT_NOT_IN_CHECK' }]);
  const path = hit.paths[pathIndex] ?? null;
  // A path through a client hidden from the caller is not theirs to file, exactly as if the hit were absent.
  const hiddenStep = path?.steps.map((step) => ctx.clientScope?.hiddenParties.get(step.party.id)).find((clientId) => clientId !== undefined);
  if (hiddenStep) {
    noteRefusal(ctx, hiddenStep);
    throw Invalid('CASE_HIT_NOT_IN_CHECK', { ref: check.ref }, [{ path: 'conflictCheck.partyId', message: 'CASE_HIT_NOT_IN_CHECK' }]);
  }
  // What the hit names comes with it: both ends of the path, and the staff member or client each end is.
  const far = path ? path.steps[path.steps.length - 1]!.party.id : null;
  const farFacts = far ? (await partyFacts(db, [far])).get(far) : undefined;
  return {
    evidence: { checkId: check.id, checkRef: check.ref, partyId: hit.party.id, partyName: hit.party.name, path },
    partyIds: unique([hit.party.id, ...(far ? [far] : [])]),
    clientIds: unique([...(hit.party.client ? [hit.party.client.id] : []), ...(farFacts?.client ? [farFacts.client.id] : [])]),
    staffIds: unique([...(hit.party.staff ? [hit.party.staff.userId] : []), ...(farFacts?.staff ? [farFacts.staff.userId] : [])]),
  };
}

async function requireUsers(executor: Executor, ids: readonly string[], path: string) {
  if (ids.length === 0) return;
  const found = await executor.select({ id: users.id }).from(users).where(inArray(users.id, [...ids]));
  if (found.length !== ids.length) throw Invalid('UNKNOWN_USER', {}, [{ path, message: 'UNKNOWN_USER' }]);
}

export async function openCase(db: Db, ctx: RequestContext, input: NewCaseInput, locale: Locale, today: string = chinaToday()): Promise<string> {
  if (!mayOpenCase(rolesOf(ctx), input.source)) throw Forbidden('CASE_SOURCE_FORBIDDEN', { source: input.source });
  const fromCheck = input.source === 'conflict_check' && input.conflictCheck ? await evidenceFromCheck(db, ctx, input.conflictCheck, locale) : null;
  const partyIds = unique([...input.partyIds, ...(fromCheck?.partyIds ?? [])]);
  const clientIds = unique([...input.clientIds, ...(fromCheck?.clientIds ?? [])]);
  const staffIds = unique([...input.staffIds, ...(fromCheck?.staffIds ?? [])]);
  // An anonymous report keeps nobody's name: compliance logs it without becoming its reporter.
  const reportedBy = input.source === 'anonymous_report' ? null : me(ctx);
  const { taxonomy } = await currentTaxonomy(db);
  const issues = checkNewCase(
    {
      source: input.source,
      reportedBy,
      openedOn: today,
      description: input.description,
      classification: { kind: input.kind, subjectMatters: input.subjectMatters, ...(input.severity ? { severity: input.severity } : {}) },
      partyIds,
      clientIds,
      staffIds,
      ...(fromCheck ? { evidence: { checkId: fromCheck.evidence.checkId, partyId: fromCheck.evidence.partyId } } : {}),
      ...(input.alertId ? { alertId: input.alertId } : {}),
    },
    taxonomy,
  );
  if (issues.length > 0) throw Invalid('CASE_NEW_INVALID', {}, issues.map((issue) => ({ path: issuePath[issue] ?? 'body', message: issue })));
  // A client or party hidden from the caller is as unknown to them as one that does not exist.
  ensureClientVisible(ctx, clientIds, 'CLIENT_NOT_FOUND');
  ensurePartyVisible(ctx, partyIds, 'PARTY_NOT_FOUND');

  return inTransaction(db, async (tx) => {
    const parties = await Promise.all(partyIds.map((id) => findParty(tx, id)));
    await Promise.all(clientIds.map((id) => getClient(tx, id)));
    await requireUsers(tx, staffIds, 'staffIds');
    const [seq] = await queryRows<{ n: string }>(tx, sql`select nextval('conflict_case_ref_seq')::text as n`);
    const ref = `CF-${today.slice(0, 4)}-${seq!.n.padStart(6, '0')}`;
    const [row] = await tx
      .insert(conflictCases)
      .values({
        ref,
        title: input.title,
        description: input.description,
        kind: input.kind,
        subjectMatters: unique(input.subjectMatters),
        severity: input.severity ?? null,
        source: input.source,
        reportedBy,
        stageEnteredOn: today,
        evidence: fromCheck ? fromCheck.evidence : input.alertId ? { alertId: input.alertId } : null,
      })
      .returning();
    const subjects = [
      ...parties.map((p) => ({ caseId: row!.id, partyId: p.id, userId: p.userId ?? null, role: 'party' })),
      ...clientIds.map((id) => ({ caseId: row!.id, clientId: id, role: 'client' })),
      ...staffIds.map((id) => ({ caseId: row!.id, userId: id, role: 'staff' })),
    ];
    if (subjects.length > 0) await tx.insert(conflictCaseSubjects).values(subjects);
    await record(tx, ctx, row!, { kind: 'open', to: 'reported', details: { source: input.source, ...(fromCheck ? { checkRef: fromCheck.evidence.checkRef } : {}) } });
    return row!.id;
  });
}

// ---------------------------------------------------------------------------------------------
// Shared moves

interface TimelineEntry {
  kind: string;
  from?: CaseState | null;
  to?: CaseState | null;
  comment?: string | null;
  details?: Record<string, unknown> | null;
}

/** One line of the timeline and its audit entry. */
export async function record(tx: Tx, ctx: RequestContext, row: Pick<CaseRow, 'id' | 'ref'>, entry: TimelineEntry): Promise<void> {
  await tx.insert(conflictCaseEvents).values({
    caseId: row.id,
    kind: entry.kind,
    fromState: entry.from ?? null,
    toState: entry.to ?? null,
    actorId: ctx.principal?.userId ?? null,
    comment: entry.comment ?? null,
    details: entry.details ?? null,
  });
  await appendAudit(tx, ctx, {
    action: `conflict_case.${entry.kind}`,
    entityType: 'conflict_case',
    entityId: row.id,
    before: entry.from ? { state: entry.from } : null,
    after: { ref: row.ref, ...(entry.to ? { state: entry.to } : {}), ...(entry.comment ? { comment: entry.comment } : {}), ...(entry.details ?? {}) },
  });
}

/** Reporter, responsible person or a reader of every case; anyone else is told it does not exist. */
const maySee = (row: CaseRow, ctx: RequestContext) => holds(ctx, 'cases.read_all') || (row.reportedBy !== null && row.reportedBy === me(ctx)) || row.responsibleUserId === me(ctx);

const subjectsOf = (executor: Executor, caseId: string) =>
  executor.select().from(conflictCaseSubjects).where(eq(conflictCaseSubjects.caseId, caseId)).orderBy(asc(conflictCaseSubjects.role), asc(conflictCaseSubjects.id));

/** The case, locked for this transaction: concurrent changes to one case queue here. */
async function lockCase(tx: Tx, ctx: RequestContext, id: string): Promise<CaseRow> {
  const [row] = await tx.select().from(conflictCases).where(eq(conflictCases.id, id)).for('update');
  if (!row || !maySee(row, ctx)) throw NotFound('CASE_NOT_FOUND');
  // A case naming a client hidden from the caller is exactly as missing.
  await ensureCaseVisible(tx, ctx, row.id, 'CASE_NOT_FOUND');
  return row;
}

/** The case for one of its readers (without a lock): evidence files hang off it. */
export async function readableCase(executor: Executor, ctx: RequestContext, id: string): Promise<CaseRow> {
  const [row] = await executor.select().from(conflictCases).where(eq(conflictCases.id, id));
  if (!row || !maySee(row, ctx)) throw NotFound('CASE_NOT_FOUND');
  await ensureCaseVisible(executor, ctx, row.id, 'CASE_NOT_FOUND');
  return row;
}

/** The caller acted on the version it saw; anything newer means someone else moved first. */
function expectVersion(row: CaseRow, version: number): void {
  if (row.version !== version) throw Conflict('CASE_STALE', { ref: row.ref }, { state: row.state, version: row.version });
}

async function saveCase(tx: Tx, row: CaseRow, changes: Partial<CaseRow>): Promise<CaseRow> {
  const [saved] = await tx
    .update(conflictCases)
    .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
    .where(eq(conflictCases.id, row.id))
    .returning();
  return saved!;
}

async function staffNamed(executor: Executor, caseId: string): Promise<string[]> {
  const rows = await executor.select({ userId: conflictCaseSubjects.userId }).from(conflictCaseSubjects).where(eq(conflictCaseSubjects.caseId, caseId));
  return unique(rows.flatMap((r) => (r.userId ? [r.userId] : [])));
}

const liveMitigations = (executor: Executor, caseId: string) =>
  executor
    .select()
    .from(conflictCaseMitigations)
    .where(and(eq(conflictCaseMitigations.caseId, caseId), ne(conflictCaseMitigations.status, 'lifted')))
    .orderBy(asc(conflictCaseMitigations.createdAt), asc(conflictCaseMitigations.position));

async function requireMover(executor: Executor, ctx: RequestContext, row: CaseRow, event: Parameters<typeof mayMove>[1]) {
  const isInvolved = (await staffNamed(executor, row.id)).includes(me(ctx));
  if (!mayMove(rolesOf(ctx), event, { isResponsible: row.responsibleUserId === me(ctx), isInvolved })) throw Forbidden('CASE_MOVE_FORBIDDEN', { event });
}

// ---------------------------------------------------------------------------------------------
// The workflow

const refusalCodes: Record<Exclude<CaseRefusal, 'ILLEGAL_TRANSITION'>, MessageCode> = {
  COMMENT_REQUIRED: 'CASE_COMMENT_REQUIRED',
  SEVERITY_REQUIRED: 'CASE_SEVERITY_REQUIRED',
  UNKNOWN_SEVERITY: 'CASE_UNKNOWN_SEVERITY',
  IMPACT_REQUIRED: 'CASE_IMPACT_REQUIRED',
  ASSESSMENT_REQUIRED: 'CASE_ASSESSMENT_REQUIRED',
  MITIGATION_REQUIRED: 'CASE_MITIGATION_REQUIRED',
  UNKNOWN_MITIGATION: 'CASE_UNKNOWN_MITIGATION',
  MITIGATION_NEEDS_STAFF: 'CASE_MITIGATION_NEEDS_STAFF',
  MITIGATION_NEEDS_CLIENT: 'CASE_MITIGATION_NEEDS_CLIENT',
  MITIGATION_NEEDS_DESCRIPTION: 'CASE_MITIGATION_NEEDS_DESCRIPTION',
  MITIGATIONS_PENDING: 'CASE_MITIGATIONS_PENDING',
  REVIEW_DATE_REQUIRED: 'CASE_REVIEW_DATE_REQUIRED',
  INVALID_DATE: 'CASE_INVALID_DATE',
  REVIEW_DATE_NOT_FUTURE: 'CASE_REVIEW_DATE_NOT_FUTURE',
  FINDING_REQUIRED: 'CASE_FINDING_REQUIRED',
  REASON_REQUIRED: 'CASE_REASON_REQUIRED',
};

const refusalPath: Partial<Record<CaseRefusal, string>> = {
  COMMENT_REQUIRED: 'comment',
  SEVERITY_REQUIRED: 'severity',
  UNKNOWN_SEVERITY: 'severity',
  IMPACT_REQUIRED: 'impact',
  ASSESSMENT_REQUIRED: 'assessment',
  MITIGATION_REQUIRED: 'mitigations',
  REVIEW_DATE_REQUIRED: 'reviewDates',
  FINDING_REQUIRED: 'finding',
  REASON_REQUIRED: 'reason',
};

function coreEvent(input: TransitionInput): CaseEvent {
  const comment = input.comment;
  switch (input.event) {
    case 'assess':
      return { type: 'assess', comment, severity: input.severity ?? '', impact: input.impact ?? '', assessment: input.assessment ?? '' };
    case 'decide_resolution':
      return {
        type: 'decide_resolution',
        comment,
        mitigations: (input.mitigations ?? []).map((m) => ({ kind: m.kind, ...(m.description ? { description: m.description } : {}), staffIds: m.staffIds, clientIds: m.clientIds })),
      };
    case 'start_monitoring':
    case 'close':
      return { type: input.event, comment, reviewDates: input.reviewDates ?? [] };
    case 'close_no_conflict':
      return { type: 'close_no_conflict', comment, finding: input.finding ?? '' };
    case 'reinvestigate':
    case 'reopen':
      return { type: input.event, comment, reason: input.reason ?? '' };
    default:
      return { type: input.event, comment };
  }
}

export async function transitionCase(db: Db, ctx: RequestContext, id: string, input: TransitionInput, today: string = chinaToday()): Promise<void> {
  const { taxonomy } = await currentTaxonomy(db);
  await inTransaction(db, async (tx) => {
    const row = await lockCase(tx, ctx, id);
    expectVersion(row, input.version);
    await moveCase(tx, ctx, row, input, taxonomy, today);
  });
}

/** The clients and staff a decided plan names must exist, and its clients be visible to the one deciding. */
async function requirePlanNames(tx: Tx, ctx: RequestContext, plans: readonly { clientIds?: readonly string[]; staffIds?: readonly string[] }[]): Promise<void> {
  await Promise.all(unique(plans.flatMap((m) => m.clientIds ?? [])).map((clientId) => getClient(tx, clientId, ctx)));
  await requireUsers(tx, unique(plans.flatMap((m) => m.staffIds ?? [])), 'mitigations');
}

/** One workflow move of a locked case whose version the caller checked. */
async function moveCase(tx: Tx, ctx: RequestContext, row: CaseRow, input: TransitionInput, taxonomy: Taxonomy, today: string): Promise<void> {
  await requireMover(tx, ctx, row, input.event);
  const live = await liveMitigations(tx, row.id);
  const event = coreEvent(input);
  const result = transition(row.state, event, {
    today,
    severities: activeCodes(taxonomy, 'severities'),
    mitigationKinds: activeCodes(taxonomy, 'mitigationKinds'),
    mitigations: live.map((m) => ({ kind: m.kind, inEffect: m.status === 'in_effect' })),
  });
  if (!result.ok) {
    const facts = { state: row.state, version: row.version, ...(result.index !== undefined ? { index: result.index } : {}) };
    if (result.code === 'ILLEGAL_TRANSITION') throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: input.event }, facts);
    if (refusalKind(result.code) === 'conflict') throw Conflict(refusalCodes[result.code], {}, facts);
    const base = refusalPath[result.code] ?? (result.code.startsWith('MITIGATION') ? 'mitigations' : 'reviewDates');
    throw Invalid(refusalCodes[result.code], {}, [{ path: result.index !== undefined ? `${base}.${result.index}` : base, message: result.code }]);
  }

  const changes: Partial<CaseRow> = { state: result.state };
  // A stage's clock restarts only when the case enters another stage; revising an assessment keeps it.
  if (result.state !== row.state) changes.stageEnteredOn = today;
  const details: Record<string, unknown> = {};
  if (event.type === 'assess') {
    changes.severity = event.severity;
    changes.assessment = { impact: event.impact, assessment: event.assessment };
    Object.assign(details, { severity: event.severity, impact: event.impact });
  }
  if (event.type === 'decide_resolution') {
    await requirePlanNames(tx, ctx, event.mitigations);
    // A new decision replaces the plan: what it replaces is lifted, never deleted, and the recusals and
    // barriers it had put in place end today.
    if (live.length > 0) await tx.update(conflictCaseMitigations).set({ status: 'lifted' }).where(inArray(conflictCaseMitigations.id, live.map((m) => m.id)));
    const ended = await endCaseRecords(tx, ctx, row.id, live.flatMap((m) => (m.status === 'in_effect' ? m.recordIds : [])), input.comment, today);
    if (ended.length > 0) details.endedRecordIds = ended;
    await tx.insert(conflictCaseMitigations).values(
      event.mitigations.map((m, position) => ({ caseId: row.id, position, kind: m.kind, description: m.description ?? null, staffUserIds: [...(m.staffIds ?? [])], clientIds: [...(m.clientIds ?? [])] })),
    );
    // A client the plan names is one the case names: whoever is kept out of it is kept out of the case.
    const named = new Set((await subjectsOf(tx, row.id)).flatMap((s) => (s.clientId ? [s.clientId] : [])));
    const newClients = unique(event.mitigations.flatMap((m) => m.clientIds ?? [])).filter((id) => !named.has(id));
    if (newClients.length > 0) await tx.insert(conflictCaseSubjects).values(newClients.map((clientId) => ({ caseId: row.id, clientId, role: 'client' })));
    details.mitigations = event.mitigations;
  }
  if (result.reviewDates) {
    await tx.insert(conflictCaseReviews).values(result.reviewDates.map((dueOn) => ({ caseId: row.id, dueOn })));
    details.reviewDates = result.reviewDates;
  }
  if (event.type === 'close_no_conflict') details.finding = event.finding;
  if (event.type === 'reinvestigate' || event.type === 'reopen') details.reason = event.reason;
  if (result.state === 'closed') changes.closedAt = new Date();
  if (event.type === 'reopen') changes.closedAt = null;
  changes.nextReviewOn = await nextReview(tx, row.id);
  const saved = await saveCase(tx, row, changes);
  await record(tx, ctx, saved, { kind: input.event, from: row.state, to: result.state, comment: input.comment, details });
}

async function nextReview(executor: Executor, caseId: string): Promise<string | null> {
  const [row] = await executor
    .select({ dueOn: sql<string | null>`min(${conflictCaseReviews.dueOn})::text` })
    .from(conflictCaseReviews)
    .where(and(eq(conflictCaseReviews.caseId, caseId), isNull(conflictCaseReviews.reviewedOn)));
  return row?.dueOn ?? null;
}

type MitigationRow = typeof conflictCaseMitigations.$inferSelect;
type Effect = Pick<MitigationRow, 'recordIds' | 'consents' | 'effectNote'>;

/** The clients a case names, as clients or as parties that are clients. */
async function clientsOfCase(executor: Executor, caseId: string): Promise<string[]> {
  const subjects = await subjectsOf(executor, caseId);
  const ofParties = await Promise.all(subjects.flatMap((s) => (s.partyId && !s.clientId ? [clientOfParty(executor, s.partyId)] : [])));
  return unique([...subjects.flatMap((s) => (s.clientId ? [s.clientId] : [])), ...ofParties.flatMap((c) => (c ? [c.id] : []))]);
}

/**
 * What putting a mitigation in effect leaves behind. A recusal or a barrier is created for real, so the
 * enforcement point keeps the staff named out of the clients from now on; a consent says who gave it and
 * when; anything else says what was done.
 */
async function putInEffect(tx: Tx, ctx: RequestContext, row: CaseRow, mitigation: MitigationRow, input: MitigationInEffectInput, today: string): Promise<Effect> {
  const facts = { state: row.state, version: row.version };
  const reason = `${row.ref} ${mitigation.description ?? row.title}`;
  const note = input.note?.trim() || null;
  if (mitigation.kind === 'recusal' || mitigation.kind === 'information_barrier') {
    // The mitigation's own clients, or else the case's.
    const clientIds = mitigation.clientIds.length > 0 ? mitigation.clientIds : await clientsOfCase(tx, row.id);
    if (clientIds.length === 0) throw Conflict('CASE_MITIGATION_NO_CLIENTS', {}, facts);
    const recordIds: string[] = [];
    if (mitigation.kind === 'recusal') {
      // One after another: each writes its audit entry onto the same chain.
      for (const userId of mitigation.staffUserIds) recordIds.push(await recordRecusalForCase(tx, ctx, { userId, clientIds, caseId: row.id, reason, comment: input.comment ?? null }));
    } else {
      recordIds.push(await insertBarrier(tx, ctx, { name: reason.slice(0, 200), clientIds, walledOffUserIds: mitigation.staffUserIds, reason, caseId: row.id, startsOn: today }));
    }
    return { recordIds, consents: null, effectNote: note };
  }
  if (mitigation.kind === 'disclosure_consent') {
    const consents = input.consents ?? [];
    const byClient = new Map(consents.map((c) => [c.clientId, c]));
    if (byClient.size !== consents.length || mitigation.clientIds.some((id) => !byClient.has(id)) || consents.some((c) => !mitigation.clientIds.includes(c.clientId))) {
      throw Invalid('CASE_CONSENT_REQUIRED', {}, [{ path: 'consents', message: 'CASE_CONSENT_REQUIRED' }]);
    }
    const future = consents.findIndex((c) => c.consentedOn > today);
    if (future >= 0) throw Invalid('CASE_CONSENT_DATE_FUTURE', {}, [{ path: `consents.${future}.consentedOn`, message: 'CASE_CONSENT_DATE_FUTURE' }]);
    return { recordIds: [], consents: mitigation.clientIds.map((id) => byClient.get(id)!), effectNote: note };
  }
  if (!note) throw Invalid('CASE_EFFECT_NOTE_REQUIRED', {}, [{ path: 'note', message: 'CASE_EFFECT_NOTE_REQUIRED' }]);
  return { recordIds: [], consents: null, effectNote: note };
}

/** A decided mitigation reported in place, with what that created; once all are, the case may move to mitigations_in_effect. */
export async function markMitigationInEffect(db: Db, ctx: RequestContext, id: string, mitigationId: string, input: MitigationInEffectInput, today: string = chinaToday()) {
  const { taxonomy } = await currentTaxonomy(db);
  await inTransaction(db, async (tx) => {
    const row = await lockCase(tx, ctx, id);
    expectVersion(row, input.version);
    await requireMover(tx, ctx, row, 'put_mitigations_in_effect');
    const facts = { state: row.state, version: row.version };
    if (row.state !== 'resolution_decided') throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: 'mitigation_in_effect' }, facts);
    const [mitigation] = await tx.select().from(conflictCaseMitigations).where(and(eq(conflictCaseMitigations.id, mitigationId), eq(conflictCaseMitigations.caseId, row.id)));
    if (!mitigation) throw NotFound('CASE_MITIGATION_NOT_FOUND');
    if (mitigation.status !== 'planned') throw Conflict('CASE_MITIGATION_NOT_PLANNED', {}, { status: mitigation.status, ...facts });
    // The plan was checked when decided; a kind the firm has since retired cannot be put in effect.
    const fault = checkMitigation({ kind: mitigation.kind, description: mitigation.description ?? undefined, staffIds: mitigation.staffUserIds, clientIds: mitigation.clientIds }, activeCodes(taxonomy, 'mitigationKinds'));
    if (fault) throw Conflict(refusalCodes[fault as Exclude<CaseRefusal, 'ILLEGAL_TRANSITION'>], {}, facts);
    const effect = await putInEffect(tx, ctx, row, mitigation, input, today);
    await tx.update(conflictCaseMitigations).set({ status: 'in_effect', inEffectOn: today, ...effect }).where(eq(conflictCaseMitigations.id, mitigation.id));
    const saved = await saveCase(tx, row, {});
    await record(tx, ctx, saved, {
      kind: 'mitigation_in_effect',
      comment: input.comment ?? null,
      details: { mitigationId: mitigation.id, kind: mitigation.kind, ...(effect.recordIds.length > 0 ? { recordIds: effect.recordIds } : {}), ...(effect.consents ? { consents: effect.consents } : {}), ...(effect.effectNote ? { note: effect.effectNote } : {}) },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Reviews of monitoring and long-term tracking

/** When the planned review dates run out, reviews go on at this interval until tracking is ended. */
const REVIEW_CADENCE_MONTHS = 6;

const reviewRefusals = { COMMENT_REQUIRED: 'CASE_COMMENT_REQUIRED', REASON_REQUIRED: 'CASE_REASON_REQUIRED', INVALID_DATE: 'CASE_INVALID_DATE' } as const;

/**
 * Compliance reviews a case under monitoring or closed with mitigations. The mitigations hold: the due
 * review (and any it passed) is answered and the next date set. They failed: the case goes back to
 * investigation (a closed one is reopened) with the note as the reason, and the rest of the schedule
 * gives way to whatever the new resolution sets.
 */
export async function reviewCase(db: Db, ctx: RequestContext, id: string, input: CaseReviewInput, today: string = chinaToday()): Promise<void> {
  const { taxonomy } = await currentTaxonomy(db);
  await inTransaction(db, async (tx) => {
    const row = await lockCase(tx, ctx, id);
    expectVersion(row, input.version);
    const facts = { state: row.state, version: row.version };
    if (row.state !== 'monitoring' && row.state !== 'closed') throw Conflict('ILLEGAL_TRANSITION', { state: row.state, event: 'review' }, facts);
    const pending = await tx
      .select()
      .from(conflictCaseReviews)
      .where(and(eq(conflictCaseReviews.caseId, row.id), isNull(conflictCaseReviews.reviewedOn)))
      .orderBy(asc(conflictCaseReviews.dueOn));
    const result = recordReview(
      { outcome: input.outcome === 'holds' ? 'confirm' : 'reopen', reviewedOn: today, comment: input.note, reason: input.note },
      { pending: pending.map((r) => r.dueOn), cadenceMonths: REVIEW_CADENCE_MONTHS },
    );
    if (!result.ok) {
      if (result.code === 'NOTHING_TO_REVIEW') throw Conflict('CASE_NOTHING_TO_REVIEW', { ref: row.ref }, facts);
      throw Invalid(reviewRefusals[result.code], {}, [{ path: 'note', message: result.code }]);
    }
    const answer = (reviews: typeof pending, outcome: string, comment: string | null) =>
      reviews.length > 0
        ? tx.update(conflictCaseReviews).set({ reviewedOn: today, outcome, comment, reviewerId: me(ctx) }).where(inArray(conflictCaseReviews.id, reviews.map((r) => r.id)))
        : undefined;
    if (result.outcome === 'confirm') {
      const answered = pending.filter((r) => !result.pending.includes(r.dueOn));
      await answer(answered, 'holds', input.note);
      const added = result.pending.filter((dueOn) => !pending.some((r) => r.dueOn === dueOn));
      if (added.length > 0) await tx.insert(conflictCaseReviews).values(added.map((dueOn) => ({ caseId: row.id, dueOn })));
      const saved = await saveCase(tx, row, { nextReviewOn: result.nextReviewOn });
      await record(tx, ctx, saved, { kind: 'review', comment: input.note, details: { outcome: 'holds', reviewed: answered.map((r) => r.dueOn), nextReviewOn: result.nextReviewOn } });
      return;
    }
    const [due, ...rest] = pending;
    await answer([due!], 'failed', input.note);
    await answer(rest, 'superseded', null);
    await record(tx, ctx, row, { kind: 'review', comment: input.note, details: { outcome: 'failed', reviewed: [due!.dueOn] } });
    await moveCase(tx, ctx, row, { version: row.version, event: eventForFailedReview(row.state), comment: input.note, reason: result.reason }, taxonomy, today);
  });
}

export async function commentOnCase(db: Db, ctx: RequestContext, id: string, comment: string) {
  await inTransaction(db, async (tx) => {
    const row = await lockCase(tx, ctx, id);
    // A comment does not change the case, so it leaves the version alone: nobody's open form goes stale.
    await record(tx, ctx, row, { kind: 'comment', comment });
  });
}

export async function assignCase(db: Db, ctx: RequestContext, id: string, input: { version: number; responsibleUserId: string; comment?: string | null }) {
  await inTransaction(db, async (tx) => {
    const row = await lockCase(tx, ctx, id);
    expectVersion(row, input.version);
    const [user] = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, input.responsibleUserId));
    if (!user || !user.active) throw Invalid('UNKNOWN_USER', {}, [{ path: 'responsibleUserId', message: 'UNKNOWN_USER' }]);
    const subjects = await tx.select().from(conflictCaseSubjects).where(eq(conflictCaseSubjects.caseId, row.id));
    const staffIds = subjects.flatMap((s) => (s.userId ? [s.userId] : []));
    const partyIds = subjects.flatMap((s) => (s.partyId ? [s.partyId] : []));
    if (!mayBeResponsible(user.id, { staffIds, partyIds })) throw Invalid('CASE_RESPONSIBLE_INVOLVED', {}, [{ path: 'responsibleUserId', message: 'CASE_RESPONSIBLE_INVOLVED' }]);
    const saved = await saveCase(tx, row, { responsibleUserId: user.id });
    await record(tx, ctx, saved, { kind: 'assign', comment: input.comment ?? null, details: { from: row.responsibleUserId, to: user.id } });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

const reporter = alias(users, 'reporter');
const owner = alias(users, 'owner');
const nameOf = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

function summaryQuery(executor: Executor) {
  return executor
    .select({
      row: conflictCases,
      reporterName: reporter.displayName,
      ownerName: owner.displayName,
    })
    .from(conflictCases)
    .leftJoin(reporter, eq(reporter.id, conflictCases.reportedBy))
    .leftJoin(owner, eq(owner.id, conflictCases.responsibleUserId));
}

function present(row: CaseRow, reporterName: string | null, ownerName: string | null, taxonomy: Taxonomy, locale: Locale, today: string) {
  return {
    id: row.id,
    ref: row.ref,
    state: row.state,
    version: row.version,
    title: row.title,
    kind: row.kind,
    kindLabel: labelOf(taxonomy, 'conflictKinds', row.kind, locale),
    subjectMatters: row.subjectMatters,
    severity: row.severity,
    source: row.source,
    reportedBy: nameOf(row.reportedBy, reporterName),
    responsible: nameOf(row.responsibleUserId, ownerName),
    stageEnteredOn: row.stageEnteredOn,
    stageDueOn: stageDueDate(row.state, row.stageEnteredOn),
    daysOverdue: overdue(today, { state: row.state, enteredOn: row.stageEnteredOn }),
    nextReviewOn: row.nextReviewOn,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

/** Overdue in SQL, from the same SLA days the core computes due dates with. */
function overdueCondition(today: string): SQL {
  const clauses = Object.entries(defaultSlaDays)
    .filter(([, days]) => days !== null)
    .map(([state, days]) => sql`(${conflictCases.state} = ${state} and ${conflictCases.stageEnteredOn} < ${addDays(today, -(days as number))}::date)`);
  return sql`(${sql.join(clauses, sql` or `)})`;
}

/** A review is due: the case is watched (monitoring or closed into tracking) and its next review date has come. */
const reviewDueCondition = (today: string): SQL => sql`(${inArray(conflictCases.state, ['monitoring', 'closed'])} and ${lte(conflictCases.nextReviewOn, today)})`;

export async function listCases(db: Db, ctx: RequestContext, query: CaseListQuery, locale: Locale, today: string = chinaToday()) {
  const filters: (SQL | undefined)[] = [visibleCase(ctx, conflictCases.id)];
  if (!holds(ctx, 'cases.read_all')) filters.push(or(eq(conflictCases.reportedBy, me(ctx)), eq(conflictCases.responsibleUserId, me(ctx))));
  if (query.state) filters.push(eq(conflictCases.state, query.state));
  if (query.kind) filters.push(eq(conflictCases.kind, query.kind));
  if (query.severity) filters.push(eq(conflictCases.severity, query.severity));
  if (query.responsible) filters.push(eq(conflictCases.responsibleUserId, query.responsible === 'me' ? me(ctx) : query.responsible));
  if (query.overdue !== undefined) filters.push(query.overdue ? overdueCondition(today) : sql`not ${overdueCondition(today)}`);
  if (query.reviewDue !== undefined) filters.push(query.reviewDue ? reviewDueCondition(today) : sql`not coalesce(${reviewDueCondition(today)}, false)`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(conflictCases.ref, like), ilike(conflictCases.title, like), ilike(conflictCases.description, like)));
  }
  const where = and(...filters);
  const [{ taxonomy }, rows, [total]] = await Promise.all([
    currentTaxonomy(db),
    summaryQuery(db)
      .where(where)
      .orderBy(desc(conflictCases.createdAt), desc(conflictCases.ref))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(conflictCases).where(where),
  ]);
  return { items: rows.map((r) => present(r.row, r.reporterName, r.ownerName, taxonomy, locale, today)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getCase(db: Db, ctx: RequestContext, id: string, locale: Locale, today: string = chinaToday()) {
  const [found] = await summaryQuery(db).where(eq(conflictCases.id, id));
  if (!found || !maySee(found.row, ctx)) throw NotFound('CASE_NOT_FOUND');
  const row = found.row;
  await ensureCaseVisible(db, ctx, id, 'CASE_NOT_FOUND');
  const subjects = await subjectsOf(db, id);
  const [{ taxonomy }, mitigations, reviews, events] = await Promise.all([
    currentTaxonomy(db),
    db.select().from(conflictCaseMitigations).where(eq(conflictCaseMitigations.caseId, id)).orderBy(asc(conflictCaseMitigations.createdAt), asc(conflictCaseMitigations.position)),
    db
      .select({ review: conflictCaseReviews, reviewerName: users.displayName })
      .from(conflictCaseReviews)
      .leftJoin(users, eq(users.id, conflictCaseReviews.reviewerId))
      .where(eq(conflictCaseReviews.caseId, id))
      .orderBy(asc(conflictCaseReviews.dueOn)),
    db
      .select({ event: conflictCaseEvents, actorName: users.displayName })
      .from(conflictCaseEvents)
      .leftJoin(users, eq(users.id, conflictCaseEvents.actorId))
      .where(eq(conflictCaseEvents.caseId, id))
      .orderBy(asc(conflictCaseEvents.seq)),
  ]);
  const names = new Map<string, string>();
  const staffIds = unique(subjects.flatMap((s) => (s.userId ? [s.userId] : [])));
  if (staffIds.length > 0) for (const u of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, staffIds))) names.set(u.id, u.name);
  const subjectName = async (s: (typeof subjects)[number]) => {
    if (s.partyId) return (await findParty(db, s.partyId)).primaryName;
    if (s.clientId) return (await getClient(db, s.clientId)).party.name;
    return s.userId ? (names.get(s.userId) ?? null) : null;
  };
  return {
    ...present(row, found.reporterName, found.ownerName, taxonomy, locale, today),
    description: row.description,
    assessment: (row.assessment as { impact: string; assessment: string } | null) ?? null,
    evidence: (row.evidence as Record<string, unknown> | null) ?? null,
    subjects: await Promise.all(subjects.map(async (s) => ({ id: s.id, role: s.role, partyId: s.partyId, clientId: s.clientId, userId: s.userId, name: await subjectName(s) }))),
    mitigations: mitigations.map((m) => ({
      id: m.id,
      kind: m.kind,
      kindLabel: labelOf(taxonomy, 'mitigationKinds', m.kind, locale),
      description: m.description,
      staffIds: m.staffUserIds,
      clientIds: m.clientIds,
      status: m.status,
      inEffectOn: m.inEffectOn,
      recordIds: m.recordIds,
      consents: (m.consents as { clientId: string; consentedBy: string; consentedOn: string }[] | null) ?? null,
      note: m.effectNote,
    })),
    reviews: reviews.map(({ review: r, reviewerName }) => ({ id: r.id, dueOn: r.dueOn, reviewedOn: r.reviewedOn, outcome: r.outcome, comment: r.comment, reviewer: nameOf(r.reviewerId, reviewerName) })),
    timeline: events.map(({ event: e, actorName }) => ({ id: e.id, kind: e.kind, fromState: e.fromState, toState: e.toState, actor: nameOf(e.actorId, actorName), at: e.at, comment: e.comment, details: e.details })),
    allowedEvents: allowedEvents(row.state),
  };
}
