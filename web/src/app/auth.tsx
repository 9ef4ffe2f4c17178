import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api';

export interface Department {
  id: string;
  code: string;
  name: string;
  /** English name, when the server has one. */
  nameEn?: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  department: Department | null;
  roles: string[];
  permissions: string[];
}

interface Session {
  user: Me;
  csrfToken: string;
}

interface AuthValue {
  /** undefined while the session is being checked, null when signed out. */
  user: Me | null | undefined;
  /** Set when the session could not be checked at all (server down), as opposed to signed out. */
  sessionError: Error | null;
  retrySession(): void;
  /** True after the user signed out themselves, so the login page is not asked to return anywhere. */
  signedOut: boolean;
  /** Holds the permission, or any one of a list; nothing asked is always allowed. */
  can(permission: string | readonly string[] | undefined): boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const ME_KEY = ['me'];
const AuthContext = createContext<AuthValue | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    const session = await api.get<Session>('/api/auth/me');
    setCsrfToken(session.csrfToken);
    return session.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false });
  const user = me.data;
  const { refetch } = me;
  const [signedOut, setSignedOut] = useState(false);

  // Forget everything cached for the previous user so nothing leaks into the next session.
  // The 'me' query itself is only overwritten: removing it would orphan its observer.
  const forgetOtherQueries = useCallback(
    () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] }),
    [queryClient],
  );

  const endSession = useCallback(() => {
    setCsrfToken(null);
    forgetOtherQueries();
    queryClient.setQueryData(ME_KEY, null);
  }, [queryClient, forgetOtherQueries]);

  useEffect(() => {
    setUnauthorizedHandler(endSession);
    return () => setUnauthorizedHandler(null);
  }, [endSession]);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      sessionError: me.error,
      retrySession: () => void refetch(),
      signedOut,
      can: (permission) => !permission || [permission].flat().some((p) => user?.permissions.includes(p) ?? false),
      async login(username, password) {
        const session = await api.post<Session>('/api/auth/login', { username, password });
        forgetOtherQueries();
        setSignedOut(false);
        setCsrfToken(session.csrfToken);
        queryClient.setQueryData(ME_KEY, session.user);
      },
      async logout() {
        setSignedOut(true);
        try {
          await api.post('/api/auth/logout');
        } finally {
          endSession();
        }
      },
    }),
    [user, me.error, refetch, signedOut, queryClient, forgetOtherQueries, endSession],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside AuthProvider');
  return value;
}

/** The signed-in user; only for components rendered behind the auth guard. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe used outside an authenticated route');
  return user;
}
