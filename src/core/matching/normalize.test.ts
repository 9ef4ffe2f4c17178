import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, compact, forms, orgCore, personTokens, pinyinOf, simplify, toHalfWidth } from './normalize';
import { nameArb } from './test-names';

describe('normalisation', () => {
  it('maps full-width forms to half-width', () => {
    expect(toHalfWidth('ＡＢＣ（上海）１２３　有限公司，')).toBe('ABC(上海)123 有限公司,');
  });
  it('simplifies traditional characters', () => {
    expect(simplify('上海浦東發展銀行 張偉')).toBe('上海浦东发展银行 张伟');
    expect(simplify('plain')).toBe('plain');
  });
  it('strips legal forms and places, keeping them aside', () => {
    expect(orgCore('北京小米科技有限责任公司')).toEqual({ core: '小米科技', legalForms: ['有限责任公司'], places: ['北京'] });
    expect(orgCore('腾讯科技（深圳）有限公司')).toEqual({ core: '腾讯科技', legalForms: ['有限公司'], places: ['深圳'] });
    expect(orgCore('上海市浦東發展銀行股份有限公司')).toEqual({ core: '浦东发展银行', legalForms: ['股份有限公司'], places: ['上海'] });
    expect(orgCore('Huawei Technologies Co., Ltd.')).toEqual({ core: 'huawei technologies', legalForms: ['co', 'ltd'], places: [] });
    expect(orgCore('集团').core).toBe('集团');
  });
  it('maps given-name variants to one form', () => {
    expect(personTokens('Bob SMITH')).toEqual({ tokens: ['robert', 'smith'], raw: ['bob', 'smith'] });
  });
  it('reads pinyin, surnames by their surname reading', () => {
    expect(pinyinOf('张伟', true)).toEqual(['zhang', 'wei']);
    expect(pinyinOf('单雄信', true)).toEqual(['shan', 'xiong', 'xin']);
    expect(forms('张伟明', 'person').tokens).toEqual(['zhang', 'weiming']);
    expect(forms('Wei Zhang', 'person').tokens).toEqual(['wei', 'zhang']);
  });
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(nameArb, fc.string()), (name) => {
        const once = clean(name);
        expect(clean(once)).toBe(once);
        expect(compact(clean(compact(once)))).toBe(compact(once));
        expect(forms(forms(name, 'org').full, 'org').full).toBe(forms(name, 'org').full);
      }),
    );
  });
});
