import { monotonicMs } from './clock.js';

/**
 * A short-lived per-instance cache for public reads that every phone asks at once (spots, slots of a day,
 * busy-ness). Each entry belongs to a group (a spot); a write in this process evicts its group at once, so what
 * this instance answers after its own change is fresh; changes made on another instance show within `ttlMs`.
 * Concurrent misses share one load (single flight), so a rush costs one query per key per `ttlMs`. Bookings,
 * check-ins and every other decision read the database, never this.
 */
export function createReadCache(ttlMs: number, maxEntries = 5_000) {
  type TEntry = { at: number; version: number; group: string; value: Promise<unknown> };
  const entries = new Map<string, TEntry>();
  const groups = new Map<string, Set<string>>();
  let swept = monotonicMs();

  function remove(k: string) {
    const e = entries.get(k);
    if (!e) return;
    entries.delete(k);
    const keys = groups.get(e.group);
    keys?.delete(k);
    if (keys?.size === 0) groups.delete(e.group);
  }

  /**
   * Keeps memory bounded whatever keys callers make up (query strings come from the request): expired entries
   * go once per `ttlMs`, and past `maxEntries` the oldest go first.
   */
  function makeRoom(now: number) {
    if (now - swept > ttlMs) {
      swept = now;
      for (const [k, e] of entries) if (now - e.at > ttlMs) remove(k);
    }
    while (entries.size >= maxEntries) remove(entries.keys().next().value as string);
  }

  return {
    /**
     * The group's value under `key`, loaded at most once per `ttlMs`. A different `version` (the clock's second
     * for readings that depend on the time) replaces the entry instead of adding one.
     */
    get<T>(group: string, key: string, load: () => Promise<T>, version = 0): Promise<T> {
      const k = `${group}\u0000${key}`;
      const now = monotonicMs();
      const hit = entries.get(k);
      if (hit && now - hit.at <= ttlMs && hit.version === version) return hit.value as Promise<T>;
      remove(k);
      makeRoom(now);
      const value = load().then((v) => {
        if (v && typeof v === 'object') shared.add(v);
        return v;
      });
      entries.set(k, { at: now, version, group, value });
      const keys = groups.get(group) ?? new Set<string>();
      groups.set(group, keys);
      keys.add(k);
      // A failed load is not remembered: the next request tries again.
      value.catch(() => {
        if (entries.get(k)?.value === value) remove(k);
      });
      return value;
    },
    /** Drops the group's entries (a write in this process changed what they show). */
    evict(group: string) {
      for (const k of [...(groups.get(group) ?? [])]) remove(k);
    },
    clear() {
      entries.clear();
      groups.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

export type TReadCache = ReturnType<typeof createReadCache>;

/** Values handed out by a read cache: the same object answers many requests, so its JSON is made once. */
const shared = new WeakSet<object>();
const encoded = new WeakMap<object, Buffer>();
/** A cached read's bytes, compressed once per encoding (the compression plugin asks; see plugins/compression). */
const compressedBytes = new WeakMap<Buffer, Map<string, Buffer>>();

/** The bytes serializeReply made for a cached read, compressed with `compress` once for all the requests they answer. */
export function compressedOnce(bytes: Buffer, encoding: string, compress: (b: Buffer) => Buffer): Buffer | null {
  const variants = compressedBytes.get(bytes);
  if (!variants) return null;
  let out = variants.get(encoding);
  if (!out) {
    out = compress(bytes);
    variants.set(encoding, out);
  }
  return out;
}

/**
 * The app's reply serializer: JSON.stringify, except that a cached read's JSON is kept with it as UTF-8 bytes — a
 * popular read (the spots list is tens of kilobytes, much of it Chinese) is then serialized and encoded once per
 * second, not per request. Fastify sends a Buffer as it is (reply.js onSendEnd: its length is the content-length),
 * where a string would be measured and encoded again for every reply.
 */
export function serializeReply(payload: unknown): string | Buffer {
  if (payload && typeof payload === 'object' && shared.has(payload)) {
    const known = encoded.get(payload);
    if (known !== undefined) return known;
    const bytes = Buffer.from(JSON.stringify(payload));
    encoded.set(payload, bytes);
    compressedBytes.set(bytes, new Map());
    return bytes;
  }
  return JSON.stringify(payload);
}
