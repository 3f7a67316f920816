import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DRAW_GRADES,
  DrawStream,
  drawCount,
  hashInspectorPool,
  hashTargetPool,
  runDraw,
  type TDrawInput,
  type TDrawTarget,
  verifyDraw,
} from './draw.js';

const ratios = { A: 0.05, B: 0.1, C: 0.2, D: 0.5, ungraded: 0.1 };

const arbInput: fc.Arbitrary<TDrawInput> = fc
  .record({
    inspectorCount: fc.integer({ min: 2, max: 12 }),
    targetCount: fc.integer({ min: 0, max: 60 }),
    publicValue: fc.string({ maxLength: 12 }),
    perTarget: fc.integer({ min: 2, max: 3 }),
    salt: fc.integer(),
  })
  .chain(({ inspectorCount, targetCount, publicValue, perTarget, salt }) => {
    const inspectors = Array.from({ length: inspectorCount }, (_, i) => ({
      id: `i${salt}-${i}`,
      departmentId: `d${i % 3}`,
    }));
    const target = fc.record({
      grade: fc.constantFrom(...DRAW_GRADES),
      conflicts: fc.subarray(inspectors.map((i) => i.id)),
    });
    return fc.array(target, { minLength: targetCount, maxLength: targetCount }).map((rows) => ({
      plan: { planId: `plan-${salt}`, ratios, inspectorsPerTarget: perTarget },
      targets: rows.map((r, i) => ({ id: `t${i}`, ...r })),
      inspectors,
      publicValue,
    }));
  });

