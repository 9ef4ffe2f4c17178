// Reads FtM entity JSON lines into party and relationship drafts, with a problem for each bad line.
import type { Entity, IEntityDatum } from '@opensanctions/followthemoney';
import type { RelationshipType } from '../../../core/relationships';
import type { MessageCode } from '../../../platform/i18n/messages';
import type { BulkParty } from '../bulk-write';
import {
  buildEntity,
  countryOf,
  dayOf,
  directorshipType,
  ftmModel,
  identifiersOf,
  isEdgeSchema,
  kinshipOf,
  namesOf,
  officialOf,
  propertiesOf,
  shareOf,
  texts,
  UNKNOWN_LINK_TYPES,
  type EdgeSchema,
} from './ftm-mapping';

export interface Problem {
  line: number;
  field: string;
  code: MessageCode;
  params?: Record<string, string | number>;
}

export interface PartyDraft {
  line: number;
  ftmId: string;
  schema: string;
  party: Omit<BulkParty, 'id'>;
}

export interface EdgeDraft {
  line: number;
  ftmId: string;
  schema: EdgeSchema;
  source: { prop: string; ftmId: string };
  target: { prop: string; ftmId: string };
  type: RelationshipType;
  role: string | null;
  shareBasisPoints: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface ParsedFtm {
  rows: number;
  parties: PartyDraft[];
  edges: EdgeDraft[];
  problems: Problem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The entity on one line, or the reason it is not one we can read. */
function readEntity(text: string, line: number): Entity | Problem {
  const bad = (code: MessageCode, field = '', params?: Problem['params']): Problem => ({ line, field, code, params });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return bad('FTM_INVALID_JSON');
  }
  if (!isRecord(raw) || typeof raw.id !== 'string' || !raw.id || typeof raw.schema !== 'string') return bad('FTM_INVALID_JSON');
  const schema = Object.hasOwn(ftmModel.schemata, raw.schema) ? ftmModel.schemata[raw.schema] : undefined;
  if (!schema) return bad('FTM_UNKNOWN_SCHEMA', 'schema', { schema: raw.schema });
  if (!schema.isA('LegalEntity') && !isEdgeSchema(schema.name)) return bad('FTM_UNSUPPORTED_SCHEMA', 'schema', { schema: schema.name });
  const properties = raw.properties ?? {};
  if (!isRecord(properties)) return bad('FTM_INVALID_JSON', 'properties');
  const known = propertiesOf(schema);
  const clean: Record<string, (string | IEntityDatum)[]> = {};
  for (const [prop, value] of Object.entries(properties)) {
    if (!known.has(prop)) return bad('FTM_UNKNOWN_PROPERTY', `properties.${prop}`, { schema: schema.name, property: prop });
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === 'string' || typeof v === 'number' || isRecord(v))) return bad('FTM_INVALID_JSON', `properties.${prop}`);
    clean[prop] = values.map((v) => (typeof v === 'number' ? String(v) : (v as string | IEntityDatum)));
  }
  try {
    return buildEntity(raw.id, schema, clean);
  } catch {
    return bad('FTM_INVALID_JSON', 'properties');
  }
}

function partyDraft(entity: Entity, line: number): PartyDraft | Problem {
  const kind = entity.schema.isA('Person') ? 'person' : 'org';
  const { name, aliases } = namesOf(entity);
  if (!name) return { line, field: 'name', code: 'REQUIRED' };
  const { identifiers, problem } = identifiersOf(entity, kind);
  if (problem) return { line, ...problem };
  const official = kind === 'person' ? officialOf(entity) : { publicOfficial: false, officialPosition: null };
  return {
    line,
    ftmId: entity.id,
    schema: entity.schema.name,
    party: { kind, name, aliases, identifiers, ref: `ftm:${entity.id}`, country: countryOf(entity, kind), address: texts(entity, 'address')[0] ?? null, ...official, source: 'ftm' },
  };
}

