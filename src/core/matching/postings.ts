// Inverted lists of integer entry ids in growable typed arrays: compact at a million names.

interface List {
  ids: Uint32Array;
  length: number;
}

export class Postings {
  private readonly lists = new Map<string, List>();

  add(gram: string, id: number): void {
    let list = this.lists.get(gram);
    if (!list) this.lists.set(gram, (list = { ids: new Uint32Array(2), length: 0 }));
    if (list.length === list.ids.length) {
      const grown = new Uint32Array(list.length * 2);
      grown.set(list.ids);
      list.ids = grown;
    }
    list.ids[list.length++] = id;
  }

  /** The ids holding `gram` (a view, valid until the next add). */
  get(gram: string): Uint32Array | undefined {
    const list = this.lists.get(gram);
    return list?.ids.subarray(0, list.length);
  }

  count(gram: string): number {
    return this.lists.get(gram)?.length ?? 0;
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
