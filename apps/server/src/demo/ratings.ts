import { RATING_DIMENSIONS, type TRatingTargetType } from '@zhilv/contracts';
import { eq } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { businesses, practitioners } from '../modules/master-data/master-data.tables.js';
import { ratingCodes, ratings } from '../modules/ratings/ratings.tables.js';
import { stations } from '../modules/stations/stations.tables.js';
import { prng } from './prng.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Tourists' words by overall stars (fictional). */
const COMMENTS: Record<number, string[]> = {
  5: [
    '服务热情周到，下次还来',
    '非常干净，工作人员很耐心',
    '明码标价，童叟无欺',
    '讲解生动，收获很大',
    'Great service, very friendly',
  ],
  4: ['整体不错，高峰期人有点多', '环境好，价格略高', '服务挺好，就是排队久了点', 'Good overall, a bit crowded'],
  3: ['一般般，没什么特别', '卫生还可以再改进', '价格偏贵，服务一般'],
  2: ['等了很久没人理', '卫生间不太干净', '价格和标价不一致，沟通后才改'],
  1: ['态度恶劣，强行推销', '收费不透明，多收了钱', '导游强迫购物，不买就甩脸色'],
};

/**
 * Rating codes for every business, station and practitioner, and about 400 ratings over the past 90 days from
 * the demo tourists (each place has its own level, so averages differ). Deterministic: seeded PRNG for codes,
 * scores and days. Runs after the stations are loaded.
 */
export async function loadDemoRatings(
  tx: TTx,
  now: Date,
  favoured: string[] = [],
): Promise<{ codes: number; ratings: number }> {
  const rnd = prng(2026_0002);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  const biz = await tx.select({ id: businesses.id }).from(businesses).orderBy(businesses.name);
  const st = await tx.select({ id: stations.id }).from(stations).orderBy(stations.code);
  const pr = await tx.select({ id: practitioners.id }).from(practitioners).orderBy(practitioners.name);
  const targets: { targetType: TRatingTargetType; targetId: string }[] = [
    ...biz.map((b) => ({ targetType: 'business' as const, targetId: b.id })),
    ...st.map((s) => ({ targetType: 'station' as const, targetId: s.id })),
    ...pr.map((p) => ({ targetType: 'practitioner' as const, targetId: p.id })),
  ];
  if (!targets.length) return { codes: 0, ratings: 0 };
  const codes = new Set<string>();
  const codeRows = targets.map((t) => {
    let code = '';
    do code = Array.from({ length: 10 }, () => ALPHABET[Math.floor(rnd() * 32)]).join('');
    while (codes.has(code));
    codes.add(code);
    return { code, ...t };
  });
  await tx.insert(ratingCodes).values(codeRows).onConflictDoNothing();

  const tourists = (
    await tx.select({ id: users.id }).from(users).where(eq(users.role, 'tourist')).orderBy(users.phone)
  ).map((u) => u.id);
  if (!tourists.length) return { codes: codeRows.length, ratings: 0 };
  // Each place's own level (2.2–4.9 stars): some are loved, a few draw complaints.
  const level = new Map(targets.map((t) => [t.targetId, 2.2 + rnd() * 2.7]));
  const seen = new Set<string>();
  const rows: (typeof ratings.$inferInsert)[] = [];
  for (let i = 0; i < 420; i++) {
    // The demo accounts' own businesses (biz1's shop) are rated often, so their console pages look alive.
    const fav = targets.filter((x) => favoured.includes(x.targetId));
    const t = fav.length && rnd() < 0.08 ? pick(fav) : pick(targets);
    const tourist = pick(tourists);
    const daysAgo = Math.floor(rnd() * 90);
    const at = new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(rnd() * 10) * 3_600_000);
    const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const key = `${tourist}:${t.targetId}:${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = level.get(t.targetId) ?? 4;
    const star = () => Math.max(1, Math.min(5, Math.round(base + (rnd() - 0.5) * 2)));
    const scores = Object.fromEntries(RATING_DIMENSIONS[t.targetType].map((d) => [d.code, star()]));
    const overall = scores.overall;
    rows.push({
      targetType: t.targetType,
      targetId: t.targetId,
      touristUserId: tourist,
      day,
      scores,
      overall,
      comment: rnd() < (overall <= 2 ? 0.9 : 0.5) ? pick(COMMENTS[overall]) : null,
      createdAt: at,
    });
  }
  for (let i = 0; i < rows.length; i += 200) await tx.insert(ratings).values(rows.slice(i, i + 200));
  return { codes: codeRows.length, ratings: rows.length };
}
