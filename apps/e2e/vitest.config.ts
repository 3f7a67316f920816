import { defineConfig } from 'vitest/config';

// Browser journeys: one server (built app, fresh PGlite with demo data) for the run; Chromium from Debian.
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // One retry: a journey failed once in 10 runs at the resolve step (not reproduced since; see the note).
    retry: 1,
  },
});
