import type { z } from 'zod';

/**
 * Reading a route's zod schemas as data (zod 4's `_zod.def`): its string fields, and a value it accepts built from
 * its shape. The input-fuzz and authorization-matrix tests walk every route's schemas with these.
 */

export type TAny = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };
export type TLeaf = { path: (string | number)[]; schema: TAny; kind: 'text' | 'day' | 'instant' };

export const DUMMY = '00000000-0000-4000-8000-000000000000';
// Strings that typical request fields accept, tried in order to build an otherwise valid request.
const CANDIDATES = [
  DUMMY,
  '2026-12-01',
  '2026-12-01T08:00:00+08:00',
  '13300000001',
  '530700',
  'ABCDEFGHJK',
  '12:00',
  '123456',
  'abc_defgh',
  '这是一段足够长的测试文字内容',
  '91530700MA6N8XKQ1B',
  'zh-CN',
  'x',
];

const def = (s: TAny) => s._zod.def as Record<string, unknown> & { type: string };
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'catch', 'readonly']);
export function unwrap(s: TAny): TAny {
  let cur = s;
  while (WRAPPERS.has(def(cur).type)) cur = def(cur).innerType as TAny;
  return cur;
}
export const required = (s: TAny) => !s.safeParse(undefined).success;

/** A string leaf is a field whose schema takes a string as it comes in (plain, or a pipe that cleans it first). */
export function isStringLeaf(s: TAny): boolean {
  const d = def(s);
  if (d.type === 'string') return true;
  if (d.type === 'pipe') {
    const input = unwrap(d.in as TAny);
    return def(input).type === 'string' || (def(input).type === 'transform' && isStringLeaf(unwrap(d.out as TAny)));
  }
  return false;
}

export function leaves(schema: TAny, path: (string | number)[] = [], out: TLeaf[] = []): TLeaf[] {
  const s = unwrap(schema);
  const d = def(s);
  if (isStringLeaf(s)) {
    const kind = s.safeParse('2026-12-01').success && !s.safeParse('2026-13-01').success ? 'day' : 'text';
    const instant = s.safeParse('2026-12-01T08:00:00+08:00').success && !s.safeParse('2026-12-01').success;
    out.push({ path, schema: s, kind: instant ? 'instant' : kind });
  } else if (d.type === 'object') {
    for (const [k, v] of Object.entries(d.shape as Record<string, TAny>)) leaves(v, [...path, k], out);
  } else if (d.type === 'array') leaves(d.element as TAny, [...path, 0], out);
  else if (d.type === 'record') leaves(d.valueType as TAny, [...path, 'x'], out);
  else if (d.type === 'pipe') leaves(d.out as TAny, path, out);
  return out;
}

/** A value the schema accepts, built from its shape (null when none of the guesses fits). */
export function sample(schema: TAny, all = false): unknown {
  const s = unwrap(schema);
  const d = def(s);
  if (isStringLeaf(s)) return CANDIDATES.find((c) => s.safeParse(c).success) ?? 'x';
  switch (d.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape as Record<string, TAny>)) if (all || required(v)) o[k] = sample(v);
      return o;
    }
    case 'array': {
      const one = [sample(d.element as TAny)];
      return s.safeParse([]).success ? [] : one;
    }
    case 'number':
      // the schema's own lower bound when the usual small numbers are out of range (a year from 2000)
      return [1, 0, 5, 50, (s as { minValue?: number | null }).minValue].find((n) => s.safeParse(n).success) ?? 1;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'literal':
      return (d.values as unknown[])[0];
    case 'union':
      return (d.options as TAny[]).map((o) => sample(o)).find((v) => s.safeParse(v).success) ?? null;
    case 'record':
      return {};
    case 'pipe':
      return sample(d.out as TAny);
    default:
      return null;
  }
}

/** `base` with the value at `path` replaced, creating the objects on the way (optional ones included). */
export function setAt(schema: TAny, base: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const s = unwrap(schema);
  const d = def(s);
  const [head, ...rest] = path;
  if (d.type === 'pipe') return setAt(d.out as TAny, base, path, value);
  if (d.type === 'array') return [setAt(d.element as TAny, sample(d.element as TAny, true), rest, value)];
  if (d.type === 'record') return { x: setAt(d.valueType as TAny, undefined, rest, value) };
  const child = (d.shape as Record<string, TAny>)[head as string];
  const o = { ...((base as Record<string, unknown>) ?? (sample(s) as Record<string, unknown>)) };
  o[head as string] = setAt(child, o[head as string] ?? sample(child, true), rest, value);
  return o;
}
