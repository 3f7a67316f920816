import { useQuery } from '@tanstack/react-query';
import type { TAvailability, TBooking, TBookingStatus, TOccupancy, TSpotSettings } from '@zhilv/contracts';
import dayjs from 'dayjs';
import { api } from '../../../lib/api';
import { fmtTimeAs } from '../../../lib/format';

export type TSpotListItem = TSpotSettings & { occupancy: TOccupancy };

export const spotsKey = ['portal', 'resv', 'spots'];
export const mineKey = ['portal', 'resv', 'mine'];

/** Reservable spots with their live busy-ness; refreshed every minute while a page shows them. */
export const useSpots = () =>
  useQuery({
    queryKey: spotsKey,
    queryFn: () => api.get<TSpotListItem[]>('/api/reservations/spots'),
    refetchInterval: 60_000,
  });

export const useSpot = (spotId: string) =>
  useQuery({
    queryKey: ['portal', 'resv', 'spot', spotId],
    queryFn: () => api.get<TSpotSettings>(`/api/reservations/spots/${spotId}`),
  });

export const useOccupancy = (spotId: string) =>
  useQuery({
    queryKey: ['portal', 'resv', 'occupancy', spotId],
    queryFn: () => api.get<TOccupancy>(`/api/reservations/spots/${spotId}/occupancy`),
    refetchInterval: 60_000,
  });

/** The next 7 days (today first) with each slot's remaining places. */
export const useAvailability = (spotId: string) =>
  useQuery({
    queryKey: ['portal', 'resv', 'availability', spotId],
    queryFn: () => api.get<TAvailability>(`/api/reservations/spots/${spotId}/availability?days=7`),
  });

export const getBooking = (id: string) => api.get<TBooking>(`/api/reservations/bookings/${id}`);
export const cancelBooking = (id: string) => api.post<TBooking>(`/api/reservations/bookings/${id}/cancel`);

export const spotName = (s: { name: string; nameEn: string | null }, en: boolean) => (en && s.nameEn) || s.name;
export const slotTime = (b: { startsAt: string; endsAt: string }) =>
  `${fmtTimeAs(b.startsAt, 'HH:mm')}–${fmtTimeAs(b.endsAt, 'HH:mm')}`;
/** A booking may be cancelled while it is booked and its slot has not started (the server decides again). */
export const cancellable = (b: TBooking) => b.status === 'booked' && dayjs(b.startsAt).isAfter(dayjs());

export const STATUS_COLOR: Record<TBookingStatus, string> = {
  booked: 'primary',
  checked_in: 'success',
  cancelled: 'default',
  voided: 'danger',
};
