// The risk assessment: gathers what each module knows of every client and staff member in a few
// grouped reads, scores them with the core's rules, and keeps each run's scores for the trend.
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { chinaToday } from '../../core/calendar';
import { dayNumber, fromDayNumber } from '../../core/cases/dates';
import { assessRisk, describeFactor, isRunDue, noRiskInputs, riskCategories, riskCategoryLabels, riskLevelOf, type RiskCategory, type RiskFactor, type RiskFrequency, type RiskInputs } from '../../core/monitoring/risk';
import { ensureClientVisible, visibleClient } from '../../platform/access/client-scope';
import { appendAudit } from '../../platform/audit/audit.service';
import { departments, users } from '../../platform/auth/auth.tables';
import { systemContext, type RequestContext } from '../../platform/context';
import { insertRows } from '../../platform/db/bulk';
import { inTransaction, queryRows, type Db, type Executor } from '../../platform/db/database';
import { NotFound } from '../../platform/errors';
import type { Locale } from '../../platform/i18n/messages';
import { benefitIntensity, type BenefitIntensity } from '../benefits/risk-facts';
import { caseExposure, type CaseExposure } from '../cases/risk-facts';
import { registryRiskFacts } from '../registry/risk-facts';
import { clientNames } from '../registry/screening.service';
import { riskRuns, riskScores, riskSettings } from './monitoring.tables';

interface AlertCounts {
  high: number;
  medium: number;
  low: number;
  year: number;
}

/** Open alerts by severity and the year's alerts (dismissed ones left out), per client and per staff member. */
async function alertExposure(executor: Executor, since: string) {
  const grouped = (subject: SQL) =>
    queryRows<{ id: string; high: number; medium: number; low: number; year: number }>(
      executor,
      sql`select s.id, (count(*) filter (where a.state in ('new', 'reviewing') and a.score >= 70))::int as high,
            (count(*) filter (where a.state in ('new', 'reviewing') and a.score >= 40 and a.score < 70))::int as medium,
            (count(*) filter (where a.state in ('new', 'reviewing') and a.score < 40))::int as low,
            (count(*) filter (where a.state <> 'dismissed' and a.created_at >= ${since}::date))::int as year
          from alerts a cross join lateral ${subject} as s(id) group by s.id`,
    );
  const toMap = (rows: Awaited<ReturnType<typeof grouped>>) => new Map<string, AlertCounts>(rows.map((r) => [r.id, r]));
  return { byClient: toMap(await grouped(sql`unnest(a.client_ids)`)), byUser: toMap(await grouped(sql`(select a.user_id where a.user_id is not null)`)) };
}

/** One subject's inputs from what each module counted; a client adds its revenue share and official contacts. */
const inputsOf = (given: BenefitIntensity | undefined, exposure: CaseExposure | undefined, staffLinks: number, alerts: AlertCounts | undefined, extra: Partial<RiskInputs> = {}): RiskInputs => ({
  ...noRiskInputs(),
  openCases: exposure?.open ?? 0,
  casesThisYear: exposure?.since ?? 0,
  staffLinks,
  benefitsCount: given?.count ?? 0,
  benefitsMinor: given?.amountCnyMinor ?? 0,
  publicOfficialBenefits: given?.toPublicOfficials ?? 0,
  ...(alerts ? { openAlerts: { high: alerts.high, medium: alerts.medium, low: alerts.low }, alertsThisYear: alerts.year } : {}),
  ...extra,
});

export interface RiskRunSummary {
  id: string;
  assessedOn: string;
  clients: number;
  staff: number;
}

/** Scores every client that is not a former one and every active staff member, as of `today`. */
export async function runRiskAssessment(db: Db, ctx: RequestContext, trigger: 'schedule' | 'manual', today: string = chinaToday()): Promise<RiskRunSummary> {
  const startedAt = new Date();
  const since = fromDayNumber(dayNumber(today) - 364);
  const [registry, benefits, cases, alerts, staff] = await Promise.all([
    registryRiskFacts(db, today),
    benefitIntensity(db, since),
    caseExposure(db, since),
    alertExposure(db, since),
    db.select({ id: users.id, departmentId: users.departmentId }).from(users).where(eq(users.active, true)),
  ]);
  const scores: (typeof riskScores.$inferInsert)[] = [];
  const keep = (subjectType: 'client' | 'staff', subjectId: string, departmentId: string | null, inputs: RiskInputs) => {
    const assessed = assessRisk(inputs);
    scores.push({ runId: '', subjectType, subjectId, departmentId, assessedOn: today, score: assessed.score, categories: assessed.categories, factors: assessed.factors });
  };
  for (const client of registry.clients) {
    const given = benefits.byClient.get(client.id);
    const revenueShareBasisPoints = client.revenueCnyMinor && client.revenueCnyMinor > 0 ? Math.round(((given?.amountCnyMinor ?? 0) * 10_000) / client.revenueCnyMinor) : null;
    keep('client', client.id, client.departmentId, inputsOf(given, cases.byClient.get(client.id), registry.staffLinksByClient.get(client.id) ?? 0, alerts.byClient.get(client.id), {
      revenueShareBasisPoints,
      publicOfficialContacts: registry.officialContactsByClient.get(client.id) ?? 0,
    }));
  }
  for (const person of staff) {
    keep('staff', person.id, person.departmentId, inputsOf(benefits.byRequester.get(person.id), cases.byUser.get(person.id), registry.clientLinksByUser.get(person.id) ?? 0, alerts.byUser.get(person.id)));
  }
  return inTransaction(db, async (tx) => {
    const [run] = await tx
      .insert(riskRuns)
      .values({ assessedOn: today, trigger, requestedBy: ctx.principal?.userId ?? null, clients: registry.clients.length, staff: staff.length, startedAt })
      .returning();
    await insertRows(tx, riskScores, scores.map((s) => ({ ...s, runId: run!.id })));
    await appendAudit(tx, ctx, { action: 'monitoring.risk.run', entityType: 'risk_run', entityId: run!.id, after: { assessedOn: today, trigger, clients: run!.clients, staff: run!.staff } });
    return { id: run!.id, assessedOn: today, clients: run!.clients, staff: run!.staff };
  });
}

