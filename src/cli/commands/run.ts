/**
 * `msgsim run` and `msgsim check`: run scenarios, write their results, print a summary;
 * `check` also prints every formula check and fails when one is out of tolerance. A
 * scenario's invariants fail either command. Options add a JSON Lines trace, a replay file,
 * and a second run to verify that the event sequence is the same.
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { makeDirectory, StreamingFile, writeFilesAtomically, type Content } from '../../experiment/atomic-files.js';
import { broadcastsCsv, deliveriesCsv } from '../../experiment/delivery-results.js';
import { historyJsonl, linksCsv, messagesCsv, summaryCsv } from '../../experiment/results.js';
import { withAbsoluteModules } from '../../scenario/load.js';
import { expandSweep } from '../../scenario/sweep.js';
import { loadScenarioModules } from '../../scenario/modules.js';
import { formatReplayFile, REPLAY_TRACE_MAX, replayFileOf } from '../../scenario/replay.js';
import type { Scenario } from '../../scenario/scenario.js';
import { runScenario, type RunScenarioOptions } from '../../scenario/simulation.js';
import { checkRun, type CheckReport } from '../../stats/checks/index.js';
import type { RunRecord } from '../../stats/record.js';
import { describeDifference, TraceComparison } from '../../trace/divergence.js';
import { formatTraceLine } from '../../trace/jsonl.js';
import { ExitCode, UserError } from '../errors.js';
import { loadScenarios } from '../load.js';
import { runProgressOn } from '../progress.js';
import { checkCounts, checkTable, deliveryTable, flowTable, runHeadline, violationReport, workloadTable } from '../report.js';
import { sweepFile } from './sweep.js';

/** Options shared by run and check. */
export interface RunArgs {
  scenarios: string[];
  seed: string | undefined;
  out: string;
  messages: boolean;
  trace: boolean;
  replay: boolean;
  'verify-determinism': boolean;
}

/** Declares the positional scenarios and the options of run and check. */
export function runOptions(yargs: Argv): Argv<RunArgs> {
  return yargs
    .positional('scenarios', {
      describe: 'Scenario files (YAML or JSON), or directories of them',
      type: 'string',
      array: true,
      default: undefined,
    })
    .option('seed', {
      describe: "Root seed for every run (a whole number >= 0), instead of each scenario's own",
      type: 'string',
      requiresArg: true,
    })
    .option('out', {
      describe: 'Directory for results; each scenario writes <out>/<name>/',
      type: 'string',
      default: 'results',
    })
    .option('messages', {
      describe: 'Write messages.csv (one row per message); --no-messages skips it',
      type: 'boolean',
      default: true,
    })
    .option('trace', {
      describe: 'Write trace.jsonl: every event of the run, one JSON object per line (see docs/testing.md)',
      type: 'boolean',
      default: false,
    })
    .option('replay', {
      describe: 'Write replay.json (scenario, seed, faults, hash chain) for `msgsim replay`; check writes it when it fails',
      type: 'boolean',
      default: false,
    })
    .option('verify-determinism', {
      describe: 'Run each scenario twice and compare their events one by one; name the first that differs (exit 1)',
      type: 'boolean',
      default: false,
    }) as unknown as Argv<RunArgs>;
}

/**
 * Runs every scenario and writes its results; with `strict`, prints all checks and returns
 * {@link ExitCode.CheckFailed} when any fails.
 */
export async function runCommand(args: RunArgs, strict: boolean): Promise<number> {
  const seed = args.seed === undefined ? undefined : parseSeed(args.seed);
  const loaded = loadScenarios(args.scenarios);
  // Sweeps' points, protocols and invariants are checked and loaded before anything runs.
  const sweeps = loaded.map(({ file, data }) => expandSweep(data, file));
  if (strict && sweeps.some((sweep) => sweep !== undefined)) {
    throw new UserError(`${loaded[sweeps.findIndex((sweep) => sweep !== undefined)]!.file}: has a sweep; run it with msgsim sweep (or msgsim run)`);
  }
  const modules = await Promise.all(loaded.map(({ scenario, file }) => loadScenarioModules(scenario, file)));
  let failed = 0;
  let passed = 0;
  let troubled = false;
  for (const [index, { scenario, file, text, data }] of loaded.entries()) {
    const sweep = sweeps[index];
    if (sweep !== undefined) {
      await sweepFile(file, text, args.out, { workers: availableParallelism(), resume: false, sweep });
      console.log('');
      continue;
    }
    const dir = join(args.out, scenario.name);
    makeDirectory(dir); // a bad --out fails here, before the run rather than after it
    const options: RunScenarioOptions = { ...(seed === undefined ? {} : { seed }), ...modules[index] };
    const progress = runProgressOn(scenario.name, scenario.untilSeconds);
    let record: RunRecord;
    try {
      record = await runTraced(scenario, dir, { ...options, onProgress: (status) => progress.update(status) }, args, strict);
    } finally {
      progress.stop();
    }
    const checks = checkRun(record);
    const counts = checkCounts(checks);
    const violation = record.trace?.violation;
    const files = runResultFiles(record, checks, dir, args.messages);
    const failedHere = violation !== undefined || (strict && counts.failed > 0);
    if (args.replay || (strict && failedHere)) files.push([join(dir, 'replay.json'), replayText(scenario, file, data, record)]);
    writeFilesAtomically(files);
    passed += counts.passed;
    failed += counts.failed;
    printRunReport(scenario, record, checks, dir, strict);
    if (record.trace !== undefined && scenario.protocol !== undefined) console.log(violationReport(record.trace));
    if (violation !== undefined) troubled = true;
    if (args['verify-determinism'] && !(await sameAgain(scenario, record, options))) troubled = true;
    console.log('');
  }
  if (strict) console.log(`${loaded.length} scenario(s): ${passed} checks passed, ${failed} failed`);
  return troubled || (strict && failed > 0) ? ExitCode.CheckFailed : ExitCode.Ok;
}

