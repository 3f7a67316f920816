import { useQuery } from '@tanstack/react-query';
import type { TRoute, TRouteSummary, TRouteTheme } from '@zhilv/contracts';
import { api, qs } from '../../../lib/api';

export const useRoutes = (theme?: TRouteTheme) =>
  useQuery({
    queryKey: ['portal', 'routes', theme ?? ''],
    queryFn: () => api.get<TRouteSummary[]>(`/api/routes${qs({ theme })}`),
    staleTime: 5 * 60_000,
  });

export const useRoute = (id: string | undefined) =>
  useQuery({
    queryKey: ['portal', 'route', id],
    queryFn: () => api.get<TRoute>(`/api/routes/${id}`),
    enabled: !!id,
  });

/** Great-circle metres between two points (the server orders stations with the same formula). */
export function haversine(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** "2 h 30 min" / "2小时30分钟". */
export function fmtDuration(min: number | null, en: boolean): string {
  if (!min) return '—';
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (en) return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
  return `${h ? `${h}小时` : ''}${m ? `${m}分钟` : ''}`;
}

export const THEME_COLOURS: Record<TRouteTheme, string> = {
  red: '#c8161d',
  culture: '#8b5a2b',
  nature: '#22723a',
  food: '#d9367c',
  family: '#1d5fd1',
};
