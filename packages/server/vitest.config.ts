import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    // Nest's dependency injection needs decorator metadata, which esbuild does not emit.
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    }),
  ],
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    // The multi-process and fault tests need MariaDB (+ Redis): they run in the TEST_DB=mysql pass
    // only.
    // The cluster test starts the whole topology (npm run cluster): its own step, TEST_CLUSTER=1.
    exclude: [
      '**/node_modules/**',
      ...(process.env.TEST_DB === 'mysql'
        ? []
        : ['test/multiprocess.test.ts', 'test/faults-*.test.ts']),
      ...(process.env.TEST_CLUSTER === '1' ? [] : ['test/cluster.test.ts']),
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Integration files each boot servers; two at a time fits a 2-core machine.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
