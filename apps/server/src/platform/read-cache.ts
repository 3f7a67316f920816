/**
 * A short-lived per-instance cache for public reads that every phone asks at once (spots, slots of a day,
 * busy-ness). Each entry belongs to a group (a spot); a write in this process evicts its group at once, so what
 * this instance answers after its own change is fresh; changes made on another instance show within `ttlMs`.
 * Concurrent misses share one load (single flight), so a rush costs one query per key per `ttlMs`. Bookings,
 * check-ins and every other decision read the database, never this.
 */
export function createReadCache(ttlMs: number) {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  const groups = new Map<string, Set<string>>();

  function forget(group: string) {
    const keys = groups.get(group);
    if (!keys) return;
    for (const k of keys) entries.delete(k);
    groups.delete(group);
  }

  return {
    get<T>(group: string, key: string, load: () => Promise<T>): Promise<T> {
      const k = `${group}\u0000${key}`;
      const hit = entries.get(k);
      if (hit && Date.now() - hit.at <= ttlMs) return hit.value as Promise<T>;
      const value = load().then((v) => {
        if (v && typeof v === 'object') shared.add(v);
        return v;
      });
      entries.set(k, { at: Date.now(), value });
      const keys = groups.get(group) ?? new Set<string>();
      groups.set(group, keys);
      keys.add(k);
      // A failed load is not remembered: the next request tries again.
      value.catch(() => {
        if (entries.get(k)?.value === value) entries.delete(k);
      });
      return value;
    },
    /** Drops the group's entries (a write in this process changed what they show). */
    evict: forget,
    clear() {
      entries.clear();
      groups.clear();
    },
  };
}

export type TReadCache = ReturnType<typeof createReadCache>;

/** Values handed out by a read cache: the same object answers many requests, so its JSON is made once. */
const shared = new WeakSet<object>();
const json = new WeakMap<object, string>();

/**
 * The app's reply serializer: JSON.stringify, except that a cached read's JSON text is kept with it — a
 * popular read (the spots list is tens of kilobytes) is then serialized once per second, not per request.
 */
export function serializeReply(payload: unknown): string {
  if (payload && typeof payload === 'object' && shared.has(payload)) {
    const known = json.get(payload);
    if (known !== undefined) return known;
    const text = JSON.stringify(payload);
    json.set(payload, text);
    return text;
  }
  return JSON.stringify(payload);
}
