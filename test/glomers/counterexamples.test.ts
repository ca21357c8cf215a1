/**
 * Every challenge's naive protocol, under the property-testing kit, fails with a shrunk
 * counterexample that replays: generated cases in the challenge's workload (with its
 * targets, services and faults), shrunk, written as a scenario file on which `msgsim check`
 * fails again.
 */
import { describe, expect, it } from 'vitest';
import type { NodeSetup } from '../../src/messaging/maelstrom/node.js';
import { checkProgram, programCase, type ProgramCaseOptions } from '../../src/testing/index.js';
import { naive as naiveEcho } from '../../scenarios/glomers/protocols/echo.js';
import { naive as naiveIds } from '../../scenarios/glomers/protocols/unique-ids.js';
import { naive as naiveSingle } from '../../scenarios/glomers/protocols/broadcast-single.js';
import single from '../../scenarios/glomers/protocols/broadcast-single.js';
import flood from '../../scenarios/glomers/protocols/broadcast-flood.js';
import reliable from '../../scenarios/glomers/protocols/broadcast-reliable.js';
import direct from '../../scenarios/glomers/protocols/broadcast-direct.js';
import { naive as naiveCounter } from '../../scenarios/glomers/protocols/g-counter.js';
import { naive as naiveKafka } from '../../scenarios/glomers/protocols/kafka.js';
import { msgsim, tempDir } from '../support/cli.js';

const PROTOCOLS = new URL('../../scenarios/glomers/protocols/', import.meta.url);

interface Challenge {
  readonly program: NodeSetup;
  /** Module file in scenarios/glomers/protocols/ and export, for the written scenario. */
  readonly module: string;
  readonly export: string;
  readonly cases: ProgramCaseOptions;
  /** The verdict it fails (the counterexample's first failure). */
  readonly fails: RegExp;
}

const NO_FAULTS = { maxFaults: 0 } as const;

const CHALLENGES: Readonly<Record<string, Challenge>> = {
  '1 echo': { program: naiveEcho, module: 'echo.ts', export: 'naive', cases: { workload: { kind: 'echo', targets: { availability: 1 } }, faults: NO_FAULTS }, fails: /availability/ },
  '2 unique ids': { program: naiveIds, module: 'unique-ids.ts', export: 'naive', cases: { workload: { kind: 'unique-ids' } }, fails: /duplicated_ids/ },
  '3a single-node broadcast': { program: naiveSingle, module: 'broadcast-single.ts', export: 'naive', cases: { workload: { kind: 'broadcast' }, network: { kind: 'full-mesh', maxNodes: 1 }, faults: NO_FAULTS }, fails: /lost|incomplete_final_reads/ },
  '3b multi-node broadcast': { program: single, module: 'broadcast-single.ts', export: 'default', cases: { workload: { kind: 'broadcast', topology: 'line' }, faults: NO_FAULTS }, fails: /lost|incomplete_final_reads/ },
  '3c fault-tolerant broadcast': { program: flood, module: 'broadcast-flood.ts', export: 'default', cases: { workload: { kind: 'broadcast', topology: 'line' } }, fails: /lost|incomplete_final_reads/ },
  '3d efficient broadcast': {
    program: reliable,
    module: 'broadcast-reliable.ts',
    export: 'default',
    cases: {
      workload: { kind: 'broadcast', topology: 'grid', targets: { msgs_per_op: 30, stable_latency_p50: '400ms', stable_latency_max: '600ms' } },
      network: { kind: 'full-mesh', minNodes: 25, maxNodes: 25, link: { bandwidthMbps: [1000, 1000], maxLoss: 0, delayMicros: [100_000, 100_000] } },
      faults: NO_FAULTS,
    },
    fails: /stable_latency|msgs_per_op/,
  },
  '3e efficient broadcast II': {
    program: direct,
    module: 'broadcast-direct.ts',
    export: 'default',
    cases: {
      workload: { kind: 'broadcast', targets: { msgs_per_op: 20, stable_latency_p50: '1s', stable_latency_max: '2s' } },
      network: { kind: 'full-mesh', minNodes: 25, maxNodes: 25, link: { bandwidthMbps: [1000, 1000], maxLoss: 0, delayMicros: [100_000, 100_000] } },
      clients: { rate: [100, 100] },
      faults: NO_FAULTS,
    },
    fails: /msgs_per_op/,
  },
  '4 g-counter': { program: naiveCounter, module: 'g-counter.ts', export: 'naive', cases: { workload: { kind: 'g-counter' }, services: ['seq-kv'], faults: NO_FAULTS }, fails: /wrong_final_reads/ },
  '5a kafka': { program: naiveKafka, module: 'kafka.ts', export: 'naive', cases: { workload: { kind: 'kafka' }, network: { kind: 'full-mesh', maxNodes: 1 }, clients: { rate: [20, 50], durationMicros: [2_000_000, 10_000_000] }, faults: NO_FAULTS }, fails: /committed_offset_regressions|nonmonotonic|lost/ },
};

describe('the naive protocol of every challenge', () => {
  for (const [name, challenge] of Object.entries(CHALLENGES)) {
    it(`${name}: fails, shrinks, and the written scenario fails msgsim check again`, async () => {
      const result = await checkProgram({
        name: `naive ${name}`,
        program: challenge.program,
        module: { module: new URL(challenge.module, PROTOCOLS).href, export: challenge.export },
        cases: programCase(challenge.cases),
        numRuns: 30,
        seed: 12,
        outDir: tempDir(),
      });
      expect(result.failed, result.report).toBe(true);
      const counterexample = result.counterexample!;
      expect(counterexample.failures[0]!.check, result.report).toMatch(challenge.fails);
      // Small: where the network may shrink, to one or two nodes (the 3d and 3e challenges keep their 25).
      if (challenge.cases.network?.kind !== 'full-mesh' || challenge.cases.network.minNodes === undefined) {
        expect(counterexample.size.nodes, result.report).toBeLessThanOrEqual(2);
      }
      const check = msgsim('check', counterexample.scenarioFile!, '--out', tempDir());
      expect(check.status, check.stdout + check.stderr).toBe(1);
    }, 60_000);
  }
});
