import { describe, expect, it } from 'vitest';
import { ageBucketOf, allowedMoves, isOpen, nextAlertState } from './triage';

describe('alert triage', () => {
  it('moves new to reviewing, and either open state to dismissed or escalated, and nothing out of a final state', () => {
    expect(nextAlertState('new', 'review')).toBe('reviewing');
    expect(nextAlertState('reviewing', 'review')).toBeNull();
    for (const from of ['new', 'reviewing'] as const) {
      expect(nextAlertState(from, 'dismiss')).toBe('dismissed');
      expect(nextAlertState(from, 'escalate')).toBe('escalated');
    }
    for (const final of ['dismissed', 'escalated'] as const) {
      expect(allowedMoves(final)).toEqual([]);
      expect(isOpen(final)).toBe(false);
    }
    expect(allowedMoves('new')).toEqual(['review', 'dismiss', 'escalate']);
    expect(allowedMoves('reviewing')).toEqual(['dismiss', 'escalate']);
  });

  it('buckets ages at their edges', () => {
    expect([0, 2, 3, 7, 8, 30, 31].map(ageBucketOf)).toEqual(['0-2', '0-2', '3-7', '3-7', '8-30', '8-30', '30+']);
  });
});
