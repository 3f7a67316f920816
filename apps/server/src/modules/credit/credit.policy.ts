import { type SQL, sql } from 'drizzle-orm';
import type { TActor } from '../../platform/actor.js';
import { entriesOfBusiness, entriesOfDepartment } from './credit.store.js';

/**
 * Who may do what on credit (one rule per object type). A credit file: staff who supervise read any; a business
 * its own whole file (internal events included); the public only the public record (other routes). A
 * dishonest-list entry: the proposing department's staff propose and see it, its head serves the notice and
 * decides (the objection, the listing, a repair); the business sees its own and objects and applies for repair;
 * leaders and the system admin read all. Anything else answers 404, as if it did not exist.
 */
const READERS = new Set(['department_staff', 'department_head', 'dispatcher', 'leader', 'system_admin']);
const isDept = (a: TActor) => (a.role === 'department_staff' || a.role === 'department_head') && !!a.departmentId;

export type TFileVerb = 'read_file' | 'record_event' | 'edit_rules' | 'break_pledge';

export function canFile(actor: TActor, verb: TFileVerb, subject: { type: string; id: string }): boolean {
  switch (verb) {
    case 'read_file':
      if (READERS.has(actor.role)) return true;
      return subject.type === 'business' && actor.role === 'business' && actor.businessId === subject.id;
    case 'record_event':
    case 'break_pledge':
      return isDept(actor);
    case 'edit_rules':
      return actor.role === 'system_admin';
  }
}

export type TEntryVerb = 'view' | 'notice' | 'object' | 'decide' | 'apply_repair' | 'decide_repair';
export type TEntryRef = { businessId: string; departmentId: string };

export function canEntry(actor: TActor, verb: TEntryVerb, e: TEntryRef): boolean {
  const own = actor.role === 'business' && !!actor.businessId && actor.businessId === e.businessId;
  const ownDept = isDept(actor) && actor.departmentId === e.departmentId;
  const head = ownDept && actor.role === 'department_head';
  switch (verb) {
    case 'view':
      return own || ownDept || actor.role === 'leader' || actor.role === 'system_admin';
    case 'object':
    case 'apply_repair':
      return own;
    case 'notice':
    case 'decide':
    case 'decide_repair':
      return head;
  }
}

export const mayPropose = (actor: TActor) => isDept(actor);

/** The entries this actor may see, as SQL (lists use it; `canEntry(view)` answers for one). */
export function visibleEntriesWhere(actor: TActor): SQL {
  if (actor.role === 'leader' || actor.role === 'system_admin') return sql`true`;
  if (actor.role === 'business' && actor.businessId) return entriesOfBusiness(actor.businessId);
  if (isDept(actor)) return entriesOfDepartment(actor.departmentId!);
  return sql`false`;
}
