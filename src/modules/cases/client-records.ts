import { sql, type SQL } from 'drizzle-orm';
import { registerClientRecords } from '../../platform/access/client-scope';
import { conflictCaseSubjects, conflictCaseViolations, staffDisclosures } from './cases.tables';

/** The cases naming a hidden client, or a party that is one. */
const casesOf = (clients: SQL, parties: SQL) =>
  sql`select ${conflictCaseSubjects.caseId} from ${conflictCaseSubjects} where ${conflictCaseSubjects.clientId} = any(${clients}) or ${conflictCaseSubjects.partyId} = any(${parties})`;

/**
 * Audit entries about a case belong to every client the case names (the enforcement point hides them);
 * so do those about a violation found in it, and about a disclosure naming the client or linked to such a case.
 */
export function installCaseClientRecords(): void {
  registerClientRecords('conflict_case', (clients) => sql`select ${conflictCaseSubjects.caseId}::text from ${conflictCaseSubjects} where ${conflictCaseSubjects.clientId} = any(${clients})`);
  registerClientRecords('conflict_case_violation', (clients, parties) => sql`select ${conflictCaseViolations.id}::text from ${conflictCaseViolations} where ${conflictCaseViolations.caseId} in (${casesOf(clients, parties)})`);
  registerClientRecords(
    'staff_disclosure',
    (clients, parties) => sql`select ${staffDisclosures.id}::text from ${staffDisclosures} where ${staffDisclosures.clientId} = any(${clients}) or ${staffDisclosures.caseId} in (${casesOf(clients, parties)})`,
  );
}
