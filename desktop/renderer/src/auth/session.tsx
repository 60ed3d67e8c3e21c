// Who is logged in. The session lives in the server's HttpOnly cookie; the renderer only asks who it is.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api } from '../api/client';
import { queryClient } from '../api/query-client';
import type { LoginResponse, SessionUser } from '../api/types';
import { realtime } from '../realtime/realtime';

export type Role = SessionUser['role'];

interface Session {
  /** undefined while asking the server, null when nobody is logged in. */
  user: SessionUser | null | undefined;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      api.get<SessionUser>('/api/auth/me').then(
        (me) => !cancelled && setUser(me),
        (error: unknown) => {
          if (cancelled) return;
          // A server that is down is not a logout: keep asking until it answers.
          if (error instanceof ApiError && error.status === 401) setUser(null);
          else retry = setTimeout(() => void ask(), 3000);
        },
      );
    void ask();
    const onExpired = () => setUser(null);
    window.addEventListener('cc:unauthenticated', onExpired);
    return () => {
      cancelled = true;
      clearTimeout(retry);
      window.removeEventListener('cc:unauthenticated', onExpired);
    };
  }, []);

  useEffect(() => {
    if (user) realtime.start();
    else if (user === null) realtime.stop();
  }, [user]);

  const login = useCallback(async (username: string, password: string) => {
    const response = await api.post<LoginResponse>('/api/auth/login', { username, password });
    queryClient.clear();
    setUser(response.user);
    realtime.restart();
    return response.user;
  }, []);

  const logout = useCallback(async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    queryClient.clear();
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export const isProvince = (role: Role | undefined) => role === 'province_admin' || role === 'province_operator';
export const isCity = (role: Role | undefined) => role === 'city_admin' || role === 'city_operator';
/** The command rooms above the counties: the province's (for every city) and a city's. */
export const isCommand = (role: Role | undefined) => isProvince(role) || isCity(role);
/** Administrators of the platform: the province's for every city, a city's for its own. */
export const isAdmin = (role: Role | undefined) => role === 'province_admin' || role === 'city_admin';
export const isCounty = (role: Role | undefined) => role === 'county_operator';
export const isSchool = (role: Role | undefined) => role === 'school_manager';

/** The page a user lands on after login. */
export function homeOf(role: Role): string {
  if (isSchool(role)) return '/school';
  if (isCounty(role)) return '/desk';
  return '/bigscreen';
}
