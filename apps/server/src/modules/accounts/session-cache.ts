import { monotonicMs } from '../../platform/clock.js';
import type { findSessionWithUser } from './accounts.store.js';

type TSessionRow = NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>;

/** How long a resolved session is trusted without reading it again; changes evict it sooner (see below). */
const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

/**
 * Resolved sessions (session + user row), kept a few seconds so a signed-in request costs no database round trip.
 * Staleness is bounded two ways: this process drops an entry the moment its own code deletes the session or
 * changes the user (accounts.store calls forget*), and every process drops it when the database announces such
 * a change on channel zl_auth (migration 0009: triggers, so hand-written SQL counts too). If that channel drops,
 * everything is forgotten. Keys are SHA-256 hashes of the tokens, never the tokens.
 */
const entries = new Map<string, { row: TSessionRow; at: number }>();
/** user id → the ids of that user's cached sessions, so a user change drops them without a scan */
const byUser = new Map<string, Set<string>>();

function remove(id: string) {
  const e = entries.get(id);
  if (!e) return;
  entries.delete(id);
  const ids = byUser.get(e.row.user.id);
  ids?.delete(id);
  if (ids?.size === 0) byUser.delete(e.row.user.id);
}

export const sessionCache = {
  get(id: string): TSessionRow | undefined {
    const e = entries.get(id);
    if (!e) return undefined;
    if (monotonicMs() - e.at > TTL_MS) {
      remove(id);
      return undefined;
    }
    return e.row;
  },
  set(id: string, row: TSessionRow) {
    remove(id);
    if (entries.size >= MAX_ENTRIES) remove(entries.keys().next().value as string);
    entries.set(id, { row, at: monotonicMs() });
    const ids = byUser.get(row.user.id) ?? new Set<string>();
    byUser.set(row.user.id, ids);
    ids.add(id);
  },
  forgetSession(id: string) {
    remove(id);
  },
  forgetUser(userId: string) {
    for (const id of [...(byUser.get(userId) ?? [])]) remove(id);
  },
  clear() {
    entries.clear();
    byUser.clear();
  },
  /** A zl_auth message: "s:<session id>" or "u:<user id>". */
  onChange(payload: string) {
    if (payload.startsWith('s:')) this.forgetSession(payload.slice(2));
    else if (payload.startsWith('u:')) this.forgetUser(payload.slice(2));
    else this.clear();
  },
};
