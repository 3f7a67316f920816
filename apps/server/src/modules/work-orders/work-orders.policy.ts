import type { TRole } from '@zhilv/contracts';
import type { TActor } from '../../platform/actor.js';
import type { TWorkOrderRow } from './work-orders.store.js';

/** The actions each role may take on an order it can see (the state machine then decides whether now). */
const ROLE_ACTIONS: Partial<Record<TRole, readonly string[]>> = {
  dispatcher: ['dispatch', 'urge', 'merge', 'unfounded'],
  leader: ['urge'],
  department_staff: ['accept', 'return', 'transfer', 'request_material', 'involve_business', 'reply', 'resolve'],
  // the head urges the department's own overdue orders (the overdue list); mayAct keeps it to the lead department
  department_head: ['accept', 'return', 'transfer', 'request_material', 'involve_business', 'reply', 'resolve', 'urge'],
  tourist: ['supply_material', 'rate'],
  business: ['business_reply'],
};

const inDepartment = (actor: TActor, o: TWorkOrderRow) =>
  !!actor.departmentId && (o.departmentId === actor.departmentId || o.coDepartmentIds.includes(actor.departmentId));

/**
 * Who may see an order: dispatchers and leaders all; department staff the orders of their department (lead or
 * co); the tourist or grid worker who filed it; the business concerned once it has been asked to answer.
 */
export function canView(actor: TActor, o: TWorkOrderRow): boolean {
  switch (actor.role) {
    case 'dispatcher':
    case 'leader':
      return true;
    case 'department_staff':
    case 'department_head':
      return inDepartment(actor, o);
    case 'tourist':
    case 'grid_worker':
      return !!actor.id && o.reporterUserId === actor.id;
    case 'business':
      return !!actor.businessId && o.businessId === actor.businessId && o.businessInvolved;
    default:
      return false;
  }
}

/** May this actor take this action on this order (ignoring its state)? */
export function mayAct(actor: TActor, action: string, o: TWorkOrderRow): boolean {
  if (!canView(actor, o)) return false;
  const allowed = ROLE_ACTIONS[actor.role as TRole] ?? [];
  if (!allowed.includes(action)) return false;
  // Only the lead department handles; co-departments see and contribute through the lead.
  if (actor.role === 'department_staff' || actor.role === 'department_head')
    return o.departmentId === actor.departmentId;
  if (actor.role === 'tourist') return o.source === 'portal' && o.reporterUserId === actor.id;
  return true;
}

/** Handlers do not see who filed a report (举报) that asked to stay anonymous. */
export function mayKnowReporter(actor: TActor, o: TWorkOrderRow): boolean {
  if (o.reporterUserId && o.reporterUserId === actor.id) return true;
  if (o.anonymous) return false;
  return actor.role === 'dispatcher' || actor.role === 'department_staff' || actor.role === 'department_head';
}
