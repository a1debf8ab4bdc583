/**
 * Every read of the web clients goes through react-query, keyed by the address it reads (with
 * its filters and cursor), so an answer is always shown for the address that asked for it: a
 * quick change of filters can no longer show the answer of the filters before. Writes invalidate
 * the addresses they change (`invalidateApi('/api/stations')`), and the screens showing them
 * read again.
 */
import { keepPreviousData, QueryClient, useMutation, useQuery, type Query, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, get } from './api.js';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // As before: one request per screen opened, errors shown at once (a 403 or 404 does not get better on retrying).
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/** The client both entries share (one per page load). */
export const queryClient = createQueryClient();

/** The key of a read: the address with its query string. */
export const apiKey = (url: string) => ['api', url] as const;

const under = (prefix: string) => (query: Query) => {
  const [scope, url] = query.queryKey as [unknown, unknown];
  if (scope !== 'api' || typeof url !== 'string') return false;
  return url === prefix || url.startsWith(`${prefix}?`) || url.startsWith(`${prefix}/`);
};

/** Marks every read at `prefix` (its query strings and sub-paths too) as stale; the ones on screen read again. */
export function invalidateApi(...prefixes: string[]): Promise<void> {
  return Promise.all(prefixes.map((prefix) => queryClient.invalidateQueries({ predicate: under(prefix) }))).then(() => undefined);
}

/**
 * Reads `url` (null: nothing to read yet). `T` names the answer's schema from the generated
 * API types, e.g. `useApiQuery<Schemas['CaseDetail']>(`/api/cases/${id}`)`.
 */
export function useApiQuery<T>(url: string | null, options: { keepPrevious?: boolean } = {}): UseQueryResult<T, ApiError> {
  return useQuery<T, ApiError>({
    queryKey: apiKey(url ?? ''),
    queryFn: () => get<T>(url!),
    enabled: url !== null,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

/**
 * A write: runs `write`, then invalidates the reads at `invalidates` (addresses or a function of
 * the answer), so the screens showing them read again.
 */
export function useApiMutation<A, V = void>(write: (vars: V) => Promise<A>, invalidates: string[] | ((answer: A, vars: V) => string[])) {
  return useMutation<A, ApiError, V>({
    mutationFn: write,
    onSuccess: (answer, vars) => invalidateApi(...(typeof invalidates === 'function' ? invalidates(answer, vars) : invalidates)),
  });
}

/** The text of an error for an Alert. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * One record read at `url`: its data (null until it comes), the error, `set` to put the answer
 * of a write in its place, and `reload`.
 */
export function useApiRecord<T>(url: string | null) {
  const query = useApiQuery<T>(url);
  const set = useCallback((value: T) => { if (url) queryClient.setQueryData(apiKey(url), value); }, [url]);
  const reload = useCallback(() => (url ? invalidateApi(url) : Promise.resolve()), [url]);
  return { data: query.data ?? null, error: query.error ?? null, loading: query.isFetching, set, reload };
}
