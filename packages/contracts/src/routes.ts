import { z } from 'zod';
import { text } from './common.js';

/** 旅游线路: themed routes with ordered stops (a business, a station, or a named place with its position). */
export const ROUTE_THEMES = ['red', 'culture', 'nature', 'food', 'family'] as const;
export const ZRouteTheme = z.enum(ROUTE_THEMES);
export type TRouteTheme = z.infer<typeof ZRouteTheme>;
export const ROUTE_THEME_LABELS: Record<TRouteTheme, { zh: string; en: string }> = {
  red: { zh: '红色教育', en: 'Red tourism' },
  culture: { zh: '历史文化', en: 'History & culture' },
  nature: { zh: '自然生态', en: 'Nature' },
  food: { zh: '美食体验', en: 'Food' },
  family: { zh: '亲子休闲', en: 'Family' },
};

export const ROUTE_MAX_STOPS = 20;

/**
 * A stop as admins send it. With `businessId` or `stationId` its name and position are copied from that place
 * (a given name overrides the copied one); a free place needs `name`, `lng` and `lat`. `seq` runs 1..n.
 */
export const ZRouteStopInput = z.strictObject({
  seq: z.number().int().min(1).max(ROUTE_MAX_STOPS),
  businessId: text().uuid().nullish(),
  stationId: text().uuid().nullish(),
  name: text().trim().max(60).nullish(),
  nameEn: text().trim().max(120).nullish(),
  note: text().trim().max(500).nullish(),
  noteEn: text().trim().max(1000).nullish(),
  lng: z.number().finite().nullish(),
  lat: z.number().finite().nullish(),
});
export type TRouteStopInput = z.input<typeof ZRouteStopInput>;

export const ZRouteInput = z.strictObject({
  name: text().trim().min(2).max(60),
  nameEn: text().trim().max(120).nullish(),
  theme: ZRouteTheme,
  summary: text().trim().max(1000).default(''),
  summaryEn: text().trim().max(2000).nullish(),
  durationMinutes: z
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 60)
    .nullish(),
  stops: z.array(ZRouteStopInput).max(ROUTE_MAX_STOPS),
});
export type TRouteInput = z.input<typeof ZRouteInput>;

export const ZRoutesQuery = z.object({
  theme: ZRouteTheme.optional(),
  lang: text().optional(),
});

export type TRouteStop = {
  seq: number;
  businessId: string | null;
  stationId: string | null;
  name: string;
  nameEn: string | null;
  note: string | null;
  noteEn: string | null;
  lng: number;
  lat: number;
};

export type TRouteSummary = {
  id: string;
  name: string;
  nameEn: string | null;
  theme: TRouteTheme;
  summary: string;
  summaryEn: string | null;
  durationMinutes: number | null;
  published: boolean;
  stopCount: number;
  /** first stops' names, for cards */
  stopNames: string[];
  /** the same stops' English names, the Chinese one where a stop has none */
  stopNamesEn: string[];
  updatedAt: string;
};
export type TRoute = TRouteSummary & { stops: TRouteStop[]; lengthMetres: number };
