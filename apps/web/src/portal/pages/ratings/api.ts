import { useQuery } from '@tanstack/react-query';
import type { TRating, TRatingCodeView } from '@zhilv/contracts';
import { api } from '../../../lib/api';

export const myRatingsKey = ['portal', 'ratings', 'mine'];

export const useRatingCode = (code: string) =>
  useQuery({
    queryKey: ['portal', 'ratings', 'code', code],
    queryFn: () => api.get<TRatingCodeView>(`/api/ratings/codes/${encodeURIComponent(code)}`),
    retry: false,
  });

export const useMyRatings = (enabled: boolean) =>
  useQuery({
    queryKey: myRatingsKey,
    queryFn: () => api.get<{ items: TRating[] }>('/api/ratings/mine'),
    enabled,
  });

/** Rating codes are 10 characters of Crockford base32; people type O for 0 and I/L for 1. */
export function normaliseCode(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/^.*\/RATE\//, '')
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
export const RATING_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** What the appeal form takes over when a low rating becomes a complaint (router state). */
export type TComplaintPrefill = {
  ratingId: string;
  text: string;
  business: { id: string; name: string; nameEn: string | null; kind: string; address: string | null } | null;
};
