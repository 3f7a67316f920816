import { inArray, type SQL, sql } from 'drizzle-orm';
import type { TActor } from '../../platform/actor.js';
import { grids, responsibilityLetters } from './grids.tables.js';

/**
 * Who sees and changes grids and responsibility letters — one rule per object type, read off one value, the actor's
 * reach, so the single-object answer (`can…`) and the set answer (`…VisibleWhere`) cannot drift apart (ADR 0003):
 * - the system admin edits everything;
 * - leaders, the command center (dispatcher) and department heads and staff read everything (departments read-only);
 * - a grid member (网格长 or 网格员, or the leader of a leaders' grid) reads their own grids and those grids'
 *   businesses' letters — another grid's answer is the same 404 as a missing id;
 * - a business account reads (and signs) only its own letters;
 * - anyone else nothing.
 * A grid member's reach needs their memberships (gridScopeOf), so the service builds the reach once per request.
 */
export type TGridReach =
  | { kind: 'all'; edit: boolean }
  | { kind: 'grids'; gridIds: string[]; headOfGridIds: string[]; businessIds: string[] }
  | { kind: 'business'; businessId: string }
  | { kind: 'none' };

/** Roles that read every grid without being a member of one. */
const READ_ALL = new Set(['leader', 'dispatcher', 'department_head', 'department_staff']);

/** Does this role's reach depend on grid memberships (so the caller must look them up)? */
export const needsScope = (actor: TActor) => actor.role === 'grid_worker' && !!actor.id;

export function reachOf(
  actor: TActor,
  scope?: { gridIds: string[]; headOfGridIds: string[]; businessIds: string[] },
): TGridReach {
  if (actor.role === 'system_admin') return { kind: 'all', edit: true };
  if (READ_ALL.has(actor.role)) return { kind: 'all', edit: false };
  if (actor.role === 'grid_worker' && scope) return { kind: 'grids', ...scope };
  if (actor.role === 'business' && actor.businessId) return { kind: 'business', businessId: actor.businessId };
  return { kind: 'none' };
}

export type TGridVerb = 'view' | 'edit';
export function canGrid(reach: TGridReach, verb: TGridVerb, grid: { id: string }): boolean {
  if (reach.kind === 'all') return verb === 'view' || reach.edit;
  if (reach.kind === 'grids') return verb === 'view' && reach.gridIds.includes(grid.id);
  return false;
}

/** The grids this reach may view, as a condition on `grids`. */
export function gridsVisibleWhere(reach: TGridReach): SQL {
  if (reach.kind === 'all') return sql`true`;
  if (reach.kind === 'grids' && reach.gridIds.length) return inArray(grids.id, reach.gridIds);
  return sql`false`;
}

export type TLetterVerb = 'view' | 'sign' | 'upload_scan';
export type TLetterFacts = { businessId: string; status: string; partyAUserId: string };

/**
 * Letters: only the business's own account signs, and only an unsigned letter; a signed scan is uploaded by the
 * system admin, the leader or official who signs for party A, or a member of the business's grid (who collects
 * the paper at the business).
 */
export function canLetter(reach: TGridReach, actor: TActor, verb: TLetterVerb, l: TLetterFacts): boolean {
  const sees =
    reach.kind === 'all' ||
    (reach.kind === 'grids' && reach.businessIds.includes(l.businessId)) ||
    (reach.kind === 'business' && reach.businessId === l.businessId);
  if (!sees) return false;
  switch (verb) {
    case 'view':
      return true;
    case 'sign':
      return reach.kind === 'business' && l.status === 'issued';
    case 'upload_scan':
      return (
        l.status === 'issued' &&
        ((reach.kind === 'all' && reach.edit) ||
          reach.kind === 'grids' ||
          (actor.role === 'leader' && actor.id === l.partyAUserId))
      );
  }
}

/** The letters this reach may view, as a condition on `responsibility_letters`. */
export function lettersVisibleWhere(reach: TGridReach): SQL {
  if (reach.kind === 'all') return sql`true`;
  if (reach.kind === 'grids' && reach.businessIds.length)
    return inArray(responsibilityLetters.businessId, reach.businessIds);
  if (reach.kind === 'business') return sql`${responsibilityLetters.businessId} = ${reach.businessId}`;
  return sql`false`;
}

/** Coverage (every grid's gaps) is for those who read everything. */
export const mayReadCoverage = (reach: TGridReach) => reach.kind === 'all';
