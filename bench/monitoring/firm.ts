// The synthetic firm: departments, staff (requesters, approvers), clients with revenue and history, and
// the people who receive benefits (client contacts, prospects, a few public officials).
import { dayNumber, fromDayNumber } from '../../src/core/cases/dates';
import { Random, WeightedPicker } from './random';

export const YEAR = 2026;
export const YEAR_DAYS = 365;
const YEAR_START = dayNumber(`${YEAR}-01-01`);
const yuan = (amount: number) => Math.round(amount * 100);

export const SERVICE_LINES = ['audit', 'tax', 'advisory', 'legal', 'deals', 'risk', 'valuation', 'payroll'] as const;

export interface Client {
  id: string;
  revenueMinor: number;
  department: number;
  /** Its service lines, the main one first. */
  lines: readonly string[];
  /** First day as a client, in days from 1 January (negative: before the year). */
  since: number;
  sinceText: string;
  stateOwned: boolean;
  /** Indexes of its contacts in Firm.recipients; the first is never a public official. */
  contacts: number[];
  /** Expected benefit requests in the year. */
  activity: number;
}

export interface Recipient {
  id: string;
  client: number | null;
  official: boolean;
}

export type Role = 'requester' | 'manager' | 'deputy' | 'compliance' | 'director';

export interface User {
  id: string;
  role: Role;
  department: number | null;
}

export interface Firm {
  departments: string[];
  clients: Client[];
  recipients: Recipient[];
  users: User[];
  requestersByDepartment: number[][];
  requesterPickers: WeightedPicker[];
  managers: number[][];
  deputies: number[][];
  compliance: number[];
  directors: number[];
  /** Recipients with no client: prospects and officials of regulators and bureaus. */
  prospects: number[];
  officials: number[];
  departmentPicker: WeightedPicker;
}

const dateCache = new Map<number, string>();
/** The date `offset` days after 1 January of the year. */
export function dateOf(offset: number): string {
  let text = dateCache.get(offset);
  if (text === undefined) dateCache.set(offset, (text = fromDayNumber(YEAR_START + offset)));
  return text;
}

/** Staff scale with the firm: 2,000 requesters for 50,000 clients, never fewer than 200. */
export const requesterCount = (clients: number) => Math.max(200, Math.round(clients / 25));

export function buildFirm(clientCount: number, rng: Random): Firm {
  // About a hundred requesters to a department (between 5 and 20 departments), and sixty deputies in all.
  const requesters = requesterCount(clientCount);
  const departments = Array.from({ length: Math.min(20, Math.max(5, Math.round(requesters / 100))) }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
  const deputiesEach = Math.ceil(60 / departments.length);
  const departmentWeights = departments.map(() => rng.logNormal(1, 0.5));
  const departmentPicker = new WeightedPicker(departmentWeights);

  const users: User[] = [];
  const addUser = (role: Role, department: number | null) => {
    users.push({ id: `U${String(users.length + 1).padStart(5, '0')}`, role, department });
    return users.length - 1;
  };
  const requestersByDepartment: number[][] = departments.map(() => []);
  const requesterWeights: number[][] = departments.map(() => []);
  for (let i = 0; i < requesters; i += 1) {
    const department = i < departments.length ? i : departmentPicker.pick(rng);
    requestersByDepartment[department]!.push(addUser('requester', department));
    // Some relationship partners ask for many more benefits than their colleagues.
    requesterWeights[department]!.push(rng.logNormal(1, 0.8));
  }
  const managers = departments.map((_, d) => [0, 1, 2].map(() => addUser('manager', d)));
  const deputies = departments.map((_, d) => Array.from({ length: deputiesEach }, () => addUser('deputy', d)));
  const compliance = Array.from({ length: 8 }, () => addUser('compliance', null));
  const directors = Array.from({ length: 4 }, () => addUser('director', null));

  const clients: Client[] = [];
  const recipients: Recipient[] = [];
  for (let i = 0; i < clientCount; i += 1) {
    const revenueMinor = Math.min(yuan(300_000_000), Math.max(yuan(30_000), Math.round(rng.logNormal(yuan(600_000), 1.2))));
    // Most clients go back years (log-uniform up to ~27 years); about one in eight joins during the year.
    const since = rng.chance(0.12) ? rng.int(0, YEAR_DAYS - 25) : -Math.round(Math.exp(rng.float() * Math.log(10_000 / 20)) * 20);
    const lineCount = 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
    const lines = new Set<string>();
    while (lines.size < lineCount) lines.add(rng.pick(SERVICE_LINES));
    const stateOwned = rng.chance(0.08);
    const contacts: number[] = [];
    const contactCount = Math.min(8, 1 + rng.poisson(1.4));
    for (let c = 0; c < contactCount; c += 1) {
      contacts.push(recipients.length);
      recipients.push({ id: `P${String(recipients.length + 1).padStart(7, '0')}`, client: i, official: stateOwned && c > 0 && rng.chance(0.04) });
    }
    // Attention follows fees: busier clients are the bigger ones, give or take; a new client is active only once onboarded.
    const share = since > 0 ? Math.max(0, YEAR_DAYS - since - 30) / YEAR_DAYS : 1;
    const activity = Math.min(60, (revenueMinor / yuan(600_000)) ** 0.8) * rng.logNormal(1, 0.5) * share;
    clients.push({
      id: `C${String(i + 1).padStart(6, '0')}`,
      revenueMinor,
      department: departmentPicker.pick(rng),
      lines: [...lines],
      since,
      sinceText: dateOf(since),
      stateOwned,
      contacts,
      activity,
    });
  }
  const unattached = (count: number, official: boolean) =>
    Array.from({ length: count }, () => {
      recipients.push({ id: `P${String(recipients.length + 1).padStart(7, '0')}`, client: null, official });
      return recipients.length - 1;
    });
  const prospects = unattached(Math.max(100, Math.round(clientCount / 25)), false);
  const officials = unattached(Math.max(40, Math.round(clientCount / 250)), true);

  return {
    departments,
    clients,
    recipients,
    users,
    requestersByDepartment,
    requesterPickers: requesterWeights.map((w) => new WeightedPicker(w)),
    managers,
    deputies,
    compliance,
    directors,
    prospects,
    officials,
    departmentPicker,
  };
}
