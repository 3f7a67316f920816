import type { TDecisionInput, TDishonestEntry, TDishonestProposal, TRepairInput } from '@zhilv/contracts';
import { DEMONSTRATION_BADGES } from '@zhilv/contracts';
import { and } from 'drizzle-orm';
import type { TDb, TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR, type TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { addDuration, isWorkingDay, loadCalendar, localDay, type TCalendar } from '../../platform/calendar.js';
import type { TClock } from '../../platform/clock.js';
import { cancel, STAGE, schedule, type TDeadlineHandler } from '../../platform/deadlines/index.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { attachFiles } from '../files/index.js';
import { withdrawBusinessBadges } from '../master-data/index.js';
import { recordCreditEvent } from './credit.events.js';
import { buildNoticePdf, type TNoticeFont } from './credit.notice-pdf.js';
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

/**
 * The working days of a window as addDuration counts them: the working days after the start's day up to the end's
 * day, less the one a start on a day off is moved to (it counts from 09:00 of the next working day).
 */
export function workingDaysBetween(start: Date, end: Date, cal: TCalendar): number {
  const last = localDay(end.getTime());
  let n = 0;
  for (let t = start.getTime() + DAY_MS; localDay(t) <= last; t += DAY_MS) if (isWorkingDay(t, cal)) n++;
  return isWorkingDay(start.getTime(), cal) ? n : Math.max(0, n - 1);
}

export function createListingService({ db, clock, font }: { db: TDb; clock: TClock; font?: TNoticeFont | null }) {
  async function view(id: string, actor: TActor, ex: TExecutor = db) {
    const [row] = await store.listEntries(ex, and(visibleEntriesWhere(actor), store.entryIdIs(id)), 1);
    if (!row) throw notFound();
    const repairs = await store.repairsOf(ex, [id]);
    return entryView(
      row,
      repairs,
      await store.repairFiles(
        ex,
        repairs.map((r) => r.id),
      ),
    );
  }

  /**
   * A phone submission under an Idempotency-Key: the key is claimed first in the transaction, so a replay (even a
   * concurrent one, which waits on the key) answers the first call's stored view and writes nothing.
   */
  async function once(
    actor: TActor,
    key: string | undefined,
    request: unknown,
    work: (tx: TExecutor, now: Date) => Promise<string>,
  ): Promise<TDishonestEntry> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      if (key) {
        const prior = await claimIdempotencyKey<TDishonestEntry>(tx, key, actor.id!, hashRequest(request), now);
        if (prior) return prior;
      }
      const entryId = await work(tx, now);
      const answer = await view(entryId, actor, tx);
      if (key) await storeIdempotentAnswer(tx, key, actor.id!, answer);
      return answer;
    });
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
    const proofs = await store.repairFiles(
      db,
      repairs.map((r) => r.id),
    );
    return rows.map((r) => entryView(r, repairs, proofs));
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
  async function object(actor: TActor, id: string, objection: string, key?: string) {
    return once(actor, key, { op: 'objection', id, objection }, async (tx, now) => {
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
      return id;
    });
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
  async function applyRepair(actor: TActor, id: string, input: TRepairInput, key?: string) {
    return once(actor, key, { op: 'repair', id, ...input }, async (tx, now) => {
      const e = await locked(tx, actor, id, 'apply_repair');
      if (e.status !== 'listed' || !e.listedAt) throw conflict('dishonest_invalid_step');
      const s = await store.getSettings(tx);
      if (now.getTime() < e.listedAt.getTime() + s.repairMinDays * DAY_MS) throw conflict('repair_too_early');
      if (await store.pendingRepairOf(tx, id)) throw conflict('repair_pending');
      const rule = await store.latestRule(tx, LISTING_RULE[e.tier as 'serious' | 'minor']);
      // 不可仅凭承诺修复: the proof must be a document the department can verify, not words alone.
      const proofFileIds = [...new Set([...(input.proofFileId ? [input.proofFileId] : []), ...input.proofFileIds])];
      if (rule && !rule.repairableByCommitment && !proofFileIds.length)
        throw invalid('repair_not_by_commitment', 'proofFileIds');
      const dueAt = addDuration(
        now,
        { amount: s.repairDecisionWorkingDays, unit: 'working_days' },
        await loadCalendar(tx),
      );
      const r = await store.insertRepair(tx, {
        entryId: id,
        businessId: e.businessId,
        proof: input.proof,
        proofFileId: proofFileIds[0] ?? null,
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
      // The proof photos: the applicant's own uploads, not yet attached; shown to whoever may see the entry.
      await attachFiles(tx, actor, proofFileIds, 'credit_repair', r.id).catch((err) => {
        throw err instanceof AppError ? invalid(err.code, 'proofFileIds') : err;
      });
      await writeAudit(
        tx,
        actor,
        {
          action: 'credit_repair.apply',
          objectType: 'credit_repair',
          objectId: r.id,
          after: { entryId: id, dueAt: dueAt.toISOString(), proofFileIds },
        },
        now,
      );
      return id;
    });
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

  /**
   * 告知书 as a PDF: for the party (the business) and the department, once the notice is served. Anyone else sees
   * nothing (404); before it is served there is no notice to print (409).
   */
  async function noticePdf(actor: TActor, id: string) {
    const [row] = await store.listEntries(db, and(visibleEntriesWhere(actor), store.entryIdIs(id)), 1);
    if (!row) throw notFound();
    const e = row.e;
    if (!e.noticedAt || !e.objectionDueAt) throw conflict('dishonest_invalid_step');
    const s = await store.getSettings(db);
    const rule = await store.latestRule(db, LISTING_RULE[e.tier as 'serious' | 'minor']);
    const pdf = await buildNoticePdf(font ?? null, {
      entryId: e.id,
      businessName: row.businessName,
      uscc: row.uscc,
      address: (await store.businessAddress(db, e.businessId)) ?? '',
      tier: e.tier as 'serious' | 'minor',
      reason: e.reason,
      legalBasis: e.legalBasis,
      decisionNo: e.decisionNo,
      departmentName: row.departmentName ?? '',
      noticedAt: e.noticedAt,
      objectionDueAt: e.objectionDueAt,
      workingDays: workingDaysBetween(e.noticedAt, e.objectionDueAt, await loadCalendar(db)),
      periodMonths: e.tier === 'serious' ? s.seriousPeriodMonths : s.minorPeriodMonths,
      points: rule?.active ? rule.points : null,
    });
    return { pdf, decisionNo: e.decisionNo };
  }

  return { list, get: view, propose, serveNotice, object, decide, applyRepair, decideRepair, noticePdf };
}
export type TListingService = ReturnType<typeof createListingService>;

/** For the files module: may this actor see the proof attached to this repair (whoever may see its entry)? */
export async function mayReadRepair(db: TExecutor, actor: TActor, repairId: string) {
  const r = await store.getRepair(db, repairId);
  if (!r) return false;
  const e = await store.getEntry(db, r.entryId);
  return !!e && canEntry(actor, 'view', e);
}
