import { useQuery } from '@tanstack/react-query';
import type { TDirectoryBusiness } from '@zhilv/contracts';
import { useSearchParams } from 'react-router';
import { api } from '../../../lib/api';
import type { TBizHit } from '../../lib/businesses';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The business named by `?businessId=` (from a business page's "complain about this business"), as the
 * appeal form's business picker holds it. `loading` while it is fetched; null when absent or unknown.
 */
export function usePresetBusiness(): { loading: boolean; business: TBizHit | null } {
  const [params] = useSearchParams();
  const raw = params.get('businessId');
  const id = raw && UUID.test(raw) ? raw : null;
  const q = useQuery({
    queryKey: ['portal', 'dir', 'biz', id],
    queryFn: () => api.get<TDirectoryBusiness>(`/api/directory/businesses/${id}`),
    enabled: !!id,
    retry: false,
  });
  if (!id) return { loading: false, business: null };
  if (q.isLoading) return { loading: true, business: null };
  const b = q.data;
  return {
    loading: false,
    business: b
      ? { id: b.id, name: b.name, nameEn: b.nameEn, kind: b.kind, address: b.address, lng: b.lng, lat: b.lat }
      : null,
  };
}
