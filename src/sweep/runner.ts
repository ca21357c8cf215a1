/**
 * Running a sweep: plans its runs (or one shard's), reuses stored results when resuming,
 * runs the rest in this thread or in worker threads, stores each result as it finishes, and
 * writes runs.csv, aggregate.csv and a chart per metric (a shard writes its runs.csv and a
 * manifest for `msgsim merge`). Results are ordered by run, not by finishing time, so the
 * files are the same bytes whatever the number of workers.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { makeDirectory, writeFilesAtomically } from '../experiment/atomic-files.js';
import { summarise } from '../experiment/aggregate.js';
import { aggregateCsv, runsCsv, type SweepLayout, type SweepRunResult } from '../experiment/sweep-results.js';
import { scenarioData } from '../scenario/load.js';
import { expandSweep, type Sweep } from '../scenario/sweep.js';
import { parseTable, sweepCharts } from './charts.js';
import { executeRun } from './execute.js';
import { MSGSIM_VERSION } from '../scenario/version.js';
import { contentHash, plannedRun, planRuns, shardPoints, shardRuns, type PlannedRun, type Shard } from './plan.js';
import { RunStore } from './store.js';

/** What to run and where. */
export interface SweepOptions {
  /** The scenario file's text and name (module paths are relative to it). */
  readonly text: string;
  readonly file: string;
  /** Results go to `<out>/<scenario name>/`. */
  readonly out: string;
  /** Worker threads; 1 runs in this thread. @default 1 */
  readonly workers?: number;
  readonly shard?: Shard;
  /** Reuse the stored results of an earlier, interrupted run of the same sweep. @default false */
  readonly resume?: boolean;
  /** Told after every run. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The sweep of `text`, if the caller has already expanded (and so validated) it. */
  readonly sweep?: Sweep;
}

/** What a sweep did. */
export interface SweepOutcome {
  readonly sweep: Sweep;
  readonly dir: string;
  /** Runs this call was responsible for (the shard's, or all). */
  readonly runs: number;
  /** Of those, how many were reused from an earlier run. */
  readonly reused: number;
  /** Files written. */
  readonly files: readonly string[];
}

/** The manifest a shard writes beside its runs.csv. */
export interface ShardManifest {
  readonly format: 'msgsim-shard/1';
  readonly msgsim: string;
  /** The sweep's name (results go to <out>/<name>/). */
  readonly name: string;
  /** Content hash of the scenario file. */
  readonly scenario: string;
  readonly shard: Shard;
  /** Runs in this shard. */
  readonly runs: number;
  /** Runs in the whole sweep (a sweep with a fixed number of replications). */
  readonly totalRuns?: number;
  /** The points this shard took, and how many the sweep has (a sweep with a stopping rule). */
  readonly points?: readonly number[];
  readonly pointCount?: number;
}

/** A scenario file given to a sweep has no `sweep` section. */
export class NoSweepError extends Error {
  constructor(readonly file: string) {
    super(`${file}: no sweep section; use msgsim run`);
    this.name = 'NoSweepError';
  }
}

/** The sweep in a scenario file's text; throws {@link NoSweepError} if it has none. */
export function loadSweep(text: string, file: string): Sweep {
  const sweep = expandSweep(scenarioData(text, file), file);
  if (sweep === undefined) throw new NoSweepError(file);
  return sweep;
}

/** The layout of a sweep's result files. */
export function layoutOf(sweep: Sweep): SweepLayout {
  return { parameters: sweep.parameters, points: sweep.points.map((point) => sweep.parameters.map((path) => point.parameters.find((p) => p.path === path)!.value)) };
}

/** Runs a sweep (or one shard of it) and writes its results. */
export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const sweep = options.sweep ?? loadSweep(options.text, options.file);
  const dir = join(options.out, sweep.name);
  makeDirectory(dir); // a bad --out fails here, before any run
  const scenarioHash = contentHash(options.text);
  const store = new RunStore(join(dir, 'runs'));
  const rule = sweep.untilCi;
  // Every run the sweep may make: its results are the only ones worth keeping.
  const possible = rule === undefined ? planRuns(sweep, scenarioHash) : everyRun(sweep, scenarioHash, rule.maxReplications);
  if (options.resume === true) store.prune(possible);
  else store.clear();
  let reused = 0;
  let done = 0;
  let planned = 0;
  /** Runs `runs` (reusing stored results), then returns all of their results. */
  const execute = async (runs: readonly PlannedRun[]): Promise<SweepRunResult[]> => {
    const todo = runs.filter((run) => !store.has(run));
    reused += runs.length - todo.length;
    done += runs.length - todo.length;
    planned += runs.length;
    options.onProgress?.(done, planned);
    const finished = (run: PlannedRun, result: SweepRunResult): void => {
      store.put(run, result);
      done++;
      options.onProgress?.(done, planned);
    };
    if (todo.length > 1 && (options.workers ?? 1) > 1) {
      pool ??= new WorkerPool(sweep, options.text, options.file, Math.min(options.workers!, todo.length));
      await pool.run(todo, finished);
    } else {
      for (const run of todo) finished(run, await executeRun(sweep, run));
    }
    return runs.map((run) => store.get(run));
  };
  let pool: WorkerPool | undefined;
  const mine = rule === undefined ? shardRuns(possible, options.shard) : undefined;
  let results: SweepRunResult[];
  try {
    results = mine !== undefined ? await execute(mine) : await untilNarrow(sweep, scenarioHash, shardPoints(sweep.points.length, options.shard), execute);
  } finally {
    await pool?.close();
  }
  const layout = layoutOf(sweep);
  const files: [string, string][] = [[join(dir, 'runs.csv'), runsCsv(layout, results)]];
  if (options.shard === undefined) {
    const aggregate = aggregateCsv(layout, results);
    files.push([join(dir, 'aggregate.csv'), aggregate], ...sweepCharts(parseTable(aggregate), sweep.parameters, dir));
  } else {
    const manifest: ShardManifest = {
      format: 'msgsim-shard/1',
      msgsim: MSGSIM_VERSION,
      name: sweep.name,
      scenario: scenarioHash,
      shard: options.shard,
      runs: results.length,
      ...(rule === undefined ? { totalRuns: possible.length } : { points: shardPoints(sweep.points.length, options.shard), pointCount: sweep.points.length }),
    };
    files.push([join(dir, 'shard.json'), `${JSON.stringify(manifest, null, 2)}\n`]);
  }
  writeFilesAtomically(files);
  return { sweep, dir, runs: results.length, reused, files: files.map(([path]) => path) };
}

