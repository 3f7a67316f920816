import { inArray } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { users } from './accounts.tables.js';

/**
 * Who a person is, for lists that name the people behind other records (the audit log's actors and its user
 * objects): display name and username only — never a phone number.
 */
export const userLabelsByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: users.id, displayName: users.displayName, username: users.username, role: users.role })
    .from(users)
    .where(inArray(users.id, ids));
