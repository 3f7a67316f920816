import type { TActor } from '../../platform/actor.js';

/**
 * Rating codes and the ratings behind them. The system admin manages and prints every code; a business account
 * only its own business's code (it prints the sheet for its counter and reads what tourists said about it).
 * The command center (dispatcher, leader) reads codes and ratings for supervision, but prints nothing.
 */
export function mayReadTarget(actor: TActor, t: { targetType: string; targetId: string }): boolean {
  if (actor.role === 'system_admin' || actor.role === 'dispatcher' || actor.role === 'leader') return true;
  return (
    actor.role === 'business' && !!actor.businessId && t.targetType === 'business' && t.targetId === actor.businessId
  );
}

export function mayPrintSheet(actor: TActor, t: { targetType: string; targetId: string }): boolean {
  if (actor.role === 'system_admin') return true;
  return (
    actor.role === 'business' && !!actor.businessId && t.targetType === 'business' && t.targetId === actor.businessId
  );
}

/**
 * Deactivating a code and issuing a new one for the same target: whoever issues and prints codes — the system
 * admin any code, a business account its own business's code (a sheet went missing or was copied elsewhere).
 */
export const mayReplaceCode = mayPrintSheet;

/** A tourist sees and changes only their own ratings. */
export const isOwnRating = (actor: TActor, r: { touristUserId: string }) =>
  actor.role === 'tourist' && !!actor.id && actor.id === r.touristUserId;

/** Photos attached to a rating: its author, and whoever may read the rated target's ratings. */
export const mayReadRatingPhotos = (
  actor: TActor,
  r: { touristUserId: string; targetType: string; targetId: string },
) => isOwnRating(actor, r) || mayReadTarget(actor, r);
