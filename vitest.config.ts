import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the
// `banshi-source` export condition, so tests never need a prior build.
export default defineConfig({
  // Vite's default conditions plus `banshi-source`; Node-loaded dependencies keep Node's own
  // conditions (so CommonJS packages such as pg load their CommonJS builds).
  resolve: { conditions: ['banshi-source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['banshi-source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Under CI a JSON report lets .ci/run print a plain 'N passed, N failed' closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/out/vitest.json' }]] : ['default'],
  },
});