/** The relationship type an edge stands for, or null when we have none for it. */
function typeOf(entity: Entity, schema: EdgeSchema, role: string | null, schemaOfId: Map<string, string>): RelationshipType | null {
  switch (schema) {
    case 'Ownership':
      return 'shareholder';
    case 'Directorship':
      return directorshipType(role);
    // Employed by a public body is holding public office; export writes public officials this way.
    case 'Employment':
      return schemaOfId.get(texts(entity, 'employer')[0] ?? '') === 'PublicBody' ? 'public_official' : 'employee';
    case 'Family':
      return kinshipOf(role);
    case 'Associate':
      return 'business_partner';
    case 'UnknownLink':
      return UNKNOWN_LINK_TYPES.find((t) => t === role) ?? null;
  }
}

function edgeDraft(entity: Entity, schema: EdgeSchema, line: number, schemaOfId: Map<string, string>): EdgeDraft | Problem {
  const spec = entity.schema.edge!;
  const [source, target] = [spec.source, spec.target].map((prop) => ({ prop, ftmId: texts(entity, prop)[0] ?? '' })) as [EdgeDraft['source'], EdgeDraft['target']];
  for (const end of [source, target]) if (!end.ftmId) return { line, field: end.prop, code: 'REQUIRED' };
  const role = texts(entity, schema === 'Family' || schema === 'Associate' ? 'relationship' : 'role')[0] ?? null;
  const type = typeOf(entity, schema, role, schemaOfId);
  if (!type) return { line, field: 'role', code: 'FTM_UNSUPPORTED_SCHEMA', params: { schema: `${schema} (${role ?? '—'})` } };
  const shareBasisPoints = schema === 'Ownership' ? shareOf(entity) : null;
  if (shareBasisPoints === 'invalid') return { line, field: 'percentage', code: 'PERCENTAGE_RANGE' };
  const validFrom = dayOf(entity, 'startDate');
  const validTo = dayOf(entity, 'endDate');
  if (validFrom === 'invalid') return { line, field: 'startDate', code: 'INVALID_DATE' };
  if (validTo === 'invalid') return { line, field: 'endDate', code: 'INVALID_DATE' };
  // A kinship type or a link type says it all; "relative" keeps the word the file used.
  const keptRole = (schema === 'Family' && type !== 'relative') || schema === 'UnknownLink' ? null : role;
  return { line, ftmId: entity.id, schema, source, target, type, role: keptRole, shareBasisPoints, validFrom, validTo };
}

const isProblem = (value: object): value is Problem => 'code' in value;

/** Blank lines are not rows; line numbers count every physical line from 1. */
export function parseFtm(text: string): ParsedFtm {
  const problems: Problem[] = [];
  const entities: { line: number; entity: Entity }[] = [];
  const firstLine = new Map<string, number>();
  let rows = 0;
  const lines = text.split(/\r?\n/);
  for (const [index, content] of lines.entries()) {
    if (!content.trim()) continue;
    rows += 1;
    const line = index + 1;
    const read = readEntity(content, line);
    if (isProblem(read)) {
      problems.push(read);
      continue;
    }
    const seen = firstLine.get(read.id);
    if (seen !== undefined) {
      problems.push({ line, field: 'id', code: 'DUPLICATE_IN_FILE', params: { line: seen } });
      continue;
    }
    firstLine.set(read.id, line);
    entities.push({ line, entity: read });
  }
  const schemaOfId = new Map(entities.map(({ entity }) => [entity.id, entity.schema.name]));
  const parties: PartyDraft[] = [];
  const edges: EdgeDraft[] = [];
  for (const { line, entity } of entities) {
    const draft = isEdgeSchema(entity.schema.name) ? edgeDraft(entity, entity.schema.name, line, schemaOfId) : partyDraft(entity, line);
    if (isProblem(draft)) problems.push(draft);
    else if ('party' in draft) parties.push(draft);
    else edges.push(draft);
  }
  return { rows, parties, edges, problems };
}
