import { eq, type SQL, sql } from 'drizzle-orm';
import type { TActor } from '../../platform/actor.js';
import { ratings } from './ratings.tables.js';

/**
 * Who may do what to a rated target (its code, its ratings) and to a rating — one rule per object type, answered
 * for one object (`canTarget`, `canRating`) and for a set (`targetsVisibleWhere`, `ratingsVisibleWhere`).
 *
 * Targets: the system admin manages and prints every code; a business account only its own business's code (it
 * prints the sheet for its counter, replaces a code that went missing, and reads what tourists said about it). The
 * command center (dispatcher, leader) reads codes and ratings for supervision, but prints and replaces nothing.
 * Ratings: a tourist sees and changes only their own; its photos, its author and whoever reads the target.
 */
export type TTargetVerb = 'read' | 'print' | 'replace';
type TTargetFacts = { targetType: string; targetId: string };

const ownBusiness = (actor: TActor, t: TTargetFacts) =>
  actor.role === 'business' && !!actor.businessId && t.targetType === 'business' && t.targetId === actor.businessId;
const readsEveryTarget = (actor: TActor) =>
  actor.role === 'system_admin' || actor.role === 'dispatcher' || actor.role === 'leader';

export function canTarget(actor: TActor, verb: TTargetVerb, t: TTargetFacts): boolean {
  if (verb === 'read') return readsEveryTarget(actor) || ownBusiness(actor, t);
  return actor.role === 'system_admin' || ownBusiness(actor, t);
}

/**
 * The targets this actor may read, as a condition on the store's targets relation (its columns passed in:
 * the relation is a union the store builds, ratings.store.ts); undefined means every target.
 */
export function targetsVisibleWhere(actor: TActor, t: { targetType: SQL; targetId: SQL }): SQL | undefined {
  if (readsEveryTarget(actor)) return undefined;
  if (actor.role === 'business' && actor.businessId)
    return sql`${t.targetType} = 'business' and ${t.targetId} = ${actor.businessId}`;
  return sql`false`;
}

export type TRatingVerb = 'view' | 'link' | 'read_photos';
type TRatingFacts = TTargetFacts & { touristUserId: string };

const isOwn = (actor: TActor, r: { touristUserId: string }) =>
  actor.role === 'tourist' && !!actor.id && actor.id === r.touristUserId;

export function canRating(actor: TActor, verb: TRatingVerb, r: TRatingFacts): boolean {
  if (verb === 'read_photos') return isOwn(actor, r) || canTarget(actor, 'read', r);
  return isOwn(actor, r);
}

/** Only a signed-in tourist rates. */
export const mayRate = (actor: TActor) => actor.role === 'tourist' && !!actor.id;

/** The ratings this actor may view as their own, as a condition on ratings. */
export function ratingsVisibleWhere(actor: TActor): SQL {
  return actor.role === 'tourist' && actor.id ? eq(ratings.touristUserId, actor.id) : sql`false`;
}
