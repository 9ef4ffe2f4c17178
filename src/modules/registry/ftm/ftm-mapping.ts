// How FollowTheMoney entities map onto Probity parties and relationships, both ways.
import { defaultModel, Entity, Model, type IEntityDatum, type Property, type Schema } from '@opensanctions/followthemoney';
import { normalizeIdentifier, validateIdentifier, type IdentifierErrorCode, type IdentifierScheme } from '../../../core/identifiers';
import { guessNameLanguage, normalizeName } from '../../../core/names';
import { isIsoDate, parsePercentage, relationshipRules, type PartyKind, type RelationshipType } from '../../../core/relationships';
import type { BulkName } from '../bulk-write';

export const ftmModel = new Model(defaultModel);

// The library finds a property by name by rebuilding the schema's whole inherited property map, which
// over tens of thousands of entities dominates; Property objects are found once and passed instead.
const propertyMaps = new Map<string, Map<string, Property>>();

export function propertiesOf(schema: Schema): Map<string, Property> {
  let map = propertyMaps.get(schema.name);
  if (!map) propertyMaps.set(schema.name, (map = schema.getProperties()));
  return map;
}

/** An entity with these properties; every name must belong to the schema (callers check first). */
export function buildEntity(id: string, schema: Schema, properties: Record<string, readonly (string | IEntityDatum | null | undefined)[]>): Entity {
  const entity = new Entity(ftmModel, { id, schema });
  const known = propertiesOf(schema);
  for (const [name, values] of Object.entries(properties)) {
    const property = known.get(name);
    if (!property) throw new Error(`${schema.name} has no property ${name}`);
    for (const value of values) if (value) entity.setProperty(property, value);
  }
  return entity;
}

/** The edge schemata read as relationships (the party schemata are those that are a LegalEntity). */
export const EDGE_SCHEMATA = ['Ownership', 'Directorship', 'Employment', 'Family', 'Associate', 'UnknownLink'] as const;
export type EdgeSchema = (typeof EDGE_SCHEMATA)[number];
export const isEdgeSchema = (name: string): name is EdgeSchema => (EDGE_SCHEMATA as readonly string[]).includes(name);

/** Text values of a property; nested entities count by their id. */
export function texts(entity: Entity, prop: string): string[] {
  const property = propertiesOf(entity.schema).get(prop);
  if (!property) return [];
  return entity
    .getProperty(property)
    .map((v) => (typeof v === 'string' ? v : v.id).trim())
    .filter(Boolean);
}

const first = (entity: Entity, prop: string) => texts(entity, prop)[0] ?? null;

/** The primary name and the other names, deduplicated by normalised form. */
export function namesOf(entity: Entity): { name: string | null; aliases: BulkName[] } {
  const names = texts(entity, 'name');
  let name = names[0] ?? null;
  if (!name) {
    const [given, family] = [first(entity, 'firstName'), first(entity, 'lastName')];
    // Chinese names put the family name first, with no space.
    if (given || family) name = guessNameLanguage(`${family ?? ''}${given ?? ''}`) === 'zh-Hans' ? `${family ?? ''}${given ?? ''}` : [given, family].filter(Boolean).join(' ');
  }
  const seen = new Set(name ? [normalizeName(name)] : []);
  const aliases: BulkName[] = [];
  const add = (values: string[], nameType: BulkName['nameType']) => {
    for (const value of values) {
      const key = normalizeName(value);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      aliases.push({ name: value, nameType });
    }
  };
  add(names.slice(1), 'alias');
  add(texts(entity, 'alias'), 'alias');
  add(texts(entity, 'weakAlias'), 'alias');
  add(texts(entity, 'abbreviation'), 'abbreviation');
  add(texts(entity, 'previousName'), 'former');
  return { name, aliases };
}

/** ISO 3166 alpha-2, upper case; FtM writes lower case and also has codes such as `suhh` we cannot store. */
export function countryOf(entity: Entity, kind: PartyKind): string | null {
  const props = kind === 'org' ? ['jurisdiction', 'country', 'mainCountry'] : ['country', 'nationality', 'citizenship'];
  const code = props.flatMap((p) => texts(entity, p)).find((c) => /^[a-z]{2}$/i.test(c));
  return code?.toUpperCase() ?? null;
}

export interface FtmIdentifier {
  scheme: IdentifierScheme;
  value: string;
}
type Checked = { ok: true; scheme: IdentifierScheme; value: string } | { ok: false; code: IdentifierErrorCode };

const ORG_NUMBERS = ['uscCode', 'registrationNumber', 'taxNumber', 'idNumber', 'innCode', 'vatCode', 'leiCode'];
const PERSON_NUMBERS = ['idNumber', 'passportNumber'];
const RESIDENT_ID_SHAPE = /^(\d{17}[\dX]|\d{15})$/;

const as = (scheme: IdentifierScheme, raw: string): Checked => {
  const result = validateIdentifier(scheme, raw);
  return result.ok ? { ...result, scheme } : result;
};

/**
 * `uscCode` must be a valid USCC and `passportNumber` a passport number. Other numbers are a USCC
 * (organisations) or resident ID (persons) when they validate as one, else `other`; but a person's
 * number shaped like a resident ID that fails its checks is an error, so a personal number is never
 * stored unmasked by mistake.
 */
