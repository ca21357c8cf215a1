/**
 * `msgsim sweep <scenario>` runs every point × replication of a scenario's sweep, in worker
 * threads, resumably and optionally as one shard of many; `msgsim merge` puts shards back
 * together.
 */
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { mergeShards, MergeError } from '../../sweep/merge.js';
import { parseShard, type Shard } from '../../sweep/plan.js';
import type { Sweep } from '../../scenario/sweep.js';
import { NoSweepError, runSweep } from '../../sweep/runner.js';
import { ExitCode, UserError } from '../errors.js';
import { readText } from '../files.js';
import { progressOn } from '../progress.js';

/** Options of sweep. */
export interface SweepArgs {
  scenario: string;
  out: string;
  workers: number | undefined;
  shard: string | undefined;
  resume: boolean;
}

/** Declares the options of sweep. */
export function sweepOptions(yargs: Argv): Argv<SweepArgs> {
  return yargs
    .positional('scenario', { describe: 'A scenario file with a sweep section', type: 'string', demandOption: true })
    .option('out', { describe: 'Directory for results; the sweep writes <out>/<name>/', type: 'string', default: 'results' })
    .option('workers', { describe: 'Worker threads (default: the number of cores)', type: 'number' })
    .option('shard', { describe: 'Run only slice i of n (e.g. 2/8), for msgsim merge', type: 'string' })
    .option('resume', { describe: 'Keep the runs an interrupted sweep finished and run the rest', type: 'boolean', default: false }) as unknown as Argv<SweepArgs>;
}

/** Runs the sweep; returns the exit code. */
export async function sweepCommand(args: SweepArgs): Promise<number> {
  const workers = args.workers ?? availableParallelism();
  if (!(Number.isSafeInteger(workers) && workers >= 1)) throw new UserError(`--workers: ${args.workers} is not a worker count (a whole number >= 1)`);
  let shard: Shard | undefined;
  if (args.shard !== undefined) {
    shard = parseShard(args.shard);
    if (shard === undefined) throw new UserError(`--shard: "${args.shard}" is not a slice i/n with 1 <= i <= n (e.g. 2/8)`);
  }
  await sweepFile(args.scenario, readText(args.scenario), args.out, { workers, resume: args.resume, ...(shard === undefined ? {} : { shard }) });
  return ExitCode.Ok;
}

/** Runs the sweep of a scenario file (its name and text) with progress on stderr, and says what it wrote. */
export async function sweepFile(file: string, text: string, out: string, options: { workers: number; resume: boolean; shard?: Shard; sweep?: Sweep }): Promise<void> {
  const shard = options.shard;
  const progress = progressOn(`sweep ${file}${shard === undefined ? '' : ` shard ${shard.index}/${shard.count}`}`);
  let outcome;
  try {
    outcome = await runSweep({ text, file, out, ...options, onProgress: (done, total) => progress.update(done, total) });
  } catch (error) {
    if (error instanceof NoSweepError) throw new UserError(error.message);
    throw error;
  } finally {
    progress.stop();
  }
  const { sweep } = outcome;
  const reused = outcome.reused > 0 ? ` (${outcome.reused} reused from an earlier run)` : '';
  const replications = sweep.untilCi === undefined ? `${sweep.replications} replications` : `replications in batches of ${sweep.replications} until the interval of ${sweep.untilCi.metric} is narrow enough`;
  console.log(`${sweep.name}: ${sweep.points.length} points × ${replications}; ${outcome.runs} runs${reused} -> ${outcome.dir}`);
  for (const written of outcome.files) console.log(`  wrote ${written}`);
}

/** Options of merge. */
export interface MergeArgs {
  shards: string[];
  out: string;
}

/** Declares the options of merge. */
export function mergeOptions(yargs: Argv): Argv<MergeArgs> {
  return yargs
    .positional('shards', { describe: "The shards' result directories: each msgsim sweep --shard's --out folder, or the <out>/<name>/ in it", type: 'string', array: true })
    .option('out', { describe: 'Directory for the merged results; they go to <out>/<name>/', type: 'string', default: 'results' }) as unknown as Argv<MergeArgs>;
}

/** Merges shards; returns the exit code. */
export function mergeCommand(args: MergeArgs): number {
  try {
    for (const file of mergeShards(args.shards, args.out)) console.log(`wrote ${file}`);
  } catch (error) {
    if (error instanceof MergeError) throw new UserError(error.message);
    throw error;
  }
  return ExitCode.Ok;
}
