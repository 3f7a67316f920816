import type { TWorkOrderStatus } from '@zhilv/contracts';

/**
 * The work-order state machine, pure. Who may act is the policy's business (work-orders.policy.ts); this
 * file says only which action is possible in which state and what state follows.
 */
export const WORK_ORDER_ACTIONS = [
  'dispatch',
  'accept',
  'return',
  'transfer',
  'request_material',
  'supply_material',
  'involve_business',
  'business_reply',
  'reply',
  'resolve',
  'rate',
  'urge',
  'merge',
  'unfounded',
  // 延期 / 挂起: no status of their own; they act on the resolution clock while the department handles
  'request_time',
  'decide_time',
  'end_suspension',
  // 回访: the command center's call-back closes (or, unsatisfied, reopens) an order that had no portal tourist
  'follow_up',
  // 派单异议: the department disputes its dispatch (the order stays); the command center upholds or re-dispatches
  'dispute',
  'review_dispute',
] as const;
export type TWorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

export const CLOSED_STATUSES: readonly TWorkOrderStatus[] = ['closed', 'unfounded', 'merged'];

/** From which statuses each action is possible. */
const FROM: Record<TWorkOrderAction, readonly TWorkOrderStatus[]> = {
  dispatch: ['pending'],
  accept: ['dispatched'],
  return: ['dispatched', 'handling'],
  transfer: ['dispatched', 'handling'],
  request_material: ['handling'],
  supply_material: ['awaiting_material'],
  involve_business: ['handling'],
  business_reply: ['handling', 'awaiting_material'],
  reply: ['handling'],
  resolve: ['handling'],
  rate: ['resolved'],
  urge: ['pending', 'dispatched', 'handling', 'awaiting_material'],
  merge: ['pending', 'dispatched'],
  unfounded: ['pending', 'dispatched'],
  request_time: ['handling'],
  decide_time: ['handling'],
  end_suspension: ['handling'],
  follow_up: ['resolved'],
  dispute: ['dispatched', 'handling'],
  review_dispute: ['dispatched', 'handling'],
};

export type TOrderState = {
  status: TWorkOrderStatus;
  reopenCount: number;
  urgeCount: number;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  departmentId: string | null;
};

export type TTransitionPayload = {
  now: Date;
  departmentId?: string;
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  /** review_dispute: the dispatch stands (true) or the order is re-dispatched to departmentId (false) */
  uphold?: boolean;
};

export type TRefusal = { ok: false; code: 'invalid_transition' | 'reopen_limit' };
export type TTransition = TOrderState & { ok: true };

export function canTransition(status: TWorkOrderStatus, action: TWorkOrderAction): boolean {
  return FROM[action].includes(status);
}

/** The actions possible now, whoever takes them (the UI intersects this with the actor's role). */
export function allowedActions(status: TWorkOrderStatus, _reopenCount: number): TWorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((a) => canTransition(status, a));
}

/** The state after an action, or a refusal. Expected refusals are values, not exceptions. */
export function nextStatus(s: TOrderState, action: TWorkOrderAction, p: TTransitionPayload): TTransition | TRefusal {
  if (!canTransition(s.status, action)) return { ok: false, code: 'invalid_transition' };
  const to = (status: TWorkOrderStatus, extra: Partial<TOrderState> = {}): TTransition => ({
    ...s,
    status,
    ...extra,
    ok: true,
  });
  switch (action) {
    case 'dispatch':
      return to('dispatched', { departmentId: p.departmentId ?? s.departmentId });
    case 'accept':
      return to('handling', { respondedAt: s.respondedAt ?? p.now });
    case 'return':
      return to('pending', { departmentId: null });
    case 'transfer':
      return to('dispatched', { departmentId: p.departmentId ?? s.departmentId });
    case 'request_material':
      return to('awaiting_material');
    case 'supply_material':
      return to('handling');
    case 'involve_business':
    case 'business_reply':
    case 'reply':
      return to(s.status);
    case 'resolve':
      return to('resolved', { resolvedAt: p.now, respondedAt: s.respondedAt ?? p.now });
    case 'rate':
    case 'follow_up':
      // Unsatisfied reopens the order once (重办); after that an unsatisfied rating closes it.
      if (p.satisfaction === 'unsatisfied' && s.reopenCount === 0)
        return to('handling', { reopenCount: 1, resolvedAt: null });
      return to('closed');
    case 'urge':
      return to(s.status, { urgeCount: s.urgeCount + 1 });
    case 'merge':
      return to('merged');
    case 'unfounded':
      return to('unfounded');
    case 'request_time':
    case 'decide_time':
    case 'end_suspension':
    case 'dispute':
      return to(s.status);
    case 'review_dispute':
      // upheld: the same department, in the same state, its clock running on; accepted: a new dispatch
      if (p.uphold !== false) return to(s.status);
      return to('dispatched', { departmentId: p.departmentId ?? s.departmentId });
  }
}
