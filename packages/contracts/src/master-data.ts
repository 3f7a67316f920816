import { z } from 'zod';
import { text } from './common.js';

export const BUSINESS_KINDS = [
  'scenic_spot',
  'hotel',
  'homestay',
  'travel_agency',
  'shop',
  'restaurant',
  'transport',
  'entertainment',
  'online_operator',
] as const;
export const ZBusinessKind = z.enum(BUSINESS_KINDS);
export type TBusinessKind = z.infer<typeof ZBusinessKind>;

export const BUSINESS_KIND_LABELS: Record<TBusinessKind, { zh: string; en: string }> = {
  scenic_spot: { zh: 'A级旅游景区', en: 'Scenic spot' },
  hotel: { zh: '星级饭店', en: 'Hotel' },
  homestay: { zh: '旅游民宿', en: 'Homestay' },
  travel_agency: { zh: '旅行社', en: 'Travel agency' },
  shop: { zh: '购物店', en: 'Shop' },
  restaurant: { zh: '餐饮', en: 'Restaurant' },
  transport: { zh: '交通运输', en: 'Transport' },
  entertainment: { zh: '文化娱乐', en: 'Entertainment' },
  online_operator: { zh: '在线旅游经营者', en: 'Online operator' },
};

export const PRACTITIONER_KINDS = [
  'guide',
  'tour_leader',
  'narrator',
  'driver',
  'chef',
  'host',
  'livestreamer',
] as const;
export const PRACTITIONER_KIND_LABELS: Record<(typeof PRACTITIONER_KINDS)[number], { zh: string; en: string }> = {
  guide: { zh: '导游', en: 'Guide' },
  tour_leader: { zh: '领队', en: 'Tour leader' },
  narrator: { zh: '讲解员', en: 'Narrator' },
  driver: { zh: '驾驶员', en: 'Driver' },
  chef: { zh: '厨师', en: 'Chef' },
  host: { zh: '民宿主人', en: 'Host' },
  livestreamer: { zh: '主播', en: 'Livestreamer' },
};

const ZOptPhone = z
  .string()
  .regex(/^1[3-9]\d{9}$/)
  .nullish();

export const ZBusinessInput = z.strictObject({
  name: text().trim().min(2).max(100),
  nameEn: text().trim().max(150).nullish(),
  kind: ZBusinessKind,
  uscc: text().trim().toUpperCase().length(18),
  aLevel: z.number().int().min(1).max(5).nullish(),
  stars: z.number().int().min(1).max(5).nullish(),
  grade: text().max(20).nullish(),
  address: text().trim().max(200).default(''),
  lng: z.number().min(73).max(136).nullish(),
  lat: z.number().min(3).max(54).nullish(),
  regionCode: text().regex(/^\d{6,12}$/),
  gridId: text().uuid().nullish(),
  contactName: text().trim().max(50).nullish(),
  contactPhone: ZOptPhone,
});
export type TBusinessInput = z.infer<typeof ZBusinessInput>;

/** What a department is: a functional bureau, a county government, the command center, something else. */
export const DEPARTMENT_KINDS = ['bureau', 'county', 'command', 'other'] as const;
export type TDepartmentKind = (typeof DEPARTMENT_KINDS)[number];
export const DEPARTMENT_KIND_LABELS: Record<TDepartmentKind, { zh: string; en: string }> = {
  bureau: { zh: '职能部门', en: 'Functional bureau' },
  county: { zh: '县（区）政府', en: 'County government' },
  command: { zh: '指挥中心', en: 'Command center' },
  other: { zh: '其他单位', en: 'Other unit' },
};

export const ZDepartmentInput = z.strictObject({
  code: text().regex(/^[a-z][a-z0-9_]{1,40}$/),
  name: text().trim().min(2).max(60),
  nameEn: text().trim().min(2).max(100),
  regionCode: z
    .string()
    .regex(/^\d{4,12}$/)
    .nullish(),
  kind: z.enum(DEPARTMENT_KINDS).default('bureau'),
  /** an inactive department keeps its orders and history but is offered for no new work */
  active: z.boolean().default(true),
});

export const ZPractitionerInput = z.strictObject({
  name: text().trim().min(1).max(50),
  kind: z.enum(PRACTITIONER_KINDS),
  licenseNo: text().trim().max(40).nullish(),
  idNumber: text().trim().toUpperCase().length(18).nullish(),
  phone: ZOptPhone,
  businessId: text().uuid().nullish(),
  regionCode: z
    .string()
    .regex(/^\d{4,12}$/)
    .nullish(),
});

/** ZGridInput moved to grids.ts with the grids module. */

/** One row of a business import's preview: what confirming would do to it. */
export type TImportRowStatus = 'new' | 'changed' | 'unchanged' | 'invalid';
export type TImportPreviewRow = {
  /** the sheet's row number (the header is row 1) */
  row: number;
  status: TImportRowStatus;
  uscc: string | null;
  name: string | null;
  /** the existing record's id, for a changed or unchanged row */
  id: string | null;
  errors: { field: string; message: string }[];
  /** the fields a changed row changes, with the stored value and the file's */
  changes: { field: string; before: unknown; after: unknown }[];
};
/**
 * POST /api/businesses/import/preview. `token` binds the confirmation to this file and these changes: confirming
 * another file, or the same one after the records changed, is refused (409 import_preview_stale).
 */
export type TImportPreview = {
  token: string;
  counts: Record<TImportRowStatus, number>;
  rows: TImportPreviewRow[];
};
