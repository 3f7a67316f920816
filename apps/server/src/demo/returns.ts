import { DEFAULT_RETURN_RULES } from '@zhilv/contracts';
import { asc, eq } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { compensationNote, scheduleShopDeadline } from '../modules/returns/index.js';
import { compensationFundLedger, returnPledges, returnRequests } from '../modules/returns/returns.tables.js';
import { createSystemWorkOrder, recordCompensation, recordLinkedStep } from '../modules/work-orders/index.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { createEventHub } from '../platform/events.js';
import { createOutbox } from '../platform/notify.js';
import { prng } from './prng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type TState = 'submitted' | 'accepted' | 'refused' | 'silence' | 'compensated';

/**
 * A dozen 无理由退货 requests in every state, most at biz1's shop (the first shop) so its account has work: three
 * waiting (one close to its shop deadline, the local rule's default hours), three accepted (refunded or exchanged), two refused and one left
 * unanswered, and three with 先行赔付 recorded (a line each in the fund's ledger). Every demo shop signed the return
 * pledge half a year ago; every request is registered as a work order when filed (source `return`, the normal
 * creation path), the escalated ones with their `escalate` step. Deterministic (seeded), dated back from `now`. The demo requests carry no receipt photo:
 * the demo has no photo files to attach.
 */
const PLAN: { state: TState; item: string; category: string; yuan: number; filedHoursAgo: number; reason: string }[] = [
  {
    state: 'submitted',
    item: '银手镯',
    category: 'silver_jewelry',
    yuan: 580,
    filedHoursAgo: 2,
    reason: '回酒店后觉得款式不合适，想退货。',
  },
  {
    state: 'submitted',
    item: '东巴纸笔记本',
    category: 'crafts',
    yuan: 68,
    filedHoursAgo: 30,
    reason: '买重复了，家人已经买过一样的。',
  },
  {
    state: 'submitted',
    item: '普洱茶饼（未拆封）',
    category: 'tea',
    yuan: 360,
    filedHoursAgo: 66,
    reason: '和试喝的味道差别很大，包装未拆。',
  },
  {
    state: 'accepted',
    item: '扎染围巾',
    category: 'clothing',
    yuan: 128,
    filedHoursAgo: 5 * 24,
    reason: '颜色和店里灯光下看到的不一样。',
  },
  {
    state: 'accepted',
    item: '牦牛骨梳',
    category: 'crafts',
    yuan: 88,
    filedHoursAgo: 9 * 24,
    reason: '不想要了，标签都在。',
  },
  {
    state: 'accepted',
    item: '玉石吊坠',
    category: 'jade_gems',
    yuan: 1280,
    filedHoursAgo: 14 * 24,
    reason: '证书上的材质和店员介绍的不一致。',
  },
  {
    state: 'refused',
    item: '银碗',
    category: 'silver_jewelry',
    yuan: 960,
    filedHoursAgo: 40,
    reason: '银碗用了两天就发黑，怀疑不是足银，要求退货。',
  },
  {
    state: 'refused',
    item: '民族服饰套装',
    category: 'clothing',
    yuan: 420,
    filedHoursAgo: 50,
    reason: '尺码不合适，吊牌未拆，店家说售出不退。',
  },
  {
    state: 'silence',
    item: '手工皮包',
    category: 'crafts',
    yuan: 650,
    filedHoursAgo: 80,
    reason: '做工有开线，想退货，联系店家没有回复。',
  },
  {
    state: 'compensated',
    item: '银项链',
    category: 'silver_jewelry',
    yuan: 1580,
    filedHoursAgo: 6 * 24,
    reason: '检测为镀银，商家拒绝退货。',
  },
  {
    state: 'compensated',
    item: '蜂蜜礼盒',
    category: 'packaged_specialty',
    yuan: 298,
    filedHoursAgo: 10 * 24,
    reason: '蜂蜜有明显糖水味，商家不退。',
  },
  {
    state: 'compensated',
    item: '玛瑙手串',
    category: 'jade_gems',
    yuan: 760,
    filedHoursAgo: 20 * 24,
    reason: '说是天然玛瑙，检测为染色玻璃。',
  },
];

