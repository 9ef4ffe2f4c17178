import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forms, type PartyKind } from './normalize';
import { hasFull, pack, unpack } from './packed';
import { nameArb } from './test-names';

describe('packed forms', () => {
  it.each([
    ['person', '张伟明'],
    ['person', 'Bob O’Brien-Smith'],
    ['org', '腾讯科技（深圳）有限公司'],
    ['org', 'Acme Trading Co., Ltd.'],
    ['org', '上海浦東發展銀行股份有限公司'],
  ] as const)('unpacks %s %s as it was', (kind, name) => {
    const f = forms(name, kind);
    expect(unpack(pack(f))).toEqual(f);
    expect(hasFull(pack(f), f.full)).toBe(true);
    expect(hasFull(pack(f), f.full.slice(0, -1))).toBe(false);
  });

  it('unpacks any name as it was', () => {
    fc.assert(
      fc.property(fc.constantFrom<PartyKind>('person', 'org'), fc.oneof(nameArb, fc.string()), (kind, name) => {
        const f = forms(name, kind);
        expect(unpack(pack(f))).toEqual(f);
      }),
    );
  });
});
