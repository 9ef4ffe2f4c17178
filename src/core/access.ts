// Roles and what each may do. Routes name one permission; this table decides who holds it.
export const roles = ['admin', 'compliance', 'manager', 'director', 'finance', 'auditor', 'staff', 'mediator'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'audit.read', // browse, export and verify the audit trail
  'users.read', // see the firm's users and their roles
  'users.manage', // create users, change roles, reset passwords
  'departments.read',
  'registry.read', // parties, clients, contacts, relationships
  'registry.write',
  'registry.import',
  'identifiers.reveal', // see ID and passport numbers in full (each view audited)
  'declarations.review',
  'conflicts.check', // run conflict checks and see the hits
  'conflicts.history', // read everyone's saved checks
  'conflicts.configure', // the firm's default match mode, hops and threshold
  'benefits.request', // draft and submit benefit requests, declare benefits received
  'benefits.approve', // decide approval steps where the chain names you
  'benefits.pay', // record payments and reversals of approved benefits
  'benefits.read_all', // every request and the ledger views and exports
  'benefits.configure', // the benefit policy, the authority matrix, blackouts and settings
  'benefits.administer', // reassign a stuck approval step, cancel a request
  'cases.report', // report a conflict of interest (opens a case)
  'cases.manage', // run conflict cases: assign, decide, close, reopen; publish the case taxonomy
  'cases.read_all', // read every conflict case
  'recusals.request', // ask to be recused (回避) from a client
  'recusals.manage', // decide and revoke recusals, set up and lift information barriers, publish the recusal rules
  'recusals.read_all', // every recusal and barrier, and the supervision report of refused attempts
  'monitoring.read', // early-warning alerts, their dashboard, the rules and the risk register
  'monitoring.triage', // review, dismiss and escalate alerts; run the sweep and the risk assessment
  'monitoring.configure', // publish rule versions and the risk assessment's schedule
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: ['users.read', 'users.manage', 'audit.read', 'departments.read', 'registry.read', 'conflicts.configure', 'benefits.configure', 'benefits.administer'],
  compliance: [
    'users.read', 'audit.read', 'departments.read', 'registry.read', 'registry.write', 'registry.import', 'identifiers.reveal', 'declarations.review',
    'conflicts.check', 'conflicts.history', 'conflicts.configure',
    'benefits.request', 'benefits.approve', 'benefits.read_all', 'benefits.configure', 'benefits.administer',
    'cases.report', 'cases.manage', 'cases.read_all',
    'recusals.request', 'recusals.manage', 'recusals.read_all',
    'monitoring.read', 'monitoring.triage', 'monitoring.configure',
  ],
  auditor: ['users.read', 'audit.read', 'departments.read', 'registry.read', 'identifiers.reveal', 'conflicts.history', 'benefits.read_all', 'cases.read_all', 'recusals.read_all', 'monitoring.read'],
  manager: ['users.read', 'departments.read', 'registry.read', 'conflicts.check', 'benefits.request', 'benefits.approve', 'cases.report', 'recusals.request'],
  director: ['users.read', 'departments.read', 'registry.read', 'benefits.approve', 'cases.report', 'recusals.request'],
  finance: ['departments.read', 'registry.read', 'benefits.pay', 'benefits.read_all', 'cases.report', 'recusals.request'],
  staff: ['departments.read', 'registry.read', 'conflicts.check', 'benefits.request', 'cases.report', 'recusals.request'],
  mediator: ['departments.read', 'registry.read', 'cases.report', 'recusals.request'],
};

export function permissionsOf(userRoles: readonly Role[]): Permission[] {
  const held = new Set<Permission>();
  for (const role of userRoles) for (const permission of grants[role]) held.add(permission);
  return permissions.filter((p) => held.has(p));
}

/** The roles that hold a permission. */
export const rolesWith = (permission: Permission): Role[] => roles.filter((role) => grants[role].includes(permission));

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
