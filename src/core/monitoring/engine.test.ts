import { describe, expect, it } from 'vitest';
import { addDays } from '../cases/dates';
import type { AlertCandidate } from './alerts';
import { MonitoringEngine } from './engine';
import type { BenefitFacts, BlackoutFact, MonitoringEvent } from './events';
import { defaultRuleSet, type RuleKind, ruleKinds, type RuleParams, type RuleSet } from './rules';

/** Day n of the test calendar: d(0) is 2024-01-01. */
const d = (n: number) => addDays('2024-01-01', n);

let requestsMade = 0;
/** A benefit with plain defaults: a 100 CNY gift from staff-1 (dept-1) to recipient-1 of client-1, nothing flagged. */
function benefit(overrides: Partial<BenefitFacts> = {}): BenefitFacts {
  requestsMade += 1;
  return {
    requestId: `req-${requestsMade}`,
    ref: `BR-2024-${String(requestsMade).padStart(6, '0')}`,
    clientId: 'client-1',
    recipientId: 'recipient-1',
    requesterId: 'staff-1',
    departmentId: 'dept-1',
    benefitType: 'gift',
    amountCnyMinor: 10_000,
    benefitDate: d(0),
    recipientPublicOfficial: false,
    requesterPath: null,
    clientSince: null,
    clientRevenueCnyMinor: null,
    clientDepartmentId: null,
    clientServiceLines: [],
    limits: { recipientPeriod: null, clientYear: null },
    blackout: null,
    ...overrides,
  };
}

type Tuning = { [K in RuleKind]?: Partial<RuleParams[K]> };

/** The default rule set with some parameters changed and some rules switched off. */
function ruleSet(tuning: Tuning = {}, disabled: readonly RuleKind[] = []): RuleSet {
  const rules = structuredClone(defaultRuleSet);
  for (const kind of ruleKinds) {
    Object.assign(rules[kind].params, tuning[kind]);
    if (disabled.includes(kind)) rules[kind].enabled = false;
  }
  return rules;
}

type Unnumbered<E> = E extends MonitoringEvent ? Omit<E, 'seq'> : never;

/** An engine fed events in order, numbered as they come; `raised` collects every candidate. */
function monitor(tuning: Tuning = {}, disabled: readonly RuleKind[] = []) {
  const engine = new MonitoringEngine(ruleSet(tuning, disabled));
  const raised: AlertCandidate[] = [];
  let seq = 0;
  const apply = (event: Unnumbered<MonitoringEvent>) => {
    seq += 1;
    const fired = engine.apply({ ...event, seq } as MonitoringEvent);
    raised.push(...fired);
    return fired;
  };
  return {
    raised,
    apply,
    /** Submits a benefit, dated the day it is submitted unless the overrides say otherwise. */
    submit(day: string, overrides: Partial<BenefitFacts> = {}) {
      const facts = benefit({ benefitDate: day, ...overrides });
      return { facts, fired: apply({ kind: 'submitted', day, benefit: facts }) };
    },
    approve: (day: string, facts: BenefitFacts, approverId: string, approverPath: string | null = null) => apply({ kind: 'approved', day, benefit: facts, approverId, approverPath }),
    end: (day: string, facts: BenefitFacts) => apply({ kind: 'ended', day, benefit: facts }),
    sweep(day: string) {
      const fired = engine.sweep(day, seq);
      raised.push(...fired);
      return fired;
    },
  };
}
type Monitor = ReturnType<typeof monitor>;

const of = (fired: readonly AlertCandidate[], rule: RuleKind) => fired.filter((c) => c.rule === rule);
const requestIds = (candidate: AlertCandidate | undefined) => candidate?.requests.map((r) => r.requestId);

describe('structuring (7 days, threshold 5,000 CNY, at least 2 requests, one requester, one kind of benefit)', () => {
  const pair = (first: number, second: number, secondDay = 1, secondFacts: Partial<BenefitFacts> = {}) => {
    const w = monitor();
    const a = w.submit(d(0), { amountCnyMinor: first });
    const b = w.submit(d(secondDay), { amountCnyMinor: second, ...secondFacts });
    return { w, a: a.facts, b: b.facts, fired: of(b.fired, 'structuring') };
  };

  it('fires when requests under the threshold sum exactly to it, newest first, naming who split what', () => {
    const { a, b, fired } = pair(250_000, 250_000);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      key: 'structuring:recipient:recipient-1:staff-1:gift',
      subject: { userId: 'staff-1', recipientId: 'recipient-1' },
      reason: { scope: 'recipient', requesterId: 'staff-1', benefitType: 'gift', count: 2, totalMinor: 500_000, thresholdMinor: 500_000, windowDays: 7 },
    });
    expect(requestIds(fired[0])).toEqual([b.requestId, a.requestId]);
  });

  it('does not fire one fen below the threshold', () => {
    expect(pair(250_000, 249_999).fired).toEqual([]);
  });

  it('does not count a request equal to the threshold as under it', () => {
    expect(pair(500_000, 100_000).fired).toEqual([]);
    expect(pair(499_999, 1).fired).toHaveLength(1);
  });

  it('counts requests within windowDays and not one day outside', () => {
    expect(pair(300_000, 300_000, 6).fired).toHaveLength(1);
    expect(pair(300_000, 300_000, 7).fired).toEqual([]);
  });

  it('needs minCount requests', () => {
    const w = monitor({ structuring: { minCount: 3 } });
    w.submit(d(0), { amountCnyMinor: 300_000 });
    expect(of(w.submit(d(1), { amountCnyMinor: 300_000 }).fired, 'structuring')).toEqual([]);
    expect(of(w.submit(d(2), { amountCnyMinor: 1 }).fired, 'structuring')[0]).toMatchObject({ reason: { count: 3, totalMinor: 600_001 } });
  });

  it('does not join requests of different requesters, each of whom splits on their own', () => {
    const { w, fired } = pair(250_000, 250_000, 1, { requesterId: 'staff-2' });
    expect(fired).toEqual([]);
    const third = w.submit(d(2), { amountCnyMinor: 250_000, requesterId: 'staff-2' });
    const split = of(third.fired, 'structuring');
    expect(split.map((c) => c.key)).toEqual(['structuring:recipient:recipient-1:staff-2:gift']);
    expect(split[0]!.reason).toMatchObject({ requesterId: 'staff-2', count: 2, totalMinor: 500_000 });
    expect(split[0]!.requests.every((r) => r.requesterId === 'staff-2')).toBe(true);
  });

  it('does not join requests for different kinds of benefit', () => {
    const { w, fired } = pair(250_000, 250_000, 1, { benefitType: 'hospitality' });
    expect(fired).toEqual([]);
    const third = w.submit(d(2), { amountCnyMinor: 250_000, benefitType: 'hospitality' });
    const split = of(third.fired, 'structuring');
    expect(split).toHaveLength(1);
    expect(split[0]!.reason).toMatchObject({ benefitType: 'hospitality', count: 2, totalMinor: 500_000 });
  });

  it('raises one alert, the recipient’s, when the client’s split is the same requests', () => {
    const { fired } = pair(300_000, 300_000);
    expect(fired.map((c) => c.key)).toEqual(['structuring:recipient:recipient-1:staff-1:gift']);
  });

  it('raises the client’s alert when the split spreads over its recipients', () => {
    const w = monitor();
    w.submit(d(0), { amountCnyMinor: 300_000, recipientId: 'recipient-1' });
    const fired = of(w.submit(d(1), { amountCnyMinor: 300_000, recipientId: 'recipient-2' }).fired, 'structuring');
    expect(fired.map((c) => c.key)).toEqual(['structuring:client:client-1:staff-1:gift']);
    expect(fired[0]!.reason).toMatchObject({ scope: 'client', requesterId: 'staff-1', benefitType: 'gift', count: 2 });
  });

  it('raises both when the client’s split holds more than the recipient’s', () => {
    const w = monitor();
    w.submit(d(0), { amountCnyMinor: 100_000, recipientId: 'recipient-2' });
    w.submit(d(1), { amountCnyMinor: 200_000 });
    const fired = of(w.submit(d(2), { amountCnyMinor: 300_000 }).fired, 'structuring');
    expect(fired.map((c) => [c.key, c.requests.length])).toEqual([
      ['structuring:recipient:recipient-1:staff-1:gift', 2],
      ['structuring:client:client-1:staff-1:gift', 3],
    ]);
  });

  it('judges a recipient without a client on its own', () => {
    const w = monitor();
    w.submit(d(0), { amountCnyMinor: 300_000, clientId: null });
    expect(of(w.submit(d(1), { amountCnyMinor: 300_000, clientId: null }).fired, 'structuring').map((c) => c.key)).toEqual(['structuring:recipient:recipient-1:staff-1:gift']);
  });
});

