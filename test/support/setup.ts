/**
 * Test setup: fast-check runs with a fixed seed (override with FC_SEED=<n>), so a CI run
 * is reproducible; a failing property prints its seed and path for replay.
 */
import fc from 'fast-check';

const seed = process.env['FC_SEED'] === undefined ? 20261126 : Number(process.env['FC_SEED']);
fc.configureGlobal({ seed, numRuns: 100 });
