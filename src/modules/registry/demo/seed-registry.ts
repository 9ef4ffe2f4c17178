import { asc, eq, isNotNull } from 'drizzle-orm';
import { appendAuditBatch } from '../../../platform/audit/audit.service';
import { departments, userRoles, users } from '../../../platform/auth/auth.tables';
import type { RequestContext } from '../../../platform/context';
import { inTransaction, type Db, type Tx } from '../../../platform/db/database';
import { insertRows } from '../../../platform/db/bulk';
import { insertPartiesBulk, insertRelationshipsBulk } from '../bulk-write';
import { clientContacts, clients, parties } from '../registry.tables';
import { ensureStaffParty } from '../staff.service';
import { generateDemoRegistry } from './generate';
import type { DemoInput, DemoStaff } from './population';

/** The firm's users as parties; made here when the seed runs without the modules' user-created hook. */
async function demoInput(tx: Tx, ctx: RequestContext): Promise<DemoInput> {
  // One query at a time: a transaction is one connection.
  const people = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName, department: departments.code })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .orderBy(asc(users.username));
  const roles = await tx.select().from(userRoles);
  const staffParties = await tx.select({ id: parties.id, userId: parties.userId }).from(parties).where(isNotNull(parties.userId));
  const departmentRows = await tx.select({ id: departments.id, code: departments.code }).from(departments);
  const partyOf = new Map(staffParties.map((p) => [p.userId!, p.id]));
  const staff: DemoStaff[] = [];
  for (const person of people) {
    const partyId = partyOf.get(person.id) ?? (await ensureStaffParty(tx, ctx, person)).id;
    const ownsClients = roles.some((r) => r.userId === person.id && (r.role === 'staff' || r.role === 'manager'));
    staff.push({ userId: person.id, partyId, username: person.username, department: person.department, ownsClients });
  }
  return { staff, departments: new Map(departmentRows.map((d) => [d.code, d.id])) };
}

/** Loads the demo registry in one transaction, set-based, with an audit entry per record. */
export async function seedDemoRegistry(db: Db, ctx: RequestContext): Promise<{ parties: number; clients: number; relationships: number }> {
  return inTransaction(db, async (tx) => {
    const registry = generateDemoRegistry(await demoInput(tx, ctx));
    await insertPartiesBulk(tx, ctx, registry.parties, 'create');
    await insertRows(tx, clients, registry.clients);
    await insertRows(tx, clientContacts, registry.contacts);
    await appendAuditBatch(tx, ctx, [
      ...registry.clients.map((row) => ({ action: 'client.create', entityType: 'client', entityId: row.id, after: row })),
      // Filed under the client, as contacts added by hand are.
      ...registry.contacts.map((row) => ({ action: 'client.contact.add', entityType: 'client', entityId: row.clientId, after: row })),
    ]);
    await insertRelationshipsBulk(tx, ctx, registry.relationships, 'create');
    return { parties: registry.parties.length, clients: registry.clients.length, relationships: registry.relationships.length };
  });
}
