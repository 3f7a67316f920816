import { api, qs } from '../../lib/api';

export type TBizHit = {
  id: string;
  name: string;
  nameEn?: string | null;
  kind: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
};

/** The prefecture seat (Gucheng district): where the map opens when the phone does not share its position. */
export const DEFAULT_CENTRE = { lng: 100.233, lat: 26.872 };

export const searchBusinesses = (q: string) => api.get<TBizHit[]>(`/api/businesses/search${qs({ q })}`);
export const nearbyBusinesses = (p: { lng: number; lat: number }) =>
  api.get<TBizHit[]>(`/api/businesses/search${qs({ near: `${p.lng.toFixed(5)},${p.lat.toFixed(5)}` })}`);

/** The phone's position, or null after a refusal or 8 s. */
export function currentPosition(): Promise<{ lng: number; lat: number } | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }),
      () => resolve(null),
      { timeout: 8000, maximumAge: 60_000 },
    );
  });
}
