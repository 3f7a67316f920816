import { asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TExecutor } from '../../db/client.js';
// The public credit record reads businesses and regions (master data) — never the contact name or phone.
import { businesses, regions } from '../master-data/index.js';

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const county = alias(regions, 'county');

export async function getPublicBusiness(db: TExecutor, id: string) {
  const [row] = await db
    .select({
      id: businesses.id,
      name: businesses.name,
      nameEn: businesses.nameEn,
      kind: businesses.kind,
      uscc: businesses.uscc,
      licenseNo: businesses.licenseNo,
      aLevel: businesses.aLevel,
      stars: businesses.stars,
      grade: businesses.grade,
      badges: businesses.badges,
      address: businesses.address,
      regionCode: businesses.regionCode,
      regionName: regions.name,
      countyCode: sql<string>`left(${businesses.regionCode}, 6)`,
      countyName: county.name,
    })
    .from(businesses)
    .leftJoin(regions, eq(regions.code, businesses.regionCode))
    .leftJoin(county, sql`${county.code} = left(${businesses.regionCode}, 6)`)
    .where(eq(businesses.id, id));
  return row;
}

/** Credit query: the exact USCC, or a part of the Chinese or English name. */
export async function searchCredit(db: TExecutor, q: string, limit: number) {
  const uscc = q.replace(/\s/g, '').toUpperCase();
  return db
    .select({
      id: businesses.id,
      name: businesses.name,
      nameEn: businesses.nameEn,
      uscc: businesses.uscc,
      kind: businesses.kind,
      countyName: county.name,
    })
    .from(businesses)
    .leftJoin(county, sql`${county.code} = left(${businesses.regionCode}, 6)`)
    .where(or(eq(businesses.uscc, uscc), ilike(businesses.name, like(q)), ilike(businesses.nameEn, like(q))))
    .orderBy(desc(sql`${businesses.uscc} = ${uscc}`), asc(businesses.name), asc(businesses.id))
    .limit(limit);
}
