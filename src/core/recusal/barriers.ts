// The access decision behind recusals (回避) and information barriers (信息隔离墙). The access module
// loads a user's records and asks these functions; every query for client data passes through it, so
// listing, reading, searching, exporting, editing and approving all get the same answer.
import type { Locale } from '../conflicts/explain';

export type RecusalStatus = 'requested' | 'approved' | 'rejected' | 'withdrawn' | 'revoked';

/**
 * A recusal of one user from clients. Only an approved one restricts: a request waits for compliance.
 * Days are YYYY-MM-DD and inclusive; no start means from approval, no end means until revoked.
 */
export interface RecusalRecord {
  id: string;
  userId: string;
  status: RecusalStatus;
  clientIds: readonly string[];
  clientSetIds?: readonly string[];
  startsOn?: string | null;
  endsOn?: string | null;
  /** The first day it no longer applies; a revoked record without one stopped applying at once. */
  revokedOn?: string | null;
}

/** An ethical wall: the users named may not touch the clients named, directly or through a client set. */
export interface InformationBarrier {
  id: string;
  name?: string | null;
  status: 'active' | 'revoked';
  clientIds: readonly string[];
  clientSetIds?: readonly string[];
  walledOffUserIds: readonly string[];
  startsOn?: string | null;
  endsOn?: string | null;
  revokedOn?: string | null;
}

/** Members of each client set (a group of companies, a deal team's clients), resolved by the caller. */
export type ClientSets = ReadonlyMap<string, readonly string[]>;

export type RestrictionCause = 'recused' | 'walled_off';

/** One reason a user may not touch one client. */
export interface Restriction {
  clientId: string;
  cause: RestrictionCause;
  recordId: string;
  /** The barrier's name, for the explanation. */
  name: string | null;
  startsOn: string | null;
  endsOn: string | null;
}

interface Dated {
  startsOn?: string | null;
  endsOn?: string | null;
  revokedOn?: string | null;
}

const inForce = (record: Dated, revoked: boolean, today: string) =>
  (!record.startsOn || record.startsOn <= today) && (!record.endsOn || record.endsOn >= today) && !(record.revokedOn ? record.revokedOn <= today : revoked);

/** Whether a recusal restricts on a day: approved, begun, not ended, not revoked by then. */
export const recusalInForce = (recusal: RecusalRecord, today: string) =>
  (recusal.status === 'approved' || recusal.status === 'revoked') && inForce(recusal, recusal.status === 'revoked', today);

export const barrierInForce = (barrier: InformationBarrier, today: string) => inForce(barrier, barrier.status === 'revoked', today);

/** Clients a record names, directly or through its sets, once each. A set not in `clientSets` names none. */
function clientsNamed(record: { clientIds: readonly string[]; clientSetIds?: readonly string[] }, clientSets: ClientSets): string[] {
  const named = new Set(record.clientIds);
  for (const setId of record.clientSetIds ?? []) for (const clientId of clientSets.get(setId) ?? []) named.add(clientId);
  return [...named];
}

