import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TExecutor } from '../../db/client.js';
// The public profile columns and posted prices were added to master data for this directory (migration 0005);
// this store reads businesses and regions and writes only the public-profile columns and business_prices.
import { businesses, businessPrices, regions } from '../master-data/index.js';

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const county = alias(regions, 'county');

export type TDirectoryFilter = { kind?: string; region?: string; q?: string; badge?: string };

function directoryWhere(f: TDirectoryFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.kind) c.push(eq(businesses.kind, f.kind));
  if (f.region) c.push(sql`left(${businesses.regionCode}, 6) = ${f.region}`);
  if (f.badge) c.push(sql`${f.badge} = any(${businesses.badges})`);
  if (f.q)
    c.push(
      or(ilike(businesses.name, like(f.q)), ilike(businesses.nameEn, like(f.q)), ilike(businesses.address, like(f.q)))!,
    );
  return c.length ? and(...c) : undefined;
}

/** Columns every public view shares: never the contact name or phone. */
const publicColumns = {
  id: businesses.id,
  name: businesses.name,
  nameEn: businesses.nameEn,
  kind: businesses.kind,
  aLevel: businesses.aLevel,
  stars: businesses.stars,
  grade: businesses.grade,
  badges: businesses.badges,
  regionCode: businesses.regionCode,
  regionName: regions.name,
  countyCode: sql<string>`left(${businesses.regionCode}, 6)`,
  countyName: county.name,
  lng: businesses.lng,
  lat: businesses.lat,
};

/** One page of the directory: badged and graded first, then by name (stable with the id). */
export async function listDirectory(db: TExecutor, f: TDirectoryFilter, page: number, pageSize: number) {
  const where = directoryWhere(f);
  const items = await db
    .select(publicColumns)
    .from(businesses)
    .leftJoin(regions, eq(regions.code, businesses.regionCode))
    .leftJoin(county, sql`${county.code} = left(${businesses.regionCode}, 6)`)
    .where(where)
    .orderBy(
      desc(sql`cardinality(${businesses.badges})`),
      desc(sql`coalesce(${businesses.aLevel}, ${businesses.stars}, 0)`),
      asc(businesses.name),
      asc(businesses.id),
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(businesses, where) };
}

export async function getPublicBusiness(db: TExecutor, id: string) {
  const [row] = await db
    .select({
      ...publicColumns,
      uscc: businesses.uscc,
      address: businesses.address,
      openingHours: businesses.openingHours,
      intro: businesses.intro,
      introEn: businesses.introEn,
      licenseNo: businesses.licenseNo,
    })
    .from(businesses)
    .leftJoin(regions, eq(regions.code, businesses.regionCode))
    .leftJoin(county, sql`${county.code} = left(${businesses.regionCode}, 6)`)
    .where(eq(businesses.id, id));
  return row;
}

/** Posted prices of several businesses, in each one's display order. */
export async function listPrices(db: TExecutor, businessIds: string[]) {
  if (!businessIds.length) return [];
  return db
    .select({
      businessId: businessPrices.businessId,
      item: businessPrices.item,
      itemEn: businessPrices.itemEn,
      priceFen: businessPrices.priceFen,
      unit: businessPrices.unit,
      unitEn: businessPrices.unitEn,
    })
    .from(businessPrices)
    .where(inArray(businessPrices.businessId, businessIds))
    .orderBy(asc(businessPrices.businessId), asc(businessPrices.sort), asc(businessPrices.id));
}

/** Counties (level 2 regions) with how many businesses are registered in each. */
export function listCounties(db: TExecutor) {
  return db
    .select({
      code: regions.code,
      name: regions.name,
      count: sql<number>`(select count(*)::int from ${businesses} where left(${businesses.regionCode}, 6) = ${regions.code})`,
    })
    .from(regions)
    .where(eq(regions.level, 2))
    .orderBy(asc(regions.code));
}

export const getProfileRow = async (db: TExecutor, id: string) =>
  (
    await db
      .select({
        id: businesses.id,
        name: businesses.name,
        kind: businesses.kind,
        openingHours: businesses.openingHours,
        intro: businesses.intro,
        introEn: businesses.introEn,
        licenseNo: businesses.licenseNo,
        badges: businesses.badges,
        updatedAt: businesses.updatedAt,
      })
      .from(businesses)
      .where(eq(businesses.id, id))
  )[0];

/** Locks the business row: concurrent edits of one business's profile or prices run one after the other. */
export const lockBusiness = async (db: TExecutor, id: string) =>
  (await db.select({ id: businesses.id }).from(businesses).where(eq(businesses.id, id)).for('update'))[0];

export async function updateProfile(
  db: TExecutor,
  id: string,
  v: {
    openingHours: string | null;
    intro: string | null;
    introEn: string | null;
    licenseNo: string | null;
    badges: string[];
  },
) {
  await db
    .update(businesses)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(businesses.id, id));
}

export type TPriceRow = { item: string; itemEn: string | null; priceFen: number; unit: string; unitEn: string | null };

/** Replaces a business's posted prices with `prices`, in that order. */
export async function replacePrices(db: TExecutor, businessId: string, prices: TPriceRow[]) {
  await db.delete(businessPrices).where(eq(businessPrices.businessId, businessId));
  if (prices.length) {
    await db.insert(businessPrices).values(prices.map((p, i) => ({ ...p, businessId, sort: i })));
  }
  await db.update(businesses).set({ updatedAt: sql`now()` }).where(eq(businesses.id, businessId));
}
