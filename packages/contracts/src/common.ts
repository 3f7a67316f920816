import { z } from 'zod';

/** The one error shape every failing request answers with. `message` is in the request's language. */
export const ZApiError = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type TApiError = z.infer<typeof ZApiError>;

export const LOCALES = ['zh-CN', 'en'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

export const ZId = z.string().uuid();

/** Offset pagination for console tables ("共 N 条"); keyset `cursor` for long queues. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export function ZPage<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export function ZCursorPage<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A bilingual label: Chinese first, English second. */
export const ZLabel = z.object({ zh: z.string(), en: z.string() });
export type TLabel = z.infer<typeof ZLabel>;
