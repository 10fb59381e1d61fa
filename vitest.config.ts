import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the
// `banshi-source` export condition, so tests never need a prior build.
export default defineConfig({
  resolve: { conditions: ['banshi-source', 'import', 'module', 'default'] },
  ssr: { resolve: { conditions: ['banshi-source', 'import', 'module', 'default'], externalConditions: ['banshi-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Under CI a JSON report lets .ci/run print a plain 'N passed, N failed' closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/out/vitest.json' }]] : ['default'],
  },
});