describe('cumulative_limit (80 % of a per-period limit, from at least 2 departments)', () => {
  const quarterly = { limits: { recipientPeriod: { amountMinor: 100_000, period: 'quarter' as const }, clientYear: null } };
  const yearly = { limits: { recipientPeriod: null, clientYear: 100_000 } };

  it('fires at exactly 80 % of the recipient’s quarterly limit, not one fen below', () => {
    const w = monitor();
    w.submit('2024-02-01', { ...quarterly, amountCnyMinor: 50_000 });
    const [alert] = of(w.submit('2024-03-01', { ...quarterly, amountCnyMinor: 30_000, departmentId: 'dept-2' }).fired, 'cumulative_limit');
    expect(alert).toMatchObject({
      key: 'cumulative_limit:recipient:recipient-1:gift:2024-01-01',
      reason: {
        scope: 'recipient',
        benefitType: 'gift',
        period: 'quarter',
        periodStart: '2024-01-01',
        totalMinor: 80_000,
        limitMinor: 100_000,
        departments: [
          { departmentId: 'dept-1', amountMinor: 50_000 },
          { departmentId: 'dept-2', amountMinor: 30_000 },
        ],
      },
    });

    const below = monitor();
    below.submit('2024-02-01', { ...quarterly, amountCnyMinor: 50_000 });
    expect(of(below.submit('2024-03-01', { ...quarterly, amountCnyMinor: 29_999, departmentId: 'dept-2' }).fired, 'cumulative_limit')).toEqual([]);
  });

  it('sums what several departments give one client and lists each department’s share', () => {
    const w = monitor();
    const give = (departmentId: string, recipientId: string, amountCnyMinor: number) => of(w.submit(d(10), { ...yearly, departmentId, recipientId, amountCnyMinor }).fired, 'cumulative_limit');
    give('dept-a', 'recipient-1', 30_000);
    give('dept-b', 'recipient-2', 10_000);
    expect(give('dept-a', 'recipient-3', 20_000)).toEqual([]);
    const [alert] = give('dept-c', 'recipient-4', 20_000);
    expect(alert).toMatchObject({ key: 'cumulative_limit:client:client-1:gift:2024-01-01', reason: { scope: 'client', totalMinor: 80_000 } });
    expect(alert!.requests).toHaveLength(4);
    expect(alert!.reason).toMatchObject({
      departments: [
        { departmentId: 'dept-a', amountMinor: 50_000 },
        { departmentId: 'dept-c', amountMinor: 20_000 },
        { departmentId: 'dept-b', amountMinor: 10_000 },
      ],
    });
  });

  it('raises nothing for what one department gives alone, even the whole limit, unless minDepartments is 1', () => {
    const alone = (minDepartments?: number) => {
      const w = monitor(minDepartments === undefined ? {} : { cumulative_limit: { minDepartments } });
      return [60_000, 40_000].flatMap((amountCnyMinor) => of(w.submit(d(1), { ...quarterly, amountCnyMinor }).fired, 'cumulative_limit'));
    };
    expect(alone()).toEqual([]);
    const [alert] = alone(1);
    expect(alert!.reason).toMatchObject({ totalMinor: 100_000, departments: [{ departmentId: 'dept-1', amountMinor: 100_000 }] });
  });

  it('fires once the running total has minDepartments departments in it, not one fewer', () => {
    const w = monitor({ cumulative_limit: { minDepartments: 3 } });
    const give = (departmentId: string, amountCnyMinor: number) => of(w.submit(d(1), { ...quarterly, departmentId, amountCnyMinor }).fired, 'cumulative_limit');
    expect(give('dept-1', 50_000)).toEqual([]);
    expect(give('dept-2', 40_000)).toEqual([]);
    const [alert] = give('dept-3', 1);
    expect(alert!.reason).toMatchObject({ totalMinor: 90_001 });
    expect((alert!.reason as { departments: unknown[] }).departments).toHaveLength(3);
  });

  it('no longer counts a request that ended, nor its department', () => {
    const w = monitor();
    const withdrawn = w.submit(d(1), { ...quarterly, amountCnyMinor: 50_000, departmentId: 'dept-2' }).facts;
    w.end(d(2), withdrawn);
    // 130 % of the limit was asked for, but what is left is one department's 80 %.
    expect(of(w.submit(d(3), { ...quarterly, amountCnyMinor: 30_000 }).fired, 'cumulative_limit')).toEqual([]);
    expect(of(w.submit(d(4), { ...quarterly, amountCnyMinor: 50_000 }).fired, 'cumulative_limit')).toEqual([]);
    const [alert] = of(w.submit(d(5), { ...quarterly, amountCnyMinor: 1, departmentId: 'dept-2' }).fired, 'cumulative_limit');
    expect(alert!.reason).toMatchObject({
      totalMinor: 80_001,
      departments: [
        { departmentId: 'dept-1', amountMinor: 80_000 },
        { departmentId: 'dept-2', amountMinor: 1 },
      ],
    });
    expect(requestIds(alert)).not.toContain(withdrawn.requestId);
  });

  it('starts afresh in a new period, by the benefit date', () => {
    const w = monitor();
    const datedOn = (benefitDate: string, amountCnyMinor: number, departmentId: string) =>
      of(w.submit('2024-03-20', { ...quarterly, benefitDate, amountCnyMinor, departmentId }).fired, 'cumulative_limit');
    datedOn('2024-03-31', 70_000, 'dept-1');
    expect(datedOn('2024-04-01', 10_000, 'dept-2')).toEqual([]);
    expect(datedOn('2024-03-31', 10_000, 'dept-2')).toHaveLength(1);
  });

  it('keeps each benefit type to its own limit', () => {
    const w = monitor();
    w.submit(d(1), { ...quarterly, amountCnyMinor: 50_000, benefitType: 'hospitality' });
    expect(of(w.submit(d(2), { ...quarterly, amountCnyMinor: 30_000, departmentId: 'dept-2' }).fired, 'cumulative_limit')).toEqual([]);
    const [alert] = of(w.submit(d(3), { ...quarterly, amountCnyMinor: 50_000 }).fired, 'cumulative_limit');
    expect(alert!.reason).toMatchObject({ benefitType: 'gift', totalMinor: 80_000 });
  });
});

