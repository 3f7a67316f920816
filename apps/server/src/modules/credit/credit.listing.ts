import type { TDecisionInput, TDishonestProposal, TRepairInput } from '@zhilv/contracts';
import { DEMONSTRATION_BADGES } from '@zhilv/contracts';
import { and } from 'drizzle-orm';
import type { TDb, TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR, type TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { addDuration, loadCalendar } from '../../platform/calendar.js';
import type { TClock } from '../../platform/clock.js';
import { cancel, STAGE, schedule, type TDeadlineHandler } from '../../platform/deadlines/index.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { withdrawBusinessBadges } from '../master-data/index.js';
import { recordCreditEvent } from './credit.events.js';
import { canEntry, mayPropose, visibleEntriesWhere } from './credit.policy.js';
import * as store from './credit.store.js';
import { entryView } from './credit.view.js';

/**
 * 失信名单 and 信用修复, as one procedure per entry:
 *   proposed → (head serves the notice 告知书) noticed → objection window (working days, deadline engine)
 *   noticed  → listed   (the window lapsed without an objection — the sweep — or the objection was rejected)
 *   noticed  → withdrawn (the objection was accepted)
 *   listed   → exited   (the management period ended — the sweep)
 *   listed   → repaired (a repair application was approved)
 * Each step is one transaction with its audit entry; listing records the credit event and takes the 示范 badges.
 */
export const OBJECTION_WINDOW = 'credit.objection_window';
export const LISTING_EXIT = 'credit.listing_exit';
export const REPAIR_DECISION = 'credit.repair_decision';

const DAY_MS = 86_400_000;
const addMonths = (d: Date, n: number) => {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() + n);
  return x;
};
const LISTING_RULE = { serious: 'dishonest_listed_serious', minor: 'dishonest_listed_minor' } as const;

/** Lists a noticed entry now: the event for the management period, the badges off, the exit deadline set. */
async function listEntry(tx: TExecutor, actor: TActor, e: store.TEntryRow, now: Date, note: string) {
  const s = await store.getSettings(tx);
  const months = e.tier === 'serious' ? s.seriousPeriodMonths : s.minorPeriodMonths;
  const periodEndsAt = addMonths(now, months);
  const event = await recordCreditEvent(tx, {
    businessId: e.businessId,
    ruleCode: LISTING_RULE[e.tier as 'serious' | 'minor'],
    evidence: { type: 'dishonest_entry', id: e.id, documentNo: e.decisionNo },
    departmentId: e.departmentId,
    effectiveAt: now,
    validUntil: periodEndsAt,
    actor,
  });
  const after = await store.updateEntry(tx, e.id, {
    status: 'listed',
    listedAt: now,
    periodEndsAt,
    decidedBy: actor.id,
    eventId: event?.id ?? null,
  });
  await withdrawBusinessBadges(tx, actor, e.businessId, DEMONSTRATION_BADGES, 'dishonest list', now);
  await schedule(tx, {
    kind: LISTING_EXIT,
    objectType: 'dishonest_entry',
    objectId: e.id,
    stages: [{ name: STAGE.overdue, at: periodEndsAt }],
    start: now,
  });
  await writeAudit(
    tx,
    actor,
    {
      action: 'dishonest_entry.decide',
      objectType: 'dishonest_entry',
      objectId: e.id,
      before: { status: e.status },
      after: { status: 'listed', periodEndsAt: periodEndsAt.toISOString(), note },
    },
    now,
  );
  return after;
}

/** The objection window closed: without an objection the entry is listed (the notice said so); else the head decides. */
export const objectionWindowHandler: TDeadlineHandler = async (tx, f, { now }) => {
  const e = await store.lockEntry(tx, f.objectId);
  if (e?.status !== 'noticed' || e.objectedAt) return 'stop';
  await listEntry(tx, SYSTEM_ACTOR, e, now, 'objection window lapsed without an objection');
  return 'stop';
};

/** The management period ended: the entry leaves the list (its event stops counting by its own validity). */
export const listingExitHandler: TDeadlineHandler = async (tx, f, { now }) => {
  const e = await store.lockEntry(tx, f.objectId);
  if (e?.status !== 'listed') return 'stop';
  await store.updateEntry(tx, e.id, { status: 'exited', exitedAt: now, exitReason: 'period_end' });
  await writeAudit(
    tx,
    SYSTEM_ACTOR,
    {
      action: 'dishonest_entry.exit',
      objectType: 'dishonest_entry',
      objectId: e.id,
      before: { status: e.status },
      after: { status: 'exited' },
    },
    now,
  );
  return 'stop';
};

