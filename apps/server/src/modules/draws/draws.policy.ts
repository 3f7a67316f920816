import { type SQL, sql } from 'drizzle-orm';
import type { TActor } from '../../platform/actor.js';
import { drawPlans, drawTasks } from './draws.tables.js';

/**
 * Who may do what in 双随机、一公开 — one rule per object type, for one object (`can…`) and for a set
 * (`…VisibleWhere`). A plan belongs to its departments (several for a joint plan): their staff read it, their
 * heads plan it; leaders and the system admin reach every plan. A task is its inspectors' to record; whoever reaches
 * its plan reads it. Out of reach answers 404, like a missing id. The public sees only published records (routes).
 */
export type TPlanVerb = 'view' | 'freeze' | 'draw' | 'publish';
export type TPlanFacts = { departmentIds: string[] };
export type TTaskVerb = 'view' | 'record';
export type TTaskFacts = { inspectorIds: string[] };

type TReach = { all: true } | { departmentId: string } | { none: true };

function reachOf(actor: TActor): TReach {
  switch (actor.role) {
    case 'leader':
    case 'system_admin':
      return { all: true };
    case 'department_head':
    case 'department_staff':
      return actor.departmentId ? { departmentId: actor.departmentId } : { none: true };
    default:
      return { none: true };
  }
}

const reachesPlan = (r: TReach, p: TPlanFacts) =>
  'all' in r || ('departmentId' in r && p.departmentIds.includes(r.departmentId));

/** Planning (freeze, draw, publish) is for leaders, the system admin and the heads of the plan's departments. */
const isPlanner = (actor: TActor) =>
  actor.role === 'leader' || actor.role === 'system_admin' || actor.role === 'department_head';

export function canPlan(actor: TActor, verb: TPlanVerb, plan: TPlanFacts): boolean {
  if (!reachesPlan(reachOf(actor), plan)) return false;
  return verb === 'view' ? true : isPlanner(actor);
}

/** A new plan: a department head only for plans their own department takes part in. */
export function mayCreatePlan(actor: TActor, departmentIds: string[]): boolean {
  if (actor.role === 'leader' || actor.role === 'system_admin') return true;
  return actor.role === 'department_head' && !!actor.departmentId && departmentIds.includes(actor.departmentId);
}

export function plansVisibleWhere(actor: TActor): SQL {
  const r = reachOf(actor);
  if ('all' in r) return sql`true`;
  if ('departmentId' in r) return sql`${r.departmentId}::uuid = any(${drawPlans.departmentIds})`;
  return sql`false`;
}

/** A task: its inspectors record its result; anyone who reaches its plan reads it. */
export function canTask(actor: TActor, verb: TTaskVerb, task: TTaskFacts, plan: TPlanFacts): boolean {
  const mine = !!actor.id && task.inspectorIds.includes(actor.id);
  if (verb === 'record') return mine;
  return mine || canPlan(actor, 'view', plan);
}

/** "My tasks": the ones this actor inspects. */
export function myTasksWhere(actor: TActor): SQL {
  return actor.id ? sql`${actor.id}::uuid = any(${drawTasks.inspectorIds})` : sql`false`;
}

/** Certificates and declared relations: the system admin for every department, a head for their own. */
export function mayManageCertificates(actor: TActor, departmentId: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'department_head' && actor.departmentId === departmentId;
}

/** Whose certificates this actor lists: every department (null), one, or none (undefined). */
export function certificatesScope(actor: TActor): string | null | undefined {
  if (actor.role === 'system_admin') return null;
  if (actor.role === 'department_head' && actor.departmentId) return actor.departmentId;
  return undefined;
}

/** Whose declared relations: every one, a department's inspectors', or the actor's own. */
export function relationsScope(actor: TActor): { all: true } | { departmentId: string } | { userId: string } | null {
  if (actor.role === 'system_admin') return { all: true };
  if (actor.role === 'department_head' && actor.departmentId) return { departmentId: actor.departmentId };
  if (actor.id) return { userId: actor.id };
  return null;
}
