import { ROLES, type TEntryVisibility, type TIMELINE_ACTIONS, type TRole } from '@zhilv/contracts';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { TActor } from '../../platform/actor.js';
import type { TSubscriber } from '../../platform/events.js';
import type { TWorkOrderAction } from './state-machine.js';
import { workOrders } from './work-orders.tables.js';

/**
 * Who may do what to a work order — the one rule, answered for one order (`can`) and for a set of orders
 * (`visibleWhere`, the same rule as SQL for the store's lists and exports). Detail, lists, exports, live events
 * and files all ask here; nothing else decides who sees an order. The state machine then says whether now.
 */
export type TWorkOrderVerb = 'view' | TWorkOrderAction;

/** The part of an order the rule reads (a row of work_orders, or a reference another module holds). */
export type TOrderFacts = {
  departmentId: string | null;
  coDepartmentIds: string[];
  reporterUserId: string | null;
  businessId: string | null;
  businessInvolved: boolean;
  source: string;
};

/**
 * Which orders an actor reaches, as data: dispatchers and leaders all; department staff their department's (lead
 * or co); the tourist or grid worker who filed it; the business concerned once it was asked to answer; anyone
 * else none. `can` and `visibleWhere` are both read off this, so they cannot disagree.
 */
type TReach =
  | { all: true }
  | { departmentId: string }
  | { reporterUserId: string }
  | { businessId: string }
  | { none: true };

function reachOf(actor: TActor): TReach {
  switch (actor.role) {
    case 'dispatcher':
    case 'leader':
      return { all: true };
    case 'department_staff':
    case 'department_head':
      return actor.departmentId ? { departmentId: actor.departmentId } : { none: true };
    case 'tourist':
    case 'grid_worker':
      return actor.id ? { reporterUserId: actor.id } : { none: true };
    case 'business':
      return actor.businessId ? { businessId: actor.businessId } : { none: true };
    default:
      return { none: true };
  }
}

function reaches(r: TReach, o: TOrderFacts): boolean {
  if ('all' in r) return true;
  if ('departmentId' in r) return o.departmentId === r.departmentId || o.coDepartmentIds.includes(r.departmentId);
  if ('reporterUserId' in r) return o.reporterUserId === r.reporterUserId;
  if ('businessId' in r) return o.businessId === r.businessId && o.businessInvolved;
  return false;
}

/** The actions each role may take on an order it can see. */
const ROLE_ACTIONS: Partial<Record<TRole, readonly TWorkOrderAction[]>> = {
  dispatcher: ['dispatch', 'urge', 'merge', 'unfounded', 'decide_time', 'follow_up', 'review_dispute'],
  leader: ['urge'],
  department_staff: [
    'accept',
    'return',
    'transfer',
    'request_material',
    'involve_business',
    'reply',
    'resolve',
    'request_time',
    'end_suspension',
    'dispute',
  ],
  // the head urges the department's own overdue orders (the overdue list); mayAct keeps it to the lead department
  department_head: [
    'accept',
    'return',
    'transfer',
    'request_material',
    'involve_business',
    'reply',
    'resolve',
    'urge',
    'request_time',
    'end_suspension',
    'dispute',
  ],
  tourist: ['supply_material', 'rate'],
  business: ['business_reply'],
};

/** May this actor do this to this order (its state aside: that is the state machine's answer)? */
export function can(actor: TActor, verb: TWorkOrderVerb, o: TOrderFacts): boolean {
  if (!reaches(reachOf(actor), o)) return false;
  if (verb === 'view') return true;
  if (!(ROLE_ACTIONS[actor.role as TRole] ?? []).includes(verb)) return false;
  // Only the lead department handles; co-departments see and contribute through the lead.
  if (actor.role === 'department_staff' || actor.role === 'department_head')
    return o.departmentId === actor.departmentId;
  if (actor.role === 'tourist') return o.source === 'portal' && o.reporterUserId === actor.id;
  // A portal tourist rates the answer; the command center calls back only those who filed some other way.
  if (verb === 'follow_up') return !(o.source === 'portal' && o.reporterUserId);
  return true;
}

/** The orders this actor may view, as a condition on work_orders; undefined means every order. */
export function visibleWhere(actor: TActor): SQL | undefined {
  const r = reachOf(actor);
  if ('all' in r) return undefined;
  if ('departmentId' in r)
    return or(
      eq(workOrders.departmentId, r.departmentId),
      sql`${r.departmentId}::uuid = any(${workOrders.coDepartmentIds})`,
    );
  if ('reporterUserId' in r) return eq(workOrders.reporterUserId, r.reporterUserId);
  if ('businessId' in r) return and(eq(workOrders.businessId, r.businessId), eq(workOrders.businessInvolved, true));
  return sql`false`;
}

