import { z } from 'zod';
import { permissions, roles } from '../../core/access';
import { isoDate } from '../http/schemas';

export const RoleSchema = z.enum(roles);
export const PermissionSchema = z.enum(permissions);

export const DepartmentRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const UserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  department: DepartmentRef.nullable(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
  lockedUntil: isoDate.nullable(),
  lastLoginAt: isoDate.nullable(),
  createdAt: isoDate,
});

export const MeSchema = UserSchema.pick({ id: true, username: true, displayName: true, email: true, department: true, roles: true }).extend({
  permissions: z.array(PermissionSchema),
});

export const SessionResponse = z.object({ user: MeSchema, csrfToken: z.string() });

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
});

export const ApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable(),
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});

export const CreateApiTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore and hyphen only / 仅限字母、数字、点、下划线和连字符');

export const CreateUserBody = z.object({
  username,
  displayName: z.string().trim().min(1).max(100),
  email: z.email().nullish(),
  departmentId: z.uuid().nullish(),
  roles: z.array(RoleSchema).max(roles.length),
  password: z.string().min(1).max(1000),
});

export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    email: z.email().nullable(),
    departmentId: z.uuid().nullable(),
    roles: z.array(RoleSchema).max(roles.length),
    active: z.boolean(),
  })
  .partial();

export const DepartmentSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string() });
