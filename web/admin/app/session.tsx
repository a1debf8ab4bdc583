import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, get, onSessionEnded, post, setCsrfToken } from '../../shared/api.js';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: 'admin' | 'staff' | 'officer' | 'deputy' | 'unit';
  roleLabel: { zh: string; en: string };
  mustChangePassword: boolean;
  scope: {
    region: { code: string; name: string; fullName: string } | null;
    stations: { id: number; name: string }[];
    deputy: { id: number; name: string } | null;
    unit: { id: number; name: string } | null;
  };
  abilities: string[];
}

interface Session {
  me: Me | null;
  loading: boolean;
  /** Why the last session ended (expired), shown on the sign-in page. */
  ended: string | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  can(ability: string): boolean;
}

const Context = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [ended, setEnded] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const answer = await get<{ account: Me; csrfToken: string }>('/api/auth/me');
      setCsrfToken(answer.csrfToken);
      setMe(answer.account);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SESSION_EXPIRED') setEnded(err.message);
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);
  // Any request that finds the session gone brings the sign-in page back, saying why when it expired.
  useEffect(() => onSessionEnded((err) => {
    if (err.code === 'SESSION_EXPIRED') setEnded(err.message);
    setMe(null);
  }), []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await post<{ account: Me; csrfToken: string }>('/api/auth/login', { username, password });
    setCsrfToken(answer.csrfToken);
    setEnded(null);
    setMe(answer.account);
  }, []);

  const signOut = useCallback(async () => {
    try { await post('/api/auth/logout'); } finally { setMe(null); }
  }, []);

  const can = useCallback((ability: string) => Boolean(me?.abilities.includes(ability)), [me]);

  return <Context.Provider value={{ me, loading, ended, signIn, signOut, refresh, can }}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
