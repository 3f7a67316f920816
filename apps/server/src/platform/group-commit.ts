/**
 * The queue in front of work done for many requests at once: the group-commit writers (intake, bookings) and the
 * sold-out rush's shared read. Items that arrive while `writers` batches are in flight wait — no timer, only as
 * long as those take — and are then handed over together, at most `maxBatch` at a time. A batch starts after the event loop's current I/O turn (setImmediate), so every request read in
 * that turn joins it: on PGlite a transaction runs to its end in microtasks, with no I/O in between, and
 * starting at once would write one item per transaction.
 */
export function createGroupCommit<T>(opts: { writers: number; maxBatch: number; run(batch: T[]): Promise<void> }) {
  const queue: T[] = [];
  let running = 0;
  let scheduled = false;

  function pump() {
    while (queue.length && running < opts.writers) {
      const batch = queue.splice(0, opts.maxBatch);
      running++;
      void opts.run(batch).finally(() => {
        running--;
        pump();
      });
    }
  }

  return {
    /** Queues an item; `run` (which must not throw) answers it. */
    push(item: T) {
      queue.push(item);
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        pump();
      });
    },
  };
}
