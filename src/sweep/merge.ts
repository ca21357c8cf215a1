/**
 * `msgsim merge`: the runs.csv files of a sweep's shards, put back together into exactly the
 * runs.csv and aggregate.csv that one machine would have written. Each shard's manifest says
 * which scenario (by content hash) and which slice it ran; merging refuses shards of
 * different scenarios, a missing or repeated shard, or a shard that is short of runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeFilesAtomically } from '../experiment/atomic-files.js';
import { aggregateCsv, RUN_COLUMNS, runsCsv, type SweepRunResult } from '../experiment/sweep-results.js';
import type { RunMetric } from '../experiment/run-metrics.js';
import { parseTable, sweepCharts } from './charts.js';
import type { ShardManifest } from './runner.js';

/** A shard that cannot be merged; the message says why. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/** A cell as a number; empty means "no value". */
function numberOf(cell: string): number {
  return cell === '' ? NaN : Number(cell);
}

/** Reads a shard directory: its manifest and its runs. */
function readShard(dir: string): { manifest: ShardManifest; parameters: string[]; points: Map<number, string[]>; runs: SweepRunResult[] } {
  let manifest: ShardManifest;
  let rows: string[][];
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'shard.json'), 'utf8')) as ShardManifest;
    rows = parse(readFileSync(join(dir, 'runs.csv'), 'utf8')) as string[][];
  } catch (error) {
    throw new MergeError(`${dir}: not a shard of a sweep (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (manifest.format !== 'msgsim-shard/1') throw new MergeError(`${dir}/shard.json: not a shard manifest`);
  const header = rows[0]!;
  const parameters = header.slice(3, header.length - RUN_COLUMNS.length);
  const points = new Map<number, string[]>();
  const byRun = new Map<string, { point: number; replication: number; seed: number; metrics: RunMetric[] }>();
  for (const row of rows.slice(1)) {
    const point = Number(row[0]);
    const replication = Number(row[1]);
    points.set(point, row.slice(3, 3 + parameters.length));
    const [flow, metric, value, expected] = row.slice(3 + parameters.length) as [string, string, string, string];
    const key = `${point}/${replication}`;
    let run = byRun.get(key);
    if (run === undefined) {
      run = { point, replication, seed: Number(row[2]), metrics: [] };
      byRun.set(key, run);
    }
    run.metrics.push({ flow, metric, value: numberOf(value), expected: numberOf(expected) });
  }
  return { manifest, parameters, points, runs: [...byRun.values()] };
}

/**
 * The shard directory a path names: the directory itself (`<out>/<name>/`), or the one
 * sweep folder with a shard in it under the `--out` folder a shard was written to.
 */
export function shardDirectory(path: string): string {
  if (existsSync(join(path, 'shard.json'))) return path;
  let entries: string[] = [];
  try {
    entries = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(path, entry.name, 'shard.json')))
      .map((entry) => entry.name)
      .sort();
  } catch {
    // Not a folder: readShard says so.
  }
  if (entries.length === 1) return join(path, entries[0]!);
  if (entries.length > 1) throw new MergeError(`${path}: holds shards of ${entries.length} sweeps (${entries.join(', ')}); name the one to merge, e.g. ${join(path, entries[0]!)}`);
  return path;
}

/**
 * Merges shards into `<out>/<name>/`; each of `dirs` is a shard's directory or the `--out`
 * folder it was written to. Returns the files written.
 */
export function mergeShards(dirs: readonly string[], out: string): string[] {
  dirs = dirs.map(shardDirectory);
  const shards = dirs.map(readShard);
  const first = shards[0];
  if (first === undefined) throw new MergeError('no shards to merge');
  const { count } = first.manifest.shard;
  const seen = new Set<number>();
  for (const [i, shard] of shards.entries()) {
    const m = shard.manifest;
    if (m.scenario !== first.manifest.scenario || m.name !== first.manifest.name) throw new MergeError(`${dirs[i]}: a shard of another scenario (or of a changed one)`);
    if (m.msgsim !== first.manifest.msgsim) throw new MergeError(`${dirs[i]}: written by msgsim ${m.msgsim}, the others by ${first.manifest.msgsim}`);
    if (m.shard.count !== count) throw new MergeError(`${dirs[i]}: shard ${m.shard.index}/${m.shard.count} does not belong with shards of ${count}`);
    if (seen.has(m.shard.index)) throw new MergeError(`${dirs[i]}: shard ${m.shard.index}/${count} given twice`);
    seen.add(m.shard.index);
    if (shard.runs.length !== m.runs) throw new MergeError(`${dirs[i]}: has ${shard.runs.length} of its ${m.runs} runs`);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')} missing`);
  const runs = shards.flatMap((shard) => shard.runs);
  if (first.manifest.totalRuns !== undefined && runs.length !== first.manifest.totalRuns) {
    throw new MergeError(`the shards hold ${runs.length} runs; the sweep has ${first.manifest.totalRuns}`);
  }
  if (first.manifest.pointCount !== undefined) {
    // Shards of a sweep with a stopping rule take whole points: together, each point once.
    const covered = shards.flatMap((shard) => shard.manifest.points ?? []).sort((a, b) => a - b);
    if (covered.length !== first.manifest.pointCount || covered.some((point, k) => point !== k)) {
      throw new MergeError(`the shards do not cover the sweep's ${first.manifest.pointCount} points once each`);
    }
  }
  const pointCells = new Map<number, string[]>();
  for (const shard of shards) for (const [point, cells] of shard.points) pointCells.set(point, cells);
  const layout = {
    parameters: first.parameters,
    points: Array.from({ length: Math.max(-1, ...pointCells.keys()) + 1 }, (_, point) => pointCells.get(point) ?? []),
  };
  const dir = join(out, first.manifest.name);
  const aggregate = aggregateCsv(layout, runs);
  const files: [string, string][] = [
    [join(dir, 'runs.csv'), runsCsv(layout, runs)],
    [join(dir, 'aggregate.csv'), aggregate],
    ...sweepCharts(parseTable(aggregate), layout.parameters, dir),
  ];
  writeFilesAtomically(files);
  return files.map(([path]) => path);
}
