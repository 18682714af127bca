/** Who is signed in (GET /api/session), signing in and out. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, unwrap } from './client';
import type { Me } from './types';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Me | null> {
  try {
    const me = await unwrap(api.GET('/api/session'));
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Nothing of one user's data outlives their session; the session query itself stays observed. */
function forgetAllBut(client: QueryClient, key: readonly unknown[]): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== key[0] });
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => unwrap(api.POST('/api/session', { body: credentials })),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.setQueryData(sessionKey, me as Me);
      forgetAllBut(client, sessionKey);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/session')),
    onSettled: () => {
      setCsrfToken(null);
      client.setQueryData(sessionKey, null);
      forgetAllBut(client, sessionKey);
    },
  });
}