describe('frequency_spike (last 30 days against the 180 before, beyond the firm’s season, at most 10 in a million by chance)', () => {
  interface Planned {
    day: number;
    clientId: string;
    amountCnyMinor: number;
  }
  interface Calendar {
    recentDays: number;
    baselineDays: number;
  }
  const usual: Calendar = { recentDays: 30, baselineDays: 180 };
  /** The chance limit out of the way, for tests of the other parameters on a few requests. */
  const chanceAside = { maxChancePerMillion: 1_000_000 };
  const times = (n: number, amountCnyMinor = 10_000) => Array.from({ length: n }, () => amountCnyMinor);
  /** A client's requests, one for each amount, spread evenly over the days from `from` to `to`, the first on `from` and the last on `to`. */
  const spread = (clientId: string, from: number, to: number, amounts: readonly number[]): Planned[] =>
    amounts.map((amountCnyMinor, i) => ({ clientId, amountCnyMinor, day: amounts.length === 1 ? to : from + Math.round((i * (to - from)) / (amounts.length - 1)) }));
  /** client-1's baseline requests over the first baselineDays days (from day 0), and its recent ones over the recentDays after. */
  const client1 = (baseline: readonly number[], recent: readonly number[], { recentDays, baselineDays } = usual): Planned[] => [
    ...spread('client-1', 0, baselineDays - 1, baseline),
    ...spread('client-1', baselineDays, baselineDays + recentDays - 1, recent),
  ];

  /**
   * The rest of the firm (client-2): 100 CNY requests at one pace throughout, 30 in the recent days.
   * The season, which leaves client-1 out, is then exactly 1, and client-1's own figures alone decide.
   */
  const usualPace = ({ recentDays, baselineDays } = usual, firstDay = 0): Planned[] => [
    ...spread('client-2', firstDay, baselineDays - 1, times(((baselineDays - firstDay) * 30) / recentDays)),
    ...spread('client-2', baselineDays, baselineDays + recentDays - 2, times(30)),
  ];

  /** Submits the planned requests in day order, client-1's last each day; what they raised for client-1. */
  const run = (planned: readonly Planned[], tuning: Tuning['frequency_spike'] = {}, client1Facts: Partial<BenefitFacts> = {}) => {
    const w = monitor({ frequency_spike: tuning });
    const inOrder = [...planned].sort((a, b) => a.day - b.day || Number(a.clientId === 'client-1') - Number(b.clientId === 'client-1'));
    const fired = inOrder.flatMap(({ day, clientId, amountCnyMinor }) =>
      w.submit(d(day), { clientId, recipientId: `contact-of-${clientId}`, amountCnyMinor, ...(clientId === 'client-1' ? client1Facts : {}) }).fired,
    );
    return of(fired, 'frequency_spike').filter((c) => c.key === 'frequency_spike:client-1');
  };
  const atUsualPace = (client: readonly Planned[], tuning: Tuning['frequency_spike'] = {}, calendar = usual) => run([...client, ...usualPace(calendar)], tuning);

  it('fires when the last 30 days reach factor × the baseline for as many days, not one request short', () => {
    // Ten a month for six months, then thirty in a month; by chance about 4 in a million.
    const fired = atUsualPace(client1(times(60), times(30)));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      key: 'frequency_spike:client-1',
      day: d(209),
      reason: { recentCount: 30, recentMinor: 300_000, baselineCount: 10, baselineMinor: 100_000, factor: 3, seasonBasisPoints: 10_000, chancePerMillion: 4.2 },
    });
    expect(fired[0]!.requests).toHaveLength(30);
    expect(fired[0]!.requests[0]!.day).toBe(d(209));

    // Short of the factor even with the chance limit aside.
    expect(atUsualPace(client1(times(60), times(29)), chanceAside)).toEqual([]);
  });

  it('fires on the amount when the last 30 days reach factor × the baseline amount, not one fen short', () => {
    // Twenty a month of 100 CNY, then forty of 150 CNY: twice the requests, three times the money.
    const fired = atUsualPace(client1(times(120), times(40, 15_000)));
    expect(fired).toHaveLength(1);
    // Bernstein's bound on the chance: about 1.1 in a million.
    expect(fired[0]).toMatchObject({ reason: { recentCount: 40, recentMinor: 600_000, baselineCount: 20, baselineMinor: 200_000, seasonBasisPoints: 10_000, chancePerMillion: 1.11 } });

    expect(atUsualPace(client1(times(120), [...times(39, 15_000), 14_999]), chanceAside)).toEqual([]);
  });

  it('does not take one large request for a spike in amount: it could have fallen in any month', () => {
    // The same three times the money, but in a single request of 4,000 CNY.
    const lumpy = client1(times(120), [...times(20), 400_000]);
    expect(atUsualPace(lumpy)).toEqual([]);
    expect(atUsualPace(lumpy, chanceAside)).toHaveLength(1);
  });

  it('meets a fractional factor exactly', () => {
    const calendar = { recentDays: 30, baselineDays: 150 };
    const tuning = { ...calendar, factor: 2.5, minRecentCount: 3, ...chanceAside };
    // Six benefits in 150 days: 1.2 a month; three in the last 30 days are 2.5 times that.
    expect(atUsualPace(client1(times(6), times(3, 1_000), calendar), tuning, calendar)).toHaveLength(1);
    expect(atUsualPace(client1(times(7), times(3, 1_000), calendar), tuning, calendar)).toEqual([]);
  });

  it('needs minRecentCount benefits in the last 30 days', () => {
    // A client with no baseline: one request stands in for it.
    const burst = client1([], times(8));
    expect(atUsualPace(burst, { minRecentCount: 8 })[0]).toMatchObject({ reason: { recentCount: 8, baselineCount: 0 } });
    expect(atUsualPace(burst, { minRecentCount: 9 })).toEqual([]);
  });

  it('raises nothing before the client has been watched for the whole baseline', () => {
    // A client with no baseline bursting in the last days; the firm's first request on `firstDay`.
    const client = client1([], times(8));
    const burst = (firstDay: number, clientSince: string | null) => run([...client, ...usualPace(usual, firstDay)], {}, { clientSince });
    expect(burst(0, null)).toHaveLength(1);
    expect(burst(1, null)).toEqual([]);
    expect(burst(0, d(0))).toHaveLength(1);
    expect(burst(0, d(1))).toEqual([]);
  });

  it('fires only when so many recent requests are unlikely by chance, at most maxChancePerMillion in a million', () => {
    // Two a month, then six in a month: three times the usual, but about 34 in a thousand by chance
    // (six or more of eighteen requests falling in the last 30 of 210 days).
    const small = client1(times(12), times(6));
    expect(atUsualPace(small)).toEqual([]);
    const [alert] = atUsualPace(small, { maxChancePerMillion: 33_882.45 });
    expect(alert).toMatchObject({ reason: { recentCount: 6, baselineCount: 2, factor: 3, chancePerMillion: 33_882.45 } });
    expect(atUsualPace(small, { maxChancePerMillion: 33_882.44 })).toEqual([]);
  });

  it('allows for the season: a wave that lifts the whole firm is no client’s spike, the same client alone is', () => {
    // Ten clients at ten a month; client-1 goes to forty in the last month, alone or with everyone.
    const firm = (othersRecent: number) => [
      ...client1(times(60), times(40)),
      ...Array.from({ length: 9 }, (_, i) => [...spread(`client-${i + 2}`, 0, 179, times(60)), ...spread(`client-${i + 2}`, 180, 209, times(othersRecent))]).flat(),
    ];
    const alone = run(firm(10));
    expect(alone).toHaveLength(1);
    // The others keep their pace (client-1 itself is left out of the season): four times its baseline.
    // By chance: 40 or more of its 100 requests in the last 30 of 210 days, far below one in a hundred million (shown as the floor).
    expect(alone[0]).toMatchObject({ reason: { recentCount: 40, baselineCount: 10, seasonBasisPoints: 10_000, chancePerMillion: 0.01 } });
    expect(run(firm(40))).toEqual([]);
  });

  it('takes a returned and resubmitted request out of the firm’s money once, whatever it was resubmitted for', () => {
    // client-1's amount spike at the usual pace, with client-3's request of 50 CNY made and ended in the
    // recent days: returned, resubmitted for 90 CNY and ended three times over.
    const amountSeason = (cycles: number) => {
      const w = monitor();
      const planned = [...client1(times(120), times(40, 15_000)), ...usualPace()].sort((a, b) => a.day - b.day || Number(a.clientId === 'client-1') - Number(b.clientId === 'client-1'));
      let fired: AlertCandidate[] = [];
      for (const { day, clientId, amountCnyMinor } of planned) {
        if (day === 185 && clientId === 'client-2') {
          const { facts } = w.submit(d(185), { clientId: 'client-3', recipientId: 'contact-of-client-3', amountCnyMinor: 5_000 });
          for (let i = 0; i < cycles; i += 1) {
            w.end(d(185), facts);
            w.apply({ kind: 'submitted', day: d(185), benefit: { ...facts, amountCnyMinor: 9_000 } });
          }
          w.end(d(185), { ...facts, amountCnyMinor: 9_000 });
        }
        fired = w.submit(d(day), { clientId, recipientId: `contact-of-${clientId}`, amountCnyMinor }).fired;
      }
      return of(fired, 'frequency_spike')[0]?.reason;
    };
    // Ended, the request leaves the firm's money as though never given, however often it passed.
    for (const cycles of [0, 3]) expect(amountSeason(cycles)).toMatchObject({ recentCount: 40, seasonBasisPoints: 10_000 });
  });

  it('leaves the client out of the season, so a client that is most of the firm still spikes', () => {
    // Two clients at ten a month; client-1 goes to forty. Counted in the season, its own rise would
    // lift the firm to 250 % of its pace and hide it.
    const firm = [...client1(times(60), times(40)), ...spread('client-2', 0, 179, times(60)), ...spread('client-2', 180, 209, times(10))];
    expect(run(firm)[0]).toMatchObject({ reason: { recentCount: 40, baselineCount: 10, seasonBasisPoints: 10_000 } });
  });
});

