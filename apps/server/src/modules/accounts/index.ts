// biome-ignore-all assist/source/organizeImports: the table is exported first, on purpose (below)
/**
 * Accounts: staff and tourist sign-in, sessions, users. The app wires the routes; other modules read the users
 * table through what is exported here (a join for a name, a lookup of a business's accounts).
 *
 * The table comes first, before anything that leads round to a module importing it back (master data joins the
 * users for a grid worker's name, accounts joins departments): ES modules evaluate in import order, and such a
 * cycle would otherwise meet the table uninitialised.
 */
export { users } from './accounts.tables.js';
export { accountsRoutes } from './accounts.routes.js';
export { createActivationService, installAdmin, resetAdmin } from './activation.js';
export { createAccountsService, type TAccountsService, type TSessionInfo } from './accounts.service.js';
export { businessAccountIds } from './accounts.store.js';
export { sessionCache } from './session-cache.js';
export { userLabelsByIds } from './user-labels.store.js';
export { usersRoutes } from './users.routes.js';
export { createUsersService } from './users.service.js';

import type { TExecutor } from '../../db/client.js';
import { deleteExpiredSessions, deleteOldOtps, deleteStaleAttempts } from './accounts.store.js';

/** The background purge: dead sessions, stale sign-in counts, spent one-time codes. Answers how many sessions went. */
export async function purgeExpiredSessions(db: TExecutor, now: Date, idleMs: number) {
  const n = await deleteExpiredSessions(db, now, idleMs);
  await deleteStaleAttempts(db, now);
  await deleteOldOtps(db, now);
  return n;
}
