import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { quarterStart } from '../modules/credit/credit.loop.js';
import {
  creditEvents,
  creditRepairs,
  dishonestEntries,
  pledges,
  pledgeTemplates,
} from '../modules/credit/credit.tables.js';
import { recordCreditEvent, recordQuarterRatings } from '../modules/credit/index.js';
import { businesses, departments } from '../modules/master-data/master-data.tables.js';
import { returnRequests } from '../modules/returns/returns.tables.js';
import { workOrders } from '../modules/work-orders/work-orders.tables.js';
import { STAGE, schedule } from '../platform/deadlines/index.js';

const DAY = 86_400_000;

/**
 * Credit files for the demo prefecture, from what the demo already holds: every business's registration (so every
 * file is graded), the resolved complaints against businesses, the compensated returns, this quarter's ratings;
 * then a penalty, a hazard, one listed travel agency, one repaired, and pledges — so every grade A–D shows.
 * `shopId` is biz1's shop: it signs a pledge and keeps a file a complaint can move.
 */
export async function loadDemoCredit(tx: TTx, now: Date, shopId: string) {
  const [market] = await tx.select().from(departments).where(eq(departments.code, 'market_supervision'));
  const [culture] = await tx.select().from(departments).where(eq(departments.code, 'culture_tourism'));
  const all = await tx.select().from(businesses).orderBy(asc(businesses.name), asc(businesses.id));
  for (const b of all)
    await recordCreditEvent(tx, {
      businessId: b.id,
      ruleCode: 'registration_info',
      evidence: { type: 'document', id: b.uscc, documentNo: b.uscc },
      departmentId: market?.id ?? null,
      effectiveAt: new Date(now.getTime() - 400 * DAY),
    });
  const complaints = await tx
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.kind, 'complaint'), isNotNull(workOrders.businessId), isNotNull(workOrders.resolvedAt)));
  for (const o of complaints)
    await recordCreditEvent(tx, {
      businessId: o.businessId!,
      ruleCode: 'complaint_founded',
      evidence: { type: 'work_order', id: o.id, documentNo: o.trackingNo },
      departmentId: o.departmentId,
      effectiveAt: o.resolvedAt!,
    });
  const returns = await tx.select().from(returnRequests).where(eq(returnRequests.status, 'compensated'));
  for (const r of returns)
    await recordCreditEvent(tx, {
      businessId: r.businessId,
      ruleCode: 'return_compensated',
      evidence: { type: 'return_request', id: r.id, documentNo: r.trackingNo },
      departmentId: market?.id ?? null,
      effectiveAt: r.compensatedAt ?? now,
    });
  await recordQuarterRatings(tx, quarterStart(now), now, now);

  // Every grade: a penalty (B), a penalty and a major hazard (C), a listing (D), plus commendations.
  const others = all.filter((b) => b.id !== shopId);
  const agencies = others.filter((b) => b.kind === 'travel_agency');
  const penalty = (b: (typeof all)[number], n: number) =>
    recordCreditEvent(tx, {
      businessId: b.id,
      ruleCode: 'admin_penalty',
      evidence: { type: 'penalty_decision', id: `古市监罚〔2026〕${n}号`, documentNo: `古市监罚〔2026〕${n}号` },
      departmentId: market?.id ?? null,
      effectiveAt: new Date(now.getTime() - (30 + n) * DAY),
      note: '价格欺诈，罚款并责令改正',
    });
  await penalty(others[3], 11);
  await penalty(others[5], 12);
  await recordCreditEvent(tx, {
    businessId: others[5].id,
    ruleCode: 'major_hazard',
    evidence: { type: 'inspection', id: 'demo-inspection-1', documentNo: '古市监检〔2026〕7号' },
    departmentId: market?.id ?? null,
    effectiveAt: new Date(now.getTime() - 20 * DAY),
  });
  for (const b of others.slice(8, 14))
    await recordCreditEvent(tx, {
      businessId: b.id,
      ruleCode: 'commendation',
      evidence: { type: 'document', id: '古文旅表〔2026〕2号', documentNo: '古文旅表〔2026〕2号' },
      departmentId: culture?.id ?? null,
      effectiveAt: new Date(now.getTime() - 60 * DAY),
    });

  // A travel agency on the serious list now, and one that was listed and repaired.
  const listed = agencies[0];
  const repaired = agencies[1];
  const dept = culture?.id ?? market!.id;
  if (listed) {
    const listedAt = new Date(now.getTime() - 40 * DAY);
    const periodEndsAt = new Date(listedAt.getTime() + 3 * 365 * DAY);
    const [e] = await tx
      .insert(dishonestEntries)
      .values({
        businessId: listed.id,
        tier: 'serious',
        status: 'listed',
        legalBasis: '《旅游市场黑名单管理办法（试行）》第七条第（二）项',
        reason: '组织“不合理低价游”并强迫购物，造成游客滞留，被吊销旅行社业务经营许可证。',
        decisionNo: '古文旅罚〔2026〕5号',
        departmentId: dept,
        noticedAt: new Date(listedAt.getTime() - 8 * DAY),
        objectionDueAt: new Date(listedAt.getTime() - 1 * DAY),
        listedAt,
        periodEndsAt,
        createdAt: new Date(listedAt.getTime() - 9 * DAY),
        updatedAt: listedAt,
      })
      .returning();
    const ev = await recordCreditEvent(tx, {
      businessId: listed.id,
      ruleCode: 'dishonest_listed_serious',
      evidence: { type: 'dishonest_entry', id: e.id, documentNo: e.decisionNo },
      departmentId: dept,
      effectiveAt: listedAt,
      validUntil: periodEndsAt,
    });
    await tx.update(dishonestEntries).set({ eventId: ev?.id }).where(eq(dishonestEntries.id, e.id));
    await schedule(tx, {
      kind: 'credit.listing_exit',
      objectType: 'dishonest_entry',
      objectId: e.id,
      stages: [{ name: STAGE.overdue, at: periodEndsAt }],
      start: now,
    });
  }
  if (repaired) {
    const listedAt = new Date(now.getTime() - 200 * DAY);
    const repairedAt = new Date(now.getTime() - 10 * DAY);
    const [e] = await tx
      .insert(dishonestEntries)
      .values({
        businessId: repaired.id,
        tier: 'minor',
        status: 'repaired',
        legalBasis: '《旅游市场黑名单管理办法（试行）》第八条',
        reason: '未按合同约定安排行程，经投诉查实，逾期未整改。',
        decisionNo: '古文旅罚〔2026〕2号',
        departmentId: dept,
        noticedAt: new Date(listedAt.getTime() - 8 * DAY),
        objectionDueAt: new Date(listedAt.getTime() - 1 * DAY),
        listedAt,
        periodEndsAt: new Date(listedAt.getTime() + 365 * DAY),
        exitedAt: repairedAt,
        exitReason: 'repair',
        createdAt: new Date(listedAt.getTime() - 9 * DAY),
        updatedAt: repairedAt,
      })
      .returning();
    const ev = await recordCreditEvent(tx, {
      businessId: repaired.id,
      ruleCode: 'dishonest_listed_minor',
      evidence: { type: 'dishonest_entry', id: e.id, documentNo: e.decisionNo },
      departmentId: dept,
      effectiveAt: listedAt,
      validUntil: new Date(listedAt.getTime() + 365 * DAY),
    });
    if (ev) {
      await tx.update(creditEvents).set({ repairedAt }).where(eq(creditEvents.id, ev.id));
      await tx.update(dishonestEntries).set({ eventId: ev.id }).where(eq(dishonestEntries.id, e.id));
    }
    await tx.insert(creditRepairs).values({
      entryId: e.id,
      businessId: repaired.id,
      status: 'approved',
      proof: '已按合同向游客补足行程并赔偿，整改报告经核查属实。',
      commitment: '本社已纠正失信行为，承诺今后依法诚信经营。',
      commitmentSignedAt: new Date(repairedAt.getTime() - 12 * DAY),
      trainingRecord: '2026年第2期信用修复培训 结业',
      dueAt: new Date(repairedAt.getTime() + 2 * DAY),
      decisionNote: '整改到位，同意修复。',
      decidedAt: repairedAt,
      createdAt: new Date(repairedAt.getTime() - 12 * DAY),
    });
  }

  // Pledges: biz1's shop and a dozen others signed the honest-operation pledge; some also the return pledge.
  const templates = await tx.select().from(pledgeTemplates).orderBy(asc(pledgeTemplates.code));
  const honest = templates.find((x) => x.code === 'honest_operation');
  const ret = templates.find((x) => x.code === 'no_reason_return');
  const signers = [shopId, ...others.slice(14, 26).map((b) => b.id)];
  if (honest)
    await tx.insert(pledges).values(
      signers.map((businessId, i) => ({
        businessId,
        templateId: honest.id,
        signedAt: new Date(now.getTime() - (90 - i) * DAY),
      })),
    );
  if (ret) {
    const shops = await tx
      .select({ id: businesses.id })
      .from(businesses)
      .where(and(eq(businesses.kind, 'shop'), inArray(businesses.id, signers)));
    if (shops.length)
      await tx
        .insert(pledges)
        .values(
          shops.map((s) => ({ businessId: s.id, templateId: ret.id, signedAt: new Date(now.getTime() - 30 * DAY) })),
        );
  }
}
