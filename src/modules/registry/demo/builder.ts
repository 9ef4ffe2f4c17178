// Makes believable parties, links and clients from the vocabulary, each exactly once (names,
// USCCs and ID numbers never repeat), and collects them for one set-based insert.
import { residentIdCheckCharacter, usccCheckCharacter } from '../../../core/identifiers';
import type { RelationshipType } from '../../../core/relationships';
import type { clientContacts, clients } from '../registry.tables';
import type { RelationshipValues } from '../relationships.service';
import type { BulkName, BulkParty } from '../bulk-write';
import { Random } from './random';
import { BRANDS, CITIES, ENGLISH_GIVEN, GIVEN, HOLDING_TRADES, LEGAL_FORMS, SURNAMES, TRADES, type City } from './vocabulary';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SEED = 20_240_601;

export interface LinkOptions {
  share?: number;
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export class DemoBuilder {
  readonly rng = new Random(SEED);
  readonly parties: BulkParty[] = [];
  readonly relationships: RelationshipValues[] = [];
  readonly clients: (typeof clients.$inferInsert)[] = [];
  readonly contacts: (typeof clientContacts.$inferInsert)[] = [];
  private readonly used = new Set<string>();

  /** Draws until `make` gives a value not drawn before. */
  private fresh(make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.used.has(value)) {
        this.used.add(value);
        return value;
      }
    }
  }

  private add(party: Omit<BulkParty, 'id' | 'source'>): BulkParty {
    const full: BulkParty = { ...party, id: this.rng.uuid(), source: 'seed' };
    this.parties.push(full);
    return full;
  }

  uscc(city: City, registrar = '91'): string {
    return this.fresh(() => {
      const body = `${registrar}${city.code}${Array.from({ length: 9 }, () => this.rng.pick([...USCC_CHARS])).join('')}`;
      return body + usccCheckCharacter(body);
    });
  }

  address(city: City): string {
    return `${city.zh}市${city.district}${this.rng.pick(city.roads)}${this.rng.int(1, 1999)}号`;
  }

  person(options: { name?: string; surname?: string; city?: City; born?: [number, number]; official?: string } = {}): BulkParty {
    const rng = this.rng;
    const [surname, surnamePinyin] = SURNAMES.find(([zh]) => zh === options.surname) ?? rng.pick(SURNAMES);
    const given = Array.from({ length: rng.chance(0.75) ? 2 : 1 }, () => rng.pick(GIVEN));
    const name = options.name ?? surname + given.map(([zh]) => zh).join('');
    const aliases: BulkName[] = [];
    const pinyin = given.map(([, py]) => py).join('');
    if (!options.name && rng.chance(0.15)) aliases.push({ name: `${surnamePinyin} ${pinyin[0]!.toUpperCase()}${pinyin.slice(1)}`, nameType: 'alias', language: 'pinyin' });
    if (!options.name && rng.chance(0.08)) aliases.push({ name: `${rng.pick(ENGLISH_GIVEN)} ${surnamePinyin}`, nameType: 'english', language: 'en' });
    const identifiers: BulkParty['identifiers'] = [];
    const city = options.city ?? rng.pick(CITIES);
    const [from, to] = options.born ?? [1955, 1998];
    if (rng.chance(0.45)) {
      const id = this.fresh(() => {
        const body = `${city.code}${rng.day(from, to).replaceAll('-', '')}${String(rng.int(1, 999)).padStart(3, '0')}`;
        return body + residentIdCheckCharacter(body);
      });
      identifiers.push({ scheme: 'cn_resident_id', value: id });
    } else if (rng.chance(0.06)) {
      identifiers.push({ scheme: 'passport', value: this.fresh(() => `E${rng.int(10_000_000, 99_999_999)}`), country: 'CN' });
    }
    return this.add({ kind: 'person', name, aliases, identifiers, country: 'CN', publicOfficial: Boolean(options.official), officialPosition: options.official ?? null });
  }

  /** An organisation under a given name. */
  org(name: string, options: { city?: City; english?: string; abbreviation?: string; uscc?: string | null; other?: string; country?: string; address?: string; traditional?: string } = {}): BulkParty {
    const city = options.city ?? this.rng.pick(CITIES);
    this.used.add(name);
    const aliases: BulkName[] = [];
    if (options.english) aliases.push({ name: options.english, nameType: 'english', language: 'en' });
    if (options.abbreviation) aliases.push({ name: options.abbreviation, nameType: 'abbreviation' });
    if (options.traditional) aliases.push({ name: options.traditional, nameType: 'traditional', language: 'zh-Hant' });
    const uscc = options.uscc === undefined ? this.uscc(city) : options.uscc;
    const identifiers: BulkParty['identifiers'] = [];
    if (uscc) identifiers.push({ scheme: 'uscc', value: uscc });
    if (options.other) identifiers.push({ scheme: 'other', value: options.other, country: options.country ?? null });
    return this.add({ kind: 'org', name, aliases, identifiers, country: options.country ?? 'CN', address: options.address ?? this.address(city) });
  }

  /** A company named city + brand + trade + legal form, as Chinese company names are. */
  company(options: { holding?: boolean } = {}): BulkParty & { listed: boolean } {
    const rng = this.rng;
    let parts!: { city: City; brand: readonly [string, string]; trade: readonly [string, string]; form: (typeof LEGAL_FORMS)[number] };
    const name = this.fresh(() => {
      const form = options.holding ? LEGAL_FORMS[rng.chance(0.7) ? 0 : 2] : LEGAL_FORMS[rng.chance(0.6) ? 0 : rng.chance(0.8) ? 1 : 2];
      parts = { city: rng.pick(CITIES), brand: rng.pick(BRANDS), trade: rng.pick(options.holding ? HOLDING_TRADES : TRADES), form };
      return `${parts.city.zh}${parts.brand[0]}${parts.trade[0]}${parts.form.zh}`;
    });
    const { city, brand, trade, form } = parts;
    const english = rng.chance(0.3) ? `${city.en} ${brand[1]} ${trade[1]} ${form.en}` : undefined;
    const abbreviation = rng.chance(0.25) ? `${brand[0]}${trade[0]}` : undefined;
    return Object.assign(this.org(name, { city, english, abbreviation }), { listed: form.listed });
  }

  link(type: RelationshipType, from: { id: string }, to: { id: string }, options: LinkOptions = {}): void {
    this.relationships.push({
      fromPartyId: from.id,
      toPartyId: to.id,
      type,
      shareBasisPoints: options.share ?? null,
      role: options.role ?? null,
      validFrom: options.validFrom ?? null,
      validTo: options.validTo ?? null,
      source: 'seed',
    });
  }

  client(party: { id: string }, values: Omit<typeof clients.$inferInsert, 'id' | 'partyId'>): string {
    const id = this.rng.uuid();
    this.clients.push({ id, partyId: party.id, ...values });
    return id;
  }

  contact(clientId: string, person: { id: string }, role: string, title: string, isPrimary: boolean): void {
    this.contacts.push({ id: this.rng.uuid(), clientId, partyId: person.id, role, title, isPrimary });
  }

  /** `count` share holdings in basis points, whole or half percent, together at most `budget`. */
  shares(count: number, budget = 10_000): number[] {
    const out: number[] = [];
    let left = budget;
    for (let i = 0; i < count && left >= 100; i += 1) {
      const last = i === count - 1;
      const raw = last && this.rng.chance(0.7) ? left : this.rng.int(Math.ceil(left * 0.3), Math.floor(left * (last ? 1 : 0.8)));
      const share = Math.min(left, Math.max(100, raw - (raw % (this.rng.chance(0.2) ? 50 : 100))));
      out.push(share);
      left -= share;
    }
    return out;
  }
}