/**
 * The department whose queue this actor reads, when the visible set is exactly "lead or co-department of it":
 * the store then pages it from its two indexes instead of the OR that defeats them (same rows, work-orders.store.ts).
 */
export function departmentQueueOf(actor: TActor): string | null {
  const r = reachOf(actor);
  return 'departmentId' in r ? r.departmentId : null;
}

/**
 * Who reads each kind of timeline entry unless its author chose (a reply or resolve may be shown to the business
 * too): the complaint itself everyone who sees the order; what is said to the tourist the tourist; the exchange with
 * the business the business; notes between handlers — a department's reason to return or transfer, the classifier,
 * reminders, urges, escalations, merges — no one else. Migration 0011 classified existing entries by this table.
 */
export const ENTRY_VISIBILITY: Record<(typeof TIMELINE_ACTIONS)[number], TEntryVisibility> = {
  submit: 'all',
  classify: 'internal',
  dispatch: 'tourist',
  accept: 'tourist',
  return: 'internal',
  transfer: 'internal',
  request_material: 'tourist',
  supply_material: 'tourist',
  involve_business: 'business',
  business_reply: 'business',
  reply: 'tourist',
  resolve: 'tourist',
  rate: 'tourist',
  reopen: 'tourist',
  urge: 'internal',
  merge: 'internal',
  unfounded: 'tourist',
  remind: 'internal',
  overdue: 'tourist',
  escalate: 'internal',
  close: 'tourist',
  compensate: 'tourist',
  // the department's request is between handlers; an approval (and a suspension's end) is told to the tourist
  request_time: 'internal',
  decide_time: 'tourist',
  end_suspension: 'tourist',
  follow_up: 'tourist',
  // a department's dispute and the command center's review are between handlers; a re-dispatch tells the tourist
  dispute: 'internal',
  review_dispute: 'internal',
  transfer_notice: 'tourist',
};

/** The default for an entry kind named as text (the demo loader); an unknown kind stays internal. */
export function entryVisibilityOf(action: string): TEntryVisibility {
  const byKind: Readonly<Record<string, TEntryVisibility>> = ENTRY_VISIBILITY;
  return Object.hasOwn(byKind, action) ? byKind[action] : 'internal';
}

/** Handlers read every entry of the orders they see; the others only what was addressed to them. */
const HANDLERS = new Set<string>(['dispatcher', 'leader', 'department_staff', 'department_head', 'system']);

/**
 * The timeline entries this actor may read on an order it can view, by visibility. The business concerned reads
 * what it was asked and answered and what the department chose to show it; whoever filed reads what was addressed
 * to them. An internal note (a department's reason to return or transfer, reminders, urges) reaches handlers only.
 */
export function readableEntries(actor: TActor, o: TOrderFacts): readonly TEntryVisibility[] {
  if (HANDLERS.has(actor.role)) return ['internal', 'business', 'tourist', 'all'];
  if (!can(actor, 'view', o)) return [];
  if (actor.role === 'business') return ['business', 'all'];
  return ['tourist', 'all'];
}

/** Does this reader see the entries' author by name (handlers do; the tourist sees the department)? */
export const seesActorNames = (actor: TActor) => actor.role !== 'tourist' && actor.role !== 'anonymous';

/** Handlers do not see who filed a report (举报) that asked to stay anonymous. */
export function mayKnowReporter(actor: TActor, o: TWorkOrderFactsWithAnonymity): boolean {
  if (o.reporterUserId && o.reporterUserId === actor.id) return true;
  if (o.anonymous) return false;
  return actor.role === 'dispatcher' || actor.role === 'department_staff' || actor.role === 'department_head';
}
type TWorkOrderFactsWithAnonymity = { reporterUserId: string | null; anonymous: boolean };

const isRole = (r: string): r is TRole => (ROLES as readonly string[]).includes(r);

/** A live-event subscriber as the actor the rule reads (platform/events.ts keeps only these fields). */
export function subscriberActor(s: TSubscriber): TActor {
  return {
    id: s.userId,
    role: isRole(s.role) ? s.role : 'anonymous',
    displayName: '',
    departmentId: s.departmentId,
    businessId: s.businessId,
    ip: null,
  };
}
