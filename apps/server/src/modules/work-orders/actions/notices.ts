import * as store from '../work-orders.store.js';
import type { TActionCtx } from './types.js';

export const orderRef = (c: TActionCtx) => ({ objectType: 'work_order', objectId: c.o.id });

/** A text message to whoever filed the order: their account's phone, or the phone left in the suggestion box. */
export async function toTourist(c: TActionCtx, template: string, zh: string, en: string) {
  const phone = c.o.reporterUserId ? await store.accountPhone(c.tx, c.o.reporterUserId) : c.o.contactPhone;
  if (phone) await c.deps.sms.send(c.tx, phone, template, `【智旅】${zh} ${en}`);
}

/** A console notice to a department's staff. */
export function toDepartment(c: TActionCtx, departmentId: string, kind: string, zh: string, en: string) {
  c.outbox.notify({ role: 'department_staff', departmentId }, { kind, titleZh: zh, titleEn: en, ...orderRef(c) });
}
