// How the demo firm's world hangs together: companies with bosses, boards and owners; clients with
// owners, service lines and contacts. Used by the generator and by the planted conflicts alike.
import type { BulkParty } from '../bulk-write';
import type { DemoBuilder } from './builder';
import { SERVICE_LINES, STAFF_ROLES } from './vocabulary';

export interface DemoStaff {
  userId: string;
  partyId: string;
  username: string;
  department: string | null;
  /** Staff and managers own client relationships; admins and auditors do not. */
  ownsClients: boolean;
}

export interface DemoInput {
  staff: readonly DemoStaff[];
  /** Department id by code. */
  departments: ReadonlyMap<string, string>;
}

export type Company = BulkParty & { listed: boolean };

export interface ClientOptions {
  status?: 'prospect' | 'active' | 'former';
  lines?: string[];
  owner?: string;
  department?: string;
  contact?: BulkParty;
  contactTitle?: string;
}

export class Population {
  readonly bossOf = new Map<string, BulkParty>();
  private nextBoss = 0;

  constructor(
    readonly b: DemoBuilder,
    readonly input: DemoInput,
    readonly bosses: BulkParty[],
    readonly executives: BulkParty[],
  ) {}

  /** A boss not yet running a company, once all have one any boss (some run two). */
  boss(): BulkParty {
    return this.bosses[this.nextBoss++] ?? this.b.rng.pick(this.bosses);
  }

  staff(username: string): DemoStaff {
    const found = this.input.staff.find((s) => s.username === username);
    if (!found) throw new Error(`demo staff member ${username} is missing`);
    return found;
  }

  /** Legal representative, board and perhaps a supervisor, all from the founding year on. */
  govern(company: Company, boss: BulkParty): string {
    const { b } = this;
    const founded = b.rng.day(1998, 2021);
    this.bossOf.set(company.id, boss);
    b.link('legal_representative', boss, company, { validFrom: founded });
    b.link('director', boss, company, { role: company.listed ? '董事长' : '执行董事', validFrom: founded });
    const board = new Set<BulkParty>();
    if (company.listed) for (let i = b.rng.int(1, 2); i > 0; i -= 1) board.add(b.rng.pick(this.executives));
    for (const director of board) b.link('director', director, company, { role: '董事', validFrom: b.rng.day(Number(founded.slice(0, 4)), 2024) });
    if (b.rng.chance(0.25)) b.link('supervisor', b.rng.pick(this.executives), company, { role: '监事', validFrom: founded });
    return founded;
  }

  /** Shareholders in the order given; `fixed` shares for the first ones, the rest drawn, never over 100% in all. */
  own(company: Company, owners: readonly BulkParty[], since: string, fixed: number[] = []): void {
    const distinct = [...new Set(owners)];
    const shares = [...fixed, ...this.b.shares(distinct.length - fixed.length, 10_000 - fixed.reduce((a, s) => a + s, 0))];
    distinct.forEach((owner, i) => {
      if (shares[i]) this.b.link('shareholder', owner, company, { share: shares[i], validFrom: since });
    });
  }

  /** Makes the company a client of the firm, with a primary contact who works there. */
  client(company: Company, options: ClientOptions = {}): string {
    const { b, input } = this;
    const rng = b.rng;
    const lines = options.lines ?? [...new Set([rng.pick(SERVICE_LINES), ...(rng.chance(0.4) ? [rng.pick(SERVICE_LINES)] : [])].map(([line]) => line))];
    const department = options.department ?? SERVICE_LINES.find(([line]) => line === lines[0])![1];
    const status = options.status ?? (rng.chance(0.76) ? 'active' : rng.chance(0.5) ? 'prospect' : 'former');
    const candidates = input.staff.filter((s) => s.ownsClients && s.department === department);
    const owner = options.owner ? this.staff(options.owner) : rng.pick(candidates.length ? candidates : input.staff.filter((s) => s.ownsClients));
    const startDate = status === 'prospect' ? null : rng.day(2012, 2024);
    const endDate = status === 'former' ? `${Number(startDate!.slice(0, 4)) + rng.int(1, 3)}${startDate!.slice(4)}` : null;
    const revenue = status === 'prospect' ? null : rng.int(50, 5_000) * 100_000;
    const clientId = b.client(company, {
      status,
      ownerUserId: owner.userId,
      departmentId: input.departments.get(department) ?? null,
      serviceLines: lines,
      startDate,
      endDate,
      annualRevenueMinor: revenue,
      revenueCurrency: revenue === null ? null : 'CNY',
    });
    const title = options.contactTitle ?? rng.pick(STAFF_ROLES);
    const contact = options.contact ?? b.person({ born: [1970, 1998] });
    if (!options.contact) b.link('employee', contact, company, { role: title, validFrom: rng.day(2010, 2024) });
    b.contact(clientId, contact, '主要联系人', title, true);
    const boss = this.bossOf.get(company.id);
    if (boss && rng.chance(0.35)) b.contact(clientId, boss, '业务对接人', company.listed ? '董事长' : '总经理', false);
    return clientId;
  }
}
