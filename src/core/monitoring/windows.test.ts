import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DailyTally, KeyedWindow, median, SlidingWindow } from './windows';

describe('SlidingWindow', () => {
  it('keeps the last `days` days ending on the latest day, with their count and sum', () => {
    const window = new SlidingWindow<string>(7);
    window.add(0, 100, 'a');
    window.add(3, 200, 'b');
    window.add(6, 300, 'c');
    window.advance(6);
    expect([window.count, window.sum]).toEqual([3, 600]);

    const evicted: string[] = [];
    window.advance(7, (gone) => evicted.push(gone.item));
    expect(evicted).toEqual(['a']);
    expect([window.count, window.sum, window.size]).toEqual([2, 500, 2]);
    expect([...window.items()].map((e) => e.item)).toEqual(['b', 'c']);
  });

  it('lists the entries from a day on, newest first', () => {
    const window = new SlidingWindow<string>(30);
    for (const [day, item] of [[1, 'a'], [5, 'b'], [5, 'c'], [9, 'd']] as const) window.add(day, 1, item);
    expect([...window.since(5)].map((e) => e.item)).toEqual(['d', 'c', 'b']);
    expect([...window.since(10)]).toEqual([]);
  });

  it('agrees with a plain filter over everything added, through compaction', () => {
    const steps = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 4 }), amount: fc.integer({ min: 0, max: 1_000_000 }) }), { minLength: 150, maxLength: 400 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), steps, (days, added) => {
        const window = new SlidingWindow<number>(days);
        const all: { day: number; amount: number; item: number }[] = [];
        let day = 0;
        added.forEach(({ gap, amount }, item) => {
          day += gap;
          window.advance(day);
          window.add(day, amount, item);
          all.push({ day, amount, item });
          const inside = all.filter((e) => e.day > day - days);
          expect([window.count, window.sum]).toEqual([inside.length, inside.reduce((s, e) => s + e.amount, 0)]);
          expect([...window.items()].map((e) => e.item)).toEqual(inside.map((e) => e.item));
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('KeyedWindow', () => {
  it('counts each key in the window and forgets keys that left it', () => {
    const window = new KeyedWindow<string>(10);
    window.add(0, 'anna', 'r1');
    window.add(2, 'ben', 'r2');
    window.add(9, 'anna', 'r3');
    expect(Object.fromEntries(window.counts)).toEqual({ anna: 2, ben: 1 });
    expect(window.total).toBe(3);
    expect(window.factsOf('anna')).toEqual(['r1', 'r3']);

    window.add(12, 'anna', 'r4');
    expect(Object.fromEntries(window.counts)).toEqual({ anna: 2 });
    expect(window.total).toBe(2);
    expect(window.factsOf('anna')).toEqual(['r3', 'r4']);
    expect(window.factsOf('ben')).toEqual([]);
  });
});

describe('DailyTally', () => {
  it('counts and sums what was added in the last `days` days, several a day', () => {
    const tally = new DailyTally(3);
    tally.advance(0);
    tally.add(0, 100);
    tally.add(0, 50);
    tally.advance(2);
    tally.add(2, 10);
    expect([tally.count, tally.sum]).toEqual([3, 160]);
    // Day 0 leaves on day 3, with both of its requests.
    tally.advance(3);
    expect([tally.count, tally.sum]).toEqual([1, 10]);
    tally.add(3, 5);
    tally.advance(4);
    expect([tally.count, tally.sum]).toEqual([2, 15]);
    // Everything leaves; what comes after counts from nothing.
    tally.advance(40);
    expect([tally.count, tally.sum]).toEqual([0, 0]);
    tally.add(40, 7);
    tally.add(40, 8);
    expect([tally.count, tally.sum]).toEqual([2, 15]);
    tally.advance(42);
    expect([tally.count, tally.sum]).toEqual([2, 15]);
    tally.advance(43);
    expect([tally.count, tally.sum]).toEqual([0, 0]);
  });

  it('takes an ended request’s amount out of its own day while the day is in the tally, keeping it counted', () => {
    const tally = new DailyTally(3);
    tally.add(0, 100);
    tally.add(1, 40);
    tally.add(2, 10);
    tally.discount(1, 40);
    expect([tally.count, tally.sum]).toEqual([3, 110]);
    // A day with nothing recorded, or one already gone, changes nothing.
    tally.discount(5, 10);
    tally.advance(3);
    tally.discount(0, 100);
    expect([tally.count, tally.sum]).toEqual([2, 10]);
  });

  it('agrees with a plain filter over everything added, through compaction', () => {
    const gap = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 9 }, { arbitrary: fc.integer({ min: 4, max: 60 }), weight: 1 });
    const steps = fc.array(fc.record({ gap, amount: fc.integer({ min: 0, max: 1_000_000 }) }), { minLength: 150, maxLength: 400 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), steps, (days, added) => {
        const tally = new DailyTally(days);
        const all: { day: number; amount: number }[] = [];
        let day = 0;
        for (const { gap, amount } of added) {
          day += gap;
          tally.advance(day);
          const inside = () => all.filter((e) => e.day > day - days);
          expect([tally.count, tally.sum]).toEqual([inside().length, inside().reduce((s, e) => s + e.amount, 0)]);
          tally.add(day, amount);
          all.push({ day, amount });
          expect([tally.count, tally.sum]).toEqual([inside().length, inside().reduce((s, e) => s + e.amount, 0)]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2],
    [[10, 20], 10],
    [[5, 5, 5, 1, 9], 5],
    [[2, 2, 1, 1], 1],
    [[0, 0, 0, 0, 100], 0],
  ])('median of %j is %j (the lower of the two middles)', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('is the lower middle of the sorted values and leaves its input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }), (values) => {
        const before = [...values];
        const sorted = [...values].sort((a, b) => a - b);
        expect(median(values)).toBe(sorted[(sorted.length - 1) >> 1]);
        expect(values).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});
