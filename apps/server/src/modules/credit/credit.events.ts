import { DEMONSTRATION_BADGES, type TCreditEvidenceType, type TCreditGrade } from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR, type TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { systemClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { withdrawBusinessBadges } from '../master-data/index.js';
import { gradeOf } from './credit.score.js';
import * as store from './credit.store.js';

const DAY_MS = 86_400_000;

export type TRecordCreditEvent = {
  /** a business's file unless practitionerId is given */
  businessId?: string;
  practitionerId?: string;
  ruleCode: string;
  evidence: { type: TCreditEvidenceType; id: string; documentNo?: string | null; fileId?: string | null };
  departmentId: string | null;
  effectiveAt: Date;
  /** overrides the rule's validity (a listing counts exactly for its management period) */
  validUntil?: Date | null;
  /** overrides the rule's default */
  public?: boolean;
  note?: string | null;
  actor?: TActor;
};

/**
 * Records a credit event inside the caller's transaction — the loop's one door (ARCHITECTURE: the caller owns the
 * transaction, so a rolled-back cause leaves no event). The rule's newest version is applied and kept on the event.
 * Once per cause: the same subject, rule and evidence again records nothing and answers null; so does a rule an
 * admin switched off (the cause must still go through). A D grade after it takes the 示范 badges off a business.
 */
export async function recordCreditEvent(tx: TExecutor, input: TRecordCreditEvent) {
  const rule = await store.latestRule(tx, input.ruleCode);
  if (!rule) throw new AppError('credit_rule_unknown', 422, 'ruleCode');
  if (!rule.active) return null;
  const subjectType = input.practitionerId ? 'practitioner' : 'business';
  const subjectId = input.practitionerId ?? input.businessId;
  if (!subjectId) throw new AppError('credit_subject_unknown', 422, 'subjectId');
  const validUntil =
    input.validUntil !== undefined
      ? input.validUntil
      : rule.validityDays
        ? new Date(input.effectiveAt.getTime() + rule.validityDays * DAY_MS)
        : null;
  const actor = input.actor ?? SYSTEM_ACTOR;
  const event = await store.insertEvent(tx, {
    subjectType,
    subjectId,
    ruleId: rule.id,
    ruleCode: rule.code,
    ruleVersion: rule.version,
    category: rule.category,
    points: rule.points,
    evidenceType: input.evidence.type,
    evidenceId: input.evidence.id,
    documentNo: input.evidence.documentNo ?? null,
    fileId: input.evidence.fileId ?? null,
    note: input.note ?? null,
    departmentId: input.departmentId,
    effectiveAt: input.effectiveAt,
    validUntil,
    public: input.public ?? rule.public,
    recordedBy: actor.id,
  });
  if (!event) return null;
  await writeAudit(
    tx,
    actor,
    {
      action: 'credit_event.record',
      objectType: 'credit_event',
      objectId: event.id,
      after: {
        subjectType,
        subjectId,
        ruleCode: rule.code,
        ruleVersion: rule.version,
        points: rule.points,
        evidenceType: event.evidenceType,
        evidenceId: event.evidenceId,
      },
    },
    input.effectiveAt,
  );
  if (subjectType === 'business' && rule.points < 0) {
    const grade = (await gradesOf(tx, [subjectId], input.effectiveAt)).get(subjectId);
    if (grade === 'D')
      await withdrawBusinessBadges(tx, actor, subjectId, DEMONSTRATION_BADGES, 'credit grade D', input.effectiveAt);
  }
  return event;
}

/** Scores of several subjects at an instant: base + the points in force (credit.score.ts), and whether each has a file. */
export async function scoresOf(db: TExecutor, ids: string[], at: Date) {
  const s = await store.getSettings(db);
  const sums = await store.sumsOf(db, ids, at);
  const out = new Map<string, { score: number; grade: TCreditGrade }>();
  for (const id of ids) {
    const x = sums.get(id);
    const score = s.baseScore + (x?.sum ?? 0);
    out.set(id, { score, grade: gradeOf(score, s, !!x) });
  }
  return out;
}

/** Grades of businesses ('A'…'D', 'ungraded' without a file): the draw's ratios, badges, the directory. */
export async function gradesOf(db: TExecutor, businessIds: string[], at: Date = systemClock.now()) {
  const scores = await scoresOf(db, businessIds, at);
  return new Map([...scores].map(([id, v]) => [id, v.grade as string]));
}
