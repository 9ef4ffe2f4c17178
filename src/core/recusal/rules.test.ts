import { describe, expect, it } from 'vitest';
import { relationshipRules, relationshipTypes } from '../relationships';
import { defaultRecusalRules, kinshipTypes, normalizeTitle, ruleProblems, ruleSetProblems, seniorTitles, type RecusalRule } from './rules';

const kinship = defaultRecusalRules.find((r) => r.id === 'kinship.close')!;
const codes = (rule: unknown) => ruleProblems(rule as RecusalRule).map((p) => `${p.field} ${p.code}`);

describe('recusal rules', () => {
  it('default set is valid, enabled, labelled in both languages, ids unique', () => {
    expect(ruleSetProblems(defaultRecusalRules)).toEqual([]);
    expect(defaultRecusalRules.map((r) => r.id)).toEqual(['kinship.close', 'kinship.extended', 'shareholding', 'employment', 'personal_dispute']);
    for (const rule of defaultRecusalRules) {
      expect(rule.enabled).toBe(true);
      expect(rule.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.label.en).toMatch(/^[A-Z]/);
    }
  });

  it('kinship types are exactly the relationship types marked as kinship', () => {
    expect([...kinshipTypes].sort()).toEqual(relationshipTypes.filter((t) => relationshipRules[t].kinship).sort());
  });

  it('senior titles compare trimmed and case-folded', () => {
    expect(normalizeTitle('  General   Manager ')).toBe('general manager');
    expect(seniorTitles.map(normalizeTitle)).toEqual(seniorTitles);
  });

  it.each<[string, unknown, string[]]>([
    ['a bad id', { ...kinship, id: 'Kinship Close' }, ['id ID_FORMAT']],
    ['an unknown severity', { ...kinship, severity: 'urgent' }, ['severity SEVERITY_UNKNOWN']],
    ['enabled not a boolean', { ...kinship, enabled: 'yes' }, ['enabled ENABLED_NOT_BOOLEAN']],
    ['a blank label', { ...kinship, label: { 'zh-CN': ' ', en: 'x' } }, ['label.zh-CN LABEL_REQUIRED']],
    ['no kin types', { ...kinship, kinTypes: [] }, ['kinTypes TYPES_REQUIRED']],
    ['a non-kin type as kin', { ...kinship, kinTypes: ['spouse', 'director'] }, ['kinTypes[1] TYPE_NOT_ALLOWED']],
    ['a kin type twice', { ...kinship, kinTypes: ['spouse', 'spouse'] }, ['kinTypes[1] TYPE_REPEATED']],
    ['zero hops', { ...kinship, maxHops: 0 }, ['maxHops HOPS_RANGE']],
    ['too many hops', { ...kinship, maxHops: 4 }, ['maxHops HOPS_RANGE']],
    ['fractional hops', { ...kinship, maxHops: 1.5 }, ['maxHops HOPS_RANGE']],
    ['no key links', { ...kinship, keyLinks: [] }, ['keyLinks TYPES_REQUIRED']],
    ['an unknown key link', { ...kinship, keyLinks: [{ type: 'auditor' }] }, ['keyLinks[0] TYPE_NOT_ALLOWED']],
    ['a shareholder key link without a threshold', { ...kinship, keyLinks: [{ type: 'shareholder', minBasisPoints: 0 }] }, ['keyLinks[0].minBasisPoints BASIS_POINTS_RANGE']],
    ['an employee key link without titles', { ...kinship, keyLinks: [{ type: 'employee', titles: [] }] }, ['keyLinks[0].titles TITLES_REQUIRED']],
    ['an unknown kind', { ...kinship, kind: 'gift' }, ['kind KIND_UNKNOWN']],
    ['shareholding over 100%', { id: 's', kind: 'shareholding', severity: 'high', enabled: true, label: { 'zh-CN': '持股', en: 'shares' }, minBasisPoints: 10_001, kinTypes: [], kinMaxHops: 0 }, ['minBasisPoints BASIS_POINTS_RANGE']],
    ['shareholding through kin without kin types', { id: 's', kind: 'shareholding', severity: 'high', enabled: true, label: { 'zh-CN': '持股', en: 'shares' }, minBasisPoints: 100, kinTypes: [], kinMaxHops: 1 }, ['kinTypes TYPES_REQUIRED']],
    ['employment with negative years', { id: 'e', kind: 'employment', severity: 'high', enabled: true, label: { 'zh-CN': '任职', en: 'worked' }, types: ['employee'], withinYears: -1 }, ['withinYears YEARS_RANGE']],
    ['employment as a shareholder', { id: 'e', kind: 'employment', severity: 'high', enabled: true, label: { 'zh-CN': '任职', en: 'worked' }, types: ['shareholder'], withinYears: 1 }, ['types[0] TYPE_NOT_ALLOWED']],
    ['a dispute rule over too many years', { id: 'd', kind: 'personal_dispute', severity: 'low', enabled: false, label: { 'zh-CN': '纠纷', en: 'dispute' }, keyLinks: [{ type: 'client' }], withinYears: 51 }, ['withinYears YEARS_RANGE']],
  ])('rejects %s', (_name, rule, expected) => {
    expect(codes(rule)).toEqual(expected);
  });

  it('accepts shareholding of the staff member alone without kin types', () => {
    expect(codes({ id: 's', kind: 'shareholding', severity: 'low', enabled: true, label: { 'zh-CN': '持股', en: 'shares' }, minBasisPoints: 1, kinTypes: [], kinMaxHops: 0 })).toEqual([]);
  });

  it('flags an id used twice in a set', () => {
    expect(ruleSetProblems([kinship, { ...kinship }])).toEqual([{ ruleId: 'kinship.close', field: 'id', code: 'DUPLICATE_ID' }]);
  });
});
