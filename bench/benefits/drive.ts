// Drives a running server over HTTP as several signed-in staff: drafts (with their evidence) first,
// then the timed submissions, which run the pre-checks against the running totals.
import cliProgress from 'cli-progress';
import { periodWindow } from '../../src/core/benefits/limits';
import { precheck, type BenefitType, type EvidenceKind, type PolicyVersion } from '../../src/core/benefits/policy';
import { random } from '../generate-registry';
import type { History, Target } from './history';

/** Staff of departments with a manager to approve them, so every chain has an approver. */
const REQUESTERS = ['staff', 'li.na', 'xu.lei', 'song.jie', 'zhang.wei', 'zhu.ting', 'tang.li', 'liu.yang', 'hu.jun', 'han.bing', 'yang.fan', 'guo.min', 'feng.tao', 'deng.yu', 'cao.rui'];

/** The type mix of new requests and the amount range of each in yuan; `soft` ones go over a soft limit. */
const MIX: { type: BenefitType; weight: number; low: number; high: number; direction?: 'received'; soft?: true }[] = [
  { type: 'hospitality', weight: 0.3, low: 250, high: 4_800 },
  { type: 'hospitality', weight: 0.06, low: 5_200, high: 7_500, soft: true },
  { type: 'gift', weight: 0.22, low: 80, high: 1_500 },
  { type: 'gift', weight: 0.04, low: 300, high: 1_500, direction: 'received' },
  { type: 'points', weight: 0.1, low: 30, high: 600 },
  { type: 'other', weight: 0.1, low: 100, high: 900 },
  { type: 'other', weight: 0.04, low: 1_100, high: 1_800, soft: true },
  { type: 'discount', weight: 0.08, low: 1_000, high: 20_000 },
  { type: 'cash_rebate', weight: 0.03, low: 500, high: 1_800 },
  { type: 'sponsorship', weight: 0.03, low: 5_000, high: 30_000 },
];

const FILE_OF: Record<EvidenceKind, { name: string; type: string }> = {
  photo: { name: 'photo.jpg', type: 'image/jpeg' },
  guest_list: { name: 'guests.pdf', type: 'application/pdf' },
  invoice: { name: 'invoice.pdf', type: 'application/pdf' },
  contract_clause: { name: 'contract.pdf', type: 'application/pdf' },
};

export interface DriveOptions {
  baseUrl: string;
  password: string;
  history: History;
  today: string;
  submissions: number;
  warmup: number;
  /** Submissions one at a time, after the warm-up: the latency without queueing. */
  sequential: number;
  concurrency: number;
  /** Told when the sequential submissions start and end (query profiling). */
  measuring?: { start(): void; stop(): void };
}

interface Planned {
  body: Record<string, unknown>;
  evidence: EvidenceKind[];
  justification: string | null;
  expected: 'register' | 'approve' | 'blocked';
  soft: boolean;
  id?: string;
  version?: number;
  /** Who drafted it: only the requester may submit. */
  session?: Session;
}

export interface Outcome {
  status: number;
  ms: number;
  state?: string;
  outcome?: string;
  code?: string;
}

class Session {
  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  static async signIn(baseUrl: string, username: string, password: string): Promise<Session> {
    const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new Session(baseUrl, cookie, csrfToken);
  }

  async call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: any }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }
}

function bar(label: string, total: number) {
  if (!process.stderr.isTTY) return { increment: () => undefined, stop: () => undefined };
  const b = new cliProgress.SingleBar({ format: `${label.padEnd(16)} [{bar}] {value}/{total} {duration}s`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  b.start(total, 0);
  return { increment: () => b.increment(), stop: () => b.stop() };
}

/** Runs `work` over the items with `concurrency` workers, worker n using session n. */
async function pool<T>(items: readonly T[], sessions: Session[], concurrency: number, work: (item: T, session: Session) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, n) => {
      const session = sessions[n % sessions.length]!;
      while (next < items.length) await work(items[next++]!, session);
    }),
  );
}

const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * Plans the requests: each to a different contact of a generated client, amounts drawn from the mix
 * and judged beforehand with the same pre-check against the history's totals, so that none is blocked.
 */
