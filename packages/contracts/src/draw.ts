import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The random draw of 双随机、一公开: targets drawn from a frozen pool at per-grade ratios, each given inspectors
 * drawn from a frozen pool, never one with a conflict. Anyone can re-run it from the published record: the server
 * draws with this code and the public verify page runs the same code in the browser, so the two cannot drift.
 *
 * Reproducibility rests on three rules:
 *  1. Pools are canonical: rows sorted by id, keys in a fixed order, JSON without spaces; their SHA-256 is the pool
 *     hash, so any change to any row (an id, a grade, a conflict) changes it.
 *  2. The seed is SHA-256 of the plan's hash, both pool hashes, the public value entered at draw time (an announced
 *     lottery number, which nobody knows when the pools are frozen) and the algorithm version.
 *  3. Randomness is a SHA-256 counter stream over the seed, and integers are taken by rejection sampling, so the same
 *     seed gives the same numbers on every JavaScript engine (no Math.random, no floating point).
 * A change to any of this is a new ALGORITHM version; published records name the version they were drawn with.
 */
export const DRAW_ALGORITHM = 'zhilv-draw-v1';

/** Credit grades in the order the draw walks them; `ungraded` until the business has a credit grade. */
export const DRAW_GRADES = ['A', 'B', 'C', 'D', 'ungraded'] as const;
export type TDrawGrade = (typeof DRAW_GRADES)[number];

export type TDrawTarget = {
  /** The business's id. */
  id: string;
  grade: TDrawGrade;
  /** Inspector ids who may not inspect this target: its grid worker, its 包保 official, declared relations, and the
   *  inspectors who drew it last time. Frozen with the pool, so the published record shows why a pair was avoided. */
  conflicts: string[];
};

export type TDrawInspector = {
  id: string;
  /** The department the inspector belongs to (a joint plan draws across several). */
  departmentId: string;
};

export type TDrawPlan = {
  /** The plan's identity and its parameters, hashed into the seed. */
  planId: string;
  /** Share of each grade's pool to draw, 0..1 (e.g. { A: 0.03, B: 0.05, C: 0.1, D: 0.3, ungraded: 0.05 }). */
  ratios: Record<TDrawGrade, number>;
  /** Inspectors per target (≥ 2). */
  inspectorsPerTarget: number;
};

export type TDrawInput = {
  plan: TDrawPlan;
  targets: TDrawTarget[];
  inspectors: TDrawInspector[];
  /** Entered at draw time, after the pools are frozen (e.g. the day's lottery number). */
  publicValue: string;
};

export type TDrawAssignment = { targetId: string; grade: TDrawGrade; inspectorIds: string[] };

export type TDrawResult = {
  algorithm: typeof DRAW_ALGORITHM;
  planHash: string;
  targetPoolHash: string;
  inspectorPoolHash: string;
  seed: string;
  /** Drawn targets in draw order, each with its inspectors. */
  assignments: TDrawAssignment[];
  /** Drawn targets for which fewer than `inspectorsPerTarget` inspectors without a conflict were left. */
  unassigned: string[];
  /** How many were drawn of each grade, out of how many in the pool. */
  byGrade: Record<TDrawGrade, { pool: number; drawn: number }>;
};

const hex = (s: string) => bytesToHex(sha256(utf8ToBytes(s)));
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The canonical text of the target pool: sorted by id, each row's conflicts sorted, fixed key order. */
export function canonicalTargets(targets: TDrawTarget[]): string {
  const rows = [...targets].sort(byId).map((t) => [t.id, t.grade, [...t.conflicts].sort()]);
  return JSON.stringify(rows);
}

export function canonicalInspectors(inspectors: TDrawInspector[]): string {
  return JSON.stringify([...inspectors].sort(byId).map((i) => [i.id, i.departmentId]));
}

