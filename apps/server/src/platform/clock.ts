/** Time comes from here, so tests can move it. Production uses the system clock. */
export type TClock = { now(): Date };

export const systemClock: TClock = { now: () => new Date() };

/** A clock tests control: starts at `start`, moves only when told. */
export function createTestClock(start = new Date('2026-11-23T02:00:00Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set(d: Date) {
      t = d.getTime();
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

/**
 * Elapsed time for process-local caches and hints (a TTL, a back-off): monotonic milliseconds, not the time of day.
 * A test moving the app's clock must not age a cache, and a wall-clock step must not either.
 */
export const monotonicMs = () => performance.now();
