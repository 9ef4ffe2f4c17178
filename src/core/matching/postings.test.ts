import { describe, expect, it } from 'vitest';
import { Postings, topK } from './postings';

const idsOf = (postings: Postings, gram: string) => {
  const scores = new Float32Array(100);
  const touched: number[] = [];
  postings.accumulate(postings.gram(gram), 1, scores, touched, new Uint8Array(100).fill(1), 0);
  return touched;
};

describe('postings', () => {
  it('lists ids by gram before and after merging, dropping those no longer kept', () => {
    const removed = new Set<number>();
    const postings = new Postings((id) => !removed.has(id));
    [1, 2, 3].forEach((id) => postings.add('a', id));
    postings.add('b', 2);
    expect(idsOf(postings, 'a')).toEqual([1, 2, 3]);
    removed.add(2);
    postings.merge();
    postings.add('a', 7);
    postings.add('c', 8);
    expect(idsOf(postings, 'a')).toEqual([1, 3, 7]);
    expect(idsOf(postings, 'b')).toEqual([]);
    expect([postings.count(postings.gram('a')), postings.count(postings.gram('c')), postings.gram('zzz')]).toEqual([3, 1, -1]);
  });

  it('picks the k best ids', () => {
    const values = new Float32Array([0.1, 0.9, 0.5, 0.7, 0.3]);
    expect(topK([0, 1, 2, 3, 4], values, 3)).toEqual([1, 3, 2]);
  });
});
