import { defineConfig } from 'vitest/config';

/**
 * Tests that measure the Linux network stack (msgsim emulate, the emulated network) run after
 * all the others, one file at a time: they compare timings within 1%, which another test
 * file busy on the same cores would disturb.
 */
const MEASURING = ['test/emulation/emulate.test.ts', 'test/emulation/network.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/build.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    allowOnly: false,
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'tests', include: ['test/**/*.test.ts'], exclude: MEASURING, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'measuring', include: MEASURING, sequence: { groupOrder: 1 }, fileParallelism: false } },
    ],
  },
});
