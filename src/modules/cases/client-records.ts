import { sql } from 'drizzle-orm';
import { registerClientRecords } from '../../platform/access/client-scope';
import { conflictCaseSubjects } from './cases.tables';

/** Audit entries about a case belong to every client the case names (the enforcement point hides them). */
export function installCaseClientRecords(): void {
  registerClientRecords('conflict_case', (clients) => sql`select ${conflictCaseSubjects.caseId}::text from ${conflictCaseSubjects} where ${conflictCaseSubjects.clientId} = any(${clients})`);
}
