import type { TAvailability, TSlot, TSpotSettings, TSpotSettingsRequest } from '@zhilv/contracts';
import { api, qs } from '../../lib/api';

export type TPublishResult = { days: number; slots: number; skippedClosedDays: string[] };
export type TDayChange = { day: string; closed: boolean; voidedBookings: number };

/** The spot's own account configures its spot: the reservations API (modules/reservations) as the console uses it. */
export const spotApi = {
  settings: (spotId: string) => api.get<TSpotSettings>(`/api/reservations/spots/${spotId}`),
  save: (spotId: string, body: TSpotSettingsRequest) =>
    api.put<TSpotSettings>(`/api/reservations/spots/${spotId}`, body),
  availability: (spotId: string, from: string, days: number) =>
    api.get<TAvailability>(`/api/reservations/spots/${spotId}/availability${qs({ from, days })}`),
  publish: (
    spotId: string,
    body: { from: string; to: string; slots?: { start: string; end: string; quota: number }[] },
  ) => api.post<TPublishResult>(`/api/reservations/spots/${spotId}/slots`, body),
  setQuota: (slotId: string, quota: number) => api.put<TSlot>(`/api/reservations/slots/${slotId}/quota`, { quota }),
  closeDay: (spotId: string, day: string, reason: string) =>
    api.put<TDayChange>(`/api/reservations/spots/${spotId}/closed-days/${day}`, { reason }),
  reopenDay: (spotId: string, day: string) =>
    api.del<TDayChange>(`/api/reservations/spots/${spotId}/closed-days/${day}`),
};
