import { CATEGORY_IDS, type TCategoryId } from '@zhilv/contracts';
import type { z } from 'zod';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { ZHolidayInput, ZRoutingInput, ZSlaPolicyInput } from './admin.routes.js';
import { clearSlaCache, loadSlaContext } from './clocks.js';
import { officialHolidays, officialYears } from './official-holidays.js';
import { namesIn, publicClosedOrders, publicRates } from './public.store.js';
import * as store from './work-orders.store.js';

/**
 * Default routing of categories to departments (by department code), used when a prefecture starts: tour
 * market order goes to culture & tourism, prices and goods to market supervision, and so on. The admin edits it.
 */
export const DEFAULT_ROUTING: Record<TCategoryId, string> = {
  forced_shopping: 'culture_tourism',
  low_price_tour: 'culture_tourism',
  price_fraud: 'market_supervision',
  illegal_operation: 'culture_tourism',
  transport: 'transport',
  accommodation: 'culture_tourism',
  catering: 'market_supervision',
  scenic_service: 'culture_tourism',
  safety: 'emergency',
  guide_service: 'culture_tourism',
  contract_dispute: 'culture_tourism',
  shopping_quality: 'market_supervision',
  online_booking: 'market_supervision',
  other: 'culture_tourism',
};

/** Fills category routing from DEFAULT_ROUTING for categories not configured yet (departments must exist). */
export async function seedDefaultRouting(tx: TExecutor) {
  const depts = new Map((await store.departmentIdsByCode(tx)).map((d) => [d.code, d.id]));
  const existing = new Set((await store.listCategoryRouting(tx)).map((r) => r.category));
  for (const category of CATEGORY_IDS) {
    if (existing.has(category)) continue;
    await store.upsertCategoryRouting(tx, {
      category,
      departmentId: depts.get(DEFAULT_ROUTING[category]) ?? null,
      autoDispatch: false,
      threshold: 0.8,
    });
  }
}

export function createWorkOrderAdmin(db: TDb) {
  return {
    async getSlaPolicies() {
      const ctx = await loadSlaContext(db);
      return { items: ctx.policies.map((p) => ({ ...p, category: p.category ?? null })) };
    },
    async setSlaPolicies(actor: TActor, items: z.infer<typeof ZSlaPolicyInput>[]) {
      const keys = new Set(items.map((i) => `${i.kind}/${i.category ?? ''}`));
      if (keys.size !== items.length) throw new AppError('duplicate', 409, 'items');
      await db.transaction(async (tx) => {
        const before = await store.listSlaPolicies(tx);
        await store.replaceSlaPolicies(
          tx,
          items.map((i) => ({
            kind: i.kind,
            category: i.category,
            responseAmount: i.response.amount,
            responseUnit: i.response.unit,
            resolutionAmount: i.resolution.amount,
            resolutionUnit: i.resolution.unit,
            pauseOnMaterial: i.pauseOnMaterial,
          })),
        );
        await writeAudit(tx, actor, { action: 'sla_policy.update', objectType: 'sla_policy', before, after: items });
      });
      clearSlaCache();
      return this.getSlaPolicies();
    },
    /** Every day of the calendar (official and the admin's own, `source` says which) and the official years. */
    async getHolidays() {
      const [from, to] = officialYears();
      return { items: await store.listHolidays(db), officialYears: { from, to } };
    },
    async setHolidays(actor: TActor, items: z.infer<typeof ZHolidayInput>[]) {
      if (new Set(items.map((i) => i.date)).size !== items.length) throw new AppError('duplicate', 409, 'items');
      await db.transaction(async (tx) => {
        await store.replaceHolidays(tx, items, officialHolidays());
        await writeAudit(tx, actor, {
          action: 'holiday.update',
          objectType: 'holiday',
          after: { count: items.length },
        });
      });
      clearSlaCache();
      return this.getHolidays();
    },
    async getRouting() {
      return { items: await store.listCategoryRouting(db) };
    },
    async setRouting(actor: TActor, items: z.infer<typeof ZRoutingInput>[]) {
      await db.transaction(async (tx) => {
        for (const i of items) {
          if (i.departmentId && !(await store.departmentExists(tx, i.departmentId)))
            throw new AppError('department_not_found', 422, 'departmentId');
          await store.upsertCategoryRouting(tx, i);
        }
        await writeAudit(tx, actor, {
          action: 'category_routing.update',
          objectType: 'category_routing',
          after: items,
        });
      });
      clearSlaCache();
      return this.getRouting();
    },
    publicRates: (by: 'business' | 'department') => publicRates(db, by),
    async publicClosedOrders(f: Parameters<typeof publicClosedOrders>[1]) {
      const page = await publicClosedOrders(db, f);
      const names = await namesIn(
        db,
        page.rows.flatMap((r) => [r.text, r.answer ?? '']),
      );
      return { ...page, names };
    },
  };
}
export type TWorkOrderAdmin = ReturnType<typeof createWorkOrderAdmin>;
