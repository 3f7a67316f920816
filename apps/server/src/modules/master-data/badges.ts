import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { getBusiness, updateBusiness } from './master-data.store.js';

/**
 * Takes badges off a business inside the caller's transaction (the credit module: a listed or D-grade business
 * loses its 示范 badges in the same transaction as the event that caused it). Badges live on businesses, so they
 * change only here; answers the badges removed (none when it had none of them).
 */
export async function withdrawBusinessBadges(
  tx: TExecutor,
  actor: TActor,
  businessId: string,
  badges: readonly string[],
  reason: string,
  at: Date,
): Promise<string[]> {
  const b = await getBusiness(tx, businessId);
  if (!b) return [];
  const removed = b.badges.filter((x) => badges.includes(x));
  if (!removed.length) return [];
  const next = b.badges.filter((x) => !badges.includes(x));
  await updateBusiness(tx, businessId, { badges: next });
  await writeAudit(
    tx,
    actor,
    {
      action: 'credit_event.expire_badges',
      objectType: 'business',
      objectId: businessId,
      before: { badges: b.badges },
      after: { badges: next, reason },
    },
    at,
  );
  return removed;
}
