import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles } from '../access';
import {
  checkDisclosureDecision,
  clearanceReminderDates,
  clearanceStatus,
  eventForFailedReview,
  mayDecideDisclosure,
  recordReview,
  reminderDue,
  reviewDates,
  reviewDaysLate,
  type DisclosureDecisionInput,
} from './clearance';
import { addDays, daysBetween } from './dates';

const decidedOn = '2025-06-10';

describe('checkDisclosureDecision', () => {
  const cleared: DisclosureDecisionInput = {
    decision: 'cleared_with_conditions',
    comment: '配偶持有客户3%股份,附条件准许',
    decidedOn,
    conditions: [{ kind: 'recusal', staffIds: ['s1'] }],
    expiresOn: '2026-06-10',
  };
  const rejected: DisclosureDecisionInput = { decision: 'rejected', comment: '兼任客户董事', decidedOn, requiredAction: 'leave_engagement', actionDueOn: '2025-06-30' };

  it('accepts the three decisions with what each needs', () => {
    expect(checkDisclosureDecision({ decision: 'no_conflict', comment: '亲属已离职', decidedOn })).toEqual([]);
    expect(checkDisclosureDecision(cleared)).toEqual([]);
    expect(checkDisclosureDecision(rejected)).toEqual([]);
    expect(checkDisclosureDecision({ ...rejected, requiredAction: 'end_interest' })).toEqual([]);
  });

  it('a clearance has conditions that can be enforced and an expiry within the limit', () => {
    expect(checkDisclosureDecision({ ...cleared, conditions: [] })).toEqual(['CONDITIONS_REQUIRED']);
    expect(checkDisclosureDecision({ ...cleared, conditions: [{ kind: 'recusal' }] })).toEqual(['INVALID_CONDITION']);
    expect(checkDisclosureDecision({ ...cleared, expiresOn: undefined })).toEqual(['EXPIRY_REQUIRED']);
    expect(checkDisclosureDecision({ ...cleared, expiresOn: '2026-02-30' })).toEqual(['INVALID_DATE']);
    expect(checkDisclosureDecision({ ...cleared, expiresOn: decidedOn })).toEqual(['EXPIRY_NOT_FUTURE']);
    expect(checkDisclosureDecision({ ...cleared, expiresOn: '2026-06-11' })).toEqual(['EXPIRY_TOO_FAR']);
    expect(checkDisclosureDecision({ ...cleared, expiresOn: '2026-12-10' }, { maxClearanceMonths: 18 })).toEqual([]);
    expect(checkDisclosureDecision({ ...cleared, conditions: [{ kind: 'rotation', description: '轮换' }] }, { mitigationKinds: ['rotation'] })).toEqual([]);
  });

  it('no conflict and rejection carry no conditions or expiry', () => {
    expect(checkDisclosureDecision({ ...cleared, decision: 'no_conflict' })).toEqual(['CONDITIONS_NOT_ALLOWED', 'EXPIRY_NOT_ALLOWED']);
    expect(checkDisclosureDecision({ ...rejected, conditions: cleared.conditions })).toEqual(['CONDITIONS_NOT_ALLOWED']);
  });

  it('a rejection says what must happen and by when', () => {
    expect(checkDisclosureDecision({ ...rejected, requiredAction: undefined })).toEqual(['ACTION_REQUIRED']);
    expect(checkDisclosureDecision({ ...rejected, requiredAction: 'shrug' as never })).toEqual(['ACTION_REQUIRED']);
    expect(checkDisclosureDecision({ ...rejected, actionDueOn: undefined })).toEqual(['ACTION_REQUIRED']);
    expect(checkDisclosureDecision({ ...rejected, actionDueOn: '2025-06-10' })).toEqual(['ACTION_DUE_NOT_FUTURE']);
    expect(checkDisclosureDecision({ ...rejected, actionDueOn: 'soon' })).toEqual(['INVALID_DATE']);
  });

  it('every decision gives its reasons, on a real date', () => {
    expect(checkDisclosureDecision({ decision: 'no_conflict', comment: ' ', decidedOn })).toEqual(['COMMENT_REQUIRED']);
    expect(checkDisclosureDecision({ decision: 'no_conflict', comment: 'ok', decidedOn: '2025-6-10' })).toEqual(['INVALID_DATE']);
    expect(checkDisclosureDecision({ decision: 'maybe' as never, comment: 'ok', decidedOn })).toEqual(['UNKNOWN_DECISION']);
  });
});

