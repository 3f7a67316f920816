import type { TActor } from '../../platform/actor.js';

/**
 * Who edits a business's public face. The system admin edits everything public (hours, intro, licence number,
 * badges, prices). A business account edits only its own posted prices (明码标价 is the business's own
 * declaration); badges and the licence number are conferred, not self-declared. Anyone else's business answers
 * 404, as if it did not exist.
 */
export const mayEditProfile = (actor: TActor) => actor.role === 'system_admin';

export function mayEditPrices(actor: TActor, businessId: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'business' && !!actor.businessId && actor.businessId === businessId;
}

/** Reading the editable profile: the same people as for the prices. */
export const mayReadProfile = mayEditPrices;
