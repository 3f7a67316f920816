import type { TExecutor } from '../../db/client.js';
import { deleteExpiredSessions, deleteOldOtps, deleteStaleAttempts } from './accounts.store.js';

export { installAdmin, resetAdmin } from './activation.js';

/** The background purge: dead sessions, stale sign-in counts, spent one-time codes. Answers how many sessions went. */
export async function purgeExpiredSessions(db: TExecutor, now: Date, idleMs: number) {
  const n = await deleteExpiredSessions(db, now, idleMs);
  await deleteStaleAttempts(db, now);
  await deleteOldOtps(db, now);
  return n;
}