describe('mayDecideDisclosure', () => {
  it.each(roles)('%s', (role) => {
    expect(mayDecideDisclosure([role], { isDeclarant: false })).toBe(role === 'compliance');
    expect(mayDecideDisclosure([role], { isDeclarant: true })).toBe(false);
  });
});

describe('clearance expiry', () => {
  const clearance = { issuedOn: '2025-01-01', expiresOn: '2025-06-30' };

  it('is active, then expiring within 30 days, then expired the day after its last day', () => {
    expect(clearanceStatus(clearance, '2025-05-30')).toBe('active');
    expect(clearanceStatus(clearance, '2025-05-31')).toBe('expiring');
    expect(clearanceStatus(clearance, '2025-06-30')).toBe('expiring');
    expect(clearanceStatus(clearance, '2025-07-01')).toBe('expired');
    expect(clearanceStatus(clearance, '2025-06-20', 7)).toBe('active');
  });

  it('reminds 30, 7 and 1 days before, but not before it was issued', () => {
    expect(clearanceReminderDates(clearance)).toEqual(['2025-05-31', '2025-06-23', '2025-06-29']);
    expect(clearanceReminderDates({ issuedOn: '2025-06-20', expiresOn: '2025-06-30' })).toEqual(['2025-06-23', '2025-06-29']);
    expect(clearanceReminderDates(clearance, [14, 14, 0])).toEqual(['2025-06-16', '2025-06-30']);
  });

  it('sends the latest reminder reached, once, and nothing after expiry', () => {
    expect(reminderDue('2025-05-30', clearance, [])).toBeNull();
    expect(reminderDue('2025-05-31', clearance, [])).toBe(30);
    expect(reminderDue('2025-06-01', clearance, [30])).toBeNull();
    // The job was down from 05-30 to 06-24: one reminder, the 7-day one, not two.
    expect(reminderDue('2025-06-24', clearance, [])).toBe(7);
    expect(reminderDue('2025-06-29', clearance, [30, 7])).toBe(1);
    expect(reminderDue('2025-06-30', clearance, [30, 7, 1])).toBeNull();
    expect(reminderDue('2025-07-01', clearance, [])).toBeNull();
    expect(reminderDue('2025-06-25', { issuedOn: '2025-06-24', expiresOn: '2025-06-30' }, [])).toBeNull();
  });

  it('every reminder date gets its reminder sent on that day, whatever day the clearance was issued', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 800 }), fc.integer({ min: 0, max: 3000 }), (length, start) => {
        const issuedOn = addDays('2024-01-01', start);
        const c = { issuedOn, expiresOn: addDays(issuedOn, length) };
        const sent: number[] = [];
        for (let day = addDays(issuedOn, 1); day <= addDays(c.expiresOn, 3); day = addDays(day, 1)) {
          const due = reminderDue(day, c, sent);
          if (due !== null) {
            expect(addDays(c.expiresOn, -due)).toBe(day);
            sent.push(due);
          }
        }
        expect(sent.map((d) => addDays(c.expiresOn, -d))).toEqual(clearanceReminderDates(c));
      }),
      { numRuns: 50 },
    );
  });
});

describe('review dates of closed cases', () => {
  it('counts from the closing day so month ends do not drift', () => {
    expect(reviewDates('2025-01-31', 1, 4)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
    expect(reviewDates('2025-06-10', 6, 2)).toEqual(['2025-12-10', '2026-06-10']);
    expect(reviewDates('2023-08-29', 6, 1)).toEqual(['2024-02-29']);
    for (const [cadence, count] of [[0, 1], [1, 0], [61, 1], [1, 101], [1.5, 2]]) expect(() => reviewDates('2025-06-10', cadence as number, count as number)).toThrow(RangeError);
  });

  it('are after the closing day, in order, about cadence months apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 12 }), (start, cadence, count) => {
        const closedOn = addDays('2000-01-01', start);
        const dates = reviewDates(closedOn, cadence, count);
        expect(dates).toHaveLength(count);
        let previous = closedOn;
        for (const date of dates) {
          const gap = daysBetween(previous, date);
          expect(gap).toBeGreaterThanOrEqual(cadence * 28 - 3);
          expect(gap).toBeLessThanOrEqual(cadence * 31 + 3);
          previous = date;
        }
      }),
    );
  });
});

