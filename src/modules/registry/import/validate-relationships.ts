import { formatPercentage, parsePercentage, relationshipProblems, relationshipRules, relationshipTypes, type RelationshipType } from '../../../core/relationships';
import type { RequestContext } from '../../../platform/context';
import type { Executor } from '../../../platform/db/database';
import { existingRelationships, visiblePartiesByRef, relationshipKey } from './lookups';
import { fieldsOf, firstLines, type ImportRow, type Rejections } from './row-checks';

export interface RelationshipRecord {
  line: number;
  fromRef: string;
  toRef: string;
  fromPartyId: string;
  toPartyId: string;
  type: RelationshipType;
  shareBasisPoints: number | null;
  role: string | null;
  validFrom: string | null;
  validTo: string | null;
  notes: string | null;
}

/** Codes, and the labels people write in a spreadsheet (股东, shareholder of). */
const TYPES = new Map<string, RelationshipType>(
  relationshipTypes.flatMap((type) => [
    [type, type],
    [relationshipRules[type].label['zh-CN'], type],
    [relationshipRules[type].label.en, type],
  ]),
);

// relationshipProblems names the API's fields; the report names the file's.
const FIELD_OF: Record<string, string> = { fromPartyId: 'from', toPartyId: 'to', percentage: 'percentage', validTo: 'valid_to' };

export async function validateRelationships(executor: Executor, ctx: RequestContext, rows: readonly ImportRow[], rejections: Rejections, progress?: (done: number) => void): Promise<RelationshipRecord[]> {
  const linkLine = firstLines();
  const drafts: Omit<RelationshipRecord, 'fromPartyId' | 'toPartyId'>[] = [];
  for (const row of rows) {
    progress?.(1);
    const f = fieldsOf(row, rejections);
    const fromRef = f.text('from', 100, true);
    const toRef = f.text('to', 100, true);
    const typeText = f.text('type', 100, true);
    const type = typeText ? TYPES.get(typeText.toLowerCase()) : undefined;
    if (typeText && !type) f.reject('type', 'UNKNOWN_RELATIONSHIP_TYPE');
    const percentage = row.get('percentage');
    // Unreadable (negative, over 100, words) is NaN so that the type's rules reject it in their terms.
    const shareBasisPoints = percentage ? (parsePercentage(percentage) ?? Number.NaN) : null;
    const role = f.text('role', 200);
    const validFrom = f.date('valid_from');
    const validTo = f.date('valid_to');
    const notes = f.text('notes', 2000);
    if (!fromRef || !toRef || !type) continue;
    const firstLine = linkLine(relationshipKey({ fromPartyId: fromRef, toPartyId: toRef, type, validFrom }), row.line);
    if (firstLine !== undefined) f.reject('to', 'DUPLICATE_IN_FILE', { line: firstLine });
    drafts.push({ line: row.line, fromRef, toRef, type, shareBasisPoints, role, validFrom, validTo, notes });
  }
  const known = await visiblePartiesByRef(executor, ctx, drafts.flatMap((d) => [d.fromRef, d.toRef]));
  const existing = await existingRelationships(executor, [...known.values()].map((p) => p.id));
  const records: RelationshipRecord[] = [];
  for (const draft of drafts) {
    const from = known.get(draft.fromRef);
    const to = known.get(draft.toRef);
    if (!from) rejections.add(draft.line, 'from', 'UNKNOWN_PARTY');
    if (!to) rejections.add(draft.line, 'to', 'UNKNOWN_PARTY');
    if (!from || !to) continue;
    if (from.ended || to.ended) rejections.add(draft.line, from.ended ? 'from' : 'to', 'PARTY_ENDED');
    const problems = relationshipProblems({ ...draft, fromId: from.id, toId: to.id, fromKind: from.kind, toKind: to.kind });
    for (const problem of problems) rejections.add(draft.line, FIELD_OF[problem.field] ?? problem.field, problem.code);
    const record = { ...draft, fromPartyId: from.id, toPartyId: to.id };
    if (existing.has(relationshipKey(record))) rejections.add(draft.line, 'to', 'RECORD_EXISTS');
    if (!rejections.has(draft.line)) records.push(record);
  }
  return records;
}

export function previewRelationship(r: RelationshipRecord): Record<string, string> {
  return {
    from: r.fromRef,
    to: r.toRef,
    type: r.type,
    percentage: r.shareBasisPoints === null ? '' : formatPercentage(r.shareBasisPoints),
    role: r.role ?? '',
    valid_from: r.validFrom ?? '',
    valid_to: r.validTo ?? '',
    notes: r.notes ?? '',
  };
}
