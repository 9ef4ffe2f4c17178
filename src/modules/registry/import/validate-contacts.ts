import type { RequestContext } from '../../../platform/context';
import type { Executor } from '../../../platform/db/database';
import { contactKey, existingContacts, visiblePartiesByRef } from './lookups';
import { fieldsOf, firstLines, YES_NO, type ImportRow, type Rejections } from './row-checks';

export interface ContactRecord {
  line: number;
  clientRef: string;
  personRef: string;
  clientId: string;
  partyId: string;
  role: string | null;
  title: string | null;
  isPrimary: boolean;
}

export async function validateContacts(executor: Executor, ctx: RequestContext, rows: readonly ImportRow[], rejections: Rejections, progress?: (done: number) => void): Promise<ContactRecord[]> {
  const pairLine = firstLines();
  const drafts: Omit<ContactRecord, 'clientId' | 'partyId'>[] = [];
  for (const row of rows) {
    const f = fieldsOf(row, rejections);
    const clientRef = f.text('client', 100, true);
    const personRef = f.text('person', 100, true);
    const firstLine = clientRef && personRef ? pairLine(`${clientRef}|${personRef}`, row.line) : undefined;
    if (firstLine !== undefined) f.reject('person', 'DUPLICATE_IN_FILE', { line: firstLine });
    const role = f.text('role', 100);
    const title = f.text('title', 100);
    const isPrimary = f.choice('primary', YES_NO, false);
    if (clientRef && personRef && isPrimary !== null) drafts.push({ line: row.line, clientRef, personRef, role, title, isPrimary });
    progress?.(1);
  }
  const known = await visiblePartiesByRef(executor, ctx, drafts.flatMap((d) => [d.clientRef, d.personRef]));
  const existing = await existingContacts(executor, [...known.values()].flatMap((p) => (p.clientId ? [p.clientId] : [])));
  const records: ContactRecord[] = [];
  for (const draft of drafts) {
    const client = known.get(draft.clientRef);
    const person = known.get(draft.personRef);
    if (!client) rejections.add(draft.line, 'client', 'UNKNOWN_PARTY');
    else if (!client.clientId) rejections.add(draft.line, 'client', 'NOT_A_CLIENT');
    if (!person) rejections.add(draft.line, 'person', 'UNKNOWN_PARTY');
    else if (person.kind !== 'person') rejections.add(draft.line, 'person', 'PARTY_KIND_MISMATCH');
    else if (person.ended) rejections.add(draft.line, 'person', 'PARTY_ENDED');
    if (!client?.clientId || !person) continue;
    if (existing.has(contactKey(client.clientId, person.id))) rejections.add(draft.line, 'person', 'RECORD_EXISTS');
    if (!rejections.has(draft.line)) records.push({ ...draft, clientId: client.clientId, partyId: person.id });
  }
  return records;
}

export function previewContact(c: ContactRecord): Record<string, string> {
  return { client: c.clientRef, person: c.personRef, role: c.role ?? '', title: c.title ?? '', primary: c.isPrimary ? 'yes' : 'no' };
}
