import type { FastifyInstance } from 'fastify';
import type { TConfig } from '../config.js';
import type { TDatabase } from '../db/client.js';
import { systemClock, type TClock } from '../platform/clock.js';
import { purgeExpiredSessions } from './accounts/index.js';
import { sweepOverdueReturns } from './returns/index.js';
import { sweeperIdleMs, sweepSlaTimers } from './work-orders/index.js';

const IDLE_POLL_MS = 250;

/**
 * The SLA sweeper loop. It sweeps until nothing is due, then sleeps until the next timer's due instant, or 250 ms
 * at most (timers other instances add meanwhile): a breach is acted on within milliseconds of its due time when
 * it was known, and within a quarter second when it was added during the sleep. An idle loop costs one indexed
 * query per wake. Returns a stop function that waits for the pass in progress.
 */
export function startBackgroundWork(
  app: FastifyInstance,
  deps: { config: TConfig; database: TDatabase; clock?: TClock; sessionPurgeMs?: number },
) {
  const stopPurge = startSessionPurge(app, deps);
  if (!deps.config.slaSweeper) return stopPurge;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const loop = async () => {
    if (stopped) return;
    let failed = false;
    try {
      let n: number;
      do n = await sweepSlaTimers(deps.database.db, app.events);
      while (n > 0 && !stopped);
      // 无理由退货: requests whose shop let the 3-day deadline pass become work orders.
      do n = await sweepOverdueReturns(deps.database.db, app.events);
      while (n > 0 && !stopped);
    } catch (err) {
      app.log.error({ err }, 'SLA sweep failed; retrying');
      failed = true;
    }
    // After a failure, the full poll interval: a timer the sweep cannot pass must not make the loop spin.
    const idle = failed ? IDLE_POLL_MS : await sweeperIdleMs(deps.database.db, IDLE_POLL_MS).catch(() => IDLE_POLL_MS);
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
