// Opening a conflict case (seed 四.1 利益冲突报告): who may open one from which source, what it must
// name, and the evidence a conflict-check hit brings with it.
import { permissionsOf, type Role } from '../access';
import type { FoundPath } from '../conflicts/paths';
import { isCalendarDate } from './dates';
import { caseSources, checkClassification, type CaseSource, type Classification, type ClassificationIssue, type Taxonomy } from './taxonomy';

/** The hit a case was opened from, kept as it was found: the graph may change later, the evidence must not. */
export interface CheckEvidence {
  checkId: string;
  /** The party the check found. */
  partyId: string;
  /** How it reaches staff or a client; absent when the name itself matched a client or staff member. */
  path?: FoundPath;
}

export interface NewCase {
  source: CaseSource;
  /** null only for an anonymous report. */
  reportedBy: string | null;
  openedOn: string;
  description: string;
  classification: Classification;
  partyIds: readonly string[];
  clientIds: readonly string[];
  staffIds: readonly string[];
  evidence?: CheckEvidence;
  alertId?: string;
}

export type NewCaseIssue =
  | 'UNKNOWN_SOURCE'
  | 'INVALID_DATE'
  | 'DESCRIPTION_REQUIRED'
  | 'NOBODY_NAMED'
  | 'REPORTER_REQUIRED'
  | 'REPORTER_NOT_ALLOWED' // an anonymous report that names its reporter is not anonymous
  | 'EVIDENCE_REQUIRED'
  | 'ALERT_REQUIRED'
  | ClassificationIssue;

const filled = (text: unknown) => typeof text === 'string' && text.trim() !== '';

/** Every fault of a new case; empty when it may be opened. Severity may wait for the assessment. */
export function checkNewCase(input: NewCase, taxonomy: Taxonomy): NewCaseIssue[] {
  if (!(caseSources as readonly string[]).includes(input.source)) return ['UNKNOWN_SOURCE'];
  const issues: NewCaseIssue[] = [];
  if (!isCalendarDate(input.openedOn)) issues.push('INVALID_DATE');
  if (!filled(input.description)) issues.push('DESCRIPTION_REQUIRED');
  if (input.partyIds.length + input.clientIds.length + input.staffIds.length === 0) issues.push('NOBODY_NAMED');
  if (input.source === 'anonymous_report') {
    if (input.reportedBy !== null) issues.push('REPORTER_NOT_ALLOWED');
  } else if (!filled(input.reportedBy)) issues.push('REPORTER_REQUIRED');
  if (input.source === 'conflict_check' && !(filled(input.evidence?.checkId) && filled(input.evidence?.partyId))) issues.push('EVIDENCE_REQUIRED');
  if (input.source === 'alert' && !filled(input.alertId)) issues.push('ALERT_REQUIRED');
  issues.push(...checkClassification(taxonomy, input.classification));
  return issues;
}

/**
 * Who may open a case from each source. Anyone may report (seed 四.1: 发现利益冲突后,及时向上级报告);
 * whoever may run conflict checks may open a case from a hit; alerts, client feedback and anonymous
 * reports arrive in compliance's queue and compliance opens the case.
 */
export function mayOpenCase(userRoles: readonly Role[], source: CaseSource): boolean {
  if (userRoles.length === 0) return false;
  if (source === 'staff_report') return true;
  if (source === 'conflict_check') return permissionsOf(userRoles).includes('conflicts.check');
  return userRoles.includes('compliance');
}

/** A person the case names may not be its responsible person. */
export const mayBeResponsible = (userId: string, input: Pick<NewCase, 'staffIds' | 'partyIds'>) => !input.staffIds.includes(userId) && !input.partyIds.includes(userId);
