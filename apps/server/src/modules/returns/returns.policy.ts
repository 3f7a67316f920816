import { eq, type SQL, sql } from 'drizzle-orm';
import type { TActor } from '../../platform/actor.js';
import { workOrderIdsOfDepartment } from '../work-orders/index.js';
import { returnRequests } from './returns.tables.js';

/**
 * Who may do what to a return request (无理由退货) — one rule, answered for one request (`can`) and for a set
 * (`visibleWhere`, the same rule as SQL for the list). Detail, list, the receipt file and the view's buttons all ask
 * here. The rules of the return itself (the window, the amount) are returns.rules.ts.
 */
export type TReturnVerb = 'view' | 'answer' | 'complete' | 'compensate';

/** What the rule needs of a request and of the work order it became (if it did). */
export type TReturnFacts = { touristUserId: string; businessId: string; workOrderId: string | null };
export type TOrderFacts = { departmentId: string | null; coDepartmentIds: string[] } | null;

/**
 * Which requests an actor reaches: the tourist who filed it; the shop's own business account; once registered as a
 * work order (at filing; older requests when they escalated), the command center (dispatcher, leader) and the
 * staff of the department(s) that order is assigned to. Anyone else none — and a request out of reach answers the same 404 as a missing id.
 */
type TReach =
  | { touristUserId: string }
  | { businessId: string }
  | { escalated: true }
  | { departmentId: string }
  | { none: true };

function reachOf(actor: TActor): TReach {
  switch (actor.role) {
    case 'tourist':
      return actor.id ? { touristUserId: actor.id } : { none: true };
    case 'business':
      return actor.businessId ? { businessId: actor.businessId } : { none: true };
    case 'dispatcher':
    case 'leader':
      return { escalated: true };
    case 'department_staff':
    case 'department_head':
      return actor.departmentId ? { departmentId: actor.departmentId } : { none: true };
    default:
      return { none: true };
  }
}

function reaches(r: TReach, x: TReturnFacts, order: TOrderFacts): boolean {
  if ('touristUserId' in r) return x.touristUserId === r.touristUserId;
  if ('businessId' in r) return x.businessId === r.businessId;
  if ('escalated' in r) return !!x.workOrderId;
  if ('departmentId' in r)
    return (
      !!x.workOrderId &&
      !!order &&
      (order.departmentId === r.departmentId || order.coDepartmentIds.includes(r.departmentId))
    );
  return false;
}

/**
 * May this actor do this to this request (its state aside)? Only the shop's own account answers (accepts or
 * refuses) and records the refund or exchange done; 先行赔付 is decided by the department that leads the work order or by the dispatcher — co-departments
 * and leaders only read.
 */
export function can(actor: TActor, verb: TReturnVerb, x: TReturnFacts, order: TOrderFacts): boolean {
  if (!reaches(reachOf(actor), x, order)) return false;
  switch (verb) {
    case 'view':
      return true;
    case 'answer':
    case 'complete':
      return actor.role === 'business';
    case 'compensate':
      return (
        !!order &&
        (actor.role === 'dispatcher' ||
          ((actor.role === 'department_staff' || actor.role === 'department_head') &&
            order.departmentId === actor.departmentId))
      );
  }
}

/** Only a signed-in tourist files a return for themselves. */
export const mayFile = (actor: TActor) => actor.role === 'tourist' && !!actor.id;

/** The requests this actor may view, as a condition on return_requests. */
export function visibleWhere(actor: TActor): SQL {
  const r = reachOf(actor);
  if ('touristUserId' in r) return eq(returnRequests.touristUserId, r.touristUserId);
  if ('businessId' in r) return eq(returnRequests.businessId, r.businessId);
  if ('escalated' in r) return sql`${returnRequests.workOrderId} is not null`;
  if ('departmentId' in r) return sql`${returnRequests.workOrderId} in ${workOrderIdsOfDepartment(r.departmentId)}`;
  return sql`false`;
}
