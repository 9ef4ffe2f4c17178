import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../access';
import { checkNewCase, mayBeResponsible, mayOpenCase, type NewCase } from './opening';
import { caseSources, defaultTaxonomy, type CaseSource } from './taxonomy';

const report: NewCase = {
  source: 'staff_report',
  reportedBy: 'u1',
  openedOn: '2025-06-10',
  description: '项目经理的配偶在对方客户担任财务总监',
  classification: { kind: 'staff_client', subjectMatters: ['rights'] },
  partyIds: ['p1'],
  clientIds: ['c1'],
  staffIds: ['s1'],
};

describe('checkNewCase', () => {
  it('accepts a case from each source with what that source brings', () => {
    expect(checkNewCase(report, defaultTaxonomy)).toEqual([]);
    expect(checkNewCase({ ...report, source: 'conflict_check', evidence: { checkId: 'k1', partyId: 'p1' } }, defaultTaxonomy)).toEqual([]);
    expect(checkNewCase({ ...report, source: 'alert', alertId: 'a1' }, defaultTaxonomy)).toEqual([]);
    expect(checkNewCase({ ...report, source: 'anonymous_report', reportedBy: null }, defaultTaxonomy)).toEqual([]);
    expect(checkNewCase({ ...report, source: 'compliance', classification: { ...report.classification, severity: 'high' } }, defaultTaxonomy)).toEqual([]);
  });

  it('keeps a hit’s path as evidence', () => {
    const path = { target: 'staff' as const, weak: false, steps: [{ edge: { id: 'e1', from: 'p1', to: 's1', type: 'spouse' as const }, reversed: false, partyId: 's1' }] };
    expect(checkNewCase({ ...report, source: 'conflict_check', evidence: { checkId: 'k1', partyId: 'p1', path } }, defaultTaxonomy)).toEqual([]);
    expect(checkNewCase({ ...report, source: 'conflict_check' }, defaultTaxonomy)).toEqual(['EVIDENCE_REQUIRED']);
    expect(checkNewCase({ ...report, source: 'conflict_check', evidence: { checkId: ' ', partyId: 'p1' } }, defaultTaxonomy)).toEqual(['EVIDENCE_REQUIRED']);
  });

  it('names every fault', () => {
    expect(
      checkNewCase({ ...report, source: 'alert', reportedBy: null, openedOn: '2025-02-29', description: '', partyIds: [], clientIds: [], staffIds: [], classification: { kind: 'x', subjectMatters: [] } }, defaultTaxonomy),
    ).toEqual(['INVALID_DATE', 'DESCRIPTION_REQUIRED', 'NOBODY_NAMED', 'REPORTER_REQUIRED', 'ALERT_REQUIRED', 'UNKNOWN_KIND', 'SUBJECT_MATTER_REQUIRED']);
    expect(checkNewCase({ ...report, source: 'anonymous_report' }, defaultTaxonomy)).toEqual(['REPORTER_NOT_ALLOWED']);
    expect(checkNewCase({ ...report, source: 'rumour' as CaseSource }, defaultTaxonomy)).toEqual(['UNKNOWN_SOURCE']);
  });
});

describe('mayOpenCase', () => {
  // Written out independently: the roles that may open a case from each source.
  const expected: Record<CaseSource, readonly Role[]> = {
    staff_report: roles,
    conflict_check: ['compliance', 'manager', 'staff'],
    alert: ['compliance'],
    compliance: ['compliance'],
    client_feedback: ['compliance'],
    anonymous_report: ['compliance'],
  };
  it.each(caseSources.flatMap((source) => roles.map((role) => [source, role] as const)))('%s by %s', (source, role) => {
    expect(mayOpenCase([role], source)).toBe(expected[source].includes(role));
  });
  it('nobody without a role', () => {
    for (const source of caseSources) expect(mayOpenCase([], source)).toBe(false);
  });
});

describe('mayBeResponsible', () => {
  it('is nobody the case names', () => {
    expect(mayBeResponsible('s1', report)).toBe(false);
    expect(mayBeResponsible('p1', report)).toBe(false);
    expect(mayBeResponsible('u9', report)).toBe(true);
  });
});
