import { describe, expect, it } from 'vitest';
import { computeCoverage, type TCoverageInput } from './coverage.js';

const grid = (id: string, workerIds: string[], over: Partial<TCoverageInput['grids'][number]> = {}) => ({
  id,
  code: id,
  name: `网格${id}`,
  nameEn: null,
  regionCode: '530702001',
  leaderUserId: null,
  workerIds,
  ...over,
});
const biz = (
  id: string,
  gridId: string | null,
  guarantorUserId: string | null = 'official',
  regionCode = '530702002',
) => ({
  id,
  name: `商户${id}`,
  nameEn: null,
  regionCode,
  gridId,
  guarantorUserId,
});
const run = (grids: TCoverageInput['grids'], businesses: TCoverageInput['businesses'], maxLoad = 3) =>
  computeCoverage({ grids, businesses, userNames: new Map([['w1', '网格员甲']]), regionNames: new Map() }, maxLoad);

describe('coverage rules', () => {
  it('finds businesses without a grid and without a 包保 official, and grids without a worker', () => {
    const c = run([grid('A', ['w1']), grid('B', [])], [biz('1', 'A'), biz('2', null), biz('3', 'B', null)]);
    expect(c.businessesWithoutGrid.map((b) => b.id)).toEqual(['2']);
    expect(c.businessesWithoutGuarantor.map((b) => b.id)).toEqual(['3']);
    expect(c.gridsWithoutWorker.map((g) => g.id)).toEqual(['B']);
    expect(c.totals).toMatchObject({ grids: 2, businesses: 3, workers: 1, unassigned: 1, noGuarantor: 1 });
  });

  it("a worker's load is the businesses of every grid they serve; over maxLoad is flagged, at it is not", () => {
    const three = [biz('1', 'A'), biz('2', 'A'), biz('3', 'B')];
    const c = run([grid('A', ['w1']), grid('B', ['w1'])], three);
    expect(c.overloadedWorkers).toEqual([]);
    const c4 = run([grid('A', ['w1']), grid('B', ['w1'])], [...three, biz('4', 'B')]);
    expect(c4.overloadedWorkers).toEqual([{ userId: 'w1', displayName: '网格员甲', load: 4, gridIds: ['A', 'B'] }]);
    // the limit is configurable
    expect(run([grid('A', ['w1']), grid('B', ['w1'])], three, 2).overloadedWorkers[0].load).toBe(3);
  });

  it('suggests moves that bring every grid within the load where the county has room, and no more', () => {
    const heavy = ['1', '2', '3', '4', '5', '6'].map((n) => biz(n, 'A'));
    const c = run([grid('A', ['w1']), grid('B', ['w2']), grid('C', ['w3'])], heavy);
    expect(c.suggestedMoves).toHaveLength(3);
    const after = new Map([
      ['A', 6],
      ['B', 0],
      ['C', 0],
    ]);
    for (const m of c.suggestedMoves) {
      after.set(m.fromGridId!, after.get(m.fromGridId!)! - 1);
      after.set(m.toGridId, after.get(m.toGridId)! + 1);
    }
    expect([...after.values()].every((n) => n <= 3)).toBe(true);
    // a balanced prefecture gets no moves
    expect(run([grid('A', ['w1']), grid('B', ['w2'])], [biz('1', 'A'), biz('2', 'B')]).suggestedMoves).toEqual([]);
  });

  it('places businesses without a grid in a staffed grid of their county, never a leaders’ grid or another county', () => {
    const c = run(
      [
        grid('L', ['w9'], { leaderUserId: 'leader' }),
        grid('A', ['w1']),
        grid('X', ['w2'], { regionCode: '530721001' }),
        grid('E', []),
      ],
      [biz('1', null), biz('2', null, 'o', '530723001')],
    );
    expect(c.suggestedMoves).toEqual([expect.objectContaining({ businessId: '1', fromGridId: null, toGridId: 'A' })]);
  });

  it('counts per county', () => {
    const c = run([grid('A', ['w1'])], [biz('1', 'A'), biz('2', null, null, '530721001')]);
    expect(c.byCounty).toEqual([
      expect.objectContaining({
        regionCode: '530702',
        grids: 1,
        businesses: 1,
        withGrid: 1,
        withGuarantor: 1,
        workers: 1,
      }),
      expect.objectContaining({ regionCode: '530721', grids: 0, businesses: 1, withGrid: 0, withGuarantor: 0 }),
    ]);
  });
});