describe('public_official', () => {
  it('fires for a public official from minAmountMinor on, never for others', () => {
    const w = monitor({ public_official: { minAmountMinor: 100_000 } });
    const [alert] = of(w.submit(d(0), { recipientPublicOfficial: true, amountCnyMinor: 100_000 }).fired, 'public_official');
    expect(alert).toMatchObject({ key: 'public_official:recipient-1', reason: { amountMinor: 100_000 } });
    expect(of(w.submit(d(1), { recipientPublicOfficial: true, amountCnyMinor: 99_999 }).fired, 'public_official')).toEqual([]);
    expect(of(w.submit(d(2), { recipientPublicOfficial: false, amountCnyMinor: 1_000_000 }).fired, 'public_official')).toEqual([]);
  });
});

describe('related_party', () => {
  it('fires at submission when the requester is linked to the recipient', () => {
    const w = monitor();
    const [alert] = of(w.submit(d(0), { requesterPath: 'spouse of the recipient' }).fired, 'related_party');
    expect(alert).toMatchObject({ key: 'related_party:staff-1:recipient-1', subject: { userId: 'staff-1' }, reason: { role: 'requester', userId: 'staff-1', path: 'spouse of the recipient' } });
    expect(of(w.submit(d(1)).fired, 'related_party')).toEqual([]);
  });

  it('fires at approval when the approver is linked to the recipient', () => {
    const w = monitor();
    const { facts } = w.submit(d(0));
    expect(of(w.approve(d(1), facts, 'partner-1'), 'related_party')).toEqual([]);
    const [alert] = of(w.approve(d(1), facts, 'partner-2', 'former colleague of the recipient'), 'related_party');
    expect(alert).toMatchObject({ key: 'related_party:partner-2:recipient-1', subject: { userId: 'partner-2' }, reason: { role: 'approver', userId: 'partner-2' } });
    expect(requestIds(alert)).toEqual([facts.requestId]);
  });

  it('on a new relationship, finds the user’s requests for that party or its client, newest first', () => {
    const w = monitor();
    const forOtherRecipient = w.submit(d(0), { recipientId: 'recipient-2' }).facts;
    const forParty = w.submit(d(1)).facts;
    w.submit(d(2), { requesterId: 'staff-2' });
    w.submit(d(3), { clientId: 'client-2', recipientId: 'recipient-3' });
    const [alert] = of(w.apply({ kind: 'related', day: d(4), userId: 'staff-1', partyId: 'recipient-1', clientId: 'client-1', path: 'cousin' }), 'related_party');
    expect(alert).toMatchObject({ key: 'related_party:staff-1:recipient-1', reason: { role: 'requester', path: 'cousin' } });
    expect(requestIds(alert)).toEqual([forParty.requestId, forOtherRecipient.requestId]);
  });

  it('on a new relationship, finds the requests the user approved', () => {
    const w = monitor();
    const { facts } = w.submit(d(0), { requesterId: 'staff-2' });
    w.approve(d(1), facts, 'partner-1');
    const [alert] = of(w.apply({ kind: 'related', day: d(2), userId: 'partner-1', partyId: 'recipient-1', clientId: null, path: 'brother' }), 'related_party');
    expect(alert).toMatchObject({ subject: { userId: 'partner-1' }, reason: { role: 'approver' } });
    expect(of(w.apply({ kind: 'related', day: d(2), userId: 'partner-9', partyId: 'recipient-1', clientId: null, path: 'brother' }), 'related_party')).toEqual([]);
  });

  it('looks back lookbackDays and not one day more', () => {
    const relatedAfter = (days: number) => {
      const w = monitor({ related_party: { lookbackDays: 30 } });
      w.submit(d(0));
      return of(w.apply({ kind: 'related', day: d(days), userId: 'staff-1', partyId: 'recipient-1', clientId: 'client-1', path: 'cousin' }), 'related_party');
    };
    expect(relatedAfter(29)).toHaveLength(1);
    expect(relatedAfter(30)).toEqual([]);
  });

  it('ignores requests that ended', () => {
    const w = monitor();
    w.end(d(1), w.submit(d(0)).facts);
    expect(of(w.apply({ kind: 'related', day: d(2), userId: 'staff-1', partyId: 'recipient-1', clientId: 'client-1', path: 'cousin' }), 'related_party')).toEqual([]);
  });
});

