import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * 审计日志. Append-only: a trigger (migration 0001) refuses UPDATE and DELETE; each row carries the hash of
 * its predecessor so a gap or an edit shows. Written in the same transaction as the change it records.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    /** a sweep's batch row: the ids of the objects it touched (a JSON array), found by a search by object */
    objectIds: jsonb('object_ids'),
    before: jsonb('before'),
    after: jsonb('after'),
    result: text('result').notNull().default('ok'),
    ip: text('ip'),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    index('audit_log_object_ids_idx').using('gin', sql`${t.objectIds} jsonb_path_ops`),
  ],
);

/** In-app notifications for staff: addressed to a user, or to every holder of a role (optionally in a department). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id'),
    role: text('role'),
    departmentId: uuid('department_id'),
    kind: text('kind').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    objectType: text('object_type'),
    objectId: text('object_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readBy: uuid('read_by').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_role_idx').on(t.role, t.createdAt),
  ],
);

/** SMS to tourists. The demo provider only writes here; a real provider also sends and records the result. */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** where the message went: a phone number, or an e-mail address when channel = email */
    phone: text('phone').notNull(),
    channel: text('channel').notNull().default('sms'),
    template: text('template').notNull(),
    text: text('text').notNull(),
    provider: text('provider').notNull(),
    status: text('status').notNull().default('queued'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sms_outbox_created_idx').on(t.createdAt)],
);

/** Uploaded evidence photos (re-encoded, EXIF stripped); their contents are in file_contents (files module). */
export const files = pgTable('files', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerUserId: uuid('owner_user_id'),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  storageName: text('storage_name').notNull(),
  /** set once the file is attached to an object; access then follows that object */
  objectType: text('object_type'),
  objectId: text('object_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Idempotency-Key records: same key and user → same answer for 24 h. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  userId: uuid('user_id').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status'),
  response: jsonb('response'),
  done: boolean('done').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Holiday calendar (法定节假日 and 调休 make-up working days) for every working-day deadline (platform/calendar.ts):
 * the SLA clocks and the deadline engine read the same rows.
 */
export const holidays = pgTable('holidays', {
  date: text('date').primaryKey(),
  /** 'holiday' (a weekday off) or 'workday' (a weekend day worked) */
  kind: text('kind').notNull(),
  name: text('name').notNull().default(''),
  nameEn: text('name_en').notNull().default(''),
  /** 'official' (the State Council's calendar, from the chinese-days package) or 'admin' (wins over official) */
  source: text('source').notNull().default('admin'),
});

/**
 * The deadline engine's rows (platform/deadlines): one per deadline of an object, its stages as an ordered list of
 * {name, at} (offsets are resolved to instants when scheduled), the index of the next stage to fire and its
 * instant. `due_at` is null once the deadline is done or cancelled; a sweeper takes due rows with FOR UPDATE SKIP
 * LOCKED and advances a stage in the same transaction as the stage's handler writes.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    stages: jsonb('stages').$type<{ name: string; at: string }[]>().notNull(),
    /** the next stage to fire; equal to the number of stages once all have fired */
    stageIndex: integer('stage_index').notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** active | done | cancelled */
    state: text('state').notNull().default('active'),
    /** failed attempts at the current stage (reset when a stage fires), and the last failure's message */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deadlines_kind_object_uq').on(t.kind, t.objectId),
    index('deadlines_due_idx').on(t.dueAt).where(sql`${t.dueAt} is not null`),
  ],
);
