import type { FastifyInstance } from 'fastify';
import type { TConfig } from '../config.js';
import type { TDatabase } from '../db/client.js';
import { systemClock, type TClock } from '../platform/clock.js';
import { deadlineIdleMs, sweepDeadlines } from '../platform/deadlines/index.js';
import { purgeExpiredSessions } from './accounts/index.js';
import { closeUnratedOrders, sweeperIdleMs, sweepSlaTimers } from './work-orders/index.js';

const IDLE_POLL_MS = 250;
/** 未评价关闭 counts in days: a pass a minute (by the app's clock) is on time; a pass per wake would be waste. */
const AUTO_CLOSE_EVERY_MS = 60_000;

/**
 * The sweeper loop: the SLA timers (their own set-based path) and the deadline engine's stages (every registered
 * kind: the return requests' shop and refund deadlines, …). It sweeps until nothing is due, then sleeps until the
 * next due instant of either, or 250 ms at most (deadlines other instances add meanwhile): a breach is acted on within
 * milliseconds of its due time when it was known, and within a quarter second when it was added during the sleep.
 * An idle loop costs two indexed queries per wake. Returns a stop function that waits for the pass in progress.
 */
export function startBackgroundWork(
  app: FastifyInstance,
  deps: { config: TConfig; database: TDatabase; clock?: TClock; sessionPurgeMs?: number },
) {
  const clock = deps.clock ?? systemClock;
  const stopPurge = startSessionPurge(app, deps);
  if (!deps.config.slaSweeper) return stopPurge;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let lastAutoClose = Number.NEGATIVE_INFINITY;
  const loop = async () => {
    if (stopped) return;
    let failed = false;
    try {
      let n: number;
      do n = await sweepSlaTimers(deps.database.db, app.events);
      while (n > 0 && !stopped);
      do
        n = await sweepDeadlines(deps.database.db, app.events, {
          now: clock.now(),
          onFailure: (f, err) =>
            app.log.error({ err, deadline: f.id, kind: f.kind, stage: f.stage }, 'deadline stage failed; retrying'),
        });
      while (n > 0 && !stopped);
      // resolved orders not rated within the local rule's days close as not rated (auto-close.ts)
      if (clock.now().getTime() - lastAutoClose >= AUTO_CLOSE_EVERY_MS) {
        do n = await closeUnratedOrders(deps.database.db, app.events, { now: clock.now() });
        while (n > 0 && !stopped);
        lastAutoClose = clock.now().getTime();
      }
    } catch (err) {
      app.log.error({ err }, 'SLA sweep failed; retrying');
      failed = true;
    }
    // After a failure, the full poll interval: a timer the sweep cannot pass must not make the loop spin.
    const idle = failed
      ? IDLE_POLL_MS
      : await Promise.all([
          sweeperIdleMs(deps.database.db, IDLE_POLL_MS),
          deadlineIdleMs(deps.database.db, clock.now(), IDLE_POLL_MS),
        ]).then(
          ([a, b]) => Math.min(a, b),
          () => IDLE_POLL_MS,
        );
    if (!stopped) timer = setTimeout(() => (running = loop()), idle);
  };
  running = loop();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    await stopPurge();
  };
}

const SESSION_PURGE_MS = 10 * 60_000;

/**
 * Every 10 minutes (and once at start), on every instance (a delete is harmless twice): sessions past their
 * lifetime or idle timeout, sign-in counts untouched for two days and one-time codes over a day old. A dead
 * session is refused when used anyway; the purge keeps the table from holding every session ever opened.
 */
function startSessionPurge(
  app: FastifyInstance,
  deps: { config: TConfig; database: TDatabase; clock?: TClock; sessionPurgeMs?: number },
) {
  const clock = deps.clock ?? systemClock;
  let running: Promise<void> = Promise.resolve();
  const purge = () => {
    running = purgeExpiredSessions(deps.database.db, clock.now(), deps.config.sessionIdleMs)
      .then((n) => {
        if (n) app.log.info({ sessions: n }, 'expired sessions purged');
      })
      .catch((err) => app.log.error({ err }, 'session purge failed; retrying at the next interval'));
  };
  purge();
  const timer = setInterval(purge, deps.sessionPurgeMs ?? SESSION_PURGE_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
