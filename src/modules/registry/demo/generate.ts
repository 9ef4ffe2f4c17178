// The demo firm's registry: about 300 clients, 1,500 parties and 3,000 relationships, the same on
// every run. Pure: it only builds rows; seed-registry.ts writes them.
import type { BulkParty } from '../bulk-write';
import { DemoBuilder } from './builder';
import { plantConflicts } from './planted';
import { Population, type Company, type DemoInput } from './population';
import { AUTHORITIES, CITIES, GREATER_CHINA, OFFICIAL_RANKS, STAFF_ROLES } from './vocabulary';

const COUNTS = { bosses: 330, executives: 150, holdings: 85, companies: 440, clients: 300, married: 70, parents: 20, siblings: 15, formerJobs: 40, staffRelatives: 10 };
const STAFF_TITLES: Record<string, string> = { AUD: '审计师', TAX: '税务顾问', FIN: '财务专员', CMP: '合规专员', SAL: '客户经理' };
const COUSINS = ['表兄弟', '堂兄妹', '表姐妹', '舅甥'];
const PARTNERS = ['供应商', '经销商', '战略合作伙伴'];

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

export interface DemoRegistry {
  parties: DemoBuilder['parties'];
  relationships: DemoBuilder['relationships'];
  clients: DemoBuilder['clients'];
  contacts: DemoBuilder['contacts'];
}

/** Public officials in the authorities a firm deals with (tax bureaus, regulators). */
function officials(pop: Population): BulkParty[] {
  const { b } = pop;
  return AUTHORITIES.flatMap((name, i) => {
    const where = CITIES.find((c) => name.includes(c.zh)) ?? CITIES[1]!;
    const authority = b.org(name, { city: where, uscc: b.uscc(where, '11') });
    return times(i % 3 === 0 ? 2 : 1, () => {
      const rank = b.rng.pick(OFFICIAL_RANKS);
      const official = b.person({ city: where, born: [1962, 1988], official: `${name}${rank}` });
      b.link('public_official', official, authority, { role: rank, validFrom: b.rng.day(2005, 2022) });
      return official;
    });
  });
}

/** Groups own operating companies through holdings; others are owned by their boss and a co-investor. */
function companies(pop: Population): Company[] {
  const { b } = pop;
  const rng = b.rng;
  const holdings = times(COUNTS.holdings, () => b.company({ holding: true }));
  for (const holding of holdings) {
    const boss = pop.boss();
    pop.own(holding, [boss, ...(rng.chance(0.4) ? [rng.pick(pop.executives)] : [])], pop.govern(holding, boss));
  }
  const greaterChina = GREATER_CHINA.map((g) =>
    Object.assign(b.org(g.name, { uscc: null, other: g.number, country: g.country, english: g.english, traditional: g.traditional, address: g.address }), { listed: g.name.includes('股份') }),
  );
  const operating = [...greaterChina, ...times(COUNTS.companies, () => b.company())];
  for (const company of operating) {
    const group = rng.chance(0.3) ? rng.pick(holdings) : null;
    const boss = group && rng.chance(0.6) ? pop.bossOf.get(group.id)! : pop.boss();
    const coInvestor = rng.chance(0.5) ? [rng.chance(0.5) ? rng.pick(holdings) : rng.pick(pop.bosses)] : [];
    pop.own(company, group ? [group, boss] : [boss, ...coInvestor], pop.govern(company, boss));
  }
  return operating;
}

/** Spouses and children of bosses, brothers among them, and officials related to business people. */
function families(pop: Population, officialList: BulkParty[]) {
  const { b } = pop;
  const rng = b.rng;
  for (const boss of rng.sample(pop.bosses, COUNTS.married)) b.link('spouse', boss, b.person({ born: [1958, 1990] }), { validFrom: rng.day(1982, 2015) });
  for (const parent of rng.sample(pop.bosses, COUNTS.parents)) b.link('parent', parent, b.person({ surname: [...parent.name][0], born: [1986, 2002] }));
  const bySurname = new Map<string, BulkParty[]>();
  for (const boss of pop.bosses) bySurname.set([...boss.name][0]!, [...(bySurname.get([...boss.name][0]!) ?? []), boss]);
  const brothers = [...bySurname.values()].filter((group) => group.length > 1).slice(0, COUNTS.siblings);
  for (const [first, second] of brothers) b.link('sibling', first!, second!);
  for (const official of officialList.slice(0, 8)) b.link('relative', official, rng.pick(pop.bosses), { role: rng.pick(COUSINS) });
}

/** Some staff declare relatives; a few of those work for companies the firm knows. */
function staffRelatives(pop: Population, operating: Company[]) {
  const { b } = pop;
  const rng = b.rng;
  const declaring = rng.sample(
    pop.input.staff.filter((s) => !['li.na', 'staff'].includes(s.username)),
    COUNTS.staffRelatives,
  );
  for (const member of declaring) {
    const self = { id: member.partyId };
    const kind = rng.pick(['spouse', 'parent', 'sibling'] as const);
    const relative = b.person({ born: kind === 'parent' ? [1945, 1965] : [1970, 1995] });
    if (kind === 'parent') b.link('parent', relative, self);
    else b.link(kind, self, relative);
    if (rng.chance(0.4)) b.link('employee', relative, rng.pick(operating), { role: rng.pick(STAFF_ROLES), validFrom: rng.day(2012, 2024) });
  }
}

/** Earlier jobs of client contacts, and the weak links: partners and companies at one address. */
function history(pop: Population, operating: Company[]) {
  const { b } = pop;
  const rng = b.rng;
  const contacts = b.contacts.filter((c) => c.isPrimary).map((c) => ({ id: c.partyId }));
  for (const person of rng.sample(contacts, COUNTS.formerJobs)) {
    const validTo = rng.day(2016, 2022);
    b.link('employee', person, rng.pick(operating), { role: rng.pick(STAFF_ROLES), validFrom: rng.day(2006, Number(validTo.slice(0, 4)) - 1), validTo });
  }
  const pairs = (n: number) => times(n, () => rng.sample(operating.slice(GREATER_CHINA.length), 2) as [Company, Company]);
  for (const [a, c] of pairs(20)) {
    c.address = a.address;
    b.link('same_address', a, c);
  }
  for (const [a, c] of pairs(30)) b.link('business_partner', a, c, { role: rng.pick(PARTNERS), validFrom: rng.day(2015, 2024) });
}

export function generateDemoRegistry(input: DemoInput): DemoRegistry {
  const b = new DemoBuilder();
  const firm = b.org('廉正会计师事务所（特殊普通合伙）', { city: CITIES[0], english: 'Probity Certified Public Accountants LLP', abbreviation: '廉正' });
  for (const member of input.staff) b.link('employee', { id: member.partyId }, firm, { role: STAFF_TITLES[member.department ?? ''] ?? null, validFrom: b.rng.day(2008, 2023) });
  const pop = new Population(
    b,
    input,
    times(COUNTS.bosses, () => b.person({ born: [1955, 1985] })),
    times(COUNTS.executives, () => b.person({ born: [1960, 1990] })),
  );
  plantConflicts(pop, firm);
  const officialList = officials(pop);
  const operating = companies(pop);
  for (const company of operating.slice(0, COUNTS.clients - b.clients.length)) pop.client(company);
  families(pop, officialList);
  staffRelatives(pop, operating);
  history(pop, operating);
  return { parties: b.parties, relationships: b.relationships, clients: b.clients, contacts: b.contacts };
}
