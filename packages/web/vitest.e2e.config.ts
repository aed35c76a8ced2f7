import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Browser tests: a real server child process and Debian's Chromium, one file at a time. */
export default defineConfig({
  resolve: {
    alias: {
      '@minimeet/contract': fileURLToPath(new URL('../contract/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // In CI a failed browser test runs once more (browsers, server and Janus share two cores);
    // one that passes only then is printed as FLAKY, and the summary of `npm test` names it.
    retry: process.env.CI === 'true' ? 1 : 0,
    reporters: ['verbose', './e2e/flaky-reporter.ts'],
  },
});