export async function loadDemoReturns(tx: TTx, shopIds: string[], now: Date): Promise<void> {
  if (!shopIds.length) return;
  const rnd = prng(4004);
  const tourists = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, 'tourist'))
    .orderBy(asc(users.phone));
  if (!tourists.length) return;
  const outbox = createOutbox(createEventHub());
  await tx
    .insert(returnPledges)
    .values(shopIds.map((businessId) => ({ businessId, signedAt: new Date(now.getTime() - 180 * DAY) })))
    .onConflictDoNothing();
  let serial = 0;
  let accepted = 0;
  for (const [i, p] of PLAN.entries()) {
    // Two of every three at biz1's shop; the rest spread over the other shops.
    const businessId = i % 3 !== 2 || shopIds.length === 1 ? shopIds[0] : shopIds[1 + (i % (shopIds.length - 1))];
    const touristUserId = tourists[i % Math.min(tourists.length, 4)].id;
    const filed = new Date(now.getTime() - p.filedHoursAgo * HOUR - Math.floor(rnd() * 50) * 60_000);
    const day = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const purchasedOn = day(new Date(filed.getTime() - (1 + Math.floor(rnd() * 6)) * DAY));
    const dueAt = new Date(filed.getTime() + DEFAULT_RETURN_RULES.shopAnswerHours * HOUR);
    const trackingNo = `TH${day(filed).replaceAll('-', '')}D${String(++serial).padStart(7, '0')}`;
    const base = {
      trackingNo,
      touristUserId,
      businessId,
      item: p.item,
      goodsCategory: p.category,
      amountFen: p.yuan * 100,
      purchasedOn,
      reason: p.reason,
      receiptFileId: null,
      invoiceNo: `XP${day(filed).replaceAll('-', '')}${String(serial).padStart(4, '0')}`,
      status: 'submitted',
      shopDueAt: dueAt,
      createdAt: filed,
      updatedAt: filed,
    };
    const [row] = await tx.insert(returnRequests).values(base).returning();
    // Registered in the complaint system when filed, as the returns service does.
    const order = await createSystemWorkOrder(
      tx,
      outbox,
      {
        kind: 'complaint',
        source: 'return',
        category: 'shopping_quality',
        text: [
          `【无理由退货】退货申请 ${trackingNo}`,
          `游客陈述：${p.reason}`,
          `商品：${p.item}，金额 ¥${p.yuan.toFixed(2)}，发票/小票号 ${base.invoiceNo}，购买日期 ${purchasedOn}。`,
        ].join('\n'),
        reporterUserId: touristUserId,
        businessId,
        note: `无理由退货 ${trackingNo} 申请登记 no-reason return registered on filing`,
      },
      filed,
    );
    await tx.update(returnRequests).set({ workOrderId: order.id }).where(eq(returnRequests.id, row.id));
    if (p.state === 'submitted') {
      // Waiting for the shop: its hours run on the deadline engine, as for a request filed in the portal.
      await scheduleShopDeadline(tx, row, filed);
      continue;
    }
    const answeredAt = new Date(filed.getTime() + (6 + Math.floor(rnd() * 30)) * HOUR);
    const shopActor = { ...SYSTEM_ACTOR, role: 'business' as const, displayName: 'demo', businessId };
    if (p.state === 'accepted') {
      // Done a day after the acceptance (or an hour ago), alternately refunded and exchanged.
      const outcome = accepted++ % 2 ? 'exchange' : 'refund';
      const completedAt = new Date(Math.min(answeredAt.getTime() + DAY, now.getTime() - HOUR));
      await tx
        .update(returnRequests)
        .set({
          status: outcome === 'refund' ? 'refunded' : 'exchanged',
          outcome,
          shopAnsweredAt: answeredAt,
          refundDueAt: new Date(answeredAt.getTime() + DEFAULT_RETURN_RULES.refundHours * HOUR),
          completedAt,
          shopNote: '同意退货，请带商品和小票到店办理。',
        })
        .where(eq(returnRequests.id, row.id));
      await recordLinkedStep(tx, outbox, {
        workOrderId: order.id,
        action: 'business_reply',
        actor: shopActor,
        note: `无理由退货 ${trackingNo} 商家已${outcome === 'refund' ? '退款 refunded' : '换货 exchanged'}`,
        at: completedAt,
      });
      continue;
    }
    const refused = p.state !== 'silence';
    const escalatedAt = refused ? answeredAt : dueAt;
    const shopNote = refused ? '商品已使用，不予退货。' : null;
    await recordLinkedStep(tx, outbox, {
      workOrderId: order.id,
      action: 'escalate',
      actor: SYSTEM_ACTOR,
      note: `无理由退货 ${trackingNo} ${refused ? '商家拒绝 refused by the shop' : '商家逾期未答复 no answer in time'}`,
      at: escalatedAt,
    });
    const paid =
      p.state === 'compensated'
        ? {
            compensationFen: Math.round(p.yuan * (i % 2 ? 1 : 0.8)) * 100,
            compensatedAt: new Date(escalatedAt.getTime() + (1 + Math.floor(rnd() * 3)) * DAY),
            compensationNote: '经核实商品与宣传不符，由旅游消费维权基金先行赔付，再向商家追偿。',
          }
        : null;
    await tx
      .update(returnRequests)
      .set({
        shopAnsweredAt: refused ? answeredAt : null,
        shopNote,
        workOrderId: order.id,
        escalatedAt,
        updatedAt: escalatedAt,
        ...(paid ? { status: 'compensated', ...paid } : { status: 'escalated' }),
      })
      .where(eq(returnRequests.id, row.id));
    if (paid) {
      // Paid from the fund: its ledger's line, as the returns service writes it.
      await tx.insert(compensationFundLedger).values({
        workOrderId: order.id,
        returnRequestId: row.id,
        businessId,
        amountFen: paid.compensationFen,
        note: paid.compensationNote,
        decidedRole: 'department_staff',
        at: paid.compensatedAt,
      });
      // The department the order went to records it, as the returns service does (its timeline shows it).
      await recordCompensation(tx, outbox, {
        workOrderId: order.id,
        actor: { ...SYSTEM_ACTOR, role: 'department_staff', displayName: 'demo', departmentId: order.departmentId },
        note: compensationNote(trackingNo, paid.compensationFen, paid.compensationNote),
        at: paid.compensatedAt,
      });
    }
  }
  await outbox.flush(tx);
}
