import { sql } from 'drizzle-orm';
import { registerClientRecords } from '../../platform/access/client-scope';
import { benefitRequests } from './benefits.tables';

/** Audit entries about a request for a client belong to that client (the enforcement point hides them). */
export function installBenefitClientRecords(): void {
  registerClientRecords('benefit_request', (clients) => sql`select ${benefitRequests.id}::text from ${benefitRequests} where ${benefitRequests.clientId} = any(${clients})`);
}
