import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md's rules between the parts, checked on the source like the authorization matrix is on the routes:
 * 1. outside code reaches a module only through its index.ts (a *.tables.ts may name another module's table for a
 *    key);
 * 2. SQL (drizzle's select/insert/update/delete/execute/$count, sql`…`) lives in a *.store.ts, or in platform/; a
 *    *.policy.ts may build a predicate (its visibleWhere is the access rule as SQL, ARCHITECTURE.md) but runs no
 *    query;
 * 3. time comes from platform/clock: no wall-clock read anywhere else in the running server (elapsed time for a
 *    cache or a benchmark is monotonic, performance.now / monotonicMs, and not the time of day).
 * Scope is the running server: modules/, platform/, plugins/, db/ and the app's entry files. The demo loader and
 * the test helpers seed tables directly by design, and tests may reach into what they test.
 */
const SRC = fileURLToPath(new URL('..', import.meta.url));

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const rel = (p: string) => path.relative(SRC, p).split(path.sep).join('/');
const isTest = (f: string) => /\.test\.ts$/.test(f) || /(^|\/)test-helpers\.ts$/.test(f);
const RUNNING = /^(modules|platform|plugins|db)\/|^(app|server|config)\.ts$/;
const files = walk(SRC)
  .map((p) => ({ path: rel(p), text: fs.readFileSync(p, 'utf8') }))
  .filter((f) => RUNNING.test(f.path) && !isTest(f.path));

/** The module a file belongs to (modules/<name>/…), or null for outside code. */
const moduleOf = (f: string) => /^modules\/([^/]+)\//.exec(f)?.[1] ?? null;

/** Every relative import and re-export of a file, resolved to a path under src/. */
function importsOf(file: { path: string; text: string }): { spec: string; target: string }[] {
  const out: { spec: string; target: string }[] = [];
  const re = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of file.text.matchAll(re)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), m[1])).replace(/\.js$/, '.ts');
    out.push({ spec: m[1], target });
  }
  return out;
}

function crossModuleImports(): string[] {
  const found: string[] = [];
  for (const f of files) {
    // db/schema.ts gathers every table for drizzle (its one job); it imports tables, never services.
    if (f.path === 'db/schema.ts') continue;
    const own = moduleOf(f.path);
    for (const { spec, target } of importsOf(f)) {
      const other = moduleOf(target);
      if (!other || other === own) continue;
      if (target === `modules/${other}/index.ts`) continue;
      if (f.path.endsWith('.tables.ts') && target.endsWith('.tables.ts')) continue;
      found.push(`${f.path} imports ${spec}`);
    }
  }
  return found;
}

/** drizzle's query builders and raw SQL, on any executor (db, tx, deps.db …) or in a sql`` template. */
const SQL_PATTERNS: [string, RegExp][] = [
  ['a query', /\b\w*(?:db|tx|Db|Tx)\s*\.\s*(?:select|selectDistinct|insert|update|delete|execute|\$count)\s*\(/],
  ['sql``', /\bsql\s*(?:<[^>]*>)?\s*`/],
  ['sql.raw/join', /\bsql\s*\.\s*(?:raw|join)\s*\(/],
  ['a prepared statement', /\bexecutePrepared\s*\(/],
];

function sqlOutsideStores(): string[] {
  const found: string[] = [];
  for (const f of files) {
    if (!f.path.startsWith('modules/')) continue;
    if (f.path.endsWith('.store.ts') || f.path.endsWith('.tables.ts')) continue;
    const policy = f.path.endsWith('.policy.ts');
    for (const [what, re] of SQL_PATTERNS) {
      if (policy && what !== 'a query') continue;
      if (re.test(f.text)) found.push(`${f.path} has ${what}`);
    }
  }
  return found;
}

function wallClockReads(): string[] {
  const found: string[] = [];
  for (const f of files) {
    if (f.path === 'platform/clock.ts') continue;
    f.text.split('\n').forEach((line, i) => {
      if (/\bnew\s+Date\s*\(\s*\)|\bDate\s*\.\s*now\s*\(/.test(line)) found.push(`${f.path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('boundaries', () => {
  it('finds the files it checks (a scan of nothing would pass)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'modules/work-orders/work-orders.store.ts')).toBe(true);
  });

  it('a module is reached only through its index.ts', () => {
    expect(crossModuleImports()).toEqual([]);
  });

  it('SQL lives in stores (or platform)', () => {
    expect(sqlOutsideStores()).toEqual([]);
  });

  it('time comes from platform/clock: no wall-clock read elsewhere', () => {
    expect(wallClockReads()).toEqual([]);
  });

  it('the checks catch what they look for', () => {
    const probe = {
      path: 'modules/a/a.service.ts',
      text: "import { x } from '../b/b.store.js';\nawait tx.select().from(t);",
    };
    expect(importsOf(probe).map((i) => i.target)).toEqual(['modules/b/b.store.ts']);
    expect(SQL_PATTERNS.some(([, re]) => re.test(probe.text))).toBe(true);
    expect(SQL_PATTERNS.some(([, re]) => re.test('deps.db\n    .insert(files)'))).toBe(true);
    expect(SQL_PATTERNS.some(([, re]) => re.test('hash.update(key); map.delete(id)'))).toBe(false);
  });
});
