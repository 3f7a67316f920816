import { useQuery } from '@tanstack/react-query';
import type { TStation, TStationService } from '@zhilv/contracts';
import { api, qs } from '../../../lib/api';

export type TPos = { lng: number; lat: number };

export const useStations = (f: { services?: TStationService[]; near?: TPos | null; limit?: number }) =>
  useQuery({
    queryKey: ['portal', 'stations', f.services?.join(',') ?? '', f.near?.lng, f.near?.lat, f.limit],
    queryFn: () =>
      api.get<TStation[]>(
        `/api/stations${qs({
          service: f.services?.length ? f.services.join(',') : undefined,
          near: f.near ? `${f.near.lng.toFixed(5)},${f.near.lat.toFixed(5)}` : undefined,
          limit: f.limit,
        })}`,
      ),
    staleTime: 60_000,
  });

export const useStation = (id: string | undefined) =>
  useQuery({
    queryKey: ['portal', 'station', id],
    queryFn: () => api.get<TStation>(`/api/stations/${id}`),
    enabled: !!id,
  });

/** 850 m / 2.3 km, in the language on screen. */
export function fmtDistance(m: number, en: boolean): string {
  if (m < 1000) return en ? `${m} m` : `${m} 米`;
  const km = m < 10_000 ? (m / 1000).toFixed(1) : String(Math.round(m / 1000));
  return en ? `${km} km` : `${km} 公里`;
}

/** The position only when the browser already allows it: the home page does not ask on arrival. */
export async function positionIfGranted(get: () => Promise<TPos | null>): Promise<TPos | null> {
  try {
    const p = await navigator.permissions?.query({ name: 'geolocation' as PermissionName });
    if (p?.state !== 'granted') return null;
  } catch {
    return null;
  }
  return get();
}