/** Every replication up to `max` of every point, numbered point by point. */
function everyRun(sweep: Sweep, scenarioHash: string, max: number): PlannedRun[] {
  return sweep.points.flatMap((point) => Array.from({ length: max }, (_, r) => plannedRun(sweep, scenarioHash, point.index, r, point.index * max + r)));
}

/**
 * The sequential stopping rule: every point gets a batch of `replications` runs, then
 * another, until the 95% interval of the rule's metric is as narrow as asked (or the
 * maximum is reached). Decisions are taken between batches, from results alone, so the runs
 * made never depend on the number of workers.
 */
async function untilNarrow(
  sweep: Sweep,
  scenarioHash: string,
  points: readonly number[],
  execute: (runs: readonly PlannedRun[]) => Promise<SweepRunResult[]>,
): Promise<SweepRunResult[]> {
  const rule = sweep.untilCi!;
  const results = new Map<number, SweepRunResult[]>(points.map((point) => [point, []]));
  let active = [...points];
  while (active.length > 0) {
    const batch = active.flatMap((point) => {
      const have = results.get(point)!.length;
      const want = Math.min(rule.maxReplications, have + sweep.replications);
      return Array.from({ length: want - have }, (_, k) => plannedRun(sweep, scenarioHash, point, have + k, point * rule.maxReplications + have + k));
    });
    for (const result of await execute(batch)) results.get(result.point)!.push(result);
    active = active.filter((point) => {
      const runs = results.get(point)!;
      if (runs.length >= rule.maxReplications) return false;
      const values = runs.map((run) => run.metrics.find((m) => m.flow === rule.flow && m.metric === rule.metric)?.value ?? NaN);
      const { mean, halfWidth } = summarise(values);
      const target = rule.relative ? rule.halfWidth * Math.abs(mean) : rule.halfWidth;
      // A metric the runs do not give (or an interval that cannot be had) stops nothing early.
      return !(halfWidth <= target);
    });
  }
  return points.flatMap((point) => results.get(point)!);
}

/** Runs handed to a worker ahead of the one it is running, so it never waits for the next. */
const AHEAD = 2;

/** A worker's message: a run's result, or why it failed. */
interface WorkerReply {
  readonly ok: boolean;
  readonly run: PlannedRun;
  readonly result?: SweepRunResult;
  readonly error?: string;
}

/**
 * Worker threads that run a sweep's runs, kept for the whole sweep (a worker costs about
 * 0.3 s of loading and validating before its first run, so a sweep that runs in batches
 * starts them once). This thread runs runs too: `count` threads in all.
 */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private failure: Error | undefined;
  /** Where the replies of the batch in progress go. */
  private onReply: ((worker: Worker, reply: WorkerReply) => void) | undefined;
  private onFailure: ((error: Error) => void) | undefined;

  constructor(
    private readonly sweep: Sweep,
    text: string,
    file: string,
    count: number,
  ) {
    for (let i = 0; i < count - 1; i++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { text, file } });
      worker.on('message', (reply: WorkerReply) => this.onReply?.(worker, reply));
      worker.on('error', (error: Error) => this.fail(error));
      this.workers.push(worker);
    }
  }

  private fail(error: Error): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.onFailure?.(error);
  }

  /** Runs `runs` on every thread, each taking the next run from one queue as it finishes one. */
  async run(runs: readonly PlannedRun[], finished: (run: PlannedRun, result: SweepRunResult) => void): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    let next = 0;
    let completed = 0;
    const take = (): PlannedRun | undefined => (this.failure === undefined && next < runs.length ? runs[next++] : undefined);
    const workersDone = new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (completed === runs.length) resolve();
      };
      this.onFailure = reject;
      this.onReply = (worker, reply) => {
        if (!reply.ok) {
          this.fail(new Error(`run ${reply.run.index} (point ${reply.run.point}, replication ${reply.run.replication}) failed: ${reply.error}`));
          return;
        }
        finished(reply.run, reply.result!);
        completed++;
        const run = take();
        if (run !== undefined) worker.postMessage(run);
        check();
      };
      for (const worker of this.workers) {
        for (let k = 0; k < AHEAD; k++) {
          const run = take();
          if (run !== undefined) worker.postMessage(run);
        }
      }
      check();
    });
    // Awaited below; until then a worker's failure must not count as unhandled.
    workersDone.catch(() => undefined);
    for (let run = take(); run !== undefined; run = take()) {
      finished(run, await executeRun(this.sweep, run));
      completed++;
      // Yield, so the workers' results are handled and they get their next runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (completed === runs.length) return;
    await workersDone;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
