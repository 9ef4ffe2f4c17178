import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export const ROLE_CODES = ['admin', 'compliance', 'manager', 'director', 'finance', 'auditor', 'staff', 'mediator'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

const COLORS: Record<RoleCode, string> = {
  admin: 'red',
  compliance: 'purple',
  manager: 'blue',
  director: 'geekblue',
  finance: 'gold',
  auditor: 'cyan',
  staff: 'default',
  mediator: 'green',
};

export function isRoleCode(code: string): code is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(code);
}

export function useRoleLabel(): (code: string) => string {
  const { t } = useTranslation();
  // Unknown codes (a role added on the server first) are shown as-is rather than hidden.
  return (code) => (isRoleCode(code) ? t(`roles.${code}`) : code);
}

export function RoleTags({ roles }: { roles: string[] }) {
  const label = useRoleLabel();
  return (
    <>
      {roles.map((code) => (
        <Tag key={code} color={isRoleCode(code) ? COLORS[code] : 'default'}>
          {label(code)}
        </Tag>
      ))}
    </>
  );
}
