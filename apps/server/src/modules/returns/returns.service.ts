import { randomBytes, randomUUID } from 'node:crypto';
import type {
  TCreateReturnRequest,
  TReturnAnswerRequest,
  TReturnCompensationRequest,
  TReturnCompleteRequest,
  TReturnListQuery,
  TReturnRequestView,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { cancel as cancelDeadline } from '../../platform/deadlines/index.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { createOutbox, type TOutbox } from '../../platform/notify.js';
import type { TSmsProvider } from '../../platform/sms.js';
import { recordCreditEvent } from '../credit/index.js';
import { attachFiles } from '../files/index.js';
import { getWorkOrderRef, recordCompensation, recordLinkedStep } from '../work-orders/index.js';
import {
  escalate,
  REFUND_DEADLINE,
  registerOrder,
  SHOP_DEADLINE,
  scheduleRefundDeadline,
  scheduleShopDeadline,
  tellTourist,
} from './returns.escalation.js';
import { payOut } from './returns.fund.js';
import { can, mayFile, visibleWhere } from './returns.policy.js';
import {
  checkEligibility,
  compensationAllowed,
  compensationNote,
  fieldOf,
  hoursBetween,
  refundDueAt,
  shopDueAt,
  shopMayAnswer,
  yuan,
} from './returns.rules.js';
import * as store from './returns.store.js';
import { loadNames, toView } from './returns.view.js';

export type TReturnDeps = { db: TDb; clock: TClock; events: TEventHub; sms: TSmsProvider };

/** TH + the prefecture's day + 8 random hex digits: readable on the phone, not guessable, not a counter. */
function trackingNo(now: Date) {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `TH${day}${randomBytes(4).toString('hex').toUpperCase()}`;
}

export function createReturnService(deps: TReturnDeps) {
  const { db, clock, events, sms } = deps;

  async function viewOf(tx: TExecutor, r: store.TReturnRow, actor: TActor) {
    return toView(r, await loadNames(tx, [r]), actor, clock.now());
  }

  /** Reads a request this actor may see, or answers 404 exactly as for a missing id. */
  async function visible(tx: TExecutor, id: string, actor: TActor, lock: boolean) {
    const r = lock ? await store.lockReturn(tx, id) : await store.getReturn(tx, id);
    if (!r) throw notFound();
    const order = r.workOrderId ? await getWorkOrderRef(tx, r.workOrderId) : null;
    if (!can(actor, 'view', r, order)) throw notFound();
    return { r, order };
  }

  /** Runs a state change in one transaction with its notifications, pushed live only after the commit. */
  async function change<T>(work: (tx: TExecutor, outbox: TOutbox) => Promise<T>): Promise<T> {
    const outbox = createOutbox(events);
    const out = await db.transaction(async (tx) => {
      const res = await work(tx, outbox);
      await outbox.flush(tx);
      return res;
    });
    outbox.afterCommit();
    return out;
  }

  /** 游客申请: the rules first (422 with the rule's code), then the request, its receipt and the shop's notice. */
  async function file(actor: TActor, body: TCreateReturnRequest, key?: string): Promise<TReturnRequestView> {
    if (!mayFile(actor) || !actor.id) throw forbidden();
    const touristId = actor.id;
    return change(async (tx, outbox) => {
      const now = clock.now();
      if (key) {
        const prior = await claimIdempotencyKey<TReturnRequestView>(tx, key, touristId, hashRequest(body), now);
        if (prior) return prior;
      }
      const biz = await store.businessFacts(tx, body.businessId);
      if (!biz) throw new AppError('business_not_found', 422, 'businessId');
      const pledge = await store.pledgeOf(tx, biz.id);
      const goods = await store.catalogueEntry(tx, body.goodsCategory);
      const rule = checkEligibility(
        { purchasedOn: body.purchasedOn, businessKind: biz.kind, pledgeSignedAt: pledge?.signedAt ?? null, goods },
        now,
      );
      if (rule) throw invalid(rule, fieldOf(rule));
      const rules = await store.getReturnRules(tx);
      const id = randomUUID();
      await attachFiles(tx, actor, [body.receiptFileId], 'return_request', id);
      const inserted = await store.insertReturn(tx, {
        id,
        trackingNo: trackingNo(now),
        touristUserId: touristId,
        businessId: body.businessId,
        item: body.item,
        goodsCategory: body.goodsCategory,
        amountFen: body.amountFen,
        purchasedOn: body.purchasedOn,
        reason: body.reason,
        receiptFileId: body.receiptFileId,
        invoiceNo: body.invoiceNo,
        status: 'submitted',
        shopDueAt: shopDueAt(now, rules),
        createdAt: now,
        updatedAt: now,
      });
      await scheduleShopDeadline(tx, inserted, now);
      // Registered in the complaint system as it is filed: the work order exists from the start (never twice).
      const r = await registerOrder(tx, outbox, inserted, now);
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: 'return_request.file',
            objectType: 'return_request',
            objectId: id,
            after: {
              trackingNo: r.trackingNo,
              businessId: r.businessId,
              amountFen: r.amountFen,
              invoiceNo: r.invoiceNo,
              goodsCategory: r.goodsCategory,
              status: r.status,
              workOrderId: r.workOrderId,
            },
          },
        ],
        now,
      );
      const hours = hoursBetween(now, r.shopDueAt);
      for (const userId of await store.businessAccountIds(tx, r.businessId))
        outbox.notify(
          { userId },
          {
            kind: 'return_filed',
            titleZh: `新的无理由退货申请 ${r.trackingNo}`,
            titleEn: `New no-reason return request ${r.trackingNo}`,
            bodyZh: `${r.item}（${goods?.nameZh ?? r.goodsCategory}）${yuan(r.amountFen)}，请在${hours}小时内答复，逾期将转市场监管部门处理。`,
            bodyEn: `${r.item} (${goods?.nameEn ?? r.goodsCategory}) ${yuan(r.amountFen)}: answer within ${hours} hours, or it goes to market supervision.`,
            objectType: 'return_request',
            objectId: id,
          },
        );
      const view = await viewOf(tx, r, actor);
      if (key) await storeIdempotentAnswer(tx, key, touristId, view);
      return view;
    });
  }

  async function list(actor: TActor, q: TReturnListQuery) {
    const { items, total } = await store.listReturns(db, visibleWhere(actor), q);
    const names = await loadNames(db, items);
    const now = clock.now();
    return { items: items.map((r) => toView(r, names, actor, now)), total, page: q.page, pageSize: q.pageSize };
  }

  async function get(actor: TActor, id: string) {
    const { r } = await visible(db, id, actor, false);
    return viewOf(db, r, actor);
  }

  /**
   * The shop accepts (a refund or an exchange, due within the refund rule's hours, chased on the deadline
   * engine), or refuses with a reason — a refusal passes the order registered at filing to market supervision, in
   * the same transaction.
   */
  async function answer(actor: TActor, id: string, body: TReturnAnswerRequest) {
    return change(async (tx, outbox) => {
      const now = clock.now();
      const { r } = await visible(tx, id, actor, true);
      if (!can(actor, 'answer', r, null)) throw forbidden();
      if (r.status !== 'submitted') throw conflict('return_already_answered');
      if (!shopMayAnswer(r.shopDueAt, now)) throw conflict('return_answer_overdue');
      // Answered in time: the shop deadline's escalation never fires (this transaction holds the request's lock).
      await cancelDeadline(tx, SHOP_DEADLINE, r.id, now);
      const note = body.note?.trim() || null;
      if (body.decision === 'accept') {
        const outcome = body.outcome ?? 'refund';
        const rules = await store.getReturnRules(tx);
        const after = await store.updateReturn(tx, r.id, {
          status: 'accepted',
          outcome,
          refundDueAt: refundDueAt(now, rules),
          shopAnsweredAt: now,
          shopNote: note,
          updatedAt: now,
        });
        if (after.refundDueAt) await scheduleRefundDeadline(tx, { id: r.id, refundDueAt: after.refundDueAt }, now);
        if (r.workOrderId)
          await recordLinkedStep(tx, outbox, {
            workOrderId: r.workOrderId,
            action: 'business_reply',
            actor,
            note: `无理由退货 ${r.trackingNo} 商家同意${outcome === 'exchange' ? '退换货 exchange' : '退货退款 refund'}${note ? ` · ${note}` : ''}`,
            at: now,
          });
        await writeAuditBatch(
          tx,
          actor,
          [
            {
              action: 'return_request.accept',
              objectType: 'return_request',
              objectId: r.id,
              before: { status: r.status },
              after: { status: after.status, outcome, refundDueAt: after.refundDueAt?.toISOString(), shopNote: note },
            },
          ],
          now,
        );
        await tellTourist(tx, outbox, sms, after, 'accepted');
        return viewOf(tx, after, actor);
      }
      const refused = await store.updateReturn(tx, r.id, { shopAnsweredAt: now, shopNote: note, updatedAt: now });
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: 'return_request.refuse',
            objectType: 'return_request',
            objectId: r.id,
            before: { status: r.status },
            after: { status: 'refused', shopNote: note },
          },
        ],
        now,
      );
      if (r.workOrderId)
        await recordLinkedStep(tx, outbox, {
          workOrderId: r.workOrderId,
          action: 'business_reply',
          actor,
          note: `无理由退货 ${r.trackingNo} 商家拒绝 refused · ${note ?? ''}`,
          at: now,
        });
      const after = await escalate(tx, outbox, refused, now, 'refused');
      await tellTourist(tx, outbox, sms, after, 'refused');
      return viewOf(tx, after, actor);
    });
  }

  /** The shop records the refund or exchange it accepted as done: the refund deadline ends, the tourist is told. */
  async function complete(actor: TActor, id: string, body: TReturnCompleteRequest) {
    return change(async (tx, outbox) => {
      const now = clock.now();
      const { r } = await visible(tx, id, actor, true);
      if (!can(actor, 'complete', r, null)) throw forbidden();
      if (r.status !== 'accepted') throw conflict('return_not_accepted');
      await cancelDeadline(tx, REFUND_DEADLINE, r.id, now);
      const note = body.note?.trim() || null;
      const status = r.outcome === 'exchange' ? 'exchanged' : 'refunded';
      const after = await store.updateReturn(tx, r.id, {
        status,
        completedAt: now,
        shopNote: note ?? r.shopNote,
        updatedAt: now,
      });
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: 'return_request.complete',
            objectType: 'return_request',
            objectId: r.id,
            before: { status: r.status },
            after: { status, note, late: !!r.refundDueAt && now > r.refundDueAt },
          },
        ],
        now,
      );
      if (r.workOrderId)
        await recordLinkedStep(tx, outbox, {
          workOrderId: r.workOrderId,
          action: 'business_reply',
          actor,
          note: `无理由退货 ${r.trackingNo} 商家已${status === 'exchanged' ? '换货 exchanged' : '退款 refunded'}${note ? ` · ${note}` : ''}`,
          at: now,
        });
      await tellTourist(tx, outbox, sms, after, 'completed');
      return viewOf(tx, after, actor);
    });
  }

  /**
   * 先行赔付 recorded by the department (or the dispatcher) on an escalated request; the work order it became shows
   * it on its timeline, written in the same transaction.
   */
  async function compensate(actor: TActor, id: string, body: TReturnCompensationRequest) {
    return change(async (tx, outbox) => {
      const now = clock.now();
      const { r, order } = await visible(tx, id, actor, true);
      if (!can(actor, 'compensate', r, order)) throw forbidden();
      if (r.status !== 'escalated') throw conflict('return_not_escalated');
      if (!compensationAllowed(body.amountFen, r.amountFen)) throw invalid('return_compensation_exceeds', 'amountFen');
      const after = await store.updateReturn(tx, r.id, {
        status: 'compensated',
        compensationFen: body.amountFen,
        compensationNote: body.note,
        compensatedAt: now,
        compensatedBy: actor.id,
        updatedAt: now,
      });
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: 'return_request.compensate',
            objectType: 'return_request',
            objectId: r.id,
            before: { status: r.status },
            after: {
              status: after.status,
              compensationFen: body.amountFen,
              note: body.note,
              workOrderId: r.workOrderId,
            },
          },
        ],
        now,
      );
      if (r.workOrderId) {
        // Paid from the fund: its ledger's line, in this same transaction (one payout per work order).
        await payOut(tx, actor, {
          workOrderId: r.workOrderId,
          returnRequestId: r.id,
          businessId: r.businessId,
          amountFen: body.amountFen,
          note: body.note,
          at: now,
        });
        await recordCompensation(tx, outbox, {
          workOrderId: r.workOrderId,
          actor,
          note: compensationNote(after.trackingNo, body.amountFen, body.note),
          at: now,
        });
      }
      // The loop (credit): refused, decided for the tourist and paid from the fund — in this same transaction.
      await recordCreditEvent(tx, {
        businessId: r.businessId,
        ruleCode: 'return_compensated',
        evidence: { type: 'return_request', id: r.id, documentNo: r.trackingNo },
        departmentId: actor.departmentId,
        effectiveAt: now,
        actor,
      });
      await tellTourist(tx, outbox, sms, after, 'compensated');
      return viewOf(tx, after, actor);
    });
  }

  return { file, list, get, answer, complete, compensate };
}
export type TReturnService = ReturnType<typeof createReturnService>;
