import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The machine's clock is UTC; rules must not depend on it, and tests run as CI does.
    env: { TZ: 'UTC' },
    pool: 'forks',
    // TEST_DATABASE=postgres: each file's databases are dropped after it.
    setupFiles: ['test/helpers/database-setup.ts'],
  },
});
