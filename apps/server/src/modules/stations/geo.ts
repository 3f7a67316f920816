import { STATION_BOUNDS } from '@zhilv/contracts';

/** Mean Earth radius (IUGG), metres: what the SQL distance uses too. */
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function haversineMetres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A position inside the prefecture's sane box (typos such as swapped lng/lat or a missing digit fall outside). */
export const insideBounds = (p: { lng: number; lat: number }) =>
  p.lng >= STATION_BOUNDS.minLng &&
  p.lng <= STATION_BOUNDS.maxLng &&
  p.lat >= STATION_BOUNDS.minLat &&
  p.lat <= STATION_BOUNDS.maxLat;

/** `lng,lat` from a query string, or undefined. */
export function parseNear(near: string | undefined): { lng: number; lat: number } | undefined {
  if (!near) return undefined;
  const [lng, lat] = near.split(',').map(Number);
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) return undefined;
  return { lng, lat };
}
