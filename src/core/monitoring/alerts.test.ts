import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AlertCandidate, AlertBook, type AlertRequestFact, MAX_ALERT_REQUESTS, mergeRequests, scoreOf } from './alerts';

/** Request n, submitted on `day`; refs grow with n as the register numbers them. */
const request = (n: number, day: string, amountCnyMinor = 100_000): AlertRequestFact => ({
  requestId: `req-${n}`,
  ref: `BR-2024-${String(n).padStart(6, '0')}`,
  amountCnyMinor,
  benefitDate: day,
  day,
  requesterId: 'staff-1',
  departmentId: 'dept-1',
  recipientId: 'recipient-1',
  clientId: 'client-1',
});

const structuring = (requests: AlertRequestFact[], seq: number, overrides: Partial<AlertCandidate> = {}): AlertCandidate => ({
  rule: 'structuring',
  key: 'structuring:recipient:recipient-1',
  score: 50,
  subject: { clientId: 'client-1', recipientId: 'recipient-1', userId: 'staff-1', departmentId: 'dept-1' },
  requests,
  reason: { rule: 'structuring', scope: 'recipient', count: requests.length, totalMinor: requests.reduce((s, r) => s + r.amountCnyMinor, 0), thresholdMinor: 500_000, windowDays: 7 },
  seq,
  day: requests[0]!.day,
  ...overrides,
});

const idsOf = (requests: readonly AlertRequestFact[]) => requests.map((r) => r.requestId);

describe('AlertBook', () => {
  it('merges candidates with the same key into the open alert: union of facts, newest figures, highest score', () => {
    const book = new AlertBook();
    const first = book.add(structuring([request(2, '2024-01-02'), request(1, '2024-01-01')], 1, { score: 60 }));
    const grown = book.add(structuring([request(3, '2024-01-03'), request(2, '2024-01-02')], 2, { score: 55 }));
    expect(grown).toBe(first);
    expect(book.alerts).toHaveLength(1);
    expect(grown).toMatchObject({ open: true, hits: 2, firstSeq: 1, seq: 2, day: '2024-01-03', score: 60, reason: { count: 2, totalMinor: 200_000 } });
    expect(idsOf(grown!.requests)).toEqual(['req-3', 'req-2', 'req-1']);
  });

  it('keeps alerts under different keys apart', () => {
    const book = new AlertBook();
    book.add(structuring([request(1, '2024-01-01')], 1));
    book.add(structuring([request(1, '2024-01-01')], 2, { key: 'structuring:client:client-1' }));
    expect(book.alerts.map((a) => a.key)).toEqual(['structuring:recipient:recipient-1', 'structuring:client:client-1']);
  });

  it('after an alert is closed, drops facts already judged and opens a new alert for a new request', () => {
    const book = new AlertBook();
    const judged = book.add(structuring([request(2, '2024-01-02'), request(1, '2024-01-01')], 1))!;
    judged.open = false;

    expect(book.add(structuring([request(2, '2024-01-02'), request(1, '2024-01-01')], 2))).toBeNull();
    expect(book.add(structuring([request(1, '2024-01-01')], 3))).toBeNull();
    expect(book.alerts).toHaveLength(1);

    const reopened = book.add(structuring([request(3, '2024-01-03'), request(2, '2024-01-02')], 4))!;
    expect(reopened).not.toBe(judged);
    expect(reopened).toMatchObject({ open: true, hits: 1, firstSeq: 4 });
    expect(book.alerts).toHaveLength(2);
    expect(judged.hits).toBe(1);

    // The new alert is the open one now: what follows grows it.
    expect(book.add(structuring([request(2, '2024-01-02')], 5))).toBe(reopened);
    expect(reopened.hits).toBe(2);
  });
});

describe('mergeRequests', () => {
  it('keeps each request once, its newest fact, newest first (later ref first within a day)', () => {
    const merged = mergeRequests(
      [request(1, '2024-01-01', 100), request(3, '2024-01-02', 300)],
      [request(2, '2024-01-02', 200), request(1, '2024-01-01', 150)],
    );
    expect(idsOf(merged)).toEqual(['req-3', 'req-2', 'req-1']);
    expect(merged.find((r) => r.requestId === 'req-1')!.amountCnyMinor).toBe(150);
  });

  it(`keeps the newest ${MAX_ALERT_REQUESTS} requests`, () => {
    const day = (n: number) => `2024-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    const held = Array.from({ length: MAX_ALERT_REQUESTS }, (_, n) => request(n, day(n)));
    const incoming = [request(MAX_ALERT_REQUESTS, day(MAX_ALERT_REQUESTS)), request(MAX_ALERT_REQUESTS + 1, day(MAX_ALERT_REQUESTS + 1))];
    const merged = mergeRequests(held, incoming);
    expect(merged).toHaveLength(MAX_ALERT_REQUESTS);
    expect(merged[0]!.requestId).toBe(`req-${MAX_ALERT_REQUESTS + 1}`);
    expect(merged.at(-1)!.requestId).toBe('req-2');
  });
});

describe('scoreOf', () => {
  it('is the weight at full strength and 0.6 of it at or below the floor', () => {
    expect(scoreOf(80, 1)).toBe(80);
    expect(scoreOf(80, 3)).toBe(80);
    expect(scoreOf(80, 0.6)).toBe(48);
    expect(scoreOf(80, 0.1)).toBe(48);
    expect(scoreOf(80, 0.75)).toBe(60);
  });

  it('stays between the rounded floor and the weight whatever the strength', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ noNaN: true }), (weight, strength) => {
        const score = scoreOf(weight, strength);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(Math.round(0.6 * weight));
        expect(score).toBeLessThanOrEqual(weight);
      }),
    );
  });
});
