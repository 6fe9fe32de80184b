import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    // Most CLI tests wait on a child process: two workers keep both cores busy.
    maxWorkers: 2,
    testTimeout: 20000,
  },
});
