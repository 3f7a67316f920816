import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Starts the built server (as `npm start` does, without rebuilding) on a free port with a fresh data dir. */
export default async function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhilv-e2e-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const server: ChildProcess = spawn(process.execPath, ['apps/server/dist/server.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO: 'true',
      TRUST_PROXY: '127.0.0.1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // up to 3 minutes: the demo load (six modules of fictional data) on a busy two-core machine took 52 s
  for (let i = 0; i < 360; i++) {
    try {
      const r = await fetch(`${base}/api/departments`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  process.env.E2E_BASE_URL = base;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
