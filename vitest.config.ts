import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit, property and HTTP tests of the server and contracts. Browser journeys run separately (apps/e2e).
export default defineConfig({
  // Tests read the shared contracts from source: no build step needed before `vitest run`.
  resolve: {
    alias: { '@zhilv/contracts': fileURLToPath(new URL('./packages/contracts/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['apps/server/src/**/*.test.ts', 'packages/**/src/**/*.test.ts', 'scripts/**/*.test.mjs'],
    globalSetup: ['apps/server/src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
