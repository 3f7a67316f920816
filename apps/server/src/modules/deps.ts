import type { TConfig } from '../config.js';
import type { TDatabase } from '../db/client.js';
import type { TClock } from '../platform/clock.js';
import type { TCommandRunner } from '../platform/commands/index.js';
import type { TEventHub } from '../platform/events.js';
import type { TSmsProvider } from '../platform/sms.js';

/** What the app hands to module registration; each module takes the parts it uses. */
export type TModuleDeps = {
  config: TConfig;
  database: TDatabase;
  clock: TClock;
  events: TEventHub;
  sms: TSmsProvider;
  /** one per app: modules run their commands through it and subscribe to each other's (platform/commands) */
  commands: TCommandRunner;
};
