import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, findBreak, GENESIS_HASH, type StoredEntry } from './audit-chain';

function chain(count: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const fields = { seq, at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), actorId: null, action: 'user.update', entityType: 'user', entityId: `u${seq}`, before: { n: seq - 1 }, after: { n: seq, name: '王强' }, requestId: `r${seq}`, ip: '127.0.0.1' };
    const hash = entryHash(prevHash, fields);
    entries.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('gives the same text whatever order the keys came in (as jsonb returns them)', () => {
    expect(canonicalJson({ x: '合规', y: null })).toBe(canonicalJson({ y: null, x: '合规' }));
  });
});

describe('findBreak', () => {
  it('accepts an intact chain, also when checked in batches', () => {
    const entries = chain(6);
    expect(findBreak(entries, null)).toBeNull();
    expect(findBreak(entries.slice(3), entries[2]!)).toBeNull();
  });

  it('names an altered entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: { n: 999 } };
    expect(findBreak(entries, null)).toEqual({ seq: 3, reason: 'hash_mismatch' });
  });

  it('names a removed entry by the gap it leaves', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(findBreak(entries, null)).toEqual({ seq: 3, reason: 'sequence_gap', expectedSeq: 2 });
  });

  it('catches a removed first entry', () => {
    expect(findBreak(chain(3).slice(1), null)).toMatchObject({ reason: 'sequence_gap', expectedSeq: 1 });
  });

  it('catches an entry re-hashed after alteration by its broken link to the next one', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, after: { n: 42 } };
    forged.hash = entryHash(forged.prevHash, forged);
    entries[1] = forged;
    expect(findBreak(entries, null)).toEqual({ seq: 3, reason: 'prev_hash_mismatch' });
  });
});