function classify(prop: string, kind: PartyKind, raw: string): Checked {
  if (prop === 'uscCode') return as('uscc', raw);
  if (prop === 'passportNumber') return as('passport', raw);
  const strict = as(kind === 'org' ? 'uscc' : 'cn_resident_id', raw);
  if (strict.ok || (kind === 'person' && RESIDENT_ID_SHAPE.test(normalizeIdentifier('cn_resident_id', raw)))) return strict;
  return as('other', raw);
}

/** Values with `*` are masked exports and carry nothing to match on: skipped. */
export function identifiersOf(entity: Entity, kind: PartyKind): { identifiers: FtmIdentifier[]; problem: { field: string; code: IdentifierErrorCode } | null } {
  const found = new Map<string, FtmIdentifier>();
  for (const prop of kind === 'org' ? ORG_NUMBERS : PERSON_NUMBERS) {
    for (const raw of texts(entity, prop)) {
      if (raw.includes('*')) continue;
      const result = classify(prop, kind, raw);
      if (!result.ok) return { identifiers: [], problem: { field: prop, code: result.code } };
      found.set(`${result.scheme}:${result.value}`, { scheme: result.scheme, value: result.value });
    }
  }
  return { identifiers: [...found.values()], problem: null };
}

/** Where each scheme goes on export. */
export const identifierProperty = (scheme: IdentifierScheme, kind: PartyKind) =>
  ({ uscc: 'uscCode', cn_resident_id: 'idNumber', passport: 'passportNumber', other: kind === 'org' ? 'registrationNumber' : 'idNumber' })[scheme];

/** On a PEP list, a person tagged `role.pep` or holding a `position` is a public official. */
export function officialOf(entity: Entity): { publicOfficial: boolean; officialPosition: string | null } {
  const positions = texts(entity, 'position');
  return { publicOfficial: texts(entity, 'topics').includes('role.pep') || positions.length > 0, officialPosition: positions.join('; ') || null };
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * FtM dates may be partial: a start `2019` or `2019-05` is the first day of that period, an end the
 * last day (so a relationship is not cut short). Null when absent.
 */
export function dayOf(entity: Entity, prop: 'startDate' | 'endDate'): string | null | 'invalid' {
  const values = texts(entity, prop).sort();
  const raw = prop === 'startDate' ? values[0] : values[values.length - 1];
  if (!raw) return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$/.exec(raw);
  if (!match) return 'invalid';
  const [, year, month, day] = match;
  const end = prop === 'endDate';
  const mm = month ?? (end ? '12' : '01');
  const dd = day ?? (end ? String(daysIn(Number(year), Number(mm))) : '01');
  const text = `${year}-${mm}-${dd.padStart(2, '0')}`;
  return isIsoDate(text) ? text : 'invalid';
}

/** Basis points; values with more than two decimals (33.333) are rounded to two. Null when absent. */
export function shareOf(entity: Entity): number | null | 'invalid' {
  const raw = first(entity, 'percentage');
  if (raw === null) return null;
  const exact = parsePercentage(raw);
  if (exact !== null) return exact;
  return /^\s*\d{1,3}\.\d+\s*%?\s*$/.test(raw) ? Math.round(parseFloat(raw) * 100) : 'invalid';
}

// Family.relationship names what the relative is to the person ("mother": relative is person's mother).
const IN_LAW = /in-law|step|岳|公公|婆婆|嫂|姐夫|妹夫|弟媳|儿媳|女婿/i;
const KINSHIP: [RegExp, RelationshipType][] = [
  [/\b(spouse|wife|husband|partner)\b|配偶|妻子|丈夫|夫妻/i, 'spouse'],
  // The relative is a parent, so the person is the relative's child.
  [/\b(father|mother|parent)\b|父亲|母亲|父母/i, 'child'],
  [/\b(son|daughter|child)\b|儿子|女儿|子女/i, 'parent'],
  [/\b(brother|sister|sibling)\b|兄弟|姐妹|哥哥|弟弟|姐姐|妹妹/i, 'sibling'],
];

export function kinshipOf(text: string | null): RelationshipType {
  if (!text || IN_LAW.test(text)) return 'relative';
  return KINSHIP.find(([pattern]) => pattern.test(text))?.[1] ?? 'relative';
}

/** The Family.relationship word that reads back as the same type (see kinshipOf). */
export const kinshipWord: Partial<Record<RelationshipType, string>> = { spouse: 'spouse', parent: 'child', child: 'parent', sibling: 'sibling' };

const SUPERVISOR = /监事|supervis/i;
const LEGAL_REP = /法定代表人|legal representative/i;

/** Directorship roles tell a supervisor (监事) or legal representative from a director. */
export function directorshipType(role: string | null): RelationshipType {
  if (role && SUPERVISOR.test(role)) return 'supervisor';
  if (role && LEGAL_REP.test(role)) return 'legal_representative';
  return 'director';
}

/** A Directorship role that reads back as `type`: the Chinese label is prefixed when the role does not say it. */
export function directorshipRole(type: RelationshipType, role: string | null): string | null {
  if (type === 'director' || directorshipType(role) === type) return role;
  const label = relationshipRules[type].label['zh-CN'];
  return role ? `${label} ${role}` : label;
}

/** UnknownLink carries the weak, partner and dispute links FtM has no schema for, named by `role`. */
export const UNKNOWN_LINK_TYPES: readonly RelationshipType[] = ['business_partner', 'same_address', 'same_phone', 'dispute'];
