import type { TDb, TTx } from '../../db/client.js';
import type { TActor } from '../actor.js';
import { type TAuditEntry, writeAudit } from '../audit.js';
import type { TClock } from '../clock.js';
import { AppError, notFound } from '../errors.js';
import type { TEventHub, TLiveEvent } from '../events.js';
import type { TMessageCode } from '../messages.js';
import { createOutbox, type TOutbox } from '../notify.js';

/**
 * The facts each command hands to its subscribers, by command name. A module declares its own commands by
 * augmenting this interface (work-orders/work-orders.commands.ts); a subscriber in another module imports only
 * the types, never the module's tables or store:
 *   declare module '../../platform/commands/index.js' { interface TCommandFacts { 'x.done': TXDone } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module.
export interface TCommandFacts {}
export type TCommandName = keyof TCommandFacts & string;

/** What a step of a command, or a subscriber, works with: the one transaction and what goes out after it. */
export type TCommandContext = { tx: TTx; actor: TActor; now: Date; outbox: TOutbox };

export type TCommandHook<N extends TCommandName> = (c: TCommandContext & { facts: TCommandFacts[N] }) => Promise<void>;

/** A refusal from the state machine: answered 409 with its code (invalid_transition, reopen_limit …). */
export type TRefusal = { ok: false; code: TMessageCode };

/**
 * One command on one object, as the steps the runner takes in a fixed order (see run). The module writes what
 * is its own — which object, which rule, which transition, which rows — and the runner the order and the rest.
 */
export type TCommand<N extends TCommandName, TObj, TNext, TAfter, TResult> = {
  name: N;
  actor: TActor;
  /** Reads the object and locks it for the transaction (SELECT … FOR UPDATE): concurrent commands queue up. */
  lock(tx: TTx): Promise<TObj | undefined>;
  /** The module's policy: `view` false answers 404 (ids cannot be probed), `act` false 403. */
  authorize(obj: TObj): { view: boolean; act: boolean };
  /** The pure state machine: the next state, or a refusal. */
  transition(obj: TObj, now: Date): TNext | TRefusal;
  /** Writes the change (and its side effects: clocks, notices through c.outbox); answers the object after it. */
  write(c: TCommandContext, obj: TObj, next: TNext): Promise<TAfter>;
  /** The object's own timeline entries. */
  timeline(c: TCommandContext, obj: TObj, after: TAfter): Promise<void>;
  audit(obj: TObj, after: TAfter): TAuditEntry;
  /** What subscribers of this command are told. */
  facts(obj: TObj, after: TAfter): TCommandFacts[N];
  /** Live events, pushed only after the commit. */
  publish(after: TAfter): TLiveEvent[];
  /** The answer to the caller, read inside the transaction. */
  answer(c: TCommandContext, after: TAfter): Promise<TResult>;
};

const isRefusal = (x: unknown): x is TRefusal =>
  typeof x === 'object' && x !== null && 'ok' in x && (x as { ok: unknown }).ok === false;

export type TCommandRunnerDeps = { db: TDb; clock: TClock; events: TEventHub };

/**
 * The command runner: every state change of an object in one transaction — lock, authorize, transition, write,
 * timeline, audit, the subscribers' hooks, notices — and live events only after the commit. A hook runs inside the
 * same transaction: its failure rolls the whole command back (docs/adr, command runner).
 */
export function createCommandRunner(deps: TCommandRunnerDeps) {
  const hooks = new Map<string, TCommandHook<never>[]>();

  /** Subscribes to a command: the handler runs inside the command's transaction, after its own writes. */
  function onCommand<N extends TCommandName>(name: N, handler: TCommandHook<N>): () => void {
    const list = hooks.get(name) ?? [];
    list.push(handler as TCommandHook<never>);
    hooks.set(name, list);
    return () => {
      const i = list.indexOf(handler as TCommandHook<never>);
      if (i >= 0) list.splice(i, 1);
    };
  }

  async function run<N extends TCommandName, TObj, TNext, TAfter, TResult>(
    cmd: TCommand<N, TObj, TNext, TAfter, TResult>,
  ): Promise<TResult> {
    const outbox = createOutbox(deps.events);
    const result = await deps.db.transaction(async (tx) => {
      const obj = await cmd.lock(tx);
      if (obj === undefined) throw notFound();
      const may = cmd.authorize(obj);
      if (!may.view) throw notFound();
      if (!may.act) throw new AppError('forbidden', 403);
      const now = deps.clock.now();
      const next = cmd.transition(obj, now);
      if (isRefusal(next)) throw new AppError(next.code, 409);
      const c: TCommandContext = { tx, actor: cmd.actor, now, outbox };
      const after = await cmd.write(c, obj, next);
      await cmd.timeline(c, obj, after);
      await writeAudit(tx, cmd.actor, cmd.audit(obj, after));
      const subscribers = hooks.get(cmd.name) ?? [];
      if (subscribers.length) {
        const facts = cmd.facts(obj, after);
        for (const h of subscribers) await (h as TCommandHook<N>)({ ...c, facts });
      }
      await outbox.flush(tx);
      for (const e of cmd.publish(after)) outbox.publish(e);
      return cmd.answer(c, after);
    });
    outbox.afterCommit();
    return result;
  }

  /**
   * Tells a command's subscribers inside a transaction the caller already holds — for state changes that are not
   * a caller's command on one locked object but a stage of the deadline engine (a hazard's deadline lapsing),
   * whose exactly-once guarantee is the sweep's own transaction. Same hooks, same rule: a throwing hook rolls the
   * caller's transaction back.
   */
  async function emit<N extends TCommandName>(name: N, c: TCommandContext, facts: TCommandFacts[N]) {
    for (const h of hooks.get(name) ?? []) await (h as TCommandHook<N>)({ ...c, facts });
  }

  return { run, onCommand, emit };
}
export type TCommandRunner = ReturnType<typeof createCommandRunner>;