function plan(options: DriveOptions, policy: PolicyVersion, count: number): Planned[] {
  const next = random(20_261_202);
  const targets = [...options.history.targets];
  for (let i = targets.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [targets[i], targets[j]] = [targets[j]!, targets[i]!];
  }
  const mine = new Map<string, number>();
  const used = (scope: 'recipient' | 'client', subject: string, type: BenefitType, window: { from: string; to: string }) => {
    let total = 0;
    for (let [year, month] = [Number(window.from.slice(0, 4)), Number(window.from.slice(5, 7))]; `${year}-${String(month).padStart(2, '0')}` <= window.to.slice(0, 7); month === 12 ? ((year += 1), (month = 1)) : (month += 1)) {
      const key = `${year}-${String(month).padStart(2, '0')}-01`;
      total += options.history.used(scope, subject, type, key) + (mine.get(`${scope}|${subject}|${type}|${key}`) ?? 0);
    }
    return total;
  };
  const totalWeight = MIX.reduce((sum, m) => sum + m.weight, 0);
  const planned: Planned[] = [];
  for (let i = 0; i < count; i += 1) {
    const target: Target = targets[i % targets.length]!;
    let roll = next() * totalWeight;
    let mix = MIX.find((m) => (roll -= m.weight) < 0) ?? MIX[0]!;
    let fen = Math.round((mix.low + next() * (mix.high - mix.low)) * 100);
    const judge = () => {
      const rules = policy.types[mix.type];
      const cny = { amountMinor: fen, currency: 'CNY' };
      return precheck({
        type: mix.type,
        direction: mix.direction ?? 'given',
        amount: cny,
        date: options.today,
        party: { isPublicOfficial: false, linkedToPublicOfficial: false, clientId: target.clientId, clientAnnualRevenue: { amountMinor: target.annualRevenueMinor, currency: 'CNY' } },
        requester: { relatedToRecipient: false, relationPath: null },
        evidence: rules.requiredEvidence,
        blackouts: [],
        policy,
        cumulative: {
          recipientPeriod: { amountMinor: used('recipient', target.counterpartyPartyId, mix.type, periodWindow(options.today, rules.perRecipientPerPeriod?.period ?? 'year')), currency: 'CNY' },
          clientYear: { amountMinor: used('client', target.clientId, mix.type, periodWindow(options.today, 'year')), currency: 'CNY' },
        },
      });
    };
    let result = judge();
    if (result.outcome === 'blocked') {
      // The history already took this recipient or client near a hard limit: a small meal instead.
      mix = MIX[0]!;
      fen = 30_000;
      result = judge();
    }
    if (result.outcome !== 'blocked') {
      const month = `${options.today.slice(0, 7)}-01`;
      for (const key of [`recipient|${target.counterpartyPartyId}|${mix.type}|${month}`, `client|${target.clientId}|${mix.type}|${month}`]) mine.set(key, (mine.get(key) ?? 0) + fen);
    }
    planned.push({
      body: {
        direction: mix.direction ?? 'given',
        benefitType: mix.type,
        counterpartyPartyId: target.counterpartyPartyId,
        clientId: target.clientId,
        amount: yuanText(fen),
        currency: 'CNY',
        benefitDate: options.today,
        purpose: mix.direction === 'received' ? '客户赠送节日礼品，申报' : `${mix.type === 'hospitality' ? '年度审计沟通工作餐' : '客户关系维护'}（压测）`,
      },
      evidence: [...policy.types[mix.type].requiredEvidence],
      justification: result.needsJustification ? '客户高层年度会议，超出标准已经部门负责人口头同意' : null,
      expected: result.outcome,
      soft: result.needsJustification,
    });
  }
  return planned;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarise(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(sorted, 0.5)),
    p95_ms: round(percentile(sorted, 0.95)),
    p99_ms: round(percentile(sorted, 0.99)),
    max_ms: round(sorted.at(-1) ?? NaN),
    mean_ms: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}

