import type { TEntryVisibility, TFinding, TFollowUpRequest, TRefusalGround, TSatisfaction } from '@zhilv/contracts';

type TFollowUpResult = TFollowUpRequest['result'];

import type { TCommandContext, TCommandName } from '../../../platform/commands/index.js';
import type { TWorkOrderDeps } from '../work-orders.service.js';
import type * as store from '../work-orders.store.js';

/** What each action carries, from its route (work-orders.routes.ts). */
export type TActionPayload =
  | { action: 'dispatch'; departmentId: string; coDepartmentIds: string[]; note: string; category?: string }
  | { action: 'accept' }
  | { action: 'return'; reason: string }
  | { action: 'transfer'; departmentId: string; reason: string }
  | { action: 'request_material'; text: string }
  | { action: 'supply_material'; text: string; photoIds: string[] }
  | { action: 'involve_business'; text: string }
  | { action: 'business_reply'; text: string }
  | { action: 'reply'; text: string; audience?: 'tourist' | 'all' }
  | { action: 'resolve'; text: string; audience?: 'tourist' | 'all'; finding?: TFinding }
  | { action: 'rate'; satisfaction: TSatisfaction; reason?: string }
  | { action: 'urge'; reason: string }
  | { action: 'merge'; intoId: string }
  | { action: 'unfounded'; ground: TRefusalGround; reason: string }
  | { action: 'request_time'; kind: 'extension'; days: number; reason: string }
  | { action: 'request_time'; kind: 'suspension'; reason: string }
  | { action: 'decide_time'; approve: boolean; note: string }
  | { action: 'end_suspension'; note: string }
  | { action: 'follow_up'; result: TFollowUpResult; note: string }
  | { action: 'dispute'; reason: string }
  | { action: 'review_dispute'; decision: 'uphold'; note: string }
  | { action: 'review_dispute'; decision: 'redispatch'; note: string; departmentId: string; coDepartmentIds: string[] };

export type TActionName = TActionPayload['action'];
export type TPayloadOf<A extends TActionName> = Extract<TActionPayload, { action: A }>;

/** What an action's effects work with: the command's transaction, the locked order, the module's parts. */
export type TActionCtx = TCommandContext & { o: store.TWorkOrderRow; deps: TWorkOrderDeps };

/**
 * One action, in its own file: what it does beyond the status change (the state machine's part) — fields,
 * clocks, notices — and how its timeline entry is read. The command runner does the rest, in one transaction.
 */
export type TActionDef<A extends TActionName> = {
  /** the command's name, as other modules subscribe to it (platform/commands onCommand) */
  command: TCommandName;
  /** who besides the handlers reads its timeline entry (work-orders.policy.ts readableEntries) */
  visibility(p: TPayloadOf<A>): TEntryVisibility;
  /** its side effects; answers the fields to set on the order */
  effects(c: TActionCtx, p: TPayloadOf<A>): Promise<Partial<store.TWorkOrderInsert>>;
  /** entries beyond the action's own (a reopen after an unsatisfied rating) */
  moreEntries?(c: TActionCtx, p: TPayloadOf<A>, saved: store.TWorkOrderRow): store.TEventInsert[];
};
