import { describe, expect, it } from 'vitest';
import { isRole, permissionsOf, roles } from './access';
import { isAcceptablePassword } from './password-policy';

describe('permissionsOf', () => {
  it('unions the grants of several roles without duplicates', () => {
    expect(permissionsOf(['manager', 'auditor'])).toEqual([
      'audit.read', 'users.read', 'departments.read', 'registry.read', 'identifiers.reveal', 'conflicts.check', 'conflicts.history',
      'benefits.request', 'benefits.approve', 'benefits.read_all', 'cases.report', 'cases.read_all', 'recusals.request', 'recusals.read_all',
      'monitoring.read',
    ]);
  });
  it('gives staff no access to the audit trail or user management', () => {
    expect(permissionsOf(['staff'])).not.toContain('audit.read');
    expect(permissionsOf(['staff'])).not.toContain('users.manage');
  });
  it('reserves user management to admins', () => {
    for (const role of roles) expect(permissionsOf([role]).includes('users.manage')).toBe(role === 'admin');
  });
  it('knows its roles', () => {
    expect(isRole('mediator')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});

describe('password policy', () => {
  it('wants ten characters, counted as characters not bytes, and not the username', () => {
    expect(isAcceptablePassword('short', 'li.na')).toBe(false);
    expect(isAcceptablePassword('合规管理密码足够长度了', 'li.na')).toBe(true);
    expect(isAcceptablePassword('Compliance', 'compliance')).toBe(false);
  });
});
