import { describe, expect, it } from 'vitest';
import {
  activeCodes,
  caseSourceLabels,
  caseSources,
  checkClassification,
  conflictKinds,
  defaultTaxonomy,
  disclosureDecisions,
  labelOf,
  mitigationKinds,
  sanctionKinds,
  severities,
  severityRank,
  subjectMatters,
  taxonomyLists,
  validateTaxonomy,
  type Taxonomy,
  type TaxonomyEntry,
} from './taxonomy';

const entry = (code: string, zh: string, en: string, active = true): TaxonomyEntry => ({ code, labels: { 'zh-CN': zh, en }, active });
const withList = (list: keyof Taxonomy, entries: TaxonomyEntry[]): Taxonomy => ({ ...defaultTaxonomy, [list]: entries });

describe('the default taxonomy', () => {
  it('has the seed document’s kinds, subject matters and the workflow’s codes, in order', () => {
    const codes = (list: keyof Taxonomy) => defaultTaxonomy[list].map((e) => e.code);
    expect(codes('conflictKinds')).toEqual([...conflictKinds]);
    expect(codes('subjectMatters')).toEqual([...subjectMatters]);
    expect(codes('severities')).toEqual([...severities]);
    expect(codes('mitigationKinds')).toEqual([...mitigationKinds]);
    expect(codes('disclosureDecisions')).toEqual([...disclosureDecisions]);
    expect(codes('sanctionKinds')).toEqual([...sanctionKinds]);
  });

  it('labels them in Chinese and English', () => {
    expect(labelOf(defaultTaxonomy, 'conflictKinds', 'client_client', 'zh-CN')).toBe('客户与客户');
    expect(labelOf(defaultTaxonomy, 'subjectMatters', 'rights', 'zh-CN')).toBe('权益');
    expect(labelOf(defaultTaxonomy, 'mitigationKinds', 'recusal', 'zh-CN')).toBe('回避');
    expect(labelOf(defaultTaxonomy, 'mitigationKinds', 'information_barrier', 'en')).toBe('information barrier');
    expect(labelOf(defaultTaxonomy, 'sanctionKinds', 'dismissal', 'zh-CN')).toBe('解除劳动合同');
    for (const source of caseSources) expect(caseSourceLabels[source]['zh-CN']).not.toBe('');
  });

  it('is valid by its own rules', () => {
    expect(validateTaxonomy(defaultTaxonomy)).toEqual({ ok: true, taxonomy: defaultTaxonomy });
    expect(validateTaxonomy(defaultTaxonomy, null)).toMatchObject({ ok: true });
  });

  it('ranks severities lowest first', () => {
    expect(severities.map((s) => severityRank(defaultTaxonomy, s))).toEqual([0, 1, 2, 3]);
    expect(severityRank(defaultTaxonomy, 'apocalyptic')).toBe(-1);
  });

  it('shows an unknown code as itself rather than blank', () => {
    expect(labelOf(defaultTaxonomy, 'conflictKinds', 'vendor_client', 'en')).toBe('vendor_client');
  });
});