describe('revenue_outlier (3 robust deviations above the peers, at least 50 bp, 20 peers, after 120 days)', () => {
  /** A benefit to a client with 10,000 CNY of annual revenue: each 100 fen is 1 basis point of it. */
  const toClient = (clientId: string, amountCnyMinor: number, serviceLine = 'tax'): Partial<BenefitFacts> => ({
    clientId,
    recipientId: `contact-of-${clientId}`,
    amountCnyMinor,
    clientRevenueCnyMinor: 1_000_000,
    clientDepartmentId: 'dept-tax',
    clientServiceLines: [serviceLine, 'advisory'],
  });
  /**
   * Peers at 10, 20, 20 and 40 bp. With a client above them the logarithms' median is 20 bp's and their
   * median absolute deviation one doubling, so a robust deviation is 1.4826 doublings and three of them
   * reach 20 bp × 2^(3 × 1.4826) = 436.47 bp.
   */
  const peerShares = [1_000, 2_000, 2_000, 4_000];
  /** Five clients judge each other from the first day. */
  const small = { minPeers: 5, warmUpDays: 0 };
  /** The peers on day 0, then `client-x` on day 1 with the given share; what that raised. */
  const outlierAmong = (amountCnyMinor: number, tuning: Tuning['revenue_outlier'] = {}, peers = peerShares) => {
    const w = monitor({ revenue_outlier: { ...small, ...tuning } });
    peers.forEach((share, i) => w.submit(d(0), toClient(`peer-${i + 1}`, share)));
    return of(w.submit(d(1), toClient('client-x', amountCnyMinor)).fired, 'revenue_outlier');
  };

  it('fires at minDeviations robust deviations above the peer median, not one basis point short', () => {
    const [alert] = outlierAmong(43_700);
    expect(alert).toMatchObject({
      key: 'revenue_outlier:client-x',
      subject: { clientId: 'client-x', userId: null },
      reason: { peerBy: 'department', peerGroup: 'dept-tax', ratioBasisPoints: 437, peerMedianBasisPoints: 20, deviations: 3, peers: 5, benefitsMinor: 43_700, revenueMinor: 1_000_000 },
    });
    expect(outlierAmong(43_600)).toEqual([]);
  });

  it('takes minDeviations as given: 80 bp is 2 / 1.4826 = 1.3490 deviations above 20 bp', () => {
    expect(outlierAmong(8_000, { minDeviations: 1.348 })[0]).toMatchObject({ reason: { ratioBasisPoints: 80, deviations: 1.3 } });
    expect(outlierAmong(8_000, { minDeviations: 1.349 })).toEqual([]);
  });

  it('needs minPeers clients with a ratio above zero in the group, the client included', () => {
    expect(outlierAmong(43_700, { minPeers: 6 })).toEqual([]);
    // A sixth client whose benefits come to nothing of its revenue (0.4 bp, rounded) is no peer.
    expect(outlierAmong(43_700, { minPeers: 6 }, [...peerShares, 40])).toEqual([]);
    expect(outlierAmong(43_700, { minPeers: 6 }, [...peerShares, 1_000])[0]).toMatchObject({ reason: { peers: 6, peerMedianBasisPoints: 20, deviations: 3 } });
  });

  it('needs minRatioBasisPoints of revenue, however far above its peers', () => {
    // Peers at 1, 2, 2 and 4 bp: 49 bp is 3.1 deviations above them.
    const tiny = [100, 200, 200, 400];
    expect(outlierAmong(5_000, {}, tiny)[0]).toMatchObject({ reason: { ratioBasisPoints: 50, peerMedianBasisPoints: 2 } });
    expect(outlierAmong(4_900, {}, tiny)).toEqual([]);
  });

  it('judges nothing before warmUpDays from the first day of the log, then judges', () => {
    const judgedOn = (day: number) => {
      const w = monitor({ revenue_outlier: { minPeers: 5 } });
      peerShares.forEach((share, i) => w.submit(d(0), toClient(`peer-${i + 1}`, share)));
      return of(w.submit(d(day), toClient('client-x', 43_700)).fired, 'revenue_outlier');
    };
    expect(judgedOn(119)).toEqual([]);
    expect(judgedOn(120)).toHaveLength(1);

    const sweptOn = (day: number) => {
      const w = monitor({ revenue_outlier: { minPeers: 5 } });
      peerShares.forEach((share, i) => w.submit(d(0), toClient(`peer-${i + 1}`, share)));
      w.submit(d(0), toClient('client-x', 43_700));
      return w.sweep(d(day));
    };
    expect(sweptOn(119)).toEqual([]);
    expect(sweptOn(120).map((c) => c.key)).toEqual(['revenue_outlier:client-x']);
  });

  it('tells, at the first sweep after the warm-up, of an outlier that nightly sweeps during it kept quiet', () => {
    const w = monitor({ revenue_outlier: { minPeers: 5 } });
    peerShares.forEach((share, i) => w.submit(d(0), toClient(`peer-${i + 1}`, share)));
    w.submit(d(0), toClient('client-x', 43_700));
    for (let day = 1; day < 120; day += 1) expect(w.sweep(d(day))).toEqual([]);
    expect(w.sweep(d(120)).map((c) => c.key)).toEqual(['revenue_outlier:client-x']);
    // Told once: the next nights it is known and has not moved.
    expect(w.sweep(d(121))).toEqual([]);
  });

  it('measures against a spread of at least half a doubling when most peers share one ratio', () => {
    // Peers at 20, 20, 20 and 40 bp: their MAD is nought. 30 bp is 0.58 doublings above 20 bp, 1.17 of the floor.
    const alike = [2_000, 2_000, 2_000, 4_000];
    expect(outlierAmong(3_000, { minRatioBasisPoints: 1, minDeviations: 1.1 }, alike)[0]).toMatchObject({ reason: { ratioBasisPoints: 30, peerMedianBasisPoints: 20, deviations: 1.2 } });
    expect(outlierAmong(3_000, { minRatioBasisPoints: 1, minDeviations: 1.2 }, alike)).toEqual([]);
  });

  it('compares with the clients of the same service line when told', () => {
    const judged = (peerBy: 'department' | 'service_line') => {
      const w = monitor({ revenue_outlier: { ...small, peerBy } });
      peerShares.forEach((share, i) => w.submit(d(0), toClient(`tax-${i + 1}`, share, 'tax')));
      peerShares.forEach((share, i) => w.submit(d(0), toClient(`audit-${i + 1}`, share * 40, 'audit')));
      return of(w.submit(d(1), toClient('client-x', 43_700, 'tax')).fired, 'revenue_outlier');
    };
    expect(judged('service_line')[0]).toMatchObject({ reason: { peerBy: 'service_line', peerGroup: 'tax', peers: 5, peerMedianBasisPoints: 20 } });
    expect(judged('department')).toEqual([]);
  });

  it('judges against the group as it is now', () => {
    const w = monitor({ revenue_outlier: small });
    const clients: [string, number][] = [
      ['a', 1_000],
      ['b', 2_000],
      ['c', 2_000],
      ['d', 4_000],
      ['e', 1_000],
      ['f', 2_000],
      ['g', 4_000],
    ];
    for (const [id, share] of clients) w.submit(d(0), toClient(id, share));
    // Everyone gains 10 % of revenue: the first two stand out while the others are still low, the rest do not.
    const fired = clients.map(([id]) => of(w.submit(d(1), toClient(id, 100_000)).fired, 'revenue_outlier').map((c) => c.key));
    expect(fired).toEqual([['revenue_outlier:a'], ['revenue_outlier:b'], [], [], [], [], []]);
  });

  it('sweep finds an outlier made by its peers’ benefits, and lets a year’s benefits go', () => {
    const w = monitor({ revenue_outlier: small });
    w.submit(d(0), toClient('client-x', 43_700));
    peerShares.forEach((share, i) => w.submit(d(1), toClient(`peer-${i + 1}`, share)));
    expect(of(w.raised, 'revenue_outlier')).toEqual([]);
    const swept = w.sweep(d(2));
    expect(swept.map((c) => [c.key, c.day, c.seq])).toEqual([['revenue_outlier:client-x', d(2), 5]]);
    // Nothing moved since: nothing is judged again, not even when a peer's ratio moves but the median and spread do not.
    expect(w.sweep(d(300))).toEqual([]);
    w.submit(d(301), toClient('peer-4', 1_000));
    expect(w.sweep(d(302))).toEqual([]);
    // A year on, client-x's benefits have left its year: no longer an outlier.
    expect(w.sweep(d(365))).toEqual([]);
  });

  it('a withdrawn request leaves the revenue ratio', () => {
    const w = monitor({ revenue_outlier: small });
    peerShares.forEach((share, i) => w.submit(d(1), toClient(`peer-${i + 1}`, share)));
    const big = w.submit(d(2), toClient('client-x', 43_700));
    expect(of(big.fired, 'revenue_outlier')).toHaveLength(1);
    w.end(d(3), big.facts);
    w.submit(d(4), toClient('client-x', 2_000));
    expect(of(w.sweep(d(5)), 'revenue_outlier')).toEqual([]);
  });
});

