/**
 * Automerge Repo, unmodified, property-tested on simulated networks: its replicas of a
 * grow-only set converge after partitions, crashes with restart from durable storage, loss,
 * reordering and duplication, and lose no acknowledged element, when Repo syncs over
 * msgsim's exactly-once ordered stream; over the network as it is (frames lost stay lost),
 * a case fails, shrinks, and its scenario file fails `msgsim check` again.
 */
import { describe, expect, it } from 'vitest';
import { checkProgram, programCase, type ProgramCaseOptions } from '../../src/testing/index.js';
import { reliable, unordered } from '../../scenarios/libraries/automerge-set.js';
import { msgsim, tempDir } from '../support/cli.js';

const MODULE = new URL('../../scenarios/libraries/automerge-set.ts', import.meta.url).href;

/** Three replicas or fewer, on links that lose, reorder and duplicate, while partitions and crashes come and go. */
const HOSTILE: ProgramCaseOptions = {
  workload: { kind: 'g-set' },
  network: { kind: 'full-mesh', minNodes: 2, maxNodes: 3, link: { bandwidthMbps: [1, 100], maxLoss: 0.2, delayMicros: [100, 20_000], maxJitterMicros: 10_000, reorder: true, maxDuplicate: 0.1 } },
  clients: { rate: [5, 20], durationMicros: [500_000, 3_000_000] },
  faults: { kinds: ['partition', 'crash'], maxFaults: 3, maxLengthMicros: 1_000_000 },
};

describe('Automerge Repo on msgsim', () => {
  it('converges and keeps every acknowledged element over the exactly-once ordered stream', async () => {
    const result = await checkProgram({ name: 'automerge reliable', program: reliable, module: { module: MODULE, export: 'reliable' }, cases: programCase(HOSTILE), numRuns: 12, seed: 5, outDir: undefined });
    expect(result.failed, result.report).toBe(false);
  }, 120_000);

  it('over the network as it is, loses an element; the shrunk case replays from its scenario file', async () => {
    const result = await checkProgram({ name: 'automerge unordered', program: unordered, module: { module: MODULE, export: 'unordered' }, cases: programCase(HOSTILE), numRuns: 30, seed: 5, outDir: tempDir() });
    expect(result.failed, result.report).toBe(true);
    const counterexample = result.counterexample!;
    expect(counterexample.failures[0]!.check, result.report).toMatch(/lost|incomplete_final_reads/);
    expect(counterexample.size.nodes, result.report).toBe(2);
    const check = msgsim('check', counterexample.scenarioFile!, '--out', tempDir());
    expect(check.status, check.stdout + check.stderr).toBe(1);
  }, 120_000);
});
