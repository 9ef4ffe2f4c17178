import { maskIdentifier, validateIdentifier, type IdentifierScheme } from '../../../core/identifiers';
import type { PartyKind } from '../../../core/relationships';
import type { RequestContext } from '../../../platform/context';
import type { Executor } from '../../../platform/db/database';
import { identifierHolders, identifierKey, partiesByRef } from './lookups';
import { fieldsOf, firstLines, type ImportRow, type Rejections } from './row-checks';

export interface PartyRecord {
  line: number;
  ref: string;
  kind: PartyKind;
  name: string;
  aliases: string[];
  identifiers: { field: string; scheme: IdentifierScheme; value: string }[];
  country: string | null;
  address: string | null;
  notes: string | null;
}

const KINDS: Record<string, PartyKind> = { person: 'person', org: 'org', organisation: 'org', organization: 'org', 个人: 'person', 自然人: 'person', 机构: 'org', 组织: 'org', 企业: 'org' };
const IDENTIFIER_FIELDS = [
  ['uscc', 'uscc'],
  ['id_number', 'cn_resident_id'],
  ['passport', 'passport'],
] as const;

export async function validateParties(executor: Executor, ctx: RequestContext, rows: readonly ImportRow[], rejections: Rejections, progress?: (done: number) => void): Promise<PartyRecord[]> {
  const refLine = firstLines();
  const identifierOwner = new Map<string, string>();
  const drafts: PartyRecord[] = [];
  for (const row of rows) {
    const f = fieldsOf(row, rejections);
    const ref = f.text('id', 100, true);
    const firstLine = ref ? refLine(ref, row.line) : undefined;
    if (firstLine !== undefined) f.reject('id', 'DUPLICATE_IN_FILE', { line: firstLine });
    const kind = f.choice('kind', KINDS);
    const name = f.text('name', 300, true);
    const aliases = f.list('aliases', 300).filter((alias) => alias !== name);
    const identifiers: PartyRecord['identifiers'] = [];
    for (const [field, scheme] of IDENTIFIER_FIELDS) {
      const raw = row.get(field);
      if (!raw) continue;
      const result = validateIdentifier(scheme, raw);
      if (!result.ok) {
        f.reject(field, result.code);
        continue;
      }
      const key = identifierKey(scheme, result.value);
      const owner = identifierOwner.get(key);
      if (owner !== undefined) f.reject(field, 'PARTY_IDENTIFIER_EXISTS', { party: owner });
      else identifierOwner.set(key, name ?? '');
      identifiers.push({ field, scheme, value: result.value });
    }
    const country = row.get('country');
    if (country && !/^[A-Za-z]{2}$/.test(country)) f.reject('country', 'INVALID_VALUE', { value: country });
    const address = f.text('address', 500);
    const notes = f.text('notes', 4000);
    if (ref && kind && name) drafts.push({ line: row.line, ref, kind, name, aliases, identifiers, country: country ? country.toUpperCase() : null, address, notes });
    progress?.(1);
  }
  // One after the other: inside a transaction both run on the same connection.
  const taken = await partiesByRef(executor, drafts.map((d) => d.ref));
  const holders = await identifierHolders(executor, ctx, drafts.flatMap((d) => d.identifiers));
  for (const draft of drafts) {
    if (taken.has(draft.ref)) rejections.add(draft.line, 'id', 'DUPLICATE_REF', { ref: draft.ref });
    for (const { field, scheme, value } of draft.identifiers) {
      const holder = holders.get(identifierKey(scheme, value));
      if (holder) rejections.add(draft.line, field, holder.code, holder.params);
    }
  }
  return drafts.filter((d) => !rejections.has(d.line));
}

export function previewParty(p: PartyRecord): Record<string, string> {
  const identifiers = Object.fromEntries(p.identifiers.map((i) => [i.field, maskIdentifier(i.scheme, i.value)]));
  return { id: p.ref, kind: p.kind, name: p.name, aliases: p.aliases.join('|'), ...identifiers, country: p.country ?? '', address: p.address ?? '', notes: p.notes ?? '' };
}