describe('blackout', () => {
  const quietPeriod: BlackoutFact = { id: 'blackout-1', startsOn: '2024-03-01', endsOn: '2024-03-31', reason: 'IPO quiet period' };

  it('fires at submission for a benefit inside a blackout window', () => {
    const w = monitor();
    const [alert] = of(w.submit('2024-02-20', { benefitDate: '2024-03-05', blackout: quietPeriod }).fired, 'blackout');
    expect(alert).toMatchObject({ key: 'blackout:blackout-1', reason: { blackout: quietPeriod } });
    expect(of(w.submit('2024-02-20', { benefitDate: '2024-04-05' }).fired, 'blackout')).toEqual([]);
  });

  it('a new window covers earlier benefits dated inside it, both ends included', () => {
    const w = monitor();
    const dated = (benefitDate: string, overrides: Partial<BenefitFacts> = {}) => w.submit('2024-02-01', { benefitDate, ...overrides }).facts;
    dated('2024-02-29');
    const first = dated('2024-03-01');
    const last = dated('2024-03-31');
    dated('2024-04-01');
    dated('2024-03-15', { clientId: 'client-2' });
    w.end('2024-02-10', dated('2024-03-10'));
    const [alert] = of(w.apply({ kind: 'blackout', day: '2024-02-15', clientId: 'client-1', blackout: quietPeriod }), 'blackout');
    expect(alert).toMatchObject({ key: 'blackout:blackout-1' });
    expect(requestIds(alert)).toEqual([last.requestId, first.requestId]);
  });

  it('raises nothing when no benefit falls inside the new window', () => {
    const w = monitor();
    w.submit('2024-02-01', { benefitDate: '2024-02-29' });
    w.submit('2024-02-01', { benefitDate: '2024-04-01' });
    expect(w.apply({ kind: 'blackout', day: '2024-02-15', clientId: 'client-1', blackout: quietPeriod })).toEqual([]);
  });

  it('looks back lookbackDays and not one day more', () => {
    const declaredAfter = (days: number) => {
      const w = monitor({ blackout: { lookbackDays: 30 } });
      w.submit(d(0), { benefitDate: '2024-03-10' });
      return of(w.apply({ kind: 'blackout', day: d(days), clientId: 'client-1', blackout: quietPeriod }), 'blackout');
    };
    expect(declaredAfter(29)).toHaveLength(1);
    expect(declaredAfter(30)).toEqual([]);
  });
});

