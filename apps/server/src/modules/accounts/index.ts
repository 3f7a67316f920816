import type { TExecutor } from '../../db/client.js';
import { deleteExpiredSessions, deleteStaleAttempts } from './accounts.store.js';

export { installAdmin, resetAdmin } from './activation.js';

/** The background purge: dead sessions and stale sign-in counts. Answers how many sessions went. */
export async function purgeExpiredSessions(db: TExecutor, now: Date, idleMs: number) {
  const n = await deleteExpiredSessions(db, now, idleMs);
  await deleteStaleAttempts(db, now);
  return n;
}
