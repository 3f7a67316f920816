import type {
  TBusinessKind,
  TBusinessPricesInput,
  TBusinessProfileInput,
  TBusinessProfileView,
  TDirectoryBusiness,
  TDirectoryCounty,
  TDirectoryItem,
  TDirectoryPage,
  TDirectoryQuery,
  TPostedPrice,
} from '@zhilv/contracts';
import { COUNTY_NAMES_EN } from '@zhilv/contracts';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { gradesOf } from '../credit/index.js';
import { getRatingSummaries } from '../ratings/index.js';
import { can } from './directory.policy.js';
import * as store from './directory.store.js';

const PREVIEW_PRICES = 3;

const priceView = (p: store.TPriceRow): TPostedPrice => ({
  item: p.item,
  itemEn: p.itemEn,
  priceFen: p.priceFen,
  unit: p.unit,
  unitEn: p.unitEn,
});

type TPublicRow = NonNullable<Awaited<ReturnType<typeof store.getPublicBusiness>>>;
const regionView = (r: Pick<TPublicRow, 'regionCode' | 'regionName' | 'countyCode' | 'countyName'>) => ({
  regionCode: r.regionCode,
  regionName: r.regionName,
  countyCode: r.countyCode,
  countyName: r.countyName,
  countyNameEn: COUNTY_NAMES_EN[r.countyCode] ?? null,
});
const gradeView = (r: Pick<TPublicRow, 'aLevel' | 'stars' | 'grade'>) => ({
  aLevel: r.aLevel,
  stars: r.stars,
  grade: r.grade,
});

export function createDirectoryService({ db, clock }: { db: TDb; clock: TClock }) {
  async function pricesOf(ids: string[]) {
    const by = new Map<string, TPostedPrice[]>();
    for (const p of await store.listPrices(db, ids)) {
      const list = by.get(p.businessId) ?? [];
      list.push(priceView(p));
      by.set(p.businessId, list);
    }
    return by;
  }

  async function profileView(id: string): Promise<TBusinessProfileView> {
    const row = await store.getProfileRow(db, id);
    if (!row) throw notFound();
    const prices = (await pricesOf([id])).get(id) ?? [];
    return { ...row, kind: row.kind as TBusinessKind, updatedAt: row.updatedAt.toISOString(), prices };
  }

  return {
    async listBusinesses(q: TDirectoryQuery): Promise<TDirectoryPage> {
      const { items, total } = await store.listDirectory(db, q, q.page, q.pageSize);
      const ids = items.map((b) => b.id);
      const [ratings, prices, grades] = await Promise.all([
        getRatingSummaries(db, 'business', ids),
        pricesOf(ids),
        gradesOf(db, ids, clock.now()),
      ]);
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: items.map(
          (b): TDirectoryItem => ({
            id: b.id,
            name: b.name,
            nameEn: b.nameEn,
            kind: b.kind as TBusinessKind,
            ...gradeView(b),
            badges: b.badges,
            creditGrade: grades.get(b.id) ?? 'ungraded',
            rating: { average: ratings.get(b.id)?.average ?? null, count: ratings.get(b.id)?.count ?? 0 },
            ...regionView(b),
            headlinePrice: prices.get(b.id)?.[0] ?? null,
            prices: (prices.get(b.id) ?? []).slice(0, PREVIEW_PRICES),
            lng: b.lng,
            lat: b.lat,
          }),
        ),
      };
    },

    async getBusiness(id: string): Promise<TDirectoryBusiness> {
      const b = await store.getPublicBusiness(db, id);
      if (!b) throw notFound();
      const [ratings, prices, grades] = await Promise.all([
        getRatingSummaries(db, 'business', [id]),
        pricesOf([id]),
        gradesOf(db, [id], clock.now()),
      ]);
      const r = ratings.get(id);
      return {
        id: b.id,
        name: b.name,
        nameEn: b.nameEn,
        kind: b.kind as TBusinessKind,
        ...gradeView(b),
        badges: b.badges,
        creditGrade: grades.get(id) ?? 'ungraded',
        rating: { average: r?.average ?? null, count: r?.count ?? 0, dimensions: r?.dimensions ?? {} },
        ...regionView(b),
        headlinePrice: prices.get(id)?.[0] ?? null,
        prices: prices.get(id) ?? [],
        lng: b.lng,
        lat: b.lat,
        address: b.address,
        openingHours: b.openingHours,
        intro: b.intro,
        introEn: b.introEn,
      };
    },

    async listCounties(): Promise<TDirectoryCounty[]> {
      return (await store.listCounties(db)).map((c) => ({
        code: c.code,
        name: c.name,
        nameEn: COUNTY_NAMES_EN[c.code] ?? null,
        count: Number(c.count),
      }));
    },

    async getProfile(actor: TActor, id: string): Promise<TBusinessProfileView> {
      if (!can(actor, 'read_profile', id)) throw notFound();
      return profileView(id);
    },

    async updateProfile(actor: TActor, id: string, input: TBusinessProfileInput): Promise<TBusinessProfileView> {
      if (!can(actor, 'edit_profile', id)) throw notFound();
      const blank = (s: string | null) => (s?.trim() ? s.trim() : null);
      const next = {
        openingHours: blank(input.openingHours),
        intro: blank(input.intro),
        introEn: blank(input.introEn),
        licenseNo: blank(input.licenseNo),
        badges: input.badges,
      };
      await db.transaction(async (tx) => {
        if (!(await store.lockBusiness(tx, id))) throw notFound();
        const before = await store.getProfileRow(tx, id);
        await store.updateProfile(tx, id, next);
        await writeAudit(tx, actor, {
          action: 'business.profile.update',
          objectType: 'business',
          objectId: id,
          before: before && {
            openingHours: before.openingHours,
            intro: before.intro,
            introEn: before.introEn,
            licenseNo: before.licenseNo,
            badges: before.badges,
          },
          after: next,
        });
      });
      return profileView(id);
    },

    async replacePrices(actor: TActor, id: string, input: TBusinessPricesInput): Promise<TBusinessProfileView> {
      if (!can(actor, 'edit_prices', id)) throw notFound();
      const next: store.TPriceRow[] = input.prices.map((p) => ({
        item: p.item,
        itemEn: p.itemEn?.trim() || null,
        priceFen: p.priceFen,
        unit: p.unit,
        unitEn: p.unitEn?.trim() || null,
      }));
      await db.transaction(async (tx) => {
        if (!(await store.lockBusiness(tx, id))) throw notFound();
        const before = (await store.listPrices(tx, [id])).map(priceView);
        await store.replacePrices(tx, id, next);
        await writeAudit(tx, actor, {
          action: 'business.prices.replace',
          objectType: 'business',
          objectId: id,
          before,
          after: next,
        });
      });
      return profileView(id);
    },
  };
}
export type TDirectoryService = ReturnType<typeof createDirectoryService>;
