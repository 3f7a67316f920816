import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, PRACTITIONER_KIND_LABELS, type TAuditRow } from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import type { auditLog } from '../../platform/platform.tables.js';

type TName = { zh: string; en: string };
type TPerson = { displayName: string; username: string | null };

/** Names for one object type's ids; each module answers for its own records through its index. */
export type TObjectLabeller = (db: TExecutor, ids: string[]) => Promise<Map<string, TName>>;
export type TAuditLookups = {
  persons: (db: TExecutor, ids: string[]) => Promise<Map<string, TPerson>>;
  objects: Record<string, TObjectLabeller>;
};

const same = (s: string): TName => ({ zh: s, en: s });
const named = (r: { name: string; nameEn?: string | null }): TName => ({ zh: r.name, en: r.nameEn || r.name });
/** A labeller from a module's "names by ids" query. */
export const byName =
  <R extends { id: string }>(query: (db: TExecutor, ids: string[]) => Promise<R[]>, toName: (r: R) => TName) =>
  async (db: TExecutor, ids: string[]) =>
    new Map((await query(db, ids)).map((r) => [r.id, toName(r)]));

export const labels = {
  named,
  trackingNo: (r: { trackingNo: string }) => same(r.trackingNo),
  grid: (r: { code: string; name: string; nameEn: string | null }) => ({
    zh: `${r.code} ${r.name}`,
    en: `${r.code} ${r.nameEn || r.name}`,
  }),
  practitioner: (r: { kind: string; licenseNo: string | null }) => {
    const k = PRACTITIONER_KIND_LABELS[r.kind as keyof typeof PRACTITIONER_KIND_LABELS] ?? same(r.kind);
    return { zh: `${k.zh} ${r.licenseNo ?? ''}`.trim(), en: `${k.en} ${r.licenseNo ?? ''}`.trim() };
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The page's rows with the person, the object and the action named: one query per object type on the page (a
 * page holds at most 200 rows), each through the owning module's lookup — no SQL here across modules' tables.
 */
export async function nameAuditRows(
  db: TExecutor,
  lookups: TAuditLookups,
  rows: (typeof auditLog.$inferSelect)[],
): Promise<TAuditRow[]> {
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const byType = new Map<string, Set<string>>();
  for (const r of rows)
    if (r.objectId && UUID.test(r.objectId) && lookups.objects[r.objectType]) {
      const set = byType.get(r.objectType) ?? new Set<string>();
      set.add(r.objectId);
      byType.set(r.objectType, set);
    }
  const userIds = byType.get('user');
  const persons = await lookups.persons(db, [...new Set([...actorIds, ...(userIds ?? [])])]);
  const objects = new Map<string, Map<string, TName>>();
  for (const [type, ids] of byType) objects.set(type, await lookups.objects[type](db, [...ids]));
  return rows.map((r) => {
    const person = r.actorId ? persons.get(r.actorId) : undefined;
    // a sweep's batch row lists its objects instead of naming one (the search by object finds it)
    const batch = Array.isArray(r.objectIds) ? r.objectIds.length : null;
    const objectLabel = r.objectId
      ? (objects.get(r.objectType)?.get(r.objectId) ??
        // a rating code's id is the code itself; a few objects have no id at all
        (UUID.test(r.objectId) ? null : same(r.objectId)))
      : batch !== null
        ? { zh: `本批 ${batch} 个`, en: `${batch} in this batch` }
        : null;
    return {
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorRole: r.actorRole,
      actor: person ? { displayName: person.displayName, username: person.username } : null,
      action: r.action,
      actionName: (AUDIT_ACTIONS as Record<string, TName>)[r.action] ?? null,
      objectType: r.objectType,
      objectTypeName: (AUDIT_OBJECT_TYPES as Record<string, TName>)[r.objectType] ?? null,
      objectId: r.objectId,
      objectLabel,
      result: r.result,
      ip: r.ip,
    };
  });
}

/** The user labeller from the persons lookup: "display name (username)". */
export const userObjects =
  (persons: TAuditLookups['persons']): TObjectLabeller =>
  async (db, ids) => {
    const m = await persons(db, ids);
    return new Map(
      [...m].map(([id, p]) => [id, same(p.username ? `${p.displayName} (${p.username})` : p.displayName)]),
    );
  };
