#!/usr/bin/env node
// `npm test`: the whole suite. Unit, property and HTTP tests on PGlite; again on the PostgreSQL server when
// TEST_DATABASE_URL is set (CI sets it); then the browser journeys in Debian's Chromium. Where Chromium or
// the CJK fonts are missing it installs them (Debian, as root) or stops with the exact command to run.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const APT = 'apt-get update && apt-get install -y chromium fonts-noto-cjk';
const run = (cmd, env = {}) =>
  spawnSync(cmd, { stdio: 'inherit', shell: true, env: { ...process.env, ...env } }).status ?? 1;
const has = (cmd) => spawnSync(cmd, { shell: true, stdio: 'ignore' }).status === 0;

function ensureBrowser() {
  const ok = () => fs.existsSync('/usr/bin/chromium') && has("fc-list | grep -qi 'CJK\\|WenQuanYi'");
  if (ok()) return true;
  const root = process.getuid?.() === 0;
  if (root && has('command -v apt-get')) {
    console.log(`Installing Chromium and CJK fonts: ${APT}`);
    execSync(`DEBIAN_FRONTEND=noninteractive ${APT.replace('install -y', 'install -y -qq')}`, {
      stdio: 'inherit',
      shell: '/bin/bash',
    });
    if (ok()) return true;
  }
  console.error(`\nThe browser journeys need Debian's Chromium and CJK fonts. Run, as root:\n\n  ${APT}\n`);
  return false;
}

const results = [];
const counts = { passed: 0, failed: 0 };
const step = (name, status) => {
  results.push({ name, ok: status === 0 });
  console.log(`\n── ${name}: ${status === 0 ? 'passed' : 'FAILED'} ──\n`);
};
/** Runs a vitest suite with a JSON report beside the console one, and adds its test counts to the total. */
let reportNo = 0;
const vitest = (cmd, env = {}) => {
  const out = path.join(os.tmpdir(), `zhilv-vitest-${process.pid}-${++reportNo}.json`);
  const status = run(`${cmd} --reporter=default --reporter=json --outputFile=${out}`, env);
  try {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    counts.passed += r.numPassedTests;
    console.log(`(${r.numPassedTests} passed, ${r.numFailedTests} failed in this suite)`);
    counts.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  } catch {
    counts.failed += 1; // no report: the run itself broke
  }
  fs.rmSync(out, { force: true });
  return status;
};

if (!ensureBrowser()) process.exit(1);
// The server's tests and tools import the built contracts package; build it first on a fresh clone.
if (run('npm run build -w packages/contracts') !== 0) process.exit(1);
step('unit, property and HTTP tests on PGlite', vitest('npx vitest run', { TEST_DATABASE_URL: '' }));
if (process.env.TEST_DATABASE_URL) {
  step(
    'unit, property and HTTP tests on PostgreSQL',
    vitest('npx vitest run', { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL }),
  );
}
step('build', run('npm run build'));
if (results.at(-1).ok) step('bundle sizes (no chunk over 300 kB gzipped)', run('node scripts/check-bundle.mjs'));
if (results.find((r) => r.name === 'build')?.ok)
  step('browser journeys (Playwright, Chromium)', vitest('cd apps/e2e && npx vitest run --config vitest.config.ts'));
else counts.failed += 1;

const failedSteps = results.filter((r) => !r.ok).map((r) => r.name);
if (failedSteps.length) console.log(`\nFailed: ${failedSteps.join('; ')}`);
// The closing line CI reads: tests over all suites (PGlite, PostgreSQL, browser).
console.log(
  `\nTests: ${counts.passed} passed, ${counts.failed + (failedSteps.length && !counts.failed ? 1 : 0)} failed`,
);
process.exit(failedSteps.length ? 1 : 0);
