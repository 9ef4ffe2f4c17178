// Inverted lists of integer entry ids, compact at a million names: one typed array of all ids in gram
// order (with offsets), plus short lists of the ids added since, merged in when they grow many.

export class Postings {
  private readonly numbers = new Map<string, number>();
  /** Ids of gram g: `ids[offsets[g]]` up to `ids[offsets[g + 1]]`, for grams numbered before the last merge. */
  private offsets = new Uint32Array(1);
  private ids = new Uint32Array(0);
  private merged = 0;
  /** Per gram number, ids added since the last merge. */
  private recent: (number[] | undefined)[] = [];
  private recentCount = 0;

  /** `keep` tells which ids are still wanted when lists are merged (removed entries are dropped then). */
  constructor(private readonly keep: (id: number) => boolean = () => true) {}

  add(gram: string, id: number): void {
    let g = this.numbers.get(gram);
    if (g === undefined) this.numbers.set(gram, (g = this.numbers.size));
    const list = this.recent[g];
    if (list) list.push(id);
    else this.recent[g] = [id];
    this.recentCount += 1;
    if (this.recentCount > Math.max(50_000, this.ids.length / 8)) this.merge();
  }

  /** The number of a gram, or -1 for a gram no name has. */
  gram(gram: string): number {
    return this.numbers.get(gram) ?? -1;
  }

  count(g: number): number {
    return (g < this.merged ? this.offsets[g + 1]! - this.offsets[g]! : 0) + (this.recent[g]?.length ?? 0);
  }

  /**
   * Adds `weight` to the score of every id of gram number `g` whose kind is wanted (`kinds[id]`: 0 removed;
   * `wanted` 0: any kind), noting in `touched` the ids scored for the first time.
   */
  accumulate(g: number, weight: number, scores: Float32Array, touched: number[], kinds: Uint8Array, wanted: number): void {
    const visit = (id: number) => {
      if (scores[id] === 0) {
        const kind = kinds[id]!;
        if (kind === 0 || (wanted !== 0 && kind !== wanted)) return;
        touched.push(id);
      }
      scores[id]! += weight;
    };
    if (g < this.merged) {
      const ids = this.ids;
      for (let at = this.offsets[g]!, end = this.offsets[g + 1]!; at < end; at += 1) visit(ids[at]!);
    }
    const recent = this.recent[g];
    if (recent) for (const id of recent) visit(id);
  }

  /** Moves the recent ids into the typed array, gram by gram, leaving out those no longer kept. */
  merge(): void {
    const grams = this.numbers.size;
    const offsets = new Uint32Array(grams + 1);
    let ids = new Uint32Array(this.ids.length + this.recentCount);
    let at = 0;
    for (let g = 0; g < grams; g += 1) {
      offsets[g] = at;
      if (g < this.merged) {
        for (let n = this.offsets[g]!, end = this.offsets[g + 1]!; n < end; n += 1) if (this.keep(this.ids[n]!)) ids[at++] = this.ids[n]!;
      }
      for (const id of this.recent[g] ?? []) if (this.keep(id)) ids[at++] = id;
    }
    offsets[grams] = at;
    if (at < ids.length) ids = ids.slice(0, at);
    this.offsets = offsets;
    this.ids = ids;
    this.merged = grams;
    this.recent = [];
    this.recentCount = 0;
  }
}

/** The `k` ids with the highest values, best first (a bounded min-heap: no sort of every candidate). */
export function topK(ids: ArrayLike<number>, values: Float32Array, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => values[heap[a]!]! < values[heap[b]!]!;
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  for (let n = 0; n < ids.length; n += 1) {
    const id = ids[n]!;
    if (heap.length === k) {
      if (values[id]! <= values[heap[0]!]!) continue;
      heap[0] = id;
    } else {
      heap.push(id);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      continue;
    }
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) break;
      swap(i, m);
      i = m;
    }
  }
  return heap.sort((a, b) => values[b]! - values[a]!);
}
