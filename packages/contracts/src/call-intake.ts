import { z } from 'zod';
import { instant, text } from './common.js';
import { ZCategoryId, ZWorkOrderKind } from './work-orders.js';

/**
 * 热线/窗口受理: the command center logs a call (or a visitor at the counter) as a work order. A caller ID may be
 * a mobile or a landline (area code first); spaces and hyphens are dropped before the check.
 */
export const ZCallerPhone = text()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{9,11})$/, 'invalid_phone'));

export const CALL_INTAKE_SOURCES = ['hotline', 'walk_in'] as const;
/** How far back a call may be logged: a day; older ones are a paper backlog, not a call just taken. */
export const CALL_MAX_AGE_HOURS = 24;

export const ZCallIntakeRequest = z.strictObject({
  source: z.enum(CALL_INTAKE_SOURCES),
  callerPhone: ZCallerPhone,
  /** when the call came in (or the visitor arrived): the order's clocks start here, not at entry */
  calledAt: instant(),
  kind: ZWorkOrderKind,
  /** chosen by the dispatcher (the form offers the classifier's guess) */
  category: ZCategoryId,
  text: text().trim().min(5, 'too_short').max(2000),
  businessId: text().uuid().optional(),
});
export type TCallIntakeRequest = z.infer<typeof ZCallIntakeRequest>;
