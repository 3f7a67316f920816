import type { FastifyInstance } from 'fastify';
import type { TConfig } from '../config.js';
import type { TDatabase } from '../db/client.js';
import { sweepOverdueReturns } from './returns/index.js';
import { sweepSlaTimers } from './work-orders/index.js';

const IDLE_POLL_MS = 250;

/**
 * The SLA sweeper loop. It sweeps until nothing is due, then polls the due-index every 250 ms — so a breach is
 * acted on within about a quarter second of its due time, and an idle loop costs one indexed query per poll.
 * Returns a stop function that waits for the pass in progress.
 */
export function startBackgroundWork(app: FastifyInstance, deps: { config: TConfig; database: TDatabase }) {
  if (!deps.config.slaSweeper) return async () => {};
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const loop = async () => {
    if (stopped) return;
    try {
      let n: number;
      do n = await sweepSlaTimers(deps.database.db, app.events);
      while (n > 0 && !stopped);
      // 无理由退货: requests whose shop let the 3-day deadline pass become work orders.
      do n = await sweepOverdueReturns(deps.database.db, app.events);
      while (n > 0 && !stopped);
    } catch (err) {
      app.log.error({ err }, 'SLA sweep failed; retrying');
    }
    if (!stopped) timer = setTimeout(() => (running = loop()), IDLE_POLL_MS);
  };
  running = loop();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