/** Client sets the records name that the caller did not resolve; the access module should treat these as a fault. */
export function unresolvedClientSets(recusals: readonly RecusalRecord[], barriers: readonly InformationBarrier[], clientSets: ClientSets): string[] {
  const missing = new Set<string>();
  for (const record of [...recusals, ...barriers]) for (const setId of record.clientSetIds ?? []) if (!clientSets.has(setId)) missing.add(setId);
  return [...missing].sort();
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every restriction on the user in force today, one per record and client, sorted by client then
 * recusals before barriers. Records of other users are ignored, so the caller may pass them all.
 */
export function restrictionsOf(userId: string, recusals: readonly RecusalRecord[], barriers: readonly InformationBarrier[], today: string, clientSets: ClientSets = new Map()): Restriction[] {
  const found: Restriction[] = [];
  for (const recusal of recusals) {
    if (recusal.userId !== userId || !recusalInForce(recusal, today)) continue;
    for (const clientId of clientsNamed(recusal, clientSets))
      found.push({ clientId, cause: 'recused', recordId: recusal.id, name: null, startsOn: recusal.startsOn ?? null, endsOn: recusal.endsOn ?? null });
  }
  for (const barrier of barriers) {
    if (!barrier.walledOffUserIds.includes(userId) || !barrierInForce(barrier, today)) continue;
    for (const clientId of clientsNamed(barrier, clientSets))
      found.push({ clientId, cause: 'walled_off', recordId: barrier.id, name: barrier.name ?? null, startsOn: barrier.startsOn ?? null, endsOn: barrier.endsOn ?? null });
  }
  return found.sort(
    (a, b) =>
      compare(a.clientId, b.clientId) ||
      compare(a.cause, b.cause) ||
      compare(a.recordId, b.recordId) ||
      compare(a.startsOn ?? '', b.startsOn ?? '') ||
      compare(a.endsOn ?? '', b.endsOn ?? '') ||
      compare(a.name ?? '', b.name ?? ''),
  );
}

/** The clients the user may not list, read, search, export, edit or approve today. */
export function restrictedClientIds(userId: string, recusals: readonly RecusalRecord[], barriers: readonly InformationBarrier[], today: string, clientSets: ClientSets = new Map()): Set<string> {
  return new Set(restrictionsOf(userId, recusals, barriers, today, clientSets).map((r) => r.clientId));
}

/** The restrictions on the user for one client, for the refusal message and the supervision log. */
export function restrictionsFor(
  userId: string,
  clientId: string,
  recusals: readonly RecusalRecord[],
  barriers: readonly InformationBarrier[],
  today: string,
  clientSets: ClientSets = new Map(),
): Restriction[] {
  return restrictionsOf(userId, recusals, barriers, today, clientSets).filter((r) => r.clientId === clientId);
}

/** Kept out of the client by a recusal or a barrier. */
export function isRestricted(userId: string, clientId: string, recusals: readonly RecusalRecord[], barriers: readonly InformationBarrier[], today: string, clientSets: ClientSets = new Map()): boolean {
  return restrictionsFor(userId, clientId, recusals, barriers, today, clientSets).length > 0;
}

/** Kept out of the client by an information barrier in particular. */
export function isWalledOff(userId: string, clientId: string, barriers: readonly InformationBarrier[], today: string, clientSets: ClientSets = new Map()): boolean {
  return restrictionsFor(userId, clientId, [], barriers, today, clientSets).length > 0;
}

/**
 * Why an approval chain passes over the user for a client's request, or null. A recusal is named
 * before a barrier: it is the user's own, about this client.
 */
export function chainSkipReason(
  userId: string,
  clientId: string,
  recusals: readonly RecusalRecord[],
  barriers: readonly InformationBarrier[],
  today: string,
  clientSets: ClientSets = new Map(),
): RestrictionCause | null {
  return restrictionsFor(userId, clientId, recusals, barriers, today, clientSets)[0]?.cause ?? null;
}

function period(r: Pick<Restriction, 'startsOn' | 'endsOn'>, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (r.startsOn && r.endsOn) return zh ? `${r.startsOn} 至 ${r.endsOn}` : `${r.startsOn} to ${r.endsOn}`;
  if (r.startsOn) return zh ? `自 ${r.startsOn} 起` : `from ${r.startsOn}`;
  if (r.endsOn) return zh ? `至 ${r.endsOn}` : `until ${r.endsOn}`;
  return zh ? '未设结束日期' : 'no end date';
}

/** A restriction in words, for the refusal a user sees and the entry a supervisor reads. */
export function explainRestriction(restriction: Restriction, locale: Locale, clientName: string = restriction.clientId): string {
  const when = period(restriction, locale);
  if (locale === 'zh-CN') {
    const what = `不得查看、检索、导出、编辑或审批客户「${clientName}」的任何记录`;
    return restriction.cause === 'recused'
      ? `已回避（回避记录 ${restriction.recordId}，${when}）：${what}`
      : `受信息隔离墙「${restriction.name ?? restriction.recordId}」限制（${when}）：${what}`;
  }
  const what = `may not list, read, search, export, edit or approve anything of the client ${clientName}`;
  return restriction.cause === 'recused'
    ? `Recused (recusal ${restriction.recordId}, ${when}): ${what}`
    : `Behind the information barrier "${restriction.name ?? restriction.recordId}" (${when}): ${what}`;
}

/** Why an approver was passed over, for the approval chain's record. */
export function chainSkipText(reason: RestrictionCause, locale: Locale): string {
  if (reason === 'recused') return locale === 'zh-CN' ? '已回避该客户，审批跳过' : 'Recused from this client: skipped';
  return locale === 'zh-CN' ? '受信息隔离墙限制，审批跳过' : 'Behind an information barrier for this client: skipped';
}
