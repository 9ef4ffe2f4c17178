// Shapes of the recusal API (src/modules/recusal/recusal.types.ts) as the web app reads them.
import type { Person } from '../cases/types';

export const RECUSAL_STATUSES = ['requested', 'approved', 'rejected', 'withdrawn', 'revoked'] as const;
export type RecusalStatus = (typeof RECUSAL_STATUSES)[number];
export type RecusalSource = 'suggested' | 'self' | 'case' | 'compliance';
export type RecusalAction = 'approve' | 'reject' | 'withdraw' | 'revoke';

export interface ClientRef {
  id: string;
  name: string;
}

/** A client set (客户组) a record names, with its members today. */
export interface ClientSetRef {
  id: string;
  name: string;
  status: 'active' | 'retired';
  clients: ClientRef[];
}

export interface Recusal {
  id: string;
  user: Person;
  clients: ClientRef[];
  clientSets: ClientSetRef[];
  status: RecusalStatus;
  source: RecusalSource;
  caseId: string | null;
  reason: string;
  evidence: unknown;
  startsOn: string | null;
  endsOn: string | null;
  requestedBy: Person;
  decidedBy: Person | null;
  decidedAt: string | null;
  decisionComment: string | null;
  revokedOn: string | null;
  createdAt: string;
  version: number;
}

export interface Barrier {
  id: string;
  name: string;
  clients: ClientRef[];
  clientSets: ClientSetRef[];
  walledOff: Person[];
  status: 'active' | 'revoked';
  startsOn: string | null;
  endsOn: string | null;
  reason: string;
  caseId: string | null;
  createdBy: Person;
  createdAt: string;
  revokedOn: string | null;
  version: number;
}

/** A client set (客户组) as compliance keeps it: a wall or recusal naming it follows its members. */
export interface ClientSet {
  id: string;
  name: string;
  description: string | null;
  clients: ClientRef[];
  status: 'active' | 'retired';
  createdBy: Person;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ClientSetInput {
  name: string;
  description?: string | null;
  clientIds: string[];
}

export interface Suggestion {
  user: Person | null;
  staffPartyId: string;
  client: ClientRef;
  severity: 'high' | 'medium' | 'low';
  findings: Record<string, unknown>[];
  explanation: string[];
}

export interface Restriction {
  clientId: string;
  clientName: string;
  cause: 'recused' | 'walled_off';
  recordId: string;
  explanation: string;
}

export interface Mine {
  recusals: Recusal[];
  barriers: Omit<Barrier, 'walledOff'>[];
  restrictions: Restriction[];
}

export interface DenialRow {
  user: Person;
  recused: number;
  walledOff: number;
  total: number;
  lastAt: string;
}

export interface NewRecusalInput {
  userId?: string;
  clientIds: string[];
  source?: RecusalSource;
  caseId?: string | null;
  reason: string;
  evidence?: Record<string, unknown>[] | null;
  startsOn?: string | null;
  endsOn?: string | null;
  approve?: boolean;
  comment?: string | null;
}

export interface NewBarrierInput {
  name: string;
  clientIds: string[];
  clientSetIds?: string[];
  walledOffUserIds: string[];
  startsOn?: string | null;
  endsOn?: string | null;
  reason: string;
  caseId?: string | null;
}

export const RECUSALS_API = '/api/recusals';
export const SUGGESTIONS_API = `${RECUSALS_API}/suggestions`;
export const MINE_API = `${RECUSALS_API}/mine`;
export const BARRIERS_API = `${RECUSALS_API}/barriers`;
export const DENIALS_API = `${RECUSALS_API}/denials`;
export const CLIENT_SETS_API = `${RECUSALS_API}/client-sets`;
export const clientSetApi = (id: string) => `${CLIENT_SETS_API}/${encodeURIComponent(id)}`;
export const recusalApi = (id: string, action: RecusalAction) => `${RECUSALS_API}/${encodeURIComponent(id)}/${action}`;
export const barrierRevokeApi = (id: string) => `${BARRIERS_API}/${encodeURIComponent(id)}/revoke`;

export const RECUSALS_PATH = '/recusals/manage';
export const BARRIERS_PATH = '/recusals/barriers';
export const DENIALS_PATH = '/recusals/denials';
export const MINE_PATH = '/recusals/mine';
