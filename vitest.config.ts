import { defineConfig } from 'vitest/config';

const databaseTests = ['src/platform/**/*.test.ts', 'src/modules/**/*.test.ts', 'src/cli/**/*.test.ts'];
const dbProject = (db: 'pglite' | 'postgres') => ({
  test: {
    name: `api-${db}`,
    include: databaseTests,
    env: { PROBITY_TEST_DB: db },
    globalSetup: ['test/support/template-database.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/core/**/*.test.ts'] } },
      dbProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [dbProject('postgres')] : []),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          env: { PROBITY_TEST_DB: 'pglite' },
          globalSetup: ['test/support/template-database.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
