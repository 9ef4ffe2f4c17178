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
  /** Present once the server names client sets on records. */
  clientSets?: ClientSetRef[];
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
  clientSets?: ClientSetRef[];
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
export const recusalApi = (id: string, action: RecusalAction) => `${RECUSALS_API}/${encodeURIComponent(id)}/${action}`;
export const barrierRevokeApi = (id: string) => `${BARRIERS_API}/${encodeURIComponent(id)}/revoke`;

export const RECUSALS_PATH = '/recusals/manage';
export const BARRIERS_PATH = '/recusals/barriers';
export const DENIALS_PATH = '/recusals/denials';
export const MINE_PATH = '/recusals/mine';
