import { and, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../db/client.js';
import type { TActor } from './actor.js';
import { bulkInsertSql } from './bulk.js';
import type { TEventHub, TLiveEvent } from './events.js';
import { notifications } from './platform.tables.js';

/** Who a staff notification is for: one account, or every holder of a role (optionally in one department). */
export type TNotifyTarget = { userId: string } | { role: string; departmentId?: string | null };

export type TNotification = {
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh?: string;
  bodyEn?: string;
  objectType?: string;
  objectId?: string;
};

type TNotificationRow = typeof notifications.$inferInsert;

function rowFor(target: TNotifyTarget, n: TNotification): TNotificationRow {
  return {
    userId: 'userId' in target ? target.userId : null,
    role: 'role' in target ? target.role : null,
    departmentId: 'role' in target ? (target.departmentId ?? null) : null,
    kind: n.kind,
    titleZh: n.titleZh,
    titleEn: n.titleEn,
    bodyZh: n.bodyZh ?? '',
    bodyEn: n.bodyEn ?? '',
    objectType: n.objectType ?? null,
    objectId: n.objectId ?? null,
  };
}

/** The live push for a committed notification: only subscribers it is addressed to receive it. */
function liveEventFor(row: TNotificationRow): TLiveEvent {
  return {
    channel: 'notifications',
    event: 'notification',
    data: {
      kind: row.kind,
      titleZh: row.titleZh,
      titleEn: row.titleEn,
      objectType: row.objectType,
      objectId: row.objectId,
    },
    filter: (s) =>
      row.userId
        ? s.userId === row.userId
        : s.role === row.role && (!row.departmentId || s.departmentId === row.departmentId),
  };
}

/**
 * Collects notifications inside a transaction and pushes them live only after it commits, so nobody is told
 * about a change that was rolled back.
 */
export function createOutbox(events: TEventHub) {
  const rows: TNotificationRow[] = [];
  const live: TLiveEvent[] = [];
  let written = 0;
  return {
    notify(target: TNotifyTarget, n: TNotification) {
      rows.push(rowFor(target, n));
    },
    publish(e: TLiveEvent) {
      live.push(e);
    },
    /** Call inside the transaction, at its end. */
    async flush(tx: TExecutor) {
      const insert = this.takeInsert();
      if (insert) await tx.execute(insert);
    },
    /**
     * The notifications insert, for a caller to run inside one of its own statements (saving a round trip);
     * flush then has nothing left to write. Null when there is nothing to write.
     */
    takeInsert(): SQL | null {
      const fresh = rows.slice(written);
      written = rows.length;
      if (!fresh.length) return null;
      return bulkInsertSql(
        'notifications',
        {
          user_id: 'uuid',
          role: 'text',
          department_id: 'uuid',
          kind: 'text',
          title_zh: 'text',
          title_en: 'text',
          body_zh: 'text',
          body_en: 'text',
          object_type: 'text',
          object_id: 'text',
        },
        fresh.map((r) => ({
          user_id: r.userId,
          role: r.role,
          department_id: r.departmentId,
          kind: r.kind,
          title_zh: r.titleZh,
          title_en: r.titleEn,
          body_zh: r.bodyZh,
          body_en: r.bodyEn,
          object_type: r.objectType,
          object_id: r.objectId,
        })),
      );
    },
    /** Call after the commit. */
    afterCommit() {
      for (const r of rows) events.publish(liveEventFor(r));
      for (const e of live) events.publish(e);
      rows.length = 0;
      live.length = 0;
      written = 0;
    },
  };
}
export type TOutbox = ReturnType<typeof createOutbox>;

function visibleTo(actor: TActor) {
  return or(
    eq(notifications.userId, actor.id ?? '00000000-0000-0000-0000-000000000000'),
    and(
      isNull(notifications.userId),
      eq(notifications.role, actor.role),
      actor.departmentId
        ? or(isNull(notifications.departmentId), eq(notifications.departmentId, actor.departmentId))
        : isNull(notifications.departmentId),
    ),
  );
}

export async function listNotifications(db: TExecutor, actor: TActor, limit = 30) {
  const items = await db
    .select()
    .from(notifications)
    .where(visibleTo(actor))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  const unread = await db.$count(
    notifications,
    and(visibleTo(actor), sql`not (${actor.id}::uuid = any(${notifications.readBy}))`),
  );
  return {
    unread,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      titleZh: n.titleZh,
      titleEn: n.titleEn,
      bodyZh: n.bodyZh,
      bodyEn: n.bodyEn,
      objectType: n.objectType,
      objectId: n.objectId,
      createdAt: n.createdAt.toISOString(),
      read: actor.id ? n.readBy.includes(actor.id) : false,
    })),
  };
}

/** Marks one notification read for this account; answers false when it is not addressed to them. */
export async function markNotificationRead(db: TExecutor, actor: TActor, id: string) {
  const rows = await db
    .update(notifications)
    .set({ readBy: sql`array_append(array_remove(${notifications.readBy}, ${actor.id}::uuid), ${actor.id}::uuid)` })
    .where(and(eq(notifications.id, id), visibleTo(actor)))
    .returning({ id: notifications.id });
  return rows.length === 1;
}
