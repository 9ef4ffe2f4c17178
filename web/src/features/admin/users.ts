import type { Me } from '../../app/auth';

export interface User extends Omit<Me, 'permissions'> {
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export const USERS_KEY = 'users';
