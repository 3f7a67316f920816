import type { TCoverage } from '@zhilv/contracts';

/** What the coverage rules read: grids with their 网格员 ids (not the heads), businesses with their grid and 包保 official. */
export type TCoverageInput = {
  grids: {
    id: string;
    code: string;
    name: string;
    nameEn: string | null;
    regionCode: string;
    leaderUserId: string | null;
    workerIds: string[];
  }[];
  businesses: {
    id: string;
    name: string;
    nameEn: string | null;
    regionCode: string;
    gridId: string | null;
    guarantorUserId: string | null;
  }[];
  userNames: Map<string, string>;
  regionNames: Map<string, string>;
};

/** Lists are capped for the page; the totals stay exact. */
const LIST_CAP = 200;
/** A county is the first six digits of a GB/T 2260 code. */
export const countyOf = (regionCode: string) => regionCode.slice(0, 6);

/**
 * The coverage rules (覆盖情况): businesses without a grid or without a 包保 official; grid workers over their load
 * (the businesses of every grid they serve, more than `maxLoad`; seed 001 aims at about two); grids without a
 * worker; and a greedy rebalancing. Pure: the caller reads the rows, this decides.
 *
 * Rebalancing, greedy and local to a county (a worker walks to their businesses): each grid's load is its
 * businesses per member. Businesses without a grid go first, each to the least-loaded staffed grid of its county
 * that stays within `maxLoad`; then, while the most-loaded grid of a county is over `maxLoad` and its least-loaded
 * one can take a business within it, one business moves from the first to the second. Leaders' grids (专属网格)
 * are neither emptied nor filled: their A-level spots are placed there on purpose.
 */
