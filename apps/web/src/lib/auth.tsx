import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TMe } from '@zhilv/contracts';
import { ApiError, api, setCsrfToken } from './api';

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api.get<TMe>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useSetMe() {
  const qc = useQueryClient();
  return (me: TMe | null) => {
    if (me) setCsrfToken(me.csrfToken);
    qc.setQueryData(['me'], me);
  };
}

export async function logout() {
  await api.post('/api/auth/logout').catch(() => undefined);
  setCsrfToken('');
}
