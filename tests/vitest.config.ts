import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['{server,fixtures,analytics,stream-relay,gb28181,desktop,tests}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Browser and whole-system tests poll for what a person would wait for; on a busy two-core machine that
    // can take longer than vitest's default second of polling.
    expect: { poll: { timeout: 15_000 } },
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
