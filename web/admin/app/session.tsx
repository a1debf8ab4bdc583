import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, client, ok, onSessionEnded, setCsrfToken, type Schemas } from '../../shared/api.js';
import { queryClient } from '../../shared/query.js';

/** The signed-in account, its scope and abilities (GET /api/auth/me). */
export type Me = Schemas['Me'];

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
      const answer = await ok(client.GET('/api/auth/me'));
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
    queryClient.clear();
    setMe(null);
  }), []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await ok(client.POST('/api/auth/login', { body: { username, password } }));
    setCsrfToken(answer.csrfToken);
    setEnded(null);
    // Nothing read for the account before is shown to this one.
    queryClient.clear();
    setMe(answer.account);
  }, []);

  const signOut = useCallback(async () => {
    try { await ok(client.POST('/api/auth/logout')); } finally { queryClient.clear(); setMe(null); }
  }, []);

  const can = useCallback((ability: string) => Boolean(me?.abilities.includes(ability)), [me]);

  return <Context.Provider value={{ me, loading, ended, signIn, signOut, refresh, can }}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
