// Synthetic benefit history for the submit benchmark: requests already approved, paid or closed,
// their ledger entries (request, approval, payment, a few reversals) over about two years, and the
// monthly running totals the pre-checks read. Deterministic for a given size and day.
import { asc, eq, sql } from 'drizzle-orm';
import cliProgress from 'cli-progress';
import type { BenefitType } from '../../src/core/benefits/policy';
import { benefitLedgerEntries, benefitRequests, benefitTotals } from '../../src/modules/benefits/benefits.tables';
import { cumulativeTotalsQuery } from '../../src/modules/benefits/totals';
import { insertPartiesBulk, type BulkParty } from '../../src/modules/registry/bulk-write';
import { clientContacts, clients, parties } from '../../src/modules/registry/registry.tables';
import { appendAuditBatch } from '../../src/platform/audit/audit.service';
import { departments, userRoles, users } from '../../src/platform/auth/auth.tables';
import { systemContext } from '../../src/platform/context';
import { insertRows } from '../../src/platform/db/bulk';
import { inTransaction, queryRows, type Db } from '../../src/platform/db/database';
import { random } from '../generate-registry';

type Rng = () => number;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚华玉萍红玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣晨睿博文轩雨涵'];
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '南京', '成都', '武汉', '西安', '苏州', '天津', '重庆'];
const WORDS = ['星河', '明月', '海风', '瑞丰', '华信', '恒通', '中联', '远景', '鼎盛', '嘉禾', '博雅', '永安', '金桥', '天成'];
const TRADES = ['科技', '贸易', '咨询', '投资', '实业', '物流', '医药', '建设', '文化', '电子'];
const TITLES = ['财务总监', '采购经理', '总经理', '董事会秘书', '行政主管', '副总经理'];

/** How often each type occurs and the range of one amount in CNY (yuan): hospitality and gifts dominate. */
const TYPE_MIX: [BenefitType, number, number, number][] = [
  ['hospitality', 0.3, 200, 2_500],
  ['gift', 0.3, 100, 1_200],
  ['discount', 0.12, 500, 4_000],
  ['points', 0.1, 50, 500],
  ['other', 0.1, 100, 800],
  ['cash_rebate', 0.05, 100, 1_500],
  ['sponsorship', 0.03, 2_000, 15_000],
];

export interface HistoryOptions {
  /** Ledger entries to generate, exactly. */
  entries: number;
  /** YYYY-MM-DD: the history ends the day before. */
  today: string;
  seed?: number;
}

/** A generated client with a contact that has no relationships: a clean target for new requests. */
export interface Target {
  clientId: string;
  counterpartyPartyId: string;
  /** CNY fen */
  annualRevenueMinor: number;
}

export interface History {
  requests: number;
  entries: number;
  reversals: number;
  totals: number;
  extraParties: number;
  extraClients: number;
  seconds: number;
  rowsPerSecond: number;
  targets: Target[];
  /** What the generated history already counts for a recipient or client, by type and month (CNY fen). */
  used(scope: 'recipient' | 'client', subjectId: string, type: BenefitType, month: string): number;
}

