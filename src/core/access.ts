// Roles and what each may do. Routes name one permission; this table decides who holds it.
export const roles = ['admin', 'compliance', 'manager', 'finance', 'auditor', 'staff', 'mediator'] as const;
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
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: ['users.read', 'users.manage', 'audit.read', 'departments.read', 'registry.read', 'conflicts.configure'],
  compliance: ['users.read', 'audit.read', 'departments.read', 'registry.read', 'registry.write', 'registry.import', 'identifiers.reveal', 'declarations.review', 'conflicts.check', 'conflicts.history', 'conflicts.configure'],
  auditor: ['users.read', 'audit.read', 'departments.read', 'registry.read', 'identifiers.reveal', 'conflicts.history'],
  manager: ['users.read', 'departments.read', 'registry.read', 'conflicts.check'],
  finance: ['departments.read', 'registry.read'],
  staff: ['departments.read', 'registry.read', 'conflicts.check'],
  mediator: ['departments.read', 'registry.read'],
};

export function permissionsOf(userRoles: readonly Role[]): Permission[] {
  const held = new Set<Permission>();
  for (const role of userRoles) for (const permission of grants[role]) held.add(permission);
  return permissions.filter((p) => held.has(p));
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
