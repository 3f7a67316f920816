import { z } from 'zod';
import { text } from './common.js';

/**
 * 红色驿站 / 红色微站 service stations. Hours are 'HH:MM' in the prefecture's zone (Asia/Shanghai); '00:00'–'24:00'
 * means open all day. Positions are WGS-84 degrees inside the prefecture's sane box (STATION_BOUNDS).
 */
export const STATION_SERVICES = [
  'water',
  'first_aid',
  'parking',
  'rest',
  'consultation',
  'mediation',
  'charging',
  'care',
  'lost_found',
  // issue 18 §5: seed 004's 上网 (internet), seed 000's 帮办代办 (government errands done for businesses at the
  // station) and its 司机导游之家 (a home for drivers and guides)
  'wifi',
  'errands',
  'drivers_guides_home',
] as const;
export const ZStationService = z.enum(STATION_SERVICES);
export type TStationService = z.infer<typeof ZStationService>;
export const STATION_SERVICE_LABELS: Record<TStationService, { zh: string; en: string }> = {
  water: { zh: '饮水', en: 'Drinking water' },
  first_aid: { zh: '应急救护', en: 'First aid' },
  parking: { zh: '停车', en: 'Parking' },
  rest: { zh: '休息', en: 'Rest' },
  consultation: { zh: '咨询与线路指引', en: 'Information & route guidance' },
  mediation: { zh: '纠纷调解', en: 'Dispute mediation' },
  charging: { zh: '充电', en: 'Charging' },
  care: { zh: '关爱老幼', en: 'Care for the old and young' },
  lost_found: { zh: '失物招领', en: 'Lost and found' },
  wifi: { zh: '无线上网', en: 'Wi-Fi' },
  errands: { zh: '帮办代办', en: 'Help with paperwork' },
  drivers_guides_home: { zh: '司机导游之家', en: 'Drivers’ and guides’ home' },
};

export const STATION_KINDS = ['station', 'micro_station'] as const;
export const ZStationKind = z.enum(STATION_KINDS);
export type TStationKind = z.infer<typeof ZStationKind>;
export const STATION_KIND_LABELS: Record<TStationKind, { zh: string; en: string }> = {
  station: { zh: '红色驿站', en: 'Service station' },
  micro_station: { zh: '红色微站', en: 'Micro-station' },
};

/** Where a station or a route's place may stand: the prefecture (Lijiang) with a margin. */
export const STATION_BOUNDS = { minLng: 98.5, maxLng: 102.5, minLat: 25.0, maxLat: 28.8 } as const;

/** 'HH:MM' from 00:00 to 24:00 (24:00 only as a closing time, checked by the server). */
export const ZClockTime = text().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'invalid_time');

export const ZStationInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,40}$/),
  name: text().trim().min(2).max(60),
  nameEn: text().trim().max(120).nullish(),
  kind: ZStationKind,
  services: z.array(ZStationService).max(STATION_SERVICES.length),
  opensAt: ZClockTime,
  closesAt: ZClockTime,
  address: text().trim().max(200).default(''),
  addressEn: text().trim().max(300).nullish(),
  lng: z.number().finite(),
  lat: z.number().finite(),
  regionCode: text().regex(/^\d{6,12}$/),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/)
    .nullish(),
});
export type TStationInput = z.input<typeof ZStationInput>;

/** `near=lng,lat` → nearest first with distances; otherwise by region, then name. */
export const ZStationsQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  /** one code or several separated by commas: a station must offer all of them */
  service: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional(),
  kind: ZStationKind.optional(),
  near: z
    .string()
    .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,2}(\.\d+)?$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  lang: text().optional(),
});
export type TStationsQuery = z.input<typeof ZStationsQuery>;

export type TStation = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: TStationKind;
  services: TStationService[];
  opensAt: string;
  closesAt: string;
  allDay: boolean;
  /** open at the moment of the answer, in Asia/Shanghai */
  openNow: boolean;
  address: string;
  addressEn: string | null;
  lng: number;
  lat: number;
  regionCode: string;
  /** the region's and its county's names (GB/T 2260), for grouping by area */
  regionName: string | null;
  countyCode: string;
  countyName: string | null;
  countyNameEn: string | null;
  phone: string | null;
  active: boolean;
  /** metres from `near`, when asked */
  distanceMetres?: number;
  updatedAt: string;
};