export async function drive(options: DriveOptions) {
  const users = Array.from({ length: Math.min(options.concurrency, REQUESTERS.length) }, (_, n) => REQUESTERS[n]!);
  const sessions = await Promise.all(users.map((u) => Session.signIn(options.baseUrl, u, options.password)));
  const policyResponse = await sessions[0]!.call('GET', '/api/benefits/policy');
  if (policyResponse.status !== 200 || !policyResponse.json?.current) throw new Error(`no benefit policy in force: ${policyResponse.status} ${JSON.stringify(policyResponse.json)}`);
  const policy = policyResponse.json.current as PolicyVersion;
  const planned = plan(options, policy, options.warmup + options.sequential + options.submissions);

  // Drafts and their evidence: not timed, the submit is what this measures.
  const drafts: number[] = [];
  const draftBar = bar('drafts', planned.length);
  await pool(planned, sessions, options.concurrency, async (p, session) => {
    const at = performance.now();
    const created = await session.call('POST', '/api/benefits/requests', p.body);
    drafts.push(performance.now() - at);
    if (created.status !== 201) throw new Error(`draft refused: ${created.status} ${JSON.stringify(created.json)}`);
    p.id = created.json.id;
    p.version = created.json.version;
    p.session = session;
    for (const kind of p.evidence) {
      const file = FILE_OF[kind];
      // The server checks the file's leading bytes against its name.
      const header = file.type === 'image/jpeg' ? [0xff, 0xd8, 0xff, 0xe0] : [...new TextEncoder().encode('%PDF-1.4\n')];
      const bytes = new Uint8Array([...header, ...new TextEncoder().encode(`${kind} ${created.json.ref}\n%%EOF\n`)]);
      const uploaded = await session.call('PUT', `/api/benefits/requests/${p.id}/attachments?kind=${kind}&name=${file.name}`, bytes, file.type);
      if (uploaded.status !== 201) throw new Error(`attachment refused: ${uploaded.status} ${JSON.stringify(uploaded.json)}`);
    }
    if (p.evidence.length) {
      const read = await session.call('GET', `/api/benefits/requests/${p.id}`);
      p.version = read.json.version;
    }
    draftBar.increment();
  });
  draftBar.stop();

  const submit = async (p: Planned): Promise<Outcome> => {
    const at = performance.now();
    const response = await p.session!.call('POST', `/api/benefits/requests/${p.id}/submit`, { version: p.version, ...(p.justification ? { justification: p.justification } : {}) });
    const ms = performance.now() - at;
    return { status: response.status, ms, state: response.json?.state, outcome: response.json?.precheck?.outcome, code: response.json?.code };
  };
  const results: (Outcome & { planned: Planned })[] = [];
  const warm = planned.slice(0, options.warmup);
  const alone = planned.slice(options.warmup, options.warmup + options.sequential);
  const measured = planned.slice(options.warmup + options.sequential);
  await pool(warm, sessions, options.concurrency, async (p) => void results.push({ ...(await submit(p)), planned: p }));
  const sequentialResults: (Outcome & { planned: Planned })[] = [];
  const sequentialBar = bar('one at a time', alone.length);
  options.measuring?.start();
  for (const p of alone) {
    sequentialResults.push({ ...(await submit(p)), planned: p });
    sequentialBar.increment();
  }
  options.measuring?.stop();
  sequentialBar.stop();
  const submitBar = bar(`${options.concurrency} at a time`, measured.length);
  const measuredResults: (Outcome & { planned: Planned })[] = [];
  const started = performance.now();
  await pool(measured, sessions, options.concurrency, async (p) => {
    measuredResults.push({ ...(await submit(p)), planned: p });
    submitBar.increment();
  });
  const seconds = (performance.now() - started) / 1000;
  submitBar.stop();

  const all = [...results, ...sequentialResults, ...measuredResults];
  const tally = (pick: (r: (typeof all)[number]) => string | undefined) => {
    const counts: Record<string, number> = {};
    for (const r of all) {
      const key = pick(r);
      if (key) counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };
  // Latency is a submit's own time, one request at a time; throughput is what the server sustains
  // with `concurrency` requests in flight (there each submit's time includes waiting its turn).
  return {
    ...summarise(sequentialResults.map((r) => r.ms)),
    per_s: round(measuredResults.length / seconds, 1),
    submissions: sequentialResults.length,
    warmup: results.length,
    requesters: users.length,
    concurrent: { concurrency: options.concurrency, submissions: measuredResults.length, ...summarise(measuredResults.map((r) => r.ms)) },
    states: tally((r) => (r.status === 200 || r.status === 201 ? r.state : undefined)),
    soft_with_justification: all.filter((r) => r.planned.soft && r.status < 300).length,
    blocked_422: all.filter((r) => r.status === 422).length,
    errors: tally((r) => (r.status >= 300 ? `${r.status} ${r.code ?? ''}`.trim() : undefined)),
    unexpected_outcomes: all.filter((r) => r.outcome && r.outcome !== r.planned.expected).length,
    draft: summarise(drafts),
  };
}