describe('approver_affinity (90 days, at least 6 approvals, half of the approver’s, 3 requesters)', () => {
  /** partner-1 approves `times` requests of the requester on the day; what the last approval raised. */
  const approvals = (w: Monitor, day: string, requesterId: string, times: number) => {
    let fired: AlertCandidate[] = [];
    for (let i = 0; i < times; i += 1) fired = of(w.approve(day, w.submit(day, { requesterId }).facts, 'partner-1'), 'approver_affinity');
    return fired;
  };
  const affinity = (others: Record<string, number>, times: number, day = d(1)) => {
    const w = monitor();
    for (const [requesterId, n] of Object.entries(others)) approvals(w, d(0), requesterId, n);
    return approvals(w, day, 'staff-1', times);
  };

  it('fires from minCount approvals of one requester, not one fewer', () => {
    const [alert] = affinity({ 'staff-2': 1, 'staff-3': 1 }, 6);
    expect(alert).toMatchObject({
      key: 'approver_affinity:partner-1:staff-1',
      subject: { userId: 'partner-1', clientId: null, recipientId: null },
      reason: { approverId: 'partner-1', requesterId: 'staff-1', count: 6, total: 8, distinctRequesters: 3, windowDays: 90 },
    });
    expect(alert!.requests).toHaveLength(6);
    expect(affinity({ 'staff-2': 1, 'staff-3': 1 }, 5)).toEqual([]);
  });

  it('needs minDistinctRequesters requesters', () => {
    expect(affinity({ 'staff-2': 1 }, 6)).toEqual([]);
  });

  it('fires from exactly the minimum share, not below it', () => {
    expect(affinity({ 'staff-2': 3, 'staff-3': 3 }, 6)).toHaveLength(1);
    expect(affinity({ 'staff-2': 3, 'staff-3': 4 }, 6)).toEqual([]);
  });

  it('forgets approvals that left the window', () => {
    expect(affinity({ 'staff-2': 1, 'staff-3': 1 }, 6, d(89))).toHaveLength(1);
    expect(affinity({ 'staff-2': 1, 'staff-3': 1 }, 6, d(90))).toEqual([]);
  });
});

describe('payment_mismatch (5 % tolerance, paid within 60 days of approval)', () => {
  const paid = (w: Monitor, facts: BenefitFacts, approvedOn: string, paidOn: string) =>
    of(w.apply({ kind: 'paid', day: paidOn, benefit: facts, paymentCnyMinor: facts.amountCnyMinor, paidOn, approvedOn, approvedCnyMinor: facts.amountCnyMinor }), 'payment_mismatch');
  const closed = (w: Monitor, facts: BenefitFacts, paidCnyMinor: number) =>
    of(w.apply({ kind: 'closed', day: d(40), benefit: facts, paidCnyMinor, approvedCnyMinor: 100_000 }), 'payment_mismatch');

  it('fires for a payment more than maxDaysAfterApproval after approval, not at exactly that', () => {
    const w = monitor();
    const { facts } = w.submit(d(0));
    expect(paid(w, facts, d(1), d(61))).toEqual([]);
    const [alert] = paid(w, facts, d(1), d(62));
    expect(alert).toMatchObject({ key: `payment_mismatch:late:${facts.requestId}`, reason: { problem: 'late', days: 61, maxDays: 60, approvedOn: d(1), paidOn: d(62) } });
  });

  it('fires when settled for more than the tolerance off the approved amount, either way', () => {
    const w = monitor();
    const { facts } = w.submit(d(0), { amountCnyMinor: 100_000 });
    expect(closed(w, facts, 95_000)).toEqual([]);
    expect(closed(w, facts, 105_000)).toEqual([]);
    expect(closed(w, facts, 94_999)[0]).toMatchObject({ key: `payment_mismatch:short:${facts.requestId}`, reason: { problem: 'short', paidMinor: 94_999, approvedMinor: 100_000, toleranceBasisPoints: 500 } });
    expect(closed(w, facts, 105_001)).toHaveLength(1);
  });

  it('does not fire for a request closed with nothing paid', () => {
    const w = monitor();
    expect(closed(w, w.submit(d(0), { amountCnyMinor: 100_000 }).facts, 0)).toEqual([]);
  });
});

describe('new_client (within 30 days of onboarding, from 1,000 CNY)', () => {
  const onboarded = (submittedDay: number, amountCnyMinor: number, clientSince: string | null = d(0)) =>
    of(monitor().submit(d(submittedDay), { clientSince, amountCnyMinor }).fired, 'new_client');

  it('fires up to withinDays after the client’s first day, not one day later', () => {
    expect(onboarded(30, 100_000)[0]).toMatchObject({ key: 'new_client:client-1', score: 24, reason: { clientSince: d(0), days: 30, withinDays: 30 } });
    expect(onboarded(31, 100_000)).toEqual([]);
  });

  it('fires from minAmountMinor, not one fen below', () => {
    expect(onboarded(0, 100_000)[0]).toMatchObject({ score: 40, reason: { days: 0 } });
    expect(onboarded(0, 99_999)).toEqual([]);
  });

  it('counts benefits before the client’s first day at full strength', () => {
    expect(onboarded(0, 100_000, d(5))[0]).toMatchObject({ score: 40, reason: { days: -5 } });
  });

  it('does not fire without an onboarding date', () => {
    expect(onboarded(0, 100_000, null)).toEqual([]);
  });
});

