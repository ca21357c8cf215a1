/**
 * The Automerge benchmark: how many generated cases per second a property run of Automerge
 * Repo, unmodified, gets through — the g-set program of scenarios/libraries/automerge-set.ts
 * (`reliable`: Repo synced over msgsim's exactly-once ordered stream) on exactly 3 replicas,
 * about 100 adds per case, with partitions and crashes drawn at random. Cases are drawn by
 * programCase and run by simulateProgram, as checkProgram does; every case must pass.
 *
 * The program is loaded at run time (through tsx), as a scenario file would load it: bench/
 * may not import scenarios/ statically.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { NodeSetup } from '../messaging/maelstrom/node.js';
import { loadExport } from '../scenario/modules.js';
import { programCase } from '../testing/program-case.js';
import { simulateProgram } from '../testing/simulate-program.js';

const MODULE = fileURLToPath(new URL('../../scenarios/libraries/automerge-set.ts', import.meta.url));

/** Cases timed. */
const CASES = 40;
/** Operations a second over 10 s, half of them adds (g-set draws add or read at even odds): about 100 adds a case. */
const RATE = 20;
const DURATION_MICROS = 10_000_000;

/** Runs the benchmark once. */
export async function automergeConvergence(): Promise<Record<string, number>> {
  const program = (await loadExport({ module: MODULE, export: 'reliable' })) as NodeSetup;
  const cases = programCase({
    workload: { kind: 'g-set' },
    network: { kind: 'full-mesh', minNodes: 3, maxNodes: 3, link: { bandwidthMbps: [10, 100], maxLoss: 0, delayMicros: [1_000, 20_000] } },
    clients: { concurrency: [1, 3], rate: [RATE, RATE], durationMicros: [DURATION_MICROS, DURATION_MICROS] },
    faults: { kinds: ['partition', 'crash'], maxFaults: 3, horizonMicros: DURATION_MICROS, maxLengthMicros: 2_000_000 },
  });
  let events = 0;
  let adds = 0;
  let failures = 0;
  let nodes = 0;
  const start = performance.now();
  await fc.assert(
    fc.asyncProperty(cases, async (c) => {
      const result = await simulateProgram({ program, case: c });
      events += result.record.events;
      adds += result.history.filter((entry) => entry.type === 'invoke' && entry.f === 'add').length;
      nodes += c.nodes.length;
      if (result.failures.length > 0) failures++;
      return true;
    }),
    { numRuns: CASES, seed: 1 },
  );
  const seconds = (performance.now() - start) / 1000;
  if (nodes !== 3 * CASES) throw new Error(`automerge-convergence: cases of ${nodes / CASES} nodes on average, not 3`);
  return { cases_per_s: CASES / seconds, ms_per_case: (seconds * 1000) / CASES, events_per_s: events / seconds, adds_per_case: adds / CASES, failed_cases: failures };
}
