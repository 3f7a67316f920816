import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  TCreditHit,
  TCreditRecord,
  TDirectoryBusiness,
  TDirectoryCounty,
  TDirectoryPage,
  TDirectoryQuery,
} from '@zhilv/contracts';
import { api, qs } from '../../../lib/api';

export type TDirectoryFilter = Pick<TDirectoryQuery, 'kind' | 'region' | 'q' | 'badge'>;
const PAGE = 15;

export const useDirectory = (f: TDirectoryFilter) =>
  useInfiniteQuery({
    queryKey: ['portal', 'dir', f],
    initialPageParam: 1,
    queryFn: ({ pageParam }) =>
      api.get<TDirectoryPage>(`/api/directory/businesses${qs({ ...f, page: pageParam, pageSize: PAGE })}`),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

export const useCounties = () =>
  useQuery({
    queryKey: ['portal', 'dir', 'counties'],
    queryFn: () => api.get<TDirectoryCounty[]>('/api/directory/regions'),
    staleTime: 10 * 60_000,
  });

export const useDirectoryBusiness = (id: string | undefined) =>
  useQuery({
    queryKey: ['portal', 'dir', 'biz', id],
    queryFn: () => api.get<TDirectoryBusiness>(`/api/directory/businesses/${id}`),
    enabled: !!id,
  });

export const searchCredit = (q: string) => api.get<TCreditHit[]>(`/api/credit/businesses${qs({ q })}`);

export const useCreditRecord = (id: string | undefined) =>
  useQuery({
    queryKey: ['portal', 'credit', id],
    queryFn: () => api.get<TCreditRecord>(`/api/credit/businesses/${id}`),
    enabled: !!id,
  });

/** ¥388 or ¥12.50, from fen. */
export const yuan = (fen: number) => `¥${fen % 100 ? (fen / 100).toFixed(2) : String(fen / 100)}`;
