// The names an alert's sentence and facts show, read in a handful of batched queries per page.
import { inArray } from 'drizzle-orm';
import type { AlertReason, AlertRequestFact, AlertSubject } from '../../core/monitoring/alerts';
import type { AlertNames } from '../../core/monitoring/explain';
import { departments, users } from '../../platform/auth/auth.tables';
import type { Executor } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n/messages';
import { clientNames, partyFacts } from '../registry/screening.service';

export interface NamedAlertParts {
  subject: AlertSubject;
  requests: readonly AlertRequestFact[];
  reason: AlertReason;
  assigneeId?: string | null;
}

export interface NameBook extends AlertNames {
  userRef(id: string | null): { id: string; displayName: string } | null;
  clientRef(id: string | null): { id: string; name: string } | null;
  partyRef(id: string | null): { id: string; name: string } | null;
  departmentRef(id: string | null): { id: string; name: string } | null;
}

const idsIn = (reason: AlertReason): { users: string[]; departments: string[] } => {
  switch (reason.rule) {
    case 'related_party':
      return { users: [reason.userId], departments: [] };
    case 'approver_affinity':
      return { users: [reason.approverId, reason.requesterId], departments: [] };
    case 'cumulative_limit':
      return { users: [], departments: reason.departments.map((d) => d.departmentId) };
    case 'revenue_outlier':
      return { users: [], departments: reason.peerBy === 'department' ? [reason.peerGroup] : [] };
    default:
      return { users: [], departments: [] };
  }
};

export async function nameBook(executor: Executor, alerts: readonly NamedAlertParts[], locale: Locale): Promise<NameBook> {
  const clientIds = new Set<string>();
  const partyIds = new Set<string>();
  const userIds = new Set<string>();
  const departmentIds = new Set<string>();
  const add = (set: Set<string>, id: string | null | undefined) => id && set.add(id);
  for (const alert of alerts) {
    add(clientIds, alert.subject.clientId);
    add(partyIds, alert.subject.recipientId);
    add(userIds, alert.subject.userId);
    add(departmentIds, alert.subject.departmentId);
    add(userIds, alert.assigneeId);
    for (const r of alert.requests) {
      add(clientIds, r.clientId);
      add(partyIds, r.recipientId);
      add(userIds, r.requesterId);
      add(departmentIds, r.departmentId);
    }
    const more = idsIn(alert.reason);
    more.users.forEach((id) => add(userIds, id));
    more.departments.forEach((id) => add(departmentIds, id));
  }
  const [clientMap, partyMap, userRows, departmentRows] = await Promise.all([
    clientNames(executor, [...clientIds]),
    partyFacts(executor, [...partyIds]),
    userIds.size ? executor.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, [...userIds])) : [],
    departmentIds.size ? executor.select({ id: departments.id, name: departments.name, nameEn: departments.nameEn }).from(departments).where(inArray(departments.id, [...departmentIds])) : [],
  ]);
  const userMap = new Map(userRows.map((u) => [u.id, u.displayName]));
  const departmentMap = new Map(departmentRows.map((d) => [d.id, locale === 'en' ? d.nameEn : d.name]));
  const ref = <K extends 'name' | 'displayName'>(map: Map<string, string>, key: K) => (id: string | null) => {
    const name = id ? map.get(id) : undefined;
    return id && name !== undefined ? ({ id, [key]: name } as { id: string } & Record<K, string>) : null;
  };
  const partyNameMap = new Map([...partyMap].map(([id, p]) => [id, p.name]));
  const unknown = locale === 'en' ? '(unknown)' : '（未知）';
  return {
    client: (id) => (id ? (clientMap.get(id) ?? unknown) : unknown),
    party: (id) => (id ? (partyNameMap.get(id) ?? unknown) : unknown),
    user: (id) => (id ? (userMap.get(id) ?? unknown) : unknown),
    department: (id) => (id ? (departmentMap.get(id) ?? unknown) : unknown),
    peerGroup: (key, by) => (by === 'department' ? (departmentMap.get(key) ?? key) : key),
    userRef: ref(userMap, 'displayName'),
    clientRef: ref(clientMap, 'name'),
    partyRef: ref(partyNameMap, 'name'),
    departmentRef: ref(departmentMap, 'name'),
  };
}

/** A request an alert names, as the API shows it. */
export const requestView = (r: AlertRequestFact, names: NameBook) => ({
  id: r.requestId,
  ref: r.ref,
  amount: { amountMinor: r.amountCnyMinor, currency: 'CNY' },
  benefitDate: r.benefitDate,
  day: r.day,
  requester: names.userRef(r.requesterId),
  department: names.departmentRef(r.departmentId),
  recipient: names.partyRef(r.recipientId),
  client: names.clientRef(r.clientId),
});
