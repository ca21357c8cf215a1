/**
 * The parallel-sweep benchmark: a 200-run sweep (20 points × 10 replications of a lossy,
 * queueing point-to-point scenario) run with 1 and with 2 worker threads; the figure is the
 * speed-up, and both runs must write the same bytes. Beside it, the machine's own ceiling
 * for two of anything, measured in the same run: the sweep's two halves as two shards, each
 * its own `msgsim sweep` process with one thread, first one after the other, then side by
 * side; the ceiling is the ratio of those times (what two cores give two processes that
 * share nothing), and the threads' speed-up is reported as a share of it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runSweep } from '../sweep/runner.js';

const CLI = new URL('../cli/main.js', import.meta.url).pathname;

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

/** Runs shard `index` of 2 as its own `msgsim sweep` process with one thread. */
function shardProcess(file: string, out: string, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'sweep', file, '--workers', '1', '--shard', `${index}/2`, '--out', join(out, `shard-${index}`)], { stdio: ['ignore', 'ignore', 'pipe'] });
    // Its progress lines are kept, and shown only if it fails.
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sweep shard ${index}/2 exited with ${code}: ${errors.slice(-2000)}`))));
  });
}

/** Seconds for both shards, one after the other and side by side. */
async function shardTimes(): Promise<{ sequential: number; parallel: number }> {
  const out = mkdtempSync(join(tmpdir(), 'msgsim-bench-shards-'));
  try {
    const file = join(out, 'bench-sweep.yaml');
    writeFileSync(file, SCENARIO);
    let start = performance.now();
    await shardProcess(file, out, 1);
    await shardProcess(file, out, 2);
    const sequential = (performance.now() - start) / 1000;
    start = performance.now();
    await Promise.all([shardProcess(file, out, 1), shardProcess(file, out, 2)]);
    return { sequential, parallel: (performance.now() - start) / 1000 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** 200 runs with 1 worker, then with 2; then the two-process ceiling. */
export async function sweepWorkers(): Promise<Record<string, number>> {
  const one = await timed(1);
  const two = await timed(2);
  if (one.aggregate !== two.aggregate) throw new Error('the sweep wrote different results with 1 and 2 workers');
  const speedup = one.seconds / two.seconds;
  const shards = await shardTimes();
  const ceiling = shards.sequential / shards.parallel;
  return {
    one_worker_s: one.seconds,
    two_workers_s: two.seconds,
    speedup,
    two_process_ceiling: ceiling,
    share_of_ceiling: speedup / ceiling,
  };
}
