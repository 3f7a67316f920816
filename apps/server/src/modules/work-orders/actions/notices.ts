import * as store from '../work-orders.store.js';
import type { TActionCtx } from './types.js';

export const orderRef = (c: TActionCtx) => ({ objectType: 'work_order', objectId: c.o.id });

/**
 * A text message to whoever filed the order (or, given, another order — a duplicate merged into it): their
 * account's phone, or the phone left in the suggestion box.
 */
export async function toTourist(
  c: TActionCtx,
  template: string,
  zh: string,
  en: string,
  to: { reporterUserId: string | null; contactPhone: string | null } = c.o,
) {
  const phone = to.reporterUserId ? await store.accountPhone(c.tx, to.reporterUserId) : to.contactPhone;
  if (phone) await c.deps.sms.send(c.tx, phone, template, `【智旅】${zh} ${en}`);
}

/**
 * 32号令 §15: the tourist is told that the order went to another department, named (a transfer, or a re-dispatch
 * after a dispute). The timeline's tourist-visible entry is the action's (transferNotice in disputes.ts).
 */
export async function toldOfTransfer(c: TActionCtx, to: { name: string; nameEn: string | null }) {
  await toTourist(
    c,
    'transferred',
    `工单 ${c.o.trackingNo} 已转交${to.name}办理。`,
    `Order ${c.o.trackingNo} was passed to ${to.nameEn ?? to.name}.`,
  );
}

/** A console notice to a department's staff. */
export function toDepartment(c: TActionCtx, departmentId: string, kind: string, zh: string, en: string) {
  c.outbox.notify({ role: 'department_staff', departmentId }, { kind, titleZh: zh, titleEn: en, ...orderRef(c) });
}