/** The plan's parameters in a fixed order; ratios as strings so that 0.1 hashes the same everywhere. */
export function canonicalPlan(plan: TDrawPlan): string {
  return JSON.stringify([
    plan.planId,
    DRAW_GRADES.map((g) => [g, String(plan.ratios[g] ?? 0)]),
    plan.inspectorsPerTarget,
  ]);
}

export const hashTargetPool = (targets: TDrawTarget[]) => hex(canonicalTargets(targets));
export const hashInspectorPool = (inspectors: TDrawInspector[]) => hex(canonicalInspectors(inspectors));
export const hashPlan = (plan: TDrawPlan) => hex(canonicalPlan(plan));

export function drawSeed(planHash: string, targetPoolHash: string, inspectorPoolHash: string, publicValue: string) {
  return hex([DRAW_ALGORITHM, planHash, targetPoolHash, inspectorPoolHash, publicValue.trim()].join('|'));
}

/** A deterministic stream of 32-bit integers: SHA-256(seed | counter), eight words per block. */
export class DrawStream {
  private block: Uint8Array = new Uint8Array(0);
  private offset = 32;
  private counter = 0;
  constructor(private readonly seed: string) {}

  nextUint32(): number {
    if (this.offset >= 32) {
      this.block = sha256(utf8ToBytes(`${this.seed}|${this.counter++}`));
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 4;
    return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  }

  /** A uniform integer in [0, n) by rejection sampling (no modulo bias). */
  below(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`below(${n})`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}

/** How many of a pool of `size` a ratio draws: rounded up, so a non-zero ratio over a non-empty pool draws ≥ 1. */
export function drawCount(size: number, ratio: number): number {
  if (size <= 0 || ratio <= 0) return 0;
  // Four decimals are the precision a plan carries; this keeps 0.05 × 200 at 10, not 10.000000000000002 → 11.
  return Math.min(size, Math.ceil(Math.round(size * ratio * 10_000) / 10_000));
}

/** Inspectors with the same load: an array for uniform picks, positions for O(1) removal (swap with the last). */
class LoadBucket {
  private readonly ids: string[];
  private readonly at = new Map<string, number>();
  constructor(ids: string[]) {
    this.ids = [...ids];
    for (const [i, id] of this.ids.entries()) this.at.set(id, i);
  }
  add(id: string) {
    this.at.set(id, this.ids.length);
    this.ids.push(id);
  }
  remove(id: string) {
    const i = this.at.get(id) as number;
    const last = this.ids.pop() as string;
    if (last !== id) {
      this.ids[i] = last;
      this.at.set(last, i);
    }
    this.at.delete(id);
  }
  /** A member not in `excluded`, uniform among those; undefined when every member is excluded. */
  pick(stream: DrawStream, excluded: Set<string>): string | undefined {
    let blocked = 0;
    for (const id of excluded) if (this.at.has(id)) blocked++;
    if (this.ids.length - blocked <= 0) return undefined;
    if (blocked * 2 > this.ids.length) {
      // Mostly blocked: list the free ones (in bucket order) rather than reject many times.
      const free = this.ids.filter((id) => !excluded.has(id));
      return free[stream.below(free.length)];
    }
    for (;;) {
      const id = this.ids[stream.below(this.ids.length)];
      if (!excluded.has(id)) return id;
    }
  }
}

/** Runs the draw. Pure: the same input gives the same result, whatever the order of the pools' rows. */
export function runDraw(input: TDrawInput): TDrawResult {
  const { plan } = input;
  if (!Number.isInteger(plan.inspectorsPerTarget) || plan.inspectorsPerTarget < 2) {
    throw new RangeError('inspectorsPerTarget must be an integer ≥ 2');
  }
  const targets = [...input.targets].sort(byId);
  const inspectors = [...input.inspectors].sort(byId);
  const planHash = hashPlan(plan);
  const targetPoolHash = hex(canonicalTargets(targets));
  const inspectorPoolHash = hex(canonicalInspectors(inspectors));
  const seed = drawSeed(planHash, targetPoolHash, inspectorPoolHash, input.publicValue);
  const stream = new DrawStream(seed);

  const byGrade = Object.fromEntries(DRAW_GRADES.map((g) => [g, { pool: 0, drawn: 0 }])) as TDrawResult['byGrade'];
  const drawn: TDrawTarget[] = [];
  for (const grade of DRAW_GRADES) {
    const pool = targets.filter((t) => t.grade === grade);
    const k = drawCount(pool.length, plan.ratios[grade] ?? 0);
    byGrade[grade] = { pool: pool.length, drawn: k };
    // Partial Fisher–Yates: the first k places of a uniformly shuffled pool.
    for (let i = 0; i < k; i++) {
      const j = i + stream.below(pool.length - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
      drawn.push(pool[i]);
    }
  }

  // Inspectors: each target's inspectors drawn among those without a conflict, from the least-loaded first so that
  // work spreads evenly (a lottery among equals, not a queue); load counts only within this draw. Inspectors sit in
  // buckets by load; a pick is uniform over a bucket's members free of conflict (rejection sampling: a target has a
  // handful of conflicts, so a pick costs a few draws, not a pass over 5,000 inspectors).
  const buckets: LoadBucket[] = [new LoadBucket(inspectors.map((i) => i.id))];
  const inPool = new Set(inspectors.map((i) => i.id));
  const assignments: TDrawAssignment[] = [];
  const unassigned: string[] = [];
  for (const t of drawn) {
    const excluded = new Set(t.conflicts.filter((id) => inPool.has(id)));
    if (inspectors.length - excluded.size < plan.inspectorsPerTarget) {
      unassigned.push(t.id);
      continue;
    }
    const chosen: string[] = [];
    while (chosen.length < plan.inspectorsPerTarget) {
      for (let level = 0; level < buckets.length; level++) {
        const id = buckets[level].pick(stream, excluded);
        if (id === undefined) continue;
        buckets[level].remove(id);
        if (!buckets[level + 1]) buckets.push(new LoadBucket([]));
        buckets[level + 1].add(id);
        chosen.push(id);
        excluded.add(id);
        break;
      }
    }
    assignments.push({ targetId: t.id, grade: t.grade, inspectorIds: chosen.sort() });
  }
  return {
    algorithm: DRAW_ALGORITHM,
    planHash,
    targetPoolHash,
    inspectorPoolHash,
    seed,
    assignments,
    unassigned,
    byGrade,
  };
}

export type TDrawVerification =
  | { ok: true; result: TDrawResult }
  | { ok: false; result: TDrawResult; problems: string[] };

/** Re-runs a published draw and compares it with what was published: hashes, seed and every pair. */
export function verifyDraw(
  input: TDrawInput,
  // A published record may name another (older or newer) version: a string, which the check then reports.
  published: Pick<TDrawResult, 'seed' | 'targetPoolHash' | 'inspectorPoolHash' | 'assignments'> & { algorithm: string },
): TDrawVerification {
  const result = runDraw(input);
  const problems: string[] = [];
  if (published.algorithm !== result.algorithm)
    problems.push(`algorithm: ${published.algorithm} ≠ ${result.algorithm}`);
  if (published.targetPoolHash !== result.targetPoolHash) problems.push('targetPoolHash');
  if (published.inspectorPoolHash !== result.inspectorPoolHash) problems.push('inspectorPoolHash');
  if (published.seed !== result.seed) problems.push('seed');
  const key = (a: TDrawAssignment) => `${a.targetId}:${[...a.inspectorIds].sort().join(',')}`;
  const mine = result.assignments.map(key);
  const theirs = published.assignments.map(key);
  if (mine.length !== theirs.length || mine.some((k, i) => k !== theirs[i])) problems.push('assignments');
  return problems.length ? { ok: false, result, problems } : { ok: true, result };
}
