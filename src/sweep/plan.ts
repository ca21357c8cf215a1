/**
 * The runs of a sweep: every point × replication, numbered in sweep order, with its seed and
 * the key its result is stored under; and the slice of them one shard runs.
 */
import { createHash } from 'node:crypto';
import { replicationSeed, type Sweep } from '../scenario/sweep.js';
import { MSGSIM_VERSION } from '../scenario/version.js';


/** One run of a sweep. */
export interface PlannedRun {
  /** Number in sweep order: point by point, replications within. */
  readonly index: number;
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  /**
   * What its stored result is filed under: a hash of the scenario file's content, the
   * point's parameters, the seed and the msgsim version, so a changed scenario or a new
   * version never reuses a stale result.
   */
  readonly key: string;
}

/** A slice of a sweep: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses "i/n" (1 ≤ i ≤ n); undefined if it is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (match === null) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/** The hash of a scenario file's content. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Replication `replication` of point `point`, numbered `index`. */
export function plannedRun(sweep: Sweep, scenarioHash: string, point: number, replication: number, index: number): PlannedRun {
  const seed = replicationSeed(sweep.seed, replication);
  const key = createHash('sha256')
    .update(JSON.stringify([scenarioHash, sweep.points[point]!.parameters, seed, MSGSIM_VERSION]))
    .digest('hex')
    .slice(0, 24);
  return { index, point, replication, seed, key };
}

/** Every run of the sweep (its `replications` per point), in order. */
export function planRuns(sweep: Sweep, scenarioHash: string): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const point of sweep.points) {
    for (let replication = 0; replication < sweep.replications; replication++) runs.push(plannedRun(sweep, scenarioHash, point.index, replication, runs.length));
  }
  return runs;
}

/** The points shard `shard` takes when replications are decided as the sweep goes: every count-th. */
export function shardPoints(points: number, shard: Shard | undefined): number[] {
  const all = Array.from({ length: points }, (_, point) => point);
  return shard === undefined ? all : all.filter((point) => point % shard.count === shard.index - 1);
}

/** The runs shard `shard` takes: every count-th run, starting at its own index. */
export function shardRuns(runs: readonly PlannedRun[], shard: Shard | undefined): PlannedRun[] {
  return shard === undefined ? [...runs] : runs.filter((run) => run.index % shard.count === shard.index - 1);
}
