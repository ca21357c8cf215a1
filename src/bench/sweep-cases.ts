/**
 * The parallel-sweep benchmark: a 200-run sweep (20 points × 10 replications of a lossy,
 * queueing point-to-point scenario) run with 1 and with 2 worker threads; the figure is the
 * speed-up, and both runs must write the same bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runSweep } from '../sweep/runner.js';

const SCENARIO = `name: bench-sweep
seed: 1
nodes: [a, b, c]
links:
  - { between: [a, b], bandwidth: 10Mbps, delay: 2ms, loss: 0.02 }
  - { between: [b, c], bandwidth: 5Mbps, delay: 3ms, loss: 0.02 }
flows:
  - { name: data, pattern: p2p, from: a, to: c, count: 20000, size: 500B, interval: "exp(1ms)" }
sweep:
  grid:
    links[1].loss: [0, 0.01, 0.02, 0.05, 0.1]
    flows[0].size: [200B, 400B, 500B, 600B]
  replications: 10
`;

/** Runs the sweep with `workers` threads; returns seconds taken and aggregate.csv. */
async function timed(workers: number): Promise<{ seconds: number; aggregate: string }> {
  const out = mkdtempSync(join(tmpdir(), 'msgsim-bench-sweep-'));
  try {
    const start = performance.now();
    await runSweep({ text: SCENARIO, file: join(out, 'bench-sweep.yaml'), out, workers });
    const seconds = (performance.now() - start) / 1000;
    return { seconds, aggregate: readFileSync(join(out, 'bench-sweep', 'aggregate.csv'), 'utf8') };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** 200 runs with 1 worker, then with 2. */
export async function sweepWorkers(): Promise<Record<string, number>> {
  const one = await timed(1);
  const two = await timed(2);
  if (one.aggregate !== two.aggregate) throw new Error('the sweep wrote different results with 1 and 2 workers');
  return { one_worker_s: one.seconds, two_workers_s: two.seconds, speedup: one.seconds / two.seconds };
}