export async function riskFrequency(executor: Executor): Promise<RiskFrequency> {
  const [row] = await executor.select({ frequency: riskSettings.frequency }).from(riskSettings);
  return (row?.frequency as RiskFrequency | undefined) ?? 'monthly';
}

export async function setRiskFrequency(db: Db, ctx: RequestContext, frequency: RiskFrequency): Promise<RiskFrequency> {
  await inTransaction(db, async (tx) => {
    const before = await riskFrequency(tx);
    await tx
      .insert(riskSettings)
      .values({ id: 'firm', frequency, updatedBy: ctx.principal?.userId ?? null })
      .onConflictDoUpdate({ target: riskSettings.id, set: { frequency, updatedBy: ctx.principal?.userId ?? null, updatedAt: new Date() } });
    await appendAudit(tx, ctx, { action: 'monitoring.risk.settings', entityType: 'risk_settings', entityId: null, before: { frequency: before }, after: { frequency } });
  });
  return frequency;
}

/** The daily check of the schedule: runs the assessment when this period has none yet. */
export async function runRiskAssessmentIfDue(db: Db, today: string = chinaToday()): Promise<RiskRunSummary | null> {
  const [last] = await db.select({ on: riskRuns.assessedOn }).from(riskRuns).where(eq(riskRuns.trigger, 'schedule')).orderBy(desc(riskRuns.assessedOn)).limit(1);
  if (!isRunDue(today, last?.on ?? null, await riskFrequency(db))) return null;
  return runRiskAssessment(db, systemContext('risk-assessment'), 'schedule', today);
}

async function latestRun(executor: Executor) {
  const [run] = await executor.select().from(riskRuns).orderBy(desc(riskRuns.finishedAt)).limit(1);
  return run ?? null;
}

export async function listRuns(executor: Executor) {
  const rows = await executor
    .select({ id: riskRuns.id, assessedOn: riskRuns.assessedOn, trigger: riskRuns.trigger, clients: riskRuns.clients, staff: riskRuns.staff, startedAt: riskRuns.startedAt, finishedAt: riskRuns.finishedAt, userId: users.id, displayName: users.displayName })
    .from(riskRuns)
    .leftJoin(users, eq(users.id, riskRuns.requestedBy))
    .orderBy(desc(riskRuns.finishedAt))
    .limit(50);
  return rows.map(({ userId, displayName, ...run }) => ({ ...run, requestedBy: userId ? { id: userId, displayName: displayName ?? '' } : null }));
}

/** Client subjects the caller is kept out of are left out of the register, the heat map and the history. */
const visibleSubjects = (ctx: RequestContext) => {
  const clients = visibleClient(ctx, riskScores.subjectId);
  return clients ? sql`(${riskScores.subjectType} <> 'client' or ${clients})` : undefined;
};

const levelCondition = (level: 'high' | 'medium' | 'low') =>
  level === 'high' ? sql`${riskScores.score} >= 60` : level === 'medium' ? sql`${riskScores.score} >= 30 and ${riskScores.score} < 60` : sql`${riskScores.score} < 30`;

export interface RegisterQuery {
  subjectType: 'client' | 'staff';
  departmentId?: string;
  level?: 'high' | 'medium' | 'low';
  page: number;
  pageSize: number;
}

async function departmentNames(executor: Executor, ids: readonly (string | null)[], locale: Locale) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const rows = wanted.length ? await executor.select().from(departments).where(inArray(departments.id, wanted)) : [];
  return new Map(rows.map((d) => [d.id, locale === 'en' ? d.nameEn : d.name]));
}

