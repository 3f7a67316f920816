import type { TGoodsCatalogueEntry, TGoodsCatalogueItem, TReturnPledgeView, TReturnRules } from '@zhilv/contracts';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { forbidden } from '../../platform/errors.js';
import * as store from './returns.store.js';

/**
 * What frames a no-reason return besides the request itself: the local rules (本地规则: the shop's hours to answer,
 * the hours to refund or exchange), the shops' return pledges (无理由退货承诺) and the goods catalogue. The system
 * admin edits the rules and the catalogue and sees who signed; a business signs (or withdraws) its own pledge.
 * Every change is audited in its transaction.
 */
export function createReturnAdmin(deps: { db: TDb; clock: TClock }) {
  const { db, clock } = deps;

  const rules = () => store.getReturnRules(db);

  async function setRules(actor: TActor, v: TReturnRules) {
    return db.transaction(async (tx) => {
      const before = await store.getReturnRules(tx);
      await store.setReturnRules(tx, v, clock.now());
      await writeAudit(tx, actor, { action: 'return_rules.update', objectType: 'return_rules', before, after: v });
      return store.getReturnRules(tx);
    });
  }

  const pledgeView = (
    businessId: string,
    names: { name: string; nameEn: string | null } | undefined,
    signedAt: Date | null,
  ): TReturnPledgeView => ({
    businessId,
    businessName: names?.name ?? null,
    businessNameEn: names?.nameEn ?? null,
    signedAt: signedAt ? signedAt.toISOString() : null,
  });

  /** A business's own pledge (signed or not). */
  async function myPledge(actor: TActor) {
    if (actor.role !== 'business' || !actor.businessId) throw forbidden();
    const p = await store.pledgeOf(db, actor.businessId);
    const names = (await store.businessNames(db, [actor.businessId])).get(actor.businessId);
    return pledgeView(actor.businessId, names, p?.signedAt ?? null);
  }

  /** The business signs its pledge; signing again keeps the first date. */
  async function sign(actor: TActor) {
    const businessId = actor.businessId;
    if (actor.role !== 'business' || !businessId || !actor.id) throw forbidden();
    const userId = actor.id;
    await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await store.signPledge(tx, businessId, userId, now);
      if (row)
        await writeAudit(tx, actor, {
          action: 'return_pledge.sign',
          objectType: 'business',
          objectId: businessId,
          after: { signedAt: now.toISOString() },
        });
    });
    return myPledge(actor);
  }

  async function withdraw(actor: TActor) {
    const businessId = actor.businessId;
    if (actor.role !== 'business' || !businessId) throw forbidden();
    await db.transaction(async (tx) => {
      const row = await store.withdrawPledge(tx, businessId);
      if (row)
        await writeAudit(tx, actor, {
          action: 'return_pledge.withdraw',
          objectType: 'business',
          objectId: businessId,
          before: { signedAt: row.signedAt.toISOString() },
        });
    });
    return myPledge(actor);
  }

  /** Every shop and whether it signed (the admin's list). */
  async function pledges() {
    const rows = await store.pledgeList(db);
    return {
      items: rows.map((r) =>
        pledgeView(r.businessId, { name: r.businessName, nameEn: r.businessNameEn }, r.signedAt ?? null),
      ),
    };
  }

  const itemOf = (r: Awaited<ReturnType<typeof store.catalogue>>[number]): TGoodsCatalogueItem => ({
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    inScope: r.inScope,
    excludedBy: r.excludedBy,
    sort: r.sort,
  });

  async function catalogue() {
    return { items: (await store.catalogue(db)).map(itemOf) };
  }

  /** Adds a category or changes one (names, in or out of scope, order); the rule it names stays. */
  async function putCatalogueEntry(actor: TActor, v: TGoodsCatalogueEntry) {
    return db.transaction(async (tx) => {
      const before = await store.catalogueEntry(tx, v.code);
      const after = await store.upsertCatalogueEntry(tx, { ...v, sort: v.sort ?? 0 }, clock.now());
      await writeAudit(tx, actor, {
        action: 'return_goods.update',
        objectType: 'return_goods',
        objectId: null,
        before: before ? itemOf(before) : null,
        after: itemOf(after),
      });
      return itemOf(after);
    });
  }

  return { rules, setRules, myPledge, sign, withdraw, pledges, catalogue, putCatalogueEntry };
}
export type TReturnAdmin = ReturnType<typeof createReturnAdmin>;
