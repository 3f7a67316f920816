import type { TActor } from '../../platform/actor.js';

/**
 * Who may do what to a business's public face — one rule, `can(actor, verb, businessId)`. The system admin edits
 * everything public (hours, intro, licence number, badges, prices). A business account reads its editable profile
 * and edits only its own posted prices (明码标价 is the business's own declaration); badges and the licence number
 * are conferred, not self-declared. Anyone else's business answers 404, as if it did not exist. The directory's
 * lists are public: there is no per-reader set to restrict, so no visibleWhere.
 */
export type TBusinessVerb = 'read_profile' | 'edit_profile' | 'edit_prices';

export function can(actor: TActor, verb: TBusinessVerb, businessId: string): boolean {
  if (actor.role === 'system_admin') return true;
  if (verb === 'edit_profile') return false;
  return actor.role === 'business' && !!actor.businessId && actor.businessId === businessId;
}
