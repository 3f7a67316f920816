import { type TWorkOrderStatus, WORK_ORDER_STATUSES } from '@zhilv/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOSED_STATUSES,
  nextStatus,
  type TOrderState,
  type TWorkOrderAction,
  WORK_ORDER_ACTIONS,
} from './state-machine.js';

const base = (status: TWorkOrderStatus, extra: Partial<TOrderState> = {}): TOrderState => ({
  status,
  reopenCount: 0,
  urgeCount: 0,
  respondedAt: null,
  resolvedAt: null,
  departmentId: null,
  ...extra,
});
const now = new Date('2026-11-23T02:00:00Z');

/** The whole table, written out: status → action → the status that follows (absent = refused). */
const EXPECTED: Record<TWorkOrderStatus, Partial<Record<TWorkOrderAction, TWorkOrderStatus>>> = {
  pending: { dispatch: 'dispatched', urge: 'pending', merge: 'merged', unfounded: 'unfounded' },
  dispatched: {
    accept: 'handling',
    return: 'pending',
    transfer: 'dispatched',
    urge: 'dispatched',
    merge: 'merged',
    unfounded: 'unfounded',
    dispute: 'dispatched',
    review_dispute: 'dispatched',
  },
  handling: {
    return: 'pending',
    transfer: 'dispatched',
    request_material: 'awaiting_material',
    involve_business: 'handling',
    business_reply: 'handling',
    reply: 'handling',
    resolve: 'resolved',
    urge: 'handling',
    request_time: 'handling',
    decide_time: 'handling',
    end_suspension: 'handling',
    dispute: 'handling',
    review_dispute: 'handling',
  },
  awaiting_material: { supply_material: 'handling', business_reply: 'awaiting_material', urge: 'awaiting_material' },
  resolved: { rate: 'closed', follow_up: 'closed' },
  closed: {},
  unfounded: {},
  merged: {},
};

describe('work-order state machine', () => {
  it('allows exactly the transitions of the table and refuses every other (status × action)', () => {
    for (const status of WORK_ORDER_STATUSES) {
      for (const action of WORK_ORDER_ACTIONS) {
        const r = nextStatus(base(status), action, { now, satisfaction: 'satisfied', departmentId: 'd1' });
        const want = EXPECTED[status][action];
        if (want) expect(r, `${status} + ${action}`).toMatchObject({ ok: true, status: want });
        else expect(r, `${status} + ${action}`).toEqual({ ok: false, code: 'invalid_transition' });
      }
    }
  });

  it('派单异议审核: an upheld dispatch keeps the order where it is; an accepted dispute re-dispatches it', () => {
    for (const status of ['dispatched', 'handling'] as const) {
      const s = base(status, { departmentId: 'd1', respondedAt: status === 'handling' ? now : null });
      expect(nextStatus(s, 'dispute', { now })).toEqual({ ...s, ok: true });
      expect(nextStatus(s, 'review_dispute', { now, uphold: true, departmentId: 'd2' })).toEqual({ ...s, ok: true });
      expect(nextStatus(s, 'review_dispute', { now, uphold: false, departmentId: 'd2' })).toMatchObject({
        ok: true,
        status: 'dispatched',
        departmentId: 'd2',
      });
    }
    for (const status of ['pending', 'awaiting_material', 'resolved', 'closed', 'unfounded', 'merged'] as const)
      expect(nextStatus(base(status), 'dispute', { now })).toEqual({ ok: false, code: 'invalid_transition' });
  });

  it('reopens once on an unsatisfied rating, then closes', () => {
    const first = nextStatus(base('resolved', { resolvedAt: now }), 'rate', { now, satisfaction: 'unsatisfied' });
    expect(first).toMatchObject({ ok: true, status: 'handling', reopenCount: 1, resolvedAt: null });
    const second = nextStatus(base('resolved', { reopenCount: 1 }), 'rate', { now, satisfaction: 'unsatisfied' });
    expect(second).toMatchObject({ ok: true, status: 'closed', reopenCount: 1 });
  });

  it('property: random action sequences never reach an impossible state', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action: fc.constantFrom(...WORK_ORDER_ACTIONS),
            satisfaction: fc.constantFrom('satisfied', 'basically_satisfied', 'unsatisfied' as const),
            minutes: fc.integer({ min: 0, max: 600 }),
          }),
          { maxLength: 60 },
        ),
        (steps) => {
          let s = base('pending');
          let t = now.getTime();
          for (const step of steps) {
            t += step.minutes * 60_000;
            const before = s;
            const r = nextStatus(s, step.action, {
              now: new Date(t),
              satisfaction: step.satisfaction,
              departmentId: 'd',
            });
            if (!r.ok) {
              expect(EXPECTED[s.status][step.action]).toBeUndefined();
              continue;
            }
            s = r;
            // Closed statuses are terminal.
            if (CLOSED_STATUSES.includes(before.status)) throw new Error(`left terminal status ${before.status}`);
            expect(s.reopenCount).toBeLessThanOrEqual(1);
            expect(s.urgeCount).toBeGreaterThanOrEqual(before.urgeCount);
            if (before.respondedAt) expect(s.respondedAt).toEqual(before.respondedAt);
            if (s.status === 'resolved') expect(s.resolvedAt).not.toBeNull();
            if (s.status === 'handling' || s.status === 'pending') expect(s.resolvedAt).toBeNull();
            if (s.resolvedAt && s.respondedAt)
              expect(s.respondedAt.getTime()).toBeLessThanOrEqual(s.resolvedAt.getTime());
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