describe('recordReview', () => {
  const schedule = { pending: ['2025-12-10', '2026-06-10'], cadenceMonths: 6 };
  const confirm = (reviewedOn: string, pending = schedule.pending) => recordReview({ outcome: 'confirm', reviewedOn, comment: '回避持续执行' }, { ...schedule, pending });

  it('confirming moves to the next date of the schedule', () => {
    expect(confirm('2025-12-12')).toEqual({ ok: true, outcome: 'confirm', nextReviewOn: '2026-06-10', pending: ['2026-06-10'] });
    expect(confirm('2025-12-01')).toMatchObject({ nextReviewOn: '2026-06-10' });
  });

  it('a late review covers the dates it passed', () => {
    expect(confirm('2026-07-01')).toEqual({ ok: true, outcome: 'confirm', nextReviewOn: '2027-01-01', pending: ['2027-01-01'] });
  });

  it('carries on every cadence months once the schedule runs out', () => {
    expect(confirm('2026-06-10', ['2026-06-10'])).toEqual({ ok: true, outcome: 'confirm', nextReviewOn: '2026-12-10', pending: ['2026-12-10'] });
  });

  it('reopening or ending tracking needs a reason', () => {
    const review = (outcome: 'reopen' | 'end_tracking', reason?: string) => recordReview({ outcome, reviewedOn: '2025-12-10', comment: '复查', ...(reason !== undefined && { reason }) }, schedule);
    expect(review('reopen', ' 项目经理仍参与该客户事务 ')).toEqual({ ok: true, outcome: 'reopen', reason: '项目经理仍参与该客户事务' });
    expect(review('end_tracking', '已与客户终止合作')).toEqual({ ok: true, outcome: 'end_tracking', reason: '已与客户终止合作' });
    expect(review('reopen')).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    expect(review('end_tracking', '')).toEqual({ ok: false, code: 'REASON_REQUIRED' });
  });

  it('refuses a review without a comment, a date, or anything to review', () => {
    expect(recordReview({ outcome: 'confirm', reviewedOn: '2025-12-10', comment: '' }, schedule)).toEqual({ ok: false, code: 'COMMENT_REQUIRED' });
    expect(recordReview({ outcome: 'confirm', reviewedOn: '2025-13-10', comment: 'x' }, schedule)).toEqual({ ok: false, code: 'INVALID_DATE' });
    expect(recordReview({ outcome: 'confirm', reviewedOn: '2025-12-10', comment: 'x' }, { pending: [], cadenceMonths: 6 })).toEqual({ ok: false, code: 'NOTHING_TO_REVIEW' });
  });

  it('a confirmed review always leaves a later review date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -400, max: 400 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), (start, lateBy, cadence, count) => {
        const pending = reviewDates(addDays('2020-01-01', start), cadence, count);
        const reviewedOn = addDays(pending[0] as string, lateBy);
        const result = recordReview({ outcome: 'confirm', reviewedOn, comment: 'ok' }, { pending, cadenceMonths: cadence });
        expect(result.ok).toBe(true);
        if (result.ok && result.outcome === 'confirm') {
          expect(result.nextReviewOn > reviewedOn).toBe(true);
          expect(result.pending[0]).toBe(result.nextReviewOn);
        }
      }),
    );
  });

  it('a failed review reinvestigates a monitored case and reopens a closed one', () => {
    expect(eventForFailedReview('monitoring')).toBe('reinvestigate');
    expect(eventForFailedReview('closed')).toBe('reopen');
  });

  it('counts the days a review is late', () => {
    expect(reviewDaysLate('2025-12-10', '2025-12-10')).toBe(0);
    expect(reviewDaysLate('2025-12-13', '2025-12-10')).toBe(3);
    expect(reviewDaysLate('2025-12-01', '2025-12-10')).toBe(0);
  });
});
