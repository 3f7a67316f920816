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

/**
 * What no text field accepts: NUL (PostgreSQL cannot store it in text) and UTF-16 surrogates without their pair
 * (no valid UTF-8 encodes them; drivers and encoders fail on them). One rule for every request field, so such input
 * is a 400 naming the field, never a 500 from deep inside a store.
 */
const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isStorableText = (s: string) => !s.includes('\u0000') && !UNSTORABLE.test(s);

/** A string field of a request: `text().trim().max(200)` wherever a request would say `z.string()`. */
export const text = () => z.string().refine(isStorableText, { message: 'invalid_text', abort: true });

/** `YYYY-MM-DD` that names a real calendar day (no 2026-02-30, no year 0000). */
export const isCalendarDay = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
};

/** A day field of a request (a calendar day, no time, no zone). */
export const day = () => z.string().refine(isCalendarDay, { message: 'invalid_day', abort: true });

/** An ISO instant with its offset, in years 0001–9999 (PostgreSQL refuses year 0; zod's format allows it). */
export const instant = () =>
  z.iso.datetime({ offset: true }).refine((s) => isCalendarDay(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), {
    message: 'invalid_day',
    abort: true,
  });

/** A uuid in a request (path parameter, reference in a body). */
export const ZId = text().uuid();