describe('every rule', () => {
  /** Something each rule fires on under the default rule set, from just over its edge to far beyond it. */
  const scenarios: Record<RuleKind, (w: Monitor) => void> = {
    structuring: (w) => {
      for (const amount of [250_000, 250_000, 499_999, 499_999, 499_999, 499_999]) w.submit(d(0), { amountCnyMinor: amount });
    },
    cumulative_limit: (w) => {
      for (let i = 0; i < 4; i += 1)
        w.submit(d(0), { amountCnyMinor: 80_000, departmentId: `dept-${i % 2}`, limits: { recipientPeriod: { amountMinor: 100_000, period: 'month' }, clientYear: 100_000 } });
    },
    frequency_spike: (w) => {
      for (let i = 0; i < 60; i += 1) w.submit(d(0), { clientId: null });
      for (let day = 190; day < 210; day += 1) w.submit(d(day));
    },
    public_official: (w) => void w.submit(d(0), { recipientPublicOfficial: true }),
    related_party: (w) => {
      const { facts } = w.submit(d(0), { requesterPath: 'spouse' });
      w.approve(d(1), facts, 'partner-1', 'friend');
      w.apply({ kind: 'related', day: d(2), userId: 'staff-1', partyId: 'recipient-1', clientId: 'client-1', path: 'cousin' });
    },
    revenue_outlier: (w) => {
      const facts = (clientId: string, amountCnyMinor: number) => ({ clientId, amountCnyMinor, clientRevenueCnyMinor: 1_000_000, clientDepartmentId: 'dept-tax' });
      for (let i = 0; i < 20; i += 1) w.submit(d(0), facts(`peer-${i}`, [1_000, 2_000, 2_000, 4_000][i % 4]!));
      w.submit(d(120), facts('client-x', 43_700));
      w.submit(d(120), facts('client-y', 4_000_000));
    },
    blackout: (w) => {
      const window = { id: 'blackout-1', startsOn: d(0), endsOn: d(9), reason: 'tender' };
      w.submit(d(0), { blackout: window });
      w.apply({ kind: 'blackout', day: d(1), clientId: 'client-1', blackout: window });
    },
    approver_affinity: (w) => {
      for (const requesterId of ['staff-2', 'staff-3', ...Array.from({ length: 12 }, () => 'staff-1')]) w.approve(d(0), w.submit(d(0), { requesterId }).facts, 'partner-1');
    },
    payment_mismatch: (w) => {
      const { facts } = w.submit(d(0), { amountCnyMinor: 100_000 });
      w.apply({ kind: 'paid', day: d(61), benefit: facts, paymentCnyMinor: 100_000, paidOn: d(61), approvedOn: d(0), approvedCnyMinor: 100_000 });
      w.apply({ kind: 'paid', day: d(900), benefit: facts, paymentCnyMinor: 100_000, paidOn: d(900), approvedOn: d(0), approvedCnyMinor: 100_000 });
      w.apply({ kind: 'closed', day: d(900), benefit: facts, paidCnyMinor: 94_000, approvedCnyMinor: 100_000 });
      w.apply({ kind: 'closed', day: d(900), benefit: facts, paidCnyMinor: 1_000_000, approvedCnyMinor: 100_000 });
    },
    new_client: (w) => {
      w.submit(d(0), { clientSince: d(-5), amountCnyMinor: 100_000 });
      w.submit(d(30), { clientSince: d(0), amountCnyMinor: 100_000 });
    },
  };

  it.each(ruleKinds)('%s raises nothing when switched off', (rule) => {
    const on = monitor();
    scenarios[rule](on);
    expect(of(on.raised, rule).length).toBeGreaterThan(0);
    const off = monitor({}, [rule]);
    scenarios[rule](off);
    expect(of(off.raised, rule)).toEqual([]);
  });

  it.each(ruleKinds)('%s scores between 0.6 × its weight and its weight', (rule) => {
    const w = monitor();
    scenarios[rule](w);
    const { weight } = defaultRuleSet[rule];
    const scores = of(w.raised, rule).map((c) => c.score);
    expect(scores.length).toBeGreaterThan(0);
    for (const score of scores) {
      expect(score).toBeGreaterThanOrEqual(0.6 * weight);
      expect(score).toBeLessThanOrEqual(weight);
    }
  });
});

describe('a request submitted again (returned and resubmitted)', () => {
  it('counts once toward splits, and toward the limits again only after its return released it', () => {
    const yearly = { limits: { recipientPeriod: null, clientYear: 100_000 } };
    const w = monitor();
    const { facts } = w.submit(d(1), { ...yearly, amountCnyMinor: 300_000 });
    // Again, as it was: not a second request of a split, and not counted twice.
    const again = w.apply({ kind: 'submitted', day: d(2), benefit: facts });
    expect(of(again, 'structuring')).toEqual([]);
    expect(of(again, 'cumulative_limit')).toEqual([]);
    const [next] = of(w.submit(d(3), { ...yearly, amountCnyMinor: 1_000, departmentId: 'dept-2' }).fired, 'cumulative_limit');
    expect(next?.reason).toMatchObject({ totalMinor: 301_000 });

    const small = monitor();
    const first = small.submit(d(1), { ...yearly, amountCnyMinor: 50_000 }).facts;
    small.end(d(2), first);
    expect(of(small.apply({ kind: 'submitted', day: d(3), benefit: first }), 'cumulative_limit')).toEqual([]);
    const [alert] = of(small.submit(d(4), { ...yearly, amountCnyMinor: 30_000, departmentId: 'dept-2' }).fired, 'cumulative_limit');
    expect(alert?.reason).toMatchObject({ totalMinor: 80_000 });
  });

  it('judges its own facts afresh: a recipient found to be an official by then', () => {
    const w = monitor();
    const { facts } = w.submit(d(1));
    expect(of(w.raised, 'public_official')).toEqual([]);
    const fired = w.apply({ kind: 'submitted', day: d(5), benefit: { ...facts, recipientPublicOfficial: true } });
    expect(of(fired, 'public_official')).toHaveLength(1);
  });
});