describe('validateTaxonomy', () => {
  it('accepts a firm’s additions, relabels and retirements, trimming labels', () => {
    const firm = withList('subjectMatters', [
      ...defaultTaxonomy.subjectMatters.filter((e) => e.code !== 'other'),
      entry('other', '其他', 'other', false),
      entry('confidentiality', '  保密  ', 'confidentiality'),
    ]);
    const result = validateTaxonomy(firm);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.taxonomy.subjectMatters.at(-1)).toEqual(entry('confidentiality', '保密', 'confidentiality'));
      expect(activeCodes(result.taxonomy, 'subjectMatters')).toEqual(['price', 'service', 'rights', 'confidentiality']);
    }
  });

  it('names each fault with its list, entry and language', () => {
    const firm = withList('conflictKinds', [
      ...defaultTaxonomy.conflictKinds,
      entry('Staff-Firm', '员工与事务所', 'staff and firm'),
      entry('client_firm', '重复', 'duplicate'),
      entry('vendor_client', ' ', 'vendor and client'),
      entry('tender', '招投标', 'x'.repeat(61)),
      entry('public_official', '客户与客户', 'public official'),
    ]);
    expect(validateTaxonomy(firm)).toEqual({
      ok: false,
      issues: [
        { list: 'conflictKinds', code: 'INVALID_CODE', index: 3 },
        { list: 'conflictKinds', code: 'DUPLICATE_CODE', index: 4 },
        { list: 'conflictKinds', code: 'MISSING_LABEL', index: 5, locale: 'zh-CN' },
        { list: 'conflictKinds', code: 'LABEL_TOO_LONG', index: 6, locale: 'en' },
        { list: 'conflictKinds', code: 'DUPLICATE_LABEL', index: 7, locale: 'zh-CN' },
      ],
    });
  });

  it('counts label length in characters, not bytes', () => {
    expect(validateTaxonomy(withList('severities', [...defaultTaxonomy.severities, entry('extreme', '极'.repeat(60), 'extreme')])).ok).toBe(true);
    expect(validateTaxonomy(withList('severities', [...defaultTaxonomy.severities, entry('extreme', '极'.repeat(61), 'extreme')])).ok).toBe(false);
  });

  it('wants at least one active entry in every list', () => {
    for (const list of taxonomyLists) {
      const empty = validateTaxonomy(withList(list, []), null);
      expect(empty.ok).toBe(false);
      if (!empty.ok) expect(empty.issues).toContainEqual({ list, code: 'EMPTY_LIST' });
    }
    const retired = validateTaxonomy(withList('sanctionKinds', defaultTaxonomy.sanctionKinds.map((e) => ({ ...e, active: false }))));
    expect(retired).toEqual({ ok: false, issues: [{ list: 'sanctionKinds', code: 'EMPTY_LIST' }] });
  });

  it('refuses to drop a code the previous version had, since cases may use it', () => {
    const dropped = withList('mitigationKinds', defaultTaxonomy.mitigationKinds.filter((e) => e.code !== 'restructure'));
    expect(validateTaxonomy(dropped)).toEqual({ ok: false, issues: [{ list: 'mitigationKinds', code: 'CODE_REMOVED', removed: 'restructure' }] });
    expect(validateTaxonomy(dropped, null).ok).toBe(true);
  });

  it('lets the disclosure decisions be relabelled but not added to, dropped or retired', () => {
    const relabelled = withList('disclosureDecisions', defaultTaxonomy.disclosureDecisions.map((e) => ({ ...e, labels: { ...e.labels, en: `${e.labels.en} (firm)` } })));
    expect(validateTaxonomy(relabelled).ok).toBe(true);
    const added = withList('disclosureDecisions', [...defaultTaxonomy.disclosureDecisions, entry('deferred', '暂缓', 'deferred')]);
    expect(validateTaxonomy(added)).toEqual({ ok: false, issues: [{ list: 'disclosureDecisions', code: 'FIXED_CODES' }] });
    const retired = withList('disclosureDecisions', defaultTaxonomy.disclosureDecisions.map((e, i) => ({ ...e, active: i !== 2 })));
    expect(validateTaxonomy(retired)).toEqual({ ok: false, issues: [{ list: 'disclosureDecisions', code: 'FIXED_CODES' }] });
  });

  it('survives input that is not shaped like a taxonomy', () => {
    const junk = { ...defaultTaxonomy, severities: [null, { code: 7 }, { code: 'low', labels: { 'zh-CN': 3 } }] } as unknown as Taxonomy;
    const result = validateTaxonomy(junk);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['EMPTY_LIST', 'INVALID_CODE', 'MISSING_LABEL', 'CODE_REMOVED']));
  });
});

describe('checkClassification', () => {
  it('accepts active codes and one or more subject matters', () => {
    expect(checkClassification(defaultTaxonomy, { kind: 'staff_client', subjectMatters: ['price', 'rights'], severity: 'high' })).toEqual([]);
    expect(checkClassification(defaultTaxonomy, { kind: 'client_client', subjectMatters: ['service'] })).toEqual([]);
  });

  it('names what is wrong', () => {
    expect(checkClassification(defaultTaxonomy, { kind: 'vendor', subjectMatters: [], severity: 'huge' })).toEqual([
      'UNKNOWN_KIND',
      'SUBJECT_MATTER_REQUIRED',
      'UNKNOWN_SEVERITY',
    ]);
    expect(checkClassification(defaultTaxonomy, { kind: 'client_firm', subjectMatters: ['price', 'weather'] })).toEqual(['UNKNOWN_SUBJECT_MATTER']);
  });

  it('does not offer retired entries for new cases', () => {
    const firm = withList('conflictKinds', defaultTaxonomy.conflictKinds.map((e) => ({ ...e, active: e.code !== 'client_firm' })));
    expect(checkClassification(firm, { kind: 'client_firm', subjectMatters: ['price'] })).toEqual(['UNKNOWN_KIND']);
  });
});