/** The latest run's scores, highest first, each with its change since the run before. */
export async function riskRegister(db: Db, ctx: RequestContext, query: RegisterQuery, locale: Locale) {
  const run = await latestRun(db);
  if (!run) return { run: null, items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const where = and(eq(riskScores.runId, run.id), eq(riskScores.subjectType, query.subjectType), visibleSubjects(ctx), query.departmentId ? eq(riskScores.departmentId, query.departmentId) : undefined, query.level ? levelCondition(query.level) : undefined);
  const [total] = await db.select({ n: count() }).from(riskScores).where(where);
  const rows = await db
    .select()
    .from(riskScores)
    .where(where)
    .orderBy(desc(riskScores.score), asc(riskScores.subjectId))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const ids = rows.map((r) => r.subjectId);
  const previous = ids.length
    ? await queryRows<{ subject_id: string; score: number }>(
        db,
        sql`select distinct on (subject_id) subject_id, score from risk_scores where subject_type = ${query.subjectType} and run_id <> ${run.id} and assessed_on <= ${run.assessedOn}::date and subject_id = any(${sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`})
            order by subject_id, assessed_on desc`,
      )
    : [];
  const before = new Map(previous.map((p) => [p.subject_id, p.score]));
  const names = query.subjectType === 'client' ? await clientNames(db, ids) : new Map((ids.length ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)) : []).map((u) => [u.id, u.name]));
  const departmentsById = await departmentNames(db, rows.map((r) => r.departmentId), locale);
  return {
    run: { id: run.id, assessedOn: run.assessedOn, trigger: run.trigger },
    items: rows.map((r) => ({
      subjectType: r.subjectType,
      subject: { id: r.subjectId, name: names.get(r.subjectId) ?? '' },
      department: r.departmentId ? { id: r.departmentId, name: departmentsById.get(r.departmentId) ?? '' } : null,
      score: r.score,
      level: riskLevelOf(r.score),
      previousScore: before.get(r.subjectId) ?? null,
      categories: r.categories as Record<RiskCategory, number>,
      factors: factorViews(r.factors, locale),
    })),
    total: total!.n,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Department × risk category for the latest run: the average points and how many subjects score high. */
export async function riskHeatMap(db: Db, ctx: RequestContext, subjectType: 'client' | 'staff', locale: Locale) {
  const run = await latestRun(db);
  const categories = riskCategories.map((key) => ({ key, label: riskCategoryLabels[key][locale] }));
  if (!run) return { run: null, departments: [], categories, cells: [] };
  const rows = await db
    .select({ departmentId: riskScores.departmentId, score: riskScores.score, categories: riskScores.categories })
    .from(riskScores)
    .where(and(eq(riskScores.runId, run.id), eq(riskScores.subjectType, subjectType), visibleSubjects(ctx)));
  const byDepartment = new Map<string, { subjects: number; high: number; sums: Record<RiskCategory, number> }>();
  for (const row of rows) {
    const key = row.departmentId ?? '';
    let cell = byDepartment.get(key);
    if (!cell) byDepartment.set(key, (cell = { subjects: 0, high: 0, sums: Object.fromEntries(riskCategories.map((c) => [c, 0])) as Record<RiskCategory, number> }));
    cell.subjects += 1;
    if (riskLevelOf(row.score) === 'high') cell.high += 1;
    for (const c of riskCategories) cell.sums[c] += (row.categories as Record<RiskCategory, number>)[c] ?? 0;
  }
  const names = await departmentNames(db, [...byDepartment.keys()], locale);
  const unassigned = locale === 'en' ? '(no department)' : '（未分配部门）';
  const departmentList = [...byDepartment.keys()].map((id) => ({ id: id || null, name: id ? (names.get(id) ?? id) : unassigned })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return {
    run: { id: run.id, assessedOn: run.assessedOn, trigger: run.trigger },
    departments: departmentList,
    categories,
    cells: departmentList.flatMap((d) => {
      const cell = byDepartment.get(d.id ?? '')!;
      return riskCategories.map((category) => ({ departmentId: d.id, category, average: Math.round((cell.sums[category] / cell.subjects) * 10) / 10, subjects: cell.subjects, high: cell.high }));
    }),
  };
}

const factorViews = (factors: unknown, locale: Locale) => (factors as RiskFactor[]).map((f) => ({ ...f, text: describeFactor(f, locale) }));

/** Every score a subject has had, oldest first: the trend. A client the caller is kept out of is unknown. */
export async function riskHistory(db: Db, ctx: RequestContext, subjectType: 'client' | 'staff', subjectId: string, locale: Locale) {
  if (subjectType === 'client') {
    ensureClientVisible(ctx, [subjectId], 'CLIENT_NOT_FOUND');
    if (!(await clientNames(db, [subjectId])).size) throw NotFound('CLIENT_NOT_FOUND');
  } else if (!(await db.select({ id: users.id }).from(users).where(eq(users.id, subjectId))).length) throw NotFound('USER_NOT_FOUND');
  const rows = await db
    .select({ assessedOn: riskScores.assessedOn, score: riskScores.score, categories: riskScores.categories, factors: riskScores.factors })
    .from(riskScores)
    .where(and(eq(riskScores.subjectType, subjectType), eq(riskScores.subjectId, subjectId), visibleSubjects(ctx)))
    .orderBy(asc(riskScores.assessedOn));
  return rows.map((r) => ({ assessedOn: r.assessedOn, score: r.score, level: riskLevelOf(r.score), categories: r.categories as Record<RiskCategory, number>, factors: factorViews(r.factors, locale) }));
}