export function computeCoverage(input: TCoverageInput, maxLoad: number): TCoverage {
  const gridById = new Map(input.grids.map((g) => [g.id, g]));
  const inGrid = new Map<string, TCoverageInput['businesses']>();
  for (const b of input.businesses) {
    if (!b.gridId || !gridById.has(b.gridId)) continue;
    const list = inGrid.get(b.gridId) ?? [];
    list.push(b);
    inGrid.set(b.gridId, list);
  }
  const count = (gridId: string) => inGrid.get(gridId)?.length ?? 0;

  // A worker's load: the businesses of every grid they serve in.
  const load = new Map<string, { load: number; gridIds: string[] }>();
  for (const g of input.grids)
    for (const u of g.workerIds) {
      const w = load.get(u) ?? { load: 0, gridIds: [] };
      w.load += count(g.id);
      w.gridIds.push(g.id);
      load.set(u, w);
    }

  const withoutGrid = input.businesses.filter((b) => !b.gridId || !gridById.has(b.gridId));
  const withoutGuarantor = input.businesses.filter((b) => !b.guarantorUserId);

  const byCounty = new Map<string, TCoverage['byCounty'][number]>();
  const county = (code: string) => {
    const c = countyOf(code);
    let row = byCounty.get(c);
    if (!row) {
      row = {
        regionCode: c,
        regionName: input.regionNames.get(c) ?? null,
        grids: 0,
        businesses: 0,
        withGrid: 0,
        withGuarantor: 0,
        workers: 0,
      };
      byCounty.set(c, row);
    }
    return row;
  };
  const countyWorkers = new Map<string, Set<string>>();
  for (const g of input.grids) {
    county(g.regionCode).grids++;
    const set = countyWorkers.get(countyOf(g.regionCode)) ?? new Set<string>();
    for (const u of g.workerIds) set.add(u);
    countyWorkers.set(countyOf(g.regionCode), set);
  }
  for (const b of input.businesses) {
    const row = county(b.regionCode);
    row.businesses++;
    if (b.gridId && gridById.has(b.gridId)) row.withGrid++;
    if (b.guarantorUserId) row.withGuarantor++;
  }
  for (const [c, set] of countyWorkers) county(`${c}`).workers = set.size;

  const moves = suggestMoves(input, inGrid, withoutGrid, maxLoad);
  const nameOf = (id: string) => input.userNames.get(id) ?? id;
  return {
    maxLoad,
    totals: {
      grids: input.grids.length,
      businesses: input.businesses.length,
      workers: load.size,
      unassigned: withoutGrid.length,
      noGuarantor: withoutGuarantor.length,
    },
    byCounty: [...byCounty.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    businessesWithoutGrid: withoutGrid
      .slice(0, LIST_CAP)
      .map((b) => ({ id: b.id, name: b.name, nameEn: b.nameEn, regionCode: b.regionCode })),
    businessesWithoutGuarantor: withoutGuarantor
      .slice(0, LIST_CAP)
      .map((b) => ({ id: b.id, name: b.name, nameEn: b.nameEn, gridId: b.gridId })),
    overloadedWorkers: [...load.entries()]
      .filter(([, w]) => w.load > maxLoad)
      .sort((a, b) => b[1].load - a[1].load)
      .slice(0, LIST_CAP)
      .map(([userId, w]) => ({ userId, displayName: nameOf(userId), load: w.load, gridIds: w.gridIds })),
    gridsWithoutWorker: input.grids
      .filter((g) => g.workerIds.length === 0)
      .slice(0, LIST_CAP)
      .map((g) => ({ id: g.id, code: g.code, name: g.name, nameEn: g.nameEn, businesses: count(g.id) })),
    suggestedMoves: moves.slice(0, LIST_CAP),
  };
}

function suggestMoves(
  input: TCoverageInput,
  inGrid: Map<string, TCoverageInput['businesses']>,
  withoutGrid: TCoverageInput['businesses'],
  maxLoad: number,
): TCoverage['suggestedMoves'] {
  // Working copies: the number of businesses each staffed ordinary grid would hold after the moves so far.
  const open = input.grids.filter((g) => g.workerIds.length > 0 && !g.leaderUserId);
  const held = new Map(open.map((g) => [g.id, [...(inGrid.get(g.id) ?? [])]]));
  const perWorker = (g: (typeof open)[number], extra = 0) => (held.get(g.id)!.length + extra) / g.workerIds.length;
  const byCounty = new Map<string, typeof open>();
  for (const g of open) {
    const c = countyOf(g.regionCode);
    const list = byCounty.get(c);
    if (list) list.push(g);
    else byCounty.set(c, [g]);
  }
  const moves: TCoverage['suggestedMoves'] = [];
  const lightest = (c: string) =>
    (byCounty.get(c) ?? []).reduce<(typeof open)[number] | null>(
      (best, g) =>
        !best || perWorker(g) < perWorker(best) || (perWorker(g) === perWorker(best) && g.code < best.code) ? g : best,
      null,
    );

  for (const b of [...withoutGrid].sort((x, y) => x.name.localeCompare(y.name))) {
    const to = lightest(countyOf(b.regionCode));
    if (!to || perWorker(to, 1) > maxLoad) continue;
    held.get(to.id)!.push(b);
    moves.push({
      businessId: b.id,
      businessName: b.name,
      fromGridId: null,
      fromGridName: null,
      toGridId: to.id,
      toGridName: to.name,
    });
  }

  for (const list of byCounty.values()) {
    // Each move lowers the heaviest grid by one business, so this ends; the bound is a guard, not the rule.
    for (let guard = 0; guard < 10_000; guard++) {
      const heavy = list.reduce((a, g) => (perWorker(g) > perWorker(a) ? g : a));
      const light = list.reduce((a, g) => (perWorker(g) < perWorker(a) ? g : a));
      if (heavy === light || perWorker(heavy) <= maxLoad || perWorker(light, 1) > maxLoad) break;
      const from = held.get(heavy.id)!;
      // the last business by name moves, so the same data gives the same list
      from.sort((x, y) => x.name.localeCompare(y.name));
      const b = from.pop()!;
      held.get(light.id)!.push(b);
      moves.push({
        businessId: b.id,
        businessName: b.name,
        fromGridId: heavy.id,
        fromGridName: heavy.name,
        toGridId: light.id,
        toGridName: light.name,
      });
    }
  }
  return moves;
}