/** A repair decision is overdue: the deciding department's head is told (the application stays to be decided). */
export const repairDecisionHandler: TDeadlineHandler = async (tx, f, { outbox }) => {
  const r = await store.lockRepair(tx, f.objectId);
  if (r?.status !== 'submitted') return 'stop';
  const e = await store.getEntry(tx, r.entryId);
  if (e)
    outbox.notify(
      { role: 'department_head', departmentId: e.departmentId },
      {
        kind: 'credit_repair_overdue',
        titleZh: '信用修复申请已超过办理期限',
        titleEn: 'A credit repair application is past its decision deadline',
        objectType: 'credit_repair',
        objectId: r.id,
      },
    );
  return 'stop';
};

export function createListingService({ db, clock }: { db: TDb; clock: TClock }) {
  async function view(id: string, actor: TActor) {
    const [row] = await store.listEntries(db, and(visibleEntriesWhere(actor), store.entryIdIs(id)), 1);
    if (!row) throw notFound();
    return entryView(row, await store.repairsOf(db, [id]));
  }

  /** Locks an entry the actor may see and may take `verb` on: 404 when hidden, 403 when seen but not theirs to do. */
  async function locked(tx: TExecutor, actor: TActor, id: string, verb: Parameters<typeof canEntry>[1]) {
    const e = await store.lockEntry(tx, id);
    if (!e || !canEntry(actor, 'view', e)) throw notFound();
    if (!canEntry(actor, verb, e)) throw forbidden();
    return e;
  }

  async function list(actor: TActor) {
    const rows = await store.listEntries(db, visibleEntriesWhere(actor));
    const repairs = await store.repairsOf(
      db,
      rows.map((r) => r.e.id),
    );
    return rows.map((r) => entryView(r, repairs));
  }

  async function propose(actor: TActor, input: TDishonestProposal) {
    if (!mayPropose(actor)) throw forbidden();
    const id = await db.transaction(async (tx) => {
      const now = clock.now();
      if (!(await store.getSubject(tx, 'business', input.businessId)))
        throw invalid('credit_subject_unknown', 'businessId');
      if (await store.openEntryOf(tx, input.businessId)) throw conflict('dishonest_already_open', 'businessId');
      const e = await store.insertEntry(tx, {
        ...input,
        status: 'proposed',
        departmentId: actor.departmentId!,
        proposedBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      await writeAudit(
        tx,
        actor,
        { action: 'dishonest_entry.propose', objectType: 'dishonest_entry', objectId: e.id, after: input },
        now,
      );
      return e.id;
    });
    return view(id, actor);
  }

  /** The head serves the notice (告知书): the objection window runs from now, in working days. */
  async function serveNotice(actor: TActor, id: string) {
    await db.transaction(async (tx) => {
      const now = clock.now();
      const e = await locked(tx, actor, id, 'notice');
      if (e.status !== 'proposed') throw conflict('dishonest_invalid_step');
      const s = await store.getSettings(tx);
      const due = addDuration(now, { amount: s.objectionWorkingDays, unit: 'working_days' }, await loadCalendar(tx));
      await store.updateEntry(tx, id, { status: 'noticed', noticedAt: now, objectionDueAt: due });
      await schedule(tx, {
        kind: OBJECTION_WINDOW,
        objectType: 'dishonest_entry',
        objectId: id,
        stages: [{ name: STAGE.overdue, at: due }],
        start: now,
      });
      await writeAudit(
        tx,
        actor,
        {
          action: 'dishonest_entry.notice',
          objectType: 'dishonest_entry',
          objectId: id,
          before: { status: e.status },
          after: { status: 'noticed', objectionDueAt: due.toISOString() },
        },
        now,
      );
    });
    return view(id, actor);
  }

  /** 陈述申辩: the business, once, within the window. */
  async function object(actor: TActor, id: string, objection: string) {
    await db.transaction(async (tx) => {
      const now = clock.now();
      const e = await locked(tx, actor, id, 'object');
      if (e.status !== 'noticed' || e.objectedAt) throw conflict('dishonest_invalid_step');
      if (!e.objectionDueAt || now >= e.objectionDueAt) throw conflict('dishonest_objection_closed');
      await store.updateEntry(tx, id, { objection, objectedAt: now });
      await writeAudit(
        tx,
        actor,
        { action: 'dishonest_entry.object', objectType: 'dishonest_entry', objectId: id, after: { objection } },
        now,
      );
    });
    return view(id, actor);
  }

  /**
   * The head's decision on a noticed entry: accept the objection (withdrawn) or reject it and list. Without an
   * objection the decision waits for the window to close (the sweep lists it then; the head may do so after it).
   */
  async function decide(actor: TActor, id: string, d: TDecisionInput) {
    await db.transaction(async (tx) => {
      const now = clock.now();
      const e = await locked(tx, actor, id, 'decide');
      if (e.status !== 'noticed') throw conflict('dishonest_invalid_step');
      if (!e.objectedAt && e.objectionDueAt && now < e.objectionDueAt) throw conflict('dishonest_objection_open');
      if (!e.objectedAt && d.decision === 'accept') throw conflict('dishonest_invalid_step');
      await cancel(tx, OBJECTION_WINDOW, id, now);
      await store.updateEntry(tx, id, {
        objectionDecision: e.objectedAt ? (d.decision === 'accept' ? 'accepted' : 'rejected') : null,
        objectionNote: d.note,
      });
      if (d.decision === 'accept') {
        await store.updateEntry(tx, id, { status: 'withdrawn', decidedBy: actor.id, exitedAt: now });
        await writeAudit(
          tx,
          actor,
          {
            action: 'dishonest_entry.decide',
            objectType: 'dishonest_entry',
            objectId: id,
            before: { status: e.status },
            after: { status: 'withdrawn', note: d.note },
          },
          now,
        );
      } else await listEntry(tx, actor, e, now, d.note);
    });
    return view(id, actor);
  }

  /** 信用修复: after the minimum period, with proof, a commitment signed now and the training record. */
  async function applyRepair(actor: TActor, id: string, input: TRepairInput) {
    await db.transaction(async (tx) => {
      const now = clock.now();
      const e = await locked(tx, actor, id, 'apply_repair');
      if (e.status !== 'listed' || !e.listedAt) throw conflict('dishonest_invalid_step');
      const s = await store.getSettings(tx);
      if (now.getTime() < e.listedAt.getTime() + s.repairMinDays * DAY_MS) throw conflict('repair_too_early');
      if (await store.pendingRepairOf(tx, id)) throw conflict('repair_pending');
      const rule = await store.latestRule(tx, LISTING_RULE[e.tier as 'serious' | 'minor']);
      // 不可仅凭承诺修复: the proof must be a document the department can verify, not words alone.
      if (rule && !rule.repairableByCommitment && !input.proofFileId)
        throw invalid('repair_not_by_commitment', 'proofFileId');
      const dueAt = addDuration(
        now,
        { amount: s.repairDecisionWorkingDays, unit: 'working_days' },
        await loadCalendar(tx),
      );
      const r = await store.insertRepair(tx, {
        entryId: id,
        businessId: e.businessId,
        proof: input.proof,
        proofFileId: input.proofFileId,
        commitment: input.commitment,
        commitmentSignedAt: now,
        trainingRecord: input.trainingRecord,
        submittedBy: actor.id,
        dueAt,
        createdAt: now,
      });
      await schedule(tx, {
        kind: REPAIR_DECISION,
        objectType: 'credit_repair',
        objectId: r.id,
        stages: [{ name: STAGE.overdue, at: dueAt }],
        start: now,
      });
      await writeAudit(
        tx,
        actor,
        {
          action: 'credit_repair.apply',
          objectType: 'credit_repair',
          objectId: r.id,
          after: { entryId: id, dueAt: dueAt.toISOString() },
        },
        now,
      );
    });
    return view(id, actor);
  }

  /**
   * The head decides a repair. Approval takes the entry off the list now and marks its event — and the file's other
   * negative events whose rule allows repair — repaired: kept on the file, no longer counted or published.
   */
  async function decideRepair(actor: TActor, repairId: string, d: TDecisionInput) {
    const entryId = await db.transaction(async (tx) => {
      const now = clock.now();
      const r = await store.lockRepair(tx, repairId);
      if (!r) throw notFound();
      const e = await locked(tx, actor, r.entryId, 'decide_repair');
      if (r.status !== 'submitted') throw conflict('dishonest_invalid_step');
      await cancel(tx, REPAIR_DECISION, repairId, now);
      const approved = d.decision === 'accept';
      await store.updateRepair(tx, repairId, {
        status: approved ? 'approved' : 'rejected',
        decidedBy: actor.id,
        decisionNote: d.note,
        decidedAt: now,
      });
      let repaired: string[] = [];
      if (approved && e.status === 'listed') {
        await store.updateEntry(tx, e.id, { status: 'repaired', exitedAt: now, exitReason: 'repair' });
        await cancel(tx, LISTING_EXIT, e.id, now);
        const events = await store.eventsOf(tx, 'business', e.businessId);
        const rules = await store.rulesByIds(tx, [...new Set(events.map((x) => x.e.ruleId))]);
        const ids = events
          .filter(
            (x) =>
              x.e.id === e.eventId ||
              (x.e.points < 0 && !x.e.repairedAt && rules.get(x.e.ruleId)?.repairableByCommitment),
          )
          .map((x) => x.e.id);
        repaired = (await store.markRepaired(tx, ids, now)).map((x) => x.id);
      }
      await writeAudit(
        tx,
        actor,
        {
          action: 'credit_repair.decide',
          objectType: 'credit_repair',
          objectId: repairId,
          before: { status: r.status, entryStatus: e.status },
          after: { status: approved ? 'approved' : 'rejected', note: d.note, repairedEvents: repaired },
        },
        now,
      );
      return e.id;
    });
    return view(entryId, actor);
  }

  return { list, get: view, propose, serveNotice, object, decide, applyRepair, decideRepair };
}
export type TListingService = ReturnType<typeof createListingService>;
