import { customType, pgTable, uuid } from 'drizzle-orm/pg-core';
import { files } from '../../platform/platform.tables.js';

/** PostgreSQL bytea; node-postgres answers a Buffer, PGlite a Uint8Array — both come back as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * The content of an uploaded photo, in the database beside its record: every instance reads it, and every backup
 * of the database carries it (photos in one instance's data directory were lost to the others and to restores).
 */
export const fileContents = pgTable('file_contents', {
  fileId: uuid('file_id')
    .primaryKey()
    .references(() => files.id, { onDelete: 'cascade' }),
  data: bytea('data').notNull(),
});
