import type { TActor } from '../../platform/actor.js';

/** What the policy needs of a request and of the work order it became (if it did). */
export type TReturnFacts = { touristUserId: string; businessId: string; workOrderId: string | null };
export type TOrderFacts = { departmentId: string | null; coDepartmentIds: string[] } | null;

const inDepartment = (actor: TActor, o: TOrderFacts) =>
  !!actor.departmentId &&
  !!o &&
  (o.departmentId === actor.departmentId || o.coDepartmentIds.includes(actor.departmentId));

/**
 * Who sees a return request: the tourist who filed it; the shop's own business account; once escalated, the
 * command center (dispatcher, leader) and the staff of the department(s) its work order is assigned to. Anyone
 * else gets the same 404 as for a missing id.
 */
export function mayViewReturn(actor: TActor, r: TReturnFacts, order: TOrderFacts): boolean {
  switch (actor.role) {
    case 'tourist':
      return !!actor.id && actor.id === r.touristUserId;
    case 'business':
      return !!actor.businessId && actor.businessId === r.businessId;
    case 'dispatcher':
    case 'leader':
      return !!r.workOrderId;
    case 'department_staff':
    case 'department_head':
      return !!r.workOrderId && inDepartment(actor, order);
    default:
      return false;
  }
}

/** Only the shop's own business account answers (accepts or refuses). */
export const mayAnswerReturn = (actor: TActor, r: TReturnFacts) =>
  actor.role === 'business' && !!actor.businessId && actor.businessId === r.businessId;

/**
 * 先行赔付 is decided by the department that leads the work order (its staff or head) or by the command center's
 * dispatcher; co-departments and leaders only read.
 */
export function mayCompensate(actor: TActor, r: TReturnFacts, order: TOrderFacts): boolean {
  if (!r.workOrderId || !order) return false;
  if (actor.role === 'dispatcher') return true;
  return (
    (actor.role === 'department_staff' || actor.role === 'department_head') &&
    !!actor.departmentId &&
    order.departmentId === actor.departmentId
  );
}
