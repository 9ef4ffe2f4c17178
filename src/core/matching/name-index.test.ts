import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameIndex } from './name-index';
import type { PartyKind } from './normalize';
import { LIKELY } from './score';
import { nameArb } from './test-names';

const fuzzy = { top: 10, mode: 'fuzzy' } as const;

/** An index of one party per name, ids n0, n1… */
function indexOf(names: [PartyKind, string][]): NameIndex {
  const index = new NameIndex();
  names.forEach(([kind, name], n) => index.add({ id: `n${n}`, kind, names: [name] }));
  return index;
}
const scoreOf = (kind: PartyKind, stored: string, query: string) => indexOf([[kind, stored]]).search({ name: query, kind }, { ...fuzzy, minScore: 0 })[0];

describe('NameIndex matching', () => {
  it.each([
    ['person', '张伟', 'Zhang Wei', ['PINYIN']],
    ['person', '张伟', 'Wei Zhang', ['PINYIN', 'TOKEN_ORDER']],
    ['person', '张伟', 'ZHANG Wei', ['PINYIN']],
    ['person', '张伟', '張偉', ['EXACT_NAME', 'TRADITIONAL_SIMPLIFIED']],
    ['person', 'Zhang Wei', 'ZHANG  WEI', ['EXACT_NAME']],
    ['person', 'Robert Smith', 'Bob Smith', ['NICKNAME']],
    ['person', 'John Smith', 'Jonh Smith', ['TYPO']],
    ['org', '上海浦东发展银行股份有限公司', '上海浦東發展銀行', ['TRADITIONAL_SIMPLIFIED', 'LEGAL_FORM_DIFFERS']],
    ['org', '北京小米科技有限责任公司', '小米科技有限公司', ['LEGAL_FORM_DIFFERS', 'PLACE_DIFFERS']],
    ['org', '腾讯科技(深圳)有限公司', '腾迅科技（深圳）有限公司', ['TYPO', 'PINYIN']],
    ['org', 'Acme Trading Co., Ltd.', 'ACME TRADING LIMITED', ['LEGAL_FORM_DIFFERS']],
    ['person', '张伟明', 'Zhang Wei-Ming', ['PINYIN']],
    ['person', '徐丹', 'Dan Xu', ['PINYIN', 'TOKEN_ORDER']],
    ['person', 'Nicholas Park', 'Nick Park', ['NICKNAME']],
    ['person', 'Margaret Hofmann', 'HOFMANN, Margaret', ['TOKEN_ORDER']],
    ['org', '杭州信东医药有限公司', '信东医药（杭州）有限责任公司', ['LEGAL_FORM_DIFFERS']],
  ] as const)('%s %s matches %s', (kind, stored, query, codes) => {
    const hit = scoreOf(kind, stored, query);
    expect(hit?.score).toBeGreaterThanOrEqual(LIKELY);
    expect(hit?.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('keeps different companies that share place and generic words below likely', () => {
    const same = scoreOf('org', '上海云启科技有限公司', '上海云启科技有限公司')!.score;
    const other = scoreOf('org', '上海云启科技有限公司', '上海云帆科技有限公司')!.score;
    expect(same).toBe(1);
    expect(other).toBeLessThan(LIKELY - 0.1);
    expect(scoreOf('org', '北京银行股份有限公司', '上海银行股份有限公司')!.score).toBeLessThan(LIKELY);
  });

  it.each([
    ['person', 'Jason Smith', 'Mason Smith'],
    ['person', 'Zhang Wei', 'Zheng Wei'],
    ['person', '胡伟龙', '胡龙伟'],
    ['person', '张伟明', '张伟'],
    ['org', '上海星河科技有限公司', '上海银河科技有限公司'],
    ['org', '上海星河科技有限公司', '上海星河传媒有限公司'],
    ['org', 'Apex Trading Ltd', 'Apex Shipping Ltd'],
  ] as const)('%s %s is not likely %s', (kind, stored, query) => {
    expect(scoreOf(kind, stored, query)?.score ?? 0).toBeLessThan(LIKELY);
  });

  it.each([
    ['person', '张伟鸣', ['张维明', '张伟明']],
    ['person', 'HOFMANN, Margaret', ['Margaret Hoffmann', 'Margaret Hofmann']],
    ['org', 'Foshan Xiangheng Electronics Co., Ltd.', ['Foshan Xianghenghe Electronics Co., Ltd.', 'Foshan Xiangheng Electronics Limited']],
    ['org', '上海星河科技有限公司', ['北京星河科技有限公司', '星河科技股份有限公司', '上海星河科技有限责任公司']],
  ] as const)('ranks for %s %s the nearest name first', (kind, query, stored) => {
    const index = indexOf(stored.map((name) => [kind, name]));
    expect(index.search({ name: query, kind }, fuzzy)[0]?.partyId).toBe(`n${stored.length - 1}`);
  });

  it('finds a one-character typo among thousands of names sharing its words', () => {
    const chars = [...'华通达恒盛鼎泰嘉瑞祥丰宏明德康安正诚和顺兴隆昌永天宇中联']; // no 信 远 or their sounds
    const index = new NameIndex();
    chars.forEach((a, i) => chars.forEach((b, j) => index.add({ id: `d${i}-${j}`, kind: 'org', names: [`杭州${a}${b}医药有限公司`] })));
    index.add({ id: 'target', kind: 'org', names: ['杭州信东医药有限公司'] });
    const hits = index.search({ name: '杭州信远医药有限公司', kind: 'org' }, fuzzy);
    expect(hits[0]?.partyId).toBe('target');
  });

  it('weighs homophones below the same characters', () => {
    const homophone = scoreOf('person', '王薇', '王伟')!;
    expect(homophone.score).toBeLessThan(scoreOf('person', '王伟', '王伟')!.score);
    expect(homophone.reasons).toContainEqual({ code: 'PINYIN', homophone: true });
  });

  it('ranks the party first among distractors sharing 有限公司 and 科技, with few hits', () => {
    const index = indexOf([
      ['org', '上海云帆科技有限公司'], ['org', '北京云启网络科技有限公司'], ['org', '上海启明科技有限公司'], ['org', '深圳腾讯科技有限公司'],
      ['org', '上海云启科技有限公司'], ['org', '云启资本管理有限公司'], ['person', '云启'], ['org', '上海科技有限公司'],
    ]);
    const hits = index.search({ name: '上海雲啟科技有限公司', kind: 'org' }, fuzzy);
    expect(hits[0]).toMatchObject({ partyId: 'n4', score: 1 });
    expect(hits.length).toBeLessThanOrEqual(4);
    expect(hits.every((hit) => hit.partyId !== 'n6')).toBe(true);
  });

  it('decides by identifier, first, whatever the name', () => {
    const index = new NameIndex();
    index.add({ id: 'a', kind: 'org', names: ['星河科技有限公司'] });
    index.add({ id: 'b', kind: 'org', names: ['完全不同的名字'], identifiers: [{ scheme: 'USCC', value: '91110000600037341L' }] });
    const hits = index.search({ name: '星河科技有限公司', identifiers: [{ scheme: 'uscc', value: '9111 0000 6000 3734 1l' }] }, fuzzy);
    expect(hits.map((h) => [h.partyId, h.score])).toEqual([['b', 1], ['a', 1]]);
    expect(hits[0]!.reasons).toEqual([{ code: 'IDENTIFIER', scheme: 'uscc' }]);
  });

  it('in exact mode matches only identical normalised names', () => {
    const index = indexOf([['person', '張偉'], ['person', 'Zhang Wei'], ['org', '腾讯科技有限公司']]);
    expect(index.search({ name: '张伟' }, { top: 10, mode: 'exact' }).map((h) => h.partyId)).toEqual(['n0']);
    expect(index.search({ name: 'zhang  wei' }, { top: 10, mode: 'exact' }).map((h) => h.partyId)).toEqual(['n1']);
    expect(index.search({ name: '腾讯科技(深圳)有限公司' }, { top: 10, mode: 'exact' })).toEqual([]);
  });

  it('finds a party by any of its names, after an update, and no longer after removal', () => {
    const index = new NameIndex();
    index.add({ id: 'p', kind: 'org', names: ['星河科技有限公司'] });
    index.add({ id: 'p', kind: 'org', names: ['银河传媒有限公司', 'Galaxy Media Ltd'] });
    expect(index.search({ name: '星河科技有限公司' }, fuzzy)).toEqual([]);
    expect(index.search({ name: 'galaxy media limited' }, fuzzy)[0]).toMatchObject({ partyId: 'p', matchedName: 'Galaxy Media Ltd' });
    index.remove('p');
    expect(index.search({ name: '银河传媒有限公司' }, fuzzy)).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('filters by kind when the query gives one', () => {
    const index = indexOf([['person', '云启'], ['org', '云启有限公司']]);
    expect(index.search({ name: '云启', kind: 'person' }, fuzzy).map((h) => h.partyId)).toEqual(['n0']);
    expect(index.search({ name: '云启' }, fuzzy).map((h) => h.partyId).sort()).toEqual(['n0', 'n1']);
  });

  it('finds any added name first, with scores in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom<PartyKind>('person', 'org'), nameArb), { minLength: 1, maxLength: 20 }), (names) => {
        const index = indexOf(names);
        names.forEach(([kind, name], n) => {
          const hits = index.search({ name, kind }, { top: names.length, mode: 'fuzzy', minScore: 0 });
          const own = hits.find((hit) => hit.partyId === `n${n}`);
          expect(own?.score).toBe(hits[0]!.score);
          for (const { score } of hits) expect(score >= 0 && score <= 1).toBe(true);
        });
      }),
    );
  });
});
