import {
  BUSINESS_KIND_LABELS,
  LOW_RATING_MAX,
  PRACTITIONER_KIND_LABELS,
  RATING_DIMENSIONS,
  type TCreateRatingRequest,
  type TRating,
  type TRatingCodeRow,
  type TRatingCodesQuery,
  type TRatingCodeView,
  type TRatingTargetType,
  type TStaffRating,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { maskName, maskPhone } from '../../platform/mask.js';
import { attachFiles } from '../files/index.js';
import { shanghaiDay } from './day.js';
import { getRatingSummaries } from './rating-summaries.store.js';
import { canRating, canTarget, mayRate, ratingsVisibleWhere, targetsVisibleWhere } from './ratings.policy.js';
import * as store from './ratings.store.js';
import type { ratings } from './ratings.tables.js';

const STATION_KIND_LABELS: Record<string, { zh: string; en: string }> = {
  station: { zh: '红色驿站', en: 'Red service station' },
  micro_station: { zh: '红色微站', en: 'Red micro station' },
};

export function kindLabel(t: { targetType: string; kind: string }): { zh: string; en: string } {
  const table: Record<string, { zh: string; en: string }> =
    t.targetType === 'business'
      ? BUSINESS_KIND_LABELS
      : t.targetType === 'station'
        ? STATION_KIND_LABELS
        : PRACTITIONER_KIND_LABELS;
  return table[t.kind] ?? { zh: t.kind, en: t.kind };
}

type TRatingRow = typeof ratings.$inferSelect;

const isLow = (r: { overall: number; comment: string | null }) => r.overall <= LOW_RATING_MAX && !!r.comment?.trim();

function toRating(r: TRatingRow, target: store.TTarget | undefined): TRating {
  return {
    id: r.id,
    code: target?.code ?? null,
    targetType: r.targetType as TRatingTargetType,
    targetId: r.targetId,
    targetName: target ? publicName(target) : '',
    targetNameEn: target?.nameEn ?? null,
    day: r.day,
    scores: r.scores as Record<string, number>,
    overall: r.overall,
    comment: r.comment,
    photoIds: r.photoFileIds,
    workOrderId: r.workOrderId,
    createdAt: r.createdAt.toISOString(),
    offerComplaint: isLow(r) && !r.workOrderId,
    business: target ? businessOf(target) : null,
  };
}

/** The business a complaint about this target concerns, as the appeal form's business picker shows it. */
const businessOf = (t: store.TTarget) =>
  t.businessId
    ? {
        id: t.businessId,
        name: t.businessName ?? '',
        nameEn: t.businessNameEn,
        kind: t.businessKind ?? '',
        address: t.businessAddress,
      }
    : null;

/** A practitioner is a person: tourists see the name masked (张*), with the employer beside it. */
const publicName = (t: store.TTarget) => (t.targetType === 'practitioner' ? (maskName(t.name) ?? '') : t.name);

const DEACTIVATE = 'rating_code.deactivate';

/**
 * A code with no active target: 410 when it was replaced (its row stays, inactive), else 404 (never issued, or its
 * target is gone) — so a tourist scanning an old sheet learns to look for the new one.
 */
async function missingCode(db: TExecutor, code: string, field: string) {
  return (await store.codeState(db, code))?.active === false
    ? new AppError('rating_code_deactivated', 410, field)
    : new AppError('rating_code_not_found', 404, field);
}

export type TRatingDeps = {
  db: TDb;
  clock: TClock;
  /** from the work-orders module: may this actor read that order (for a tourist: did they file it)? */
  mayReadWorkOrder: (db: TDb, actor: TActor, id: string) => Promise<boolean>;
};

export function createRatingService({ db, clock, mayReadWorkOrder }: TRatingDeps) {
  async function targetOfCode(code: string) {
    const t = await store.getTargetByCode(db, code.toUpperCase());
    if (!t) throw await missingCode(db, code.toUpperCase(), 'code');
    return t;
  }

  return {
    /** Public: what a scanned code stands for and which stars to give. */
    async getCode(code: string): Promise<TRatingCodeView> {
      const t = await targetOfCode(code);
      return {
        code: t.code ?? code,
        targetType: t.targetType,
        targetId: t.targetId,
        name: publicName(t),
        nameEn: t.nameEn,
        kind: kindLabel(t),
        business: businessOf(t),
        dimensions: RATING_DIMENSIONS[t.targetType],
      };
    },

    /**
     * One rating per tourist per target per Asia/Shanghai day: checked first for a clear answer, and guaranteed
     * by the unique index (a concurrent second rating fails on it and gets the same 409).
     */
    async rate(actor: TActor, input: TCreateRatingRequest, idempotencyKey: string): Promise<TRating> {
      if (!mayRate(actor) || !actor.id) throw new AppError('forbidden', 403);
      const touristId = actor.id;
      const target = await targetOfCode(input.code);
      const dims = RATING_DIMENSIONS[target.targetType];
      for (const d of dims) if (input.scores[d.code] === undefined) throw invalidScores(`scores.${d.code}`);
      for (const k of Object.keys(input.scores))
        if (!dims.some((d) => d.code === k)) throw invalidScores(`scores.${k}`);
      const comment = input.comment?.trim() || null;
      const photoIds = [...new Set(input.photoIds ?? [])];
      const scores = Object.fromEntries(dims.map((d) => [d.code, input.scores[d.code]]));
      const requestHash = hashRequest({ code: target.code, scores, comment, photoIds });
      return db.transaction(async (tx) => {
        const prior = await claimIdempotencyKey<TRating>(tx, idempotencyKey, touristId, requestHash, clock.now());
        if (prior) return prior;
        const now = clock.now();
        const day = shanghaiDay(now);
        if (await store.findRatingOfDay(tx, touristId, target.targetType, target.targetId, day))
          throw new AppError('rating_already_today', 409, 'code');
        let row: TRatingRow;
        try {
          row = await store.insertRating(tx, {
            targetType: target.targetType,
            targetId: target.targetId,
            touristUserId: touristId,
            day,
            scores,
            overall: scores.overall,
            comment,
            photoFileIds: photoIds,
            createdAt: now,
          });
        } catch (err) {
          if (store.pgErrorCode(err) === '23505') throw new AppError('rating_already_today', 409, 'code');
          throw err;
        }
        await attachFiles(tx, actor, photoIds, 'rating', row.id);
        await writeAudit(tx, actor, {
          action: 'rating.create',
          objectType: 'rating',
          objectId: row.id,
          after: {
            targetType: target.targetType,
            targetId: target.targetId,
            day,
            overall: row.overall,
            photos: photoIds.length,
          },
        });
        const answer = toRating(row, target);
        await storeIdempotentAnswer(tx, idempotencyKey, touristId, answer);
        return answer;
      });
    },

    async listMine(actor: TActor): Promise<{ items: TRating[] }> {
      if (!actor.id) return { items: [] };
      const rows = await store.listRatings(db, ratingsVisibleWhere(actor), 100);
      const targets = await store.getTargetsByKeys(db, uniqueKeys(rows));
      return { items: rows.map((r) => toRating(r, targets.get(`${r.targetType}:${r.targetId}`))) };
    },

    async getMine(actor: TActor, id: string): Promise<TRating> {
      const r = await store.getRating(db, id);
      if (!r || !canRating(actor, 'view', r)) throw notFound();
      return toRating(r, (await store.getTargetsByKeys(db, uniqueKeys([r]))).get(`${r.targetType}:${r.targetId}`));
    },

    /**
     * After a low rating became a complaint through the appeal form, the tourist links the order to the rating.
     * Only their own rating, only a low one with a comment, only an order they filed; linking the same order
     * again answers the rating unchanged.
     */
    async linkWorkOrder(actor: TActor, id: string, workOrderId: string): Promise<TRating> {
      // Who filed an order never changes: checked before the transaction (PGlite has one connection).
      const own = await store.getRating(db, id);
      if (!own || !canRating(actor, 'link', own)) throw notFound();
      if (!(await mayReadWorkOrder(db, actor, workOrderId))) throw new AppError('not_found', 404, 'workOrderId');
      return db.transaction(async (tx) => {
        const r = await store.lockRating(tx, id);
        if (!r || !canRating(actor, 'link', r)) throw notFound();
        const target = (await store.getTargetsByKeys(tx, uniqueKeys([r]))).get(`${r.targetType}:${r.targetId}`);
        if (r.workOrderId === workOrderId) return toRating(r, target);
        if (r.workOrderId) throw new AppError('rating_work_order_linked', 409, 'workOrderId');
        if (!isLow(r)) throw new AppError('rating_not_low', 409);
        await store.setRatingWorkOrder(tx, id, workOrderId);
        await writeAudit(tx, actor, {
          action: 'rating.link_work_order',
          objectType: 'rating',
          objectId: id,
          before: { workOrderId: null },
          after: { workOrderId },
        });
        return toRating({ ...r, workOrderId }, target);
      });
    },

    /**
     * Staff list of targets with their codes and ratings. Codes are issued lazily for the rows shown (a target
     * added since gets its code the first time it is listed), in one transaction with an audit entry.
     */
    async listCodes(actor: TActor, q: TRatingCodesQuery, baseUrl: string) {
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const query = {
        targetType: q.targetType,
        q: q.q || undefined,
        visible: targetsVisibleWhere(actor, store.TARGET_COLUMNS),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      };
      let { items, total } = await store.findTargets(db, query);
      const missing = items.filter((i) => !i.code);
      if (missing.length) {
        await db.transaction(async (tx) => {
          const n = await store.issueCodes(tx, missing);
          if (n)
            await writeAudit(tx, actor, {
              action: 'rating_code.issue',
              objectType: 'rating_code',
              after: { count: n, targets: missing.map((m) => `${m.targetType}:${m.targetId}`) },
            });
        });
        ({ items, total } = await store.findTargets(db, query));
      }
      return { items: await withSummaries(db, items, baseUrl), total, page, pageSize };
    },

    /** Issues codes for every target that has none (system admin, on demand). */
    async issueAll(actor: TActor, targetType?: TRatingTargetType) {
      return db.transaction(async (tx) => {
        const missing = await store.targetsWithoutCode(tx, targetType);
        const issued = await store.issueCodes(tx, missing);
        await writeAudit(tx, actor, {
          action: 'rating_code.issue_all',
          objectType: 'rating_code',
          after: { targetType: targetType ?? 'all', count: issued },
        });
        return { issued };
      });
    },

    /**
     * The targets behind codes the actor may print, in the order asked. Only active codes print: a replaced code
     * answers 410, any other code "not found".
     */
    async targetsToPrint(actor: TActor, codes: string[]) {
      const wanted = [...new Set(codes.map((c) => c.toUpperCase()))];
      const found = await store.getTargetsByCodes(db, wanted);
      const byCode = new Map(found.map((t) => [t.code, t]));
      const out: store.TTarget[] = [];
      for (const c of wanted) {
        const t = byCode.get(c);
        if (!t) throw await missingCode(db, c, 'codes');
        if (!canTarget(actor, 'print', t)) throw new AppError('rating_code_not_found', 404, 'codes');
        out.push(t);
      }
      return out;
    },

    /**
     * 停用并换新码: the code's row turns inactive (the public page, the rating API and printing answer 410 for it)
     * and the same target gets a new active code, with the audit entry, in one transaction. Its ratings stay with
     * the target. Another business's code is "not found", as for a code that never existed.
     */
    async replaceCode(actor: TActor, code: string, baseUrl: string): Promise<TRatingCodeRow> {
      const old = code.toUpperCase();
      const moved = await db.transaction(async (tx) => {
        const t = await store.getTargetByCode(tx, old);
        if (!t) throw await missingCode(tx, old, 'code');
        if (!canTarget(actor, 'replace', t)) throw new AppError('rating_code_not_found', 404, 'code');
        const fresh = store.newRatingCode();
        if (!(await store.replaceCode(tx, old, fresh, clock.now()))) throw await missingCode(tx, old, 'code');
        await writeAudit(tx, actor, {
          action: DEACTIVATE,
          objectType: 'rating_code',
          objectId: old,
          before: { code: old, active: true },
          after: { active: false, replacedBy: fresh, targetType: t.targetType, targetId: t.targetId },
        });
        return { ...t, code: fresh };
      });
      const [row] = await withSummaries(db, [moved], baseUrl);
      return row;
    },

    async auditPrint(actor: TActor, codes: string[]) {
      await db.transaction((tx) =>
        writeAudit(tx, actor, { action: 'rating_code.print', objectType: 'rating_code', after: { codes } }),
      );
    },

    /** A target's ratings for staff: summary and newest first, tourists' phones masked. */
    async listTargetRatings(actor: TActor, code: string, page: number, pageSize: number) {
      const t = await targetOfCode(code);
      if (!canTarget(actor, 'read', t)) throw new AppError('rating_code_not_found', 404, 'code');
      const { items, total } = await store.listRatingsOfTarget(
        db,
        t.targetType,
        t.targetId,
        pageSize,
        (page - 1) * pageSize,
      );
      const summary = (await getRatingSummaries(db, t.targetType, [t.targetId])).get(t.targetId);
      const out: TStaffRating[] = items.map(({ rating: r, phone }) => ({
        id: r.id,
        day: r.day,
        overall: r.overall,
        scores: r.scores as Record<string, number>,
        comment: r.comment,
        photoIds: r.photoFileIds,
        touristPhoneMasked: maskPhone(phone),
        workOrderId: r.workOrderId,
        createdAt: r.createdAt.toISOString(),
      }));
      return {
        target: { code: t.code, targetType: t.targetType, name: t.name, nameEn: t.nameEn, kind: kindLabel(t) },
        average: summary?.average ?? null,
        count: summary?.count ?? 0,
        dimensions: summary?.dimensions ?? {},
        items: out,
        total,
        page,
        pageSize,
      };
    },

    /** For the files module: may this actor see photos attached to this rating? */
    async mayReadPhotos(actor: TActor, ratingId: string) {
      const r = await store.getRating(db, ratingId);
      return !!r && canRating(actor, 'read_photos', r);
    },
  };
}

export type TRatingService = ReturnType<typeof createRatingService>;

const invalidScores = (field: string) => new AppError('rating_scores_invalid', 422, field);

function uniqueKeys(rows: { targetType: string; targetId: string }[]) {
  const seen = new Map<string, { targetType: string; targetId: string }>();
  for (const r of rows) seen.set(`${r.targetType}:${r.targetId}`, { targetType: r.targetType, targetId: r.targetId });
  return [...seen.values()];
}

export const codeUrl = (baseUrl: string, code: string) => `${baseUrl.replace(/\/+$/, '')}/rate/${code}`;

async function withSummaries(db: TExecutor, items: store.TTarget[], baseUrl: string): Promise<TRatingCodeRow[]> {
  const summaries = new Map<string, Awaited<ReturnType<typeof getRatingSummaries>>>();
  for (const type of ['business', 'station', 'practitioner'] as const) {
    const ids = items.filter((i) => i.targetType === type).map((i) => i.targetId);
    if (ids.length) summaries.set(type, await getRatingSummaries(db, type, ids));
  }
  return items.map((t) => {
    const s = summaries.get(t.targetType)?.get(t.targetId);
    return {
      code: t.code ?? '',
      url: codeUrl(baseUrl, t.code ?? ''),
      targetType: t.targetType,
      targetId: t.targetId,
      name: t.name,
      nameEn: t.nameEn,
      kind: kindLabel(t),
      average: s?.average ?? null,
      count: s?.count ?? 0,
      dimensions: s?.dimensions ?? {},
    };
  });
}