/** The result files of a run, in the order they are written: messages.csv (if wanted), links, deliveries, broadcasts, summary, history. */
export function runResultFiles(record: RunRecord, checks: CheckReport, dir: string, messages: boolean): [string, Content][] {
  const files: [string, Content][] = [
    [join(dir, 'links.csv'), linksCsv(record)],
    [join(dir, 'deliveries.csv'), deliveriesCsv(record)],
    [join(dir, 'broadcasts.csv'), broadcastsCsv(record)],
    [join(dir, 'summary.csv'), summaryCsv(checks)],
  ];
  if (messages) files.unshift([join(dir, 'messages.csv'), messagesCsv(record)]);
  if (record.history !== undefined) files.push([join(dir, 'history.jsonl'), historyJsonl(record.history)]);
  return files;
}

/** Prints what a run did: its headline, its tables, and (with `strict`) every check. */
export function printRunReport(scenario: Scenario, record: RunRecord, checks: CheckReport, dir: string, strict: boolean): void {
  const counts = checkCounts(checks);
  console.log(runHeadline(record, dir));
  if (scenario.flows.length > 0 || (scenario.protocol === undefined && scenario.program === undefined)) console.log(flowTable(checks));
  const workload = workloadTable(checks);
  if (workload !== undefined) console.log(workload);
  const deliveries = deliveryTable(checks);
  if (deliveries !== undefined) console.log(deliveries);
  if (strict) console.log(checkTable(checks));
  console.log(`  checks: ${counts.passed} passed, ${counts.failed} failed${strict ? '' : ' (details: summary.csv, msgsim check)'}`);
}

/** A --seed value: a whole number from 0 to 2^53 − 1. */
export function parseSeed(text: string): number {
  const seed = Number(text);
  if (/^\s*\d+\s*$/.test(text) && Number.isSafeInteger(seed)) return seed;
  throw new UserError(
    `--seed: ${JSON.stringify(text)} is not a seed: a seed is a whole number from 0 to ${Number.MAX_SAFE_INTEGER} from which every random stream of the run is derived (e.g. --seed 7)`,
  );
}

/**
 * Runs a scenario, recording its trace when asked for (and streaming it to trace.jsonl).
 * `check` always records the hash chain, for the replay file it writes if the run fails. The
 * events are kept for a protocol's story, for --verify-determinism to compare the second run
 * with, and for a replay file if the run is short enough for the file to hold them.
 */
async function runTraced(scenario: Scenario, dir: string, options: RunScenarioOptions, args: RunArgs, strict: boolean): Promise<RunRecord> {
  const wantsTrace = strict || args.trace || args.replay || args['verify-determinism'];
  const keep = scenario.protocol !== undefined || args['verify-determinism'] || (strict || args.replay ? REPLAY_TRACE_MAX : false);
  if (!args.trace) {
    return runScenario(scenario, wantsTrace || scenario.protocol !== undefined ? { ...options, trace: { keep } } : options);
  }
  const file = new StreamingFile(join(dir, 'trace.jsonl'));
  try {
    const record = await runScenario(scenario, {
      ...options,
      trace: { keep, listener: (event) => file.write(`${formatTraceLine(event)}\n`) },
    });
    file.commit();
    return record;
  } catch (error) {
    file.abort();
    throw error;
  }
}

/** The replay file of a run, with the scenario's data as its file holds it. */
function replayText(scenario: Scenario, file: string, fileData: object, record: RunRecord): string {
  const data = withAbsoluteModules(fileData, dirname(file));
  return formatReplayFile(replayFileOf(data, scenario, record));
}

/**
 * Runs the scenario once more, comparing its events one by one with the first run's (kept in
 * memory), and says whether the event sequence came out the same or which event differs first.
 */
async function sameAgain(scenario: Scenario, first: RunRecord, options: RunScenarioOptions): Promise<boolean> {
  const a = first.trace!;
  const comparison = new TraceComparison(a.events);
  const b = (await runScenario(scenario, { ...options, trace: { keep: false, listener: comparison.observe } })).trace!;
  const difference = comparison.finish();
  if (difference === undefined) {
    console.log(`  determinism: two runs gave the same ${a.count} events (hash ${b.hash})`);
    return true;
  }
  const [headline, ...versions] = describeDifference(difference, ['first run', 'second run']);
  console.log([`  determinism: FAILED: ${headline}`, ...versions.map((line) => `    ${line}`)].join('\n'));
  return false;
}
