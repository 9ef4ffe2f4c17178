// Windowed aggregates kept up to date event by event: each window holds what happened in its last
// N days, evicts the oldest as the day moves on, and keeps its totals, so judging an event costs the
// few entries that enter or leave, never a pass over history.

export interface WindowEntry<T> {
  day: number;
  amount: number;
  item: T;
}

/** The entries of the last `days` days (days ending on the latest day seen), with count and sum. */
export class SlidingWindow<T> {
  private entries: WindowEntry<T>[] = [];
  private head = 0;
  count = 0;
  sum = 0;

  constructor(readonly days: number) {}

  /** Moves the window to end on `day`, handing each entry that leaves it to `onEvict`. */
  advance(day: number, onEvict?: (entry: WindowEntry<T>) => void): void {
    const from = day - this.days + 1;
    while (this.head < this.entries.length && this.entries[this.head]!.day < from) {
      const gone = this.entries[this.head]!;
      this.count -= 1;
      this.sum -= gone.amount;
      onEvict?.(gone);
      this.head += 1;
    }
    // Compact now and then so the array does not keep what left.
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  add(day: number, amount: number, item: T): void {
    this.entries.push({ day, amount, item });
    this.count += 1;
    this.sum += amount;
  }

  /** Takes an item's amount out of the window (it stays counted); returns whether it was there. */
  discount(item: T): boolean {
    for (let i = this.entries.length - 1; i >= this.head; i -= 1) {
      const entry = this.entries[i]!;
      if (entry.item !== item) continue;
      this.sum -= entry.amount;
      entry.amount = 0;
      return true;
    }
    return false;
  }

  /** The entries in the window, oldest first. */
  *items(): IterableIterator<WindowEntry<T>> {
    for (let i = this.head; i < this.entries.length; i += 1) yield this.entries[i]!;
  }

  /** The entries in the window from `fromDay` on, newest first. */
  *since(fromDay: number): IterableIterator<WindowEntry<T>> {
    for (let i = this.entries.length - 1; i >= this.head && this.entries[i]!.day >= fromDay; i -= 1) yield this.entries[i]!;
  }

  get size(): number {
    return this.entries.length - this.head;
  }
}

/** Counts per key inside a sliding window: who appears how often in the last N days. */
export class KeyedWindow<T> {
  private readonly window: SlidingWindow<{ key: string; fact: T }>;
  readonly counts = new Map<string, number>();

  constructor(days: number) {
    this.window = new SlidingWindow(days);
  }

  add(day: number, key: string, fact: T): void {
    this.window.advance(day, (gone) => {
      const left = (this.counts.get(gone.item.key) ?? 0) - 1;
      if (left > 0) this.counts.set(gone.item.key, left);
      else this.counts.delete(gone.item.key);
    });
    this.window.add(day, 0, { key, fact });
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  get total(): number {
    return this.window.count;
  }

  /** The facts recorded for `key` in the window, oldest first. */
  factsOf(key: string): T[] {
    const facts: T[] = [];
    for (const entry of this.window.items()) if (entry.item.key === key) facts.push(entry.item.fact);
    return facts;
  }
}

/** The median of the values (nearest-rank lower median), in linear time on average. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const a = [...values];
  const k = (a.length - 1) >> 1;
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i += 1;
      while (a[j]! > pivot) j -= 1;
      if (i <= j) {
        [a[i], a[j]] = [a[j]!, a[i]!];
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** Counts and sums per day over the last `days` days: the firm's activity, without holding each request. */
export class DailyTally {
  private readonly buckets: { day: number; count: number; sum: number }[] = [];
  private head = 0;
  count = 0;
  sum = 0;

  constructor(readonly days: number) {}

  advance(day: number): void {
    const from = day - this.days + 1;
    while (this.head < this.buckets.length && this.buckets[this.head]!.day < from) {
      const gone = this.buckets[this.head]!;
      this.count -= gone.count;
      this.sum -= gone.sum;
      this.head += 1;
    }
    if (this.head > 64 && this.head * 2 > this.buckets.length) {
      this.buckets.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Takes an amount out of the day it was added on (it stays counted), if that day is still in the tally. */
  discount(day: number, amount: number): void {
    for (let i = this.buckets.length - 1; i >= this.head; i -= 1) {
      const bucket = this.buckets[i]!;
      if (bucket.day > day) continue;
      if (bucket.day === day) {
        bucket.sum -= amount;
        this.sum -= amount;
      }
      return;
    }
  }

  add(day: number, amount: number): void {
    const last = this.buckets.at(-1);
    // Events come in order of recording: a day never comes back once passed.
    if (last && last.day >= day && this.buckets.length > this.head) {
      last.count += 1;
      last.sum += amount;
    } else this.buckets.push({ day, count: 1, sum: amount });
    this.count += 1;
    this.sum += amount;
  }
}