const shuffled = <T>(xs: T[], seed: number) => {
  const s = new DrawStream(String(seed));
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = s.below(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

describe('random draw (双随机)', () => {
  it('the same record gives the same draw, whatever the order of the pools', () => {
    fc.assert(
      fc.property(arbInput, fc.integer(), (input, order) => {
        const a = runDraw(input);
        const b = runDraw({
          ...input,
          targets: shuffled(input.targets, order).map((t) => ({ ...t, conflicts: shuffled(t.conflicts, order) })),
          inspectors: shuffled(input.inspectors, order + 1),
        });
        expect(b).toEqual(a);
        expect(verifyDraw(input, a).ok).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('never gives a target an inspector it conflicts with, and gives each its full pair of distinct inspectors', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = runDraw(input);
        const byId = new Map(input.targets.map((t) => [t.id, t]));
        for (const a of r.assignments) {
          const t = byId.get(a.targetId) as TDrawTarget;
          expect(a.inspectorIds).toHaveLength(input.plan.inspectorsPerTarget);
          expect(new Set(a.inspectorIds).size).toBe(a.inspectorIds.length);
          for (const i of a.inspectorIds) expect(t.conflicts).not.toContain(i);
        }
        // A target is unassigned only when too few inspectors are free of conflict with it.
        for (const id of r.unassigned) {
          const t = byId.get(id) as TDrawTarget;
          expect(input.inspectors.length - t.conflicts.length).toBeLessThan(input.plan.inspectorsPerTarget);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('draws each grade at its ratio (rounded up) of the pool', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = runDraw(input);
        for (const g of DRAW_GRADES) {
          const pool = input.targets.filter((t) => t.grade === g).length;
          expect(r.byGrade[g]).toEqual({ pool, drawn: drawCount(pool, ratios[g]) });
          const drawn =
            r.assignments.filter((a) => a.grade === g).length +
            r.unassigned.filter((id) => input.targets.find((t) => t.id === id)?.grade === g).length;
          expect(drawn).toBe(drawCount(pool, ratios[g]));
        }
      }),
      { numRuns: 100 },
    );
    expect(drawCount(200, 0.05)).toBe(10);
    expect(drawCount(7, 0.05)).toBe(1);
    expect(drawCount(0, 0.5)).toBe(0);
  });

  it('any change to a pool changes its hash', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), fc.constantFrom('id', 'grade', 'conflict', 'drop'), (input, n, what) => {
        fc.pre(input.targets.length > 0);
        const i = n % input.targets.length;
        const changed = input.targets.map((t) => ({ ...t, conflicts: [...t.conflicts] }));
        const t = changed[i];
        if (what === 'id') t.id = `${t.id}x`;
        else if (what === 'grade') t.grade = t.grade === 'A' ? 'B' : 'A';
        else if (what === 'conflict') t.conflicts.push('someone-else');
        else changed.splice(i, 1);
        expect(hashTargetPool(changed)).not.toBe(hashTargetPool(input.targets));
      }),
      { numRuns: 200 },
    );
    const inspectors = [
      { id: 'a', departmentId: 'd1' },
      { id: 'b', departmentId: 'd1' },
    ];
    expect(hashInspectorPool([{ ...inspectors[0], departmentId: 'd2' }, inspectors[1]])).not.toBe(
      hashInspectorPool(inspectors),
    );
  });

  it('a different public value, plan or pool gives a different seed; a tampered record fails verification', () => {
    const input: TDrawInput = {
      plan: { planId: 'p', ratios, inspectorsPerTarget: 2 },
      targets: Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, grade: DRAW_GRADES[i % 5], conflicts: [] })),
      inspectors: Array.from({ length: 6 }, (_, i) => ({ id: `i${i}`, departmentId: 'd' })),
      publicValue: '2026-12-01 福彩3D 381',
    };
    const r = runDraw(input);
    expect(runDraw({ ...input, publicValue: '2026-12-01 福彩3D 382' }).seed).not.toBe(r.seed);
    expect(runDraw({ ...input, plan: { ...input.plan, inspectorsPerTarget: 3 } }).seed).not.toBe(r.seed);
    const tampered = {
      ...r,
      assignments: r.assignments.map((a, i) => (i === 0 ? { ...a, inspectorIds: ['i0', 'i5'] } : a)),
    };
    if (r.assignments[0].inspectorIds.join() !== 'i0,i5')
      expect(verifyDraw(input, tampered)).toMatchObject({ ok: false, problems: ['assignments'] });
    expect(verifyDraw({ ...input, targets: input.targets.slice(1) }, r)).toMatchObject({ ok: false });
  });

  it('every target of a grade is equally likely to be drawn (chi-square over 2,000 draws)', () => {
    // 20 targets of grade D at ratio 0.25 → 5 a draw. Over 2,000 draws each target is expected 500 times; with 19
    // degrees of freedom the 0.1% critical value of chi-square is 43.8.
    const targets = Array.from({ length: 20 }, (_, i) => ({ id: `t${i}`, grade: 'D' as const, conflicts: [] }));
    const inspectors = Array.from({ length: 4 }, (_, i) => ({ id: `i${i}`, departmentId: 'd' }));
    const counts = new Map(targets.map((t) => [t.id, 0]));
    const draws = 2000;
    for (let n = 0; n < draws; n++) {
      const r = runDraw({
        plan: { planId: 'chi', ratios: { ...ratios, D: 0.25 }, inspectorsPerTarget: 2 },
        targets,
        inspectors,
        publicValue: String(n),
      });
      for (const a of r.assignments) counts.set(a.targetId, (counts.get(a.targetId) ?? 0) + 1);
    }
    const expected = (draws * 5) / 20;
    const chi = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(43.8);
    // And the stream itself is uniform over a small range (9 degrees of freedom: 27.9 at 0.1%).
    const s = new DrawStream('uniform');
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) bins[s.below(10)]++;
    expect(bins.reduce((acc, c) => acc + (c - 2000) ** 2 / 2000, 0)).toBeLessThan(27.9);
  });

  it('spreads work: no inspector carries more than one task above another', () => {
    const r = runDraw({
      plan: { planId: 'spread', ratios: { A: 1, B: 1, C: 1, D: 1, ungraded: 1 }, inspectorsPerTarget: 2 },
      targets: Array.from({ length: 30 }, (_, i) => ({ id: `t${i}`, grade: 'B' as const, conflicts: [] })),
      inspectors: Array.from({ length: 7 }, (_, i) => ({ id: `i${i}`, departmentId: 'd' })),
      publicValue: 'x',
    });
    const load = new Map<string, number>();
    for (const a of r.assignments) for (const i of a.inspectorIds) load.set(i, (load.get(i) ?? 0) + 1);
    const loads = [...load.values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });
});