/** A version-4 UUID from the seeded generator, so reruns produce the same rows. */
function uuid(next: Rng): string {
  const hex = Array.from({ length: 4 }, () => Math.floor(next() * 4_294_967_296).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

function bar(label: string, total: number) {
  if (!process.stderr.isTTY) return { update: (_: number) => undefined, stop: () => undefined };
  const b = new cliProgress.SingleBar(
    { format: `${label.padEnd(16)} [{bar}] {value}/{total} {duration}s {rate} rows/s`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  b.start(total, 0, { rate: 0 });
  return { update: (n: number, rate: number) => b.update(n, { rate }), stop: () => b.stop() };
}

interface Staff {
  id: string;
  departmentId: string;
  roles: Set<string>;
}

async function firm(db: Db) {
  const people = await db.select({ id: users.id, departmentId: users.departmentId }).from(users).orderBy(asc(users.username));
  const roles = await db.select().from(userRoles);
  const staff: Staff[] = people
    .filter((p) => p.departmentId)
    .map((p) => ({ id: p.id, departmentId: p.departmentId!, roles: new Set(roles.filter((r) => r.userId === p.id).map((r) => r.role)) }));
  const requesters = staff.filter((s) => s.roles.has('staff') || s.roles.has('manager'));
  const approvers = staff.filter((s) => s.roles.has('manager') || s.roles.has('director'));
  const payers = staff.filter((s) => s.roles.has('finance'));
  // Demo clients with their contacts who are neither officials nor staff: history reaches them too.
  const demoPairs = await db
    .select({ clientId: clients.id, counterpartyPartyId: clientContacts.partyId })
    .from(clientContacts)
    .innerJoin(clients, eq(clients.id, clientContacts.clientId))
    .innerJoin(parties, eq(parties.id, clientContacts.partyId))
    .where(sql`${parties.publicOfficial} = false and ${parties.userId} is null and ${clients.status} = 'active'`)
    .orderBy(asc(clientContacts.id));
  const departmentIds = (await db.select({ id: departments.id }).from(departments).orderBy(asc(departments.code))).map((d) => d.id);
  return { requesters, approvers, payers, demoPairs, departmentIds };
}

/** Companies that become clients, each with a few contacts: the counterparties most history goes to. */
async function extraClients(db: Db, next: Rng, clientCount: number, personCount: number, owners: Staff[]) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const orgs: BulkParty[] = [];
  const persons: BulkParty[] = [];
  const clientRows: (typeof clients.$inferInsert)[] = [];
  const contactRows: (typeof clientContacts.$inferInsert)[] = [];
  for (let i = 0; i < clientCount; i += 1) {
    orgs.push({ id: uuid(next), kind: 'org', name: `${pick(CITIES)}${pick(WORDS)}${pick(TRADES)}有限公司${i}`, ref: `BENCH-O${i}`, country: 'CN', source: 'seed' });
    const owner = pick(owners);
    clientRows.push({
      id: uuid(next),
      partyId: orgs[i]!.id,
      status: 'active',
      ownerUserId: owner.id,
      departmentId: owner.departmentId,
      serviceLines: ['审计'],
      startDate: '2018-01-01',
      // 5 to 500 million yuan: benefits stay a small share of it.
      annualRevenueMinor: Math.floor(5 + next() * 495) * 100_000_000,
      revenueCurrency: 'CNY',
    });
  }
  for (let i = 0; i < personCount; i += 1) {
    const name = pick(SURNAMES) + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '');
    persons.push({ id: uuid(next), kind: 'person', name, ref: `BENCH-P${i}`, country: 'CN', source: 'seed' });
    contactRows.push({ id: uuid(next), clientId: clientRows[i % clientCount]!.id!, partyId: persons[i]!.id, role: '主要联系人', title: pick(TITLES), isPrimary: i < clientCount });
  }
  const ctx = systemContext('bench');
  await inTransaction(db, async (tx) => {
    await insertPartiesBulk(tx, ctx, [...orgs, ...persons], 'create');
    await insertRows(tx, clients, clientRows);
    await insertRows(tx, clientContacts, contactRows);
    await appendAuditBatch(tx, ctx, clientRows.map((row) => ({ action: 'client.create', entityType: 'client', entityId: row.id!, after: row })));
  });
  const revenue = new Map(clientRows.map((c) => [c.id!, c.annualRevenueMinor!]));
  return contactRows.map((c) => ({ clientId: c.clientId, counterpartyPartyId: c.partyId, annualRevenueMinor: revenue.get(c.clientId)! }));
}

/**
 * Writes `entries` ledger entries (about three a request) with their requests and the running totals,
 * in batches, into a migrated database with the demo firm.
 */
export async function loadHistory(db: Db, options: HistoryOptions): Promise<History> {
  const next = random(options.seed ?? 20_261_201);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const started = performance.now();
  const f = await firm(db);
  if (!f.requesters.length || !f.approvers.length || !f.payers.length) throw new Error('the demo firm has no requesters, approvers or payers');

  // About 50 ledger entries a counterparty and 250 a client over two years keep the running totals
  // of a typical recipient well inside per-period limits, as in a firm of that size.
  const personCount = Math.max(200, Math.round(options.entries / 50));
  const clientCount = Math.max(50, Math.round(options.entries / 250));
  const targets = await extraClients(db, next, clientCount, personCount, f.requesters);
  const extraSeconds = (performance.now() - started) / 1000;

  const todayMs = Date.parse(`${options.today}T00:00:00Z`);
  const yesterday = toDay(todayMs - DAY_MS);
  const capDay = (ms: number) => {
    const d = toDay(ms);
    return d > yesterday ? yesterday : d;
  };
  const cumulative = TYPE_MIX.reduce<number[]>((acc, [, w]) => [...acc, (acc.at(-1) ?? 0) + w], []);
  const typeOf = () => {
    const roll = next() * cumulative.at(-1)!;
    return TYPE_MIX[cumulative.findIndex((c) => roll < c)]!;
  };

  const totals = new Map<string, { amount: number; count: number }>();
  const addTotal = (scope: 'recipient' | 'client', subject: string, type: BenefitType, month: string, amount: number) => {
    const key = `${scope}|${subject}|${type}|${month}`;
    const t = totals.get(key);
    if (t) {
      t.amount += amount;
      t.count += 1;
    } else totals.set(key, { amount, count: 1 });
  };

  // Reference numbers continue the firm's sequence (the demo seed may have used some).
  const [sequence] = await queryRows<{ n: string }>(db, sql`select case when is_called then last_value else 0 end::text as n from benefit_request_ref_seq`);
  const firstRef = Number(sequence!.n);
  const progress = bar('ledger history', options.entries);
  let requestRows: (typeof benefitRequests.$inferInsert)[] = [];
  let entryRows: (typeof benefitLedgerEntries.$inferInsert)[] = [];
  let requests = 0;
  let entries = 0;
  let reversals = 0;
  const loadStarted = performance.now();
  const flush = async () => {
    const [r, e] = [requestRows, entryRows];
    requestRows = [];
    entryRows = [];
    await inTransaction(db, async (tx) => {
      // The rows reference what was just read from the database: foreign-key triggers only slow the load.
      await tx.execute(sql`set local session_replication_role = replica`);
      await insertRows(tx, benefitRequests, r);
      await insertRows(tx, benefitLedgerEntries, e);
    });
    progress.update(entries, Math.round(entries / ((performance.now() - loadStarted) / 1000)));
  };

  while (entries < options.entries) {
    const remaining = options.entries - entries;
    const [type, , low, high] = typeOf();
    const pair: { clientId: string; counterpartyPartyId: string } = next() < 0.05 && f.demoPairs.length ? pick(f.demoPairs) : pick(targets);
    const requester = pick(f.requesters);
    const approver = pick(f.approvers.filter((a) => a.id !== requester.id));
    const payer = pick(f.payers);
    const direction = next() < 0.9 ? 'given' : 'received';
    // Spread over the two years before today; created a few days before the benefit's date.
    const benefitMs = todayMs - (1 + Math.floor(next() * 730)) * DAY_MS;
    const benefitDate = toDay(benefitMs);
    const createdMs = benefitMs - Math.floor(next() * 10) * DAY_MS - Math.floor(next() * 36_000_000);
    const submittedMs = createdMs + Math.floor(next() * 7_200_000);
    const approvedMs = submittedMs + Math.floor(1 + next() * 3) * DAY_MS;
    const paidMs = Math.max(approvedMs, benefitMs) + Math.floor(next() * 20) * DAY_MS;
    const foreign = next() < 0.05;
    const amountYuan = low + Math.floor(next() * (high - low));
    // 1 USD = 7.1 to 7.3 CNY, written as numerator / 10 000.
    const rate = foreign ? { numerator: 71_000 + Math.floor(next() * 2_000), denominator: 10_000 } : null;
    const amountMinor = foreign ? Math.round((amountYuan * 100 * rate!.denominator) / rate!.numerator) : amountYuan * 100;
    const amountCny = foreign ? Math.round((amountMinor * rate!.numerator) / rate!.denominator) : amountMinor;
    // What happened to it: the last request may be cut short to land exactly on the entry count.
    const roll = next();
    let state: 'closed' | 'paid' | 'approved' = roll < 0.55 ? 'closed' : roll < 0.8 ? 'paid' : 'approved';
    let reversed = state !== 'approved' && next() < 0.02;
    const registered = state === 'closed' && next() < 0.05;
    let count = registered ? 1 : state === 'approved' ? 2 : 3 + (reversed ? 2 : 0);
    if (count > remaining) {
      reversed = false;
      state = remaining >= 3 ? 'paid' : 'approved';
      count = remaining >= 3 ? 3 : remaining === 2 ? 2 : 1;
    }
    const isRegistered = count === 1;
    requests += 1;
    const id = uuid(next);
    const ref = `BR-${benefitDate.slice(0, 4)}-${String(firstRef + requests).padStart(6, '0')}`;
    const iso = (ms: number) => new Date(Math.min(ms, todayMs - 1));
    const paid = state !== 'approved' && !isRegistered;
    requestRows.push({
      id,
      ref,
      direction,
      state: isRegistered ? 'closed' : state,
      version: isRegistered ? 3 : state === 'approved' ? 4 : reversed ? 8 : state === 'paid' ? 5 : 6,
      requesterId: requester.id,
      departmentId: requester.departmentId,
      benefitType: type,
      counterpartyPartyId: pair.counterpartyPartyId,
      clientId: pair.clientId,
      amountMinor,
      currency: foreign ? 'USD' : 'CNY',
      rateNumerator: rate?.numerator ?? null,
      rateDenominator: rate?.denominator ?? null,
      amountCnyMinor: amountCny,
      benefitDate,
      purpose: type === 'hospitality' ? '项目沟通工作餐' : type === 'gift' ? '节日礼品' : '客户维护',
      justification: null,
      policyVersion: 1,
      matrixVersion: isRegistered ? null : 1,
      authorityRuleId: null,
      precheck: null,
      riskScore: Math.floor(next() * 30),
      round: 1,
      approvedAmountMinor: isRegistered ? null : amountMinor,
      paidMinor: paid ? amountMinor : 0,
      counted: true,
      createdAt: iso(createdMs),
      updatedAt: iso(paid ? paidMs : approvedMs),
      submittedAt: iso(submittedMs),
      approvedAt: isRegistered ? null : iso(approvedMs),
      closedAt: state === 'closed' || isRegistered ? iso(paid ? paidMs : submittedMs) : null,
    });
    const entry = (kind: 'request' | 'approval' | 'payment' | 'reversal', ms: number, sign: number, by: string, extra: Partial<typeof benefitLedgerEntries.$inferInsert> = {}) => {
      const row = {
        id: uuid(next),
        requestId: id,
        kind,
        entryDate: capDay(ms),
        amountMinor: sign * amountMinor,
        currency: foreign ? 'USD' : 'CNY',
        rateNumerator: rate?.numerator ?? null,
        rateDenominator: rate?.denominator ?? null,
        amountCnyMinor: sign * amountCny,
        direction,
        benefitType: type,
        clientId: pair.clientId,
        counterpartyPartyId: pair.counterpartyPartyId,
        requesterId: requester.id,
        departmentId: requester.departmentId,
        paymentMethod: null,
        voucherNo: null,
        reversesEntryId: null,
        note: null,
        createdBy: by,
        createdAt: iso(ms),
        ...extra,
      } satisfies typeof benefitLedgerEntries.$inferInsert;
      entryRows.push(row);
      entries += 1;
      return row;
    };
    entry('request', submittedMs, 1, requester.id);
    if (!isRegistered) entry('approval', approvedMs, 1, approver.id);
    if (paid) {
      const method = type === 'points' ? 'points' : type === 'gift' ? 'voucher' : 'bank_transfer';
      const payment = entry('payment', paidMs, 1, payer.id, { paymentMethod: method, voucherNo: `PZ${requests}` });
      if (reversed) {
        // Paid to the wrong account: reversed, then paid again.
        entry('reversal', paidMs + DAY_MS, -1, payer.id, { paymentMethod: method, voucherNo: `PZ${requests}R`, reversesEntryId: payment.id, note: '账户有误，冲销重付' });
        entry('payment', paidMs + 2 * DAY_MS, 1, payer.id, { paymentMethod: method, voucherNo: `PZ${requests}B` });
        reversals += 1;
      }
    }
    const month = monthOf(benefitDate);
    addTotal('recipient', pair.counterpartyPartyId, type, month, amountCny);
    addTotal('client', pair.clientId, type, month, amountCny);
    if (requestRows.length >= 5_000) await flush();
  }
  if (requestRows.length) await flush();
  progress.stop();

  const totalRows = [...totals].map(([key, t]) => {
    const [scope, subjectId, benefitType, month] = key.split('|') as ['recipient' | 'client', string, BenefitType, string];
    return { scope, subjectId, benefitType, month, amountCnyMinor: t.amount, count: t.count };
  });
  await inTransaction(db, async (tx) => {
    // The demo firm's own requests already count for some of the same months: they are added in.
    const existing = await tx.delete(benefitTotals).returning();
    const merged = new Map(totalRows.map((row) => [`${row.scope}|${row.subjectId}|${row.benefitType}|${row.month}`, row]));
    for (const row of existing) {
      const key = `${row.scope}|${row.subjectId}|${row.benefitType}|${row.month}`;
      const mine = merged.get(key);
      if (mine) {
        mine.amountCnyMinor += row.amountCnyMinor;
        mine.count += row.count;
        totals.get(key)!.amount += row.amountCnyMinor;
      } else totalRows.push(row);
    }
    for (let i = 0; i < totalRows.length; i += 20_000) await insertRows(tx, benefitTotals, totalRows.slice(i, i + 20_000));
  });
  // New requests take their reference numbers after the history's.
  await db.execute(sql`select setval('benefit_request_ref_seq', ${firstRef + requests})`);

  const seconds = (performance.now() - started) / 1000;
  const rows = requests + entries + totalRows.length;
  return {
    requests,
    entries,
    reversals,
    totals: totalRows.length,
    extraParties: clientCount + personCount,
    extraClients: clientCount,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(rows / (seconds - extraSeconds)),
    targets,
    used: (scope, subjectId, type, month) => totals.get(`${scope}|${subjectId}|${type}|${month}`)?.amount ?? 0,
  };
}

/** Database size in MiB, as the server reports it. */
export async function databaseMiB(db: Db): Promise<number> {
  const [row] = await queryRows<{ bytes: string }>(db, sql`select pg_database_size(current_database())::text as bytes`);
  return Math.round(Number(row!.bytes) / 1_048_576);
}

/**
 * The plan of the pre-check's cumulative read (totals.ts cumulativeTotalsQuery) for the busiest
 * recipient and its client: index scans on the primary key read a year of months, not the history.
 */
export async function explainCumulative(db: Db, today: string): Promise<{ plan: string[]; indexScan: boolean }> {
  const [subject] = await queryRows<{ subject_id: string; benefit_type: BenefitType }>(
    db,
    sql`select subject_id, benefit_type from benefit_totals where scope = 'recipient' group by subject_id, benefit_type order by count(*) desc limit 1`,
  );
  const [client] = await queryRows<{ subject_id: string }>(db, sql`select subject_id from benefit_totals where scope = 'client' and benefit_type = ${subject!.benefit_type} group by subject_id order by count(*) desc limit 1`);
  const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
  const query = cumulativeTotalsQuery(db, { counterpartyPartyId: subject!.subject_id, clientId: client?.subject_id ?? null, benefitType: subject!.benefit_type, recipientWindow: year, clientWindow: year });
  const rows = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain analyze ${query.getSQL()}`);
  const plan = rows.map((r) => r['QUERY PLAN']);
  return { plan, indexScan: plan.some((line) => /Index (Only )?Scan/.test(line)) && !plan.some((line) => line.includes('Seq Scan')) };
}
