import type { Permission, Role } from '../core/access';
import type { ClientScope } from './access/client-scope';

/** Who is acting: a signed-in user (via session or API token) or the system itself (CLI, jobs, seed). */
export interface Principal {
  userId: string;
  username: string;
  roles: Role[];
  permissions: Permission[];
  via: 'session' | 'token';
  sessionId?: string;
}

/** What a service needs to know about the caller to check access and write the audit trail. */
export interface RequestContext {
  principal: Principal | null;
  requestId: string | null;
  ip: string | null;
  /** The clients a recusal or barrier keeps the caller out of; absent for the system (CLI, jobs, seed). */
  clientScope?: ClientScope;
}

export const systemContext = (label = 'system'): RequestContext => ({ principal: null, requestId: label, ip: null });
