import { and, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { TActor } from '../../platform/actor.js';
import { hazards, inspections, interviews } from './inspections.tables.js';

/** What the grids module answers about a user (gridScopeOf): the grids they serve, head, and those businesses. */
export type TGridScope = { gridIds: string[]; headOfGridIds: string[]; businessIds: string[] };
export const NO_SCOPE: TGridScope = { gridIds: [], headOfGridIds: [], businessIds: [] };

/**
 * Who reaches an inspection, a hazard or an interview — one rule for the three, as they are about one business:
 * leaders and the command center everything; a grid worker their grids' businesses and what they did themselves;
 * a grid head their grid; department staff their department's; a business its own (a mystery visit only once
 * published). Anyone else nothing, and what is out of reach answers 404 as a missing id does.
 */
export type TReach =
  | { all: true }
  | { grid: TGridScope; userId: string; departmentId: string | null }
  | { businessId: string }
  | { none: true };

export function reachOf(actor: TActor, scope: TGridScope): TReach {
  switch (actor.role) {
    case 'leader':
    case 'dispatcher':
      return { all: true };
    case 'grid_worker':
    case 'department_staff':
    case 'department_head':
      return actor.id ? { grid: scope, userId: actor.id, departmentId: actor.departmentId } : { none: true };
    case 'business':
      return actor.businessId ? { businessId: actor.businessId } : { none: true };
    default:
      return { none: true };
  }
}

export type TRecordFacts = {
  businessId: string;
  gridId: string | null;
  departmentId: string | null;
  inspectorUserId?: string | null;
  supervisorUserId?: string | null;
  /** inspections only: a mystery visit not yet published is hidden from the business */
  hiddenFromBusiness?: boolean;
};

export function reaches(r: TReach, x: TRecordFacts): boolean {
  if ('all' in r) return true;
  if ('none' in r) return false;
  if ('businessId' in r) return x.businessId === r.businessId && !x.hiddenFromBusiness;
  const g = r.grid;
  return (
    (!!x.gridId && (g.gridIds.includes(x.gridId) || g.headOfGridIds.includes(x.gridId))) ||
    g.businessIds.includes(x.businessId) ||
    (!!r.departmentId && x.departmentId === r.departmentId) ||
    x.inspectorUserId === r.userId ||
    x.supervisorUserId === r.userId
  );
}

/** Roles that inspect in the field: grid workers, department inspectors, and leaders leading an inspection team. */
export const INSPECTING_ROLES = ['grid_worker', 'department_staff', 'department_head', 'leader'] as const;
const isInspector = (actor: TActor) => (INSPECTING_ROLES as readonly string[]).includes(actor.role);

/**
 * May this actor inspect this business? Leaders and department inspectors any business (their field is the
 * prefecture's sector); a grid worker only the businesses of their own grids.
 */
export function mayInspect(actor: TActor, scope: TGridScope, b: { id: string; gridId: string | null }) {
  if (!isInspector(actor)) return false;
  if (actor.role !== 'grid_worker') return true;
  return scope.businessIds.includes(b.id) || (!!b.gridId && scope.gridIds.includes(b.gridId));
}

export type THazardVerb = 'view' | 'answer' | 'review' | 'escalate';

/**
 * Only the business answers its hazard; the supervisor, the department's head and leaders re-inspect; a major
 * hazard may be escalated (work order, referral) by whoever reviews it or the department's staff.
 */
export function canHazard(actor: TActor, verb: THazardVerb, scope: TGridScope, x: TRecordFacts): boolean {
  if (!reaches(reachOf(actor, scope), x)) return false;
  switch (verb) {
    case 'view':
      return true;
    case 'answer':
      return actor.role === 'business';
    case 'review':
      return (
        actor.role === 'leader' ||
        (!!actor.id && x.supervisorUserId === actor.id) ||
        (actor.role === 'department_head' && !!actor.departmentId && x.departmentId === actor.departmentId)
      );
    case 'escalate':
      return (
        actor.role === 'leader' ||
        (!!actor.id && x.supervisorUserId === actor.id) ||
        ((actor.role === 'department_head' || actor.role === 'department_staff') &&
          !!actor.departmentId &&
          x.departmentId === actor.departmentId)
      );
  }
}

export type TInspectionVerb = 'view' | 'confirm' | 'publish';

export function canInspection(actor: TActor, verb: TInspectionVerb, scope: TGridScope, x: TRecordFacts): boolean {
  if (!reaches(reachOf(actor, scope), x)) return false;
  switch (verb) {
    case 'view':
      return true;
    case 'confirm':
      return actor.role === 'business';
    case 'publish':
      return (
        actor.role === 'leader' ||
        (!!actor.id && x.inspectorUserId === actor.id) ||
        (actor.role === 'department_head' && !!actor.departmentId && x.departmentId === actor.departmentId)
      );
  }
}

/** The same rule as SQL, for lists, the ledger, statistics and exports. */
export function inspectionsVisibleWhere(actor: TActor, scope: TGridScope): SQL {
  const r = reachOf(actor, scope);
  if ('all' in r) return sql`true`;
  if ('none' in r) return sql`false`;
  if ('businessId' in r)
    return and(eq(inspections.businessId, r.businessId), isNotNull(inspections.publishedAt)) ?? sql`false`;
  return (
    or(
      ...scopeConds(r, inspections.gridId, inspections.businessId, inspections.departmentId),
      eq(inspections.inspectorUserId, r.userId),
    ) ?? sql`false`
  );
}

export function hazardsVisibleWhere(actor: TActor, scope: TGridScope): SQL {
  const r = reachOf(actor, scope);
  if ('all' in r) return sql`true`;
  if ('none' in r) return sql`false`;
  if ('businessId' in r) return eq(hazards.businessId, r.businessId);
  return (
    or(
      ...scopeConds(r, hazards.gridId, hazards.businessId, hazards.departmentId),
      eq(hazards.supervisorUserId, r.userId),
    ) ?? sql`false`
  );
}

export function interviewsVisibleWhere(actor: TActor, scope: TGridScope): SQL {
  const r = reachOf(actor, scope);
  if ('all' in r) return sql`true`;
  if ('none' in r) return sql`false`;
  if ('businessId' in r) return eq(interviews.businessId, r.businessId);
  const conds: SQL[] = [];
  if (r.grid.businessIds.length) conds.push(inArray(interviews.businessId, r.grid.businessIds));
  if (r.departmentId) conds.push(eq(interviews.departmentId, r.departmentId));
  return or(...conds) ?? sql`false`;
}

function scopeConds(
  r: { grid: TGridScope; departmentId: string | null },
  grid: AnyPgColumn,
  business: AnyPgColumn,
  department: AnyPgColumn,
): SQL[] {
  const conds: SQL[] = [];
  const gridIds = [...r.grid.gridIds, ...r.grid.headOfGridIds];
  if (gridIds.length) conds.push(inArray(grid, gridIds));
  if (r.grid.businessIds.length) conds.push(inArray(business, r.grid.businessIds));
  if (r.departmentId) conds.push(eq(department, r.departmentId));
  return conds;
}

/** Who records and reads interviews besides the business itself: departments and leaders. */
export const mayRecordInterview = (actor: TActor) =>
  actor.role === 'leader' ||
  ((actor.role === 'department_staff' || actor.role === 'department_head') && !!actor.departmentId);
