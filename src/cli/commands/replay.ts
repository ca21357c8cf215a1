/**
 * `msgsim replay <replay.json>`: runs a recorded run again (its scenario, seed and faults)
 * and says whether the event sequence is the same — event for event where the recorded events
 * are at hand (in the file, or the recording's trace given with --trace), else hash for hash —
 * whether a recorded invariant violation happens again, and for a program's run whether its
 * clients' history is the same (entry for entry, where the file holds the entries) and what
 * the workload's checker says of it.
 */
import type { Argv } from 'yargs';
import { parseReplayFile, replay, type HistoryComparison, type ReplayFile, type ReplayOutcome } from '../../scenario/replay.js';
import { checkRun } from '../../stats/checks/index.js';
import { describeDifference } from '../../trace/divergence.js';
import { ExitCode } from '../errors.js';
import { readText } from '../files.js';
import { violationReport, workloadTable } from '../report.js';
import { readTraceFile } from './trace.js';

/** Options of replay. */
export interface ReplayArgs {
  file: string;
  trace: string | undefined;
}

/** Declares the options of replay. */
export function replayOptions(yargs: Argv): Argv<ReplayArgs> {
  return yargs
    .positional('file', {
      describe: 'A replay file (replay.json) written by msgsim check, run --replay or a property test',
      type: 'string',
      demandOption: true,
    })
    .option('trace', {
      describe: "The recording's trace.jsonl (run --replay --trace), to compare event for event a run too long for its replay file to hold",
      type: 'string',
    }) as unknown as Argv<ReplayArgs>;
}

/** Replays the file; exit code 0 when the run matches the recording, 1 when it does not. */
export async function replayCommand(args: ReplayArgs): Promise<number> {
  const recorded = parseReplayFile(readText(args.file), args.file);
  const events = args.trace === undefined ? undefined : readTraceFile(args.trace);
  const outcome = await replay(recorded, args.file, { trace: { keep: keepsEvents(recorded) }, ...(events === undefined ? {} : { recorded: events }) });
  const { record, scenario } = outcome;
  const trace = record.trace!;
  console.log(`${scenario.name}: replayed with seed ${record.seed}: ${trace.count} events, hash ${trace.hash}`);
  console.log(chainReport(recorded, outcome).join('\n'));
  const again = trace.violation;
  const before = recorded.violation;
  if (before !== undefined) {
    const same = again !== undefined && again.invariant === before.invariant && again.message === before.message;
    console.log(`  violation: ${same ? 'reproduced' : 'NOT reproduced'}: ${before.invariant}: ${before.message}`);
  }
  if (scenario.protocol !== undefined) console.log(violationReport(trace));
  if (recorded.history !== undefined) console.log(historyReport(recorded.history, outcome.history!).join('\n'));
  const workload = record.history === undefined ? undefined : workloadTable(checkRun(record));
  if (workload !== undefined) console.log(workload);
  const reproduced = before === undefined ? again === undefined : again?.invariant === before.invariant && again.message === before.message;
  const sameHistory = outcome.history?.same ?? true;
  return outcome.divergence === undefined && outcome.difference === undefined && reproduced && sameHistory ? ExitCode.Ok : ExitCode.CheckFailed;
}

/** Whether the clients' history came out as recorded, as indented report lines. */
function historyReport(recorded: NonNullable<ReplayFile['history']>, { same, replayed, difference }: HistoryComparison): string[] {
  const entryForEntry = recorded.entries === undefined ? '' : ', entry for entry';
  if (same) return [`  history: matches the recording${entryForEntry} (${recorded.count} entries, hash ${recorded.hash})`];
  if (difference === undefined) {
    return [`  history: DIFFERS from the recording: ${replayed.count} entries, hash ${replayed.hash} (recorded ${recorded.count} entries, hash ${recorded.hash})`];
  }
  const version = (line: string | undefined, end: number): string => line ?? `(none: the history ended after ${end} entries)`;
  return [
    `  history: DIFFERS from the recording: the first entry that differs is entry ${difference.entry}:`,
    `    recorded: ${version(difference.recorded, recorded.count)}`,
    `    replayed: ${version(difference.replayed, replayed.count)}`,
  ];
}

/** What the comparison with the recording found, as indented report lines. */
function chainReport(recorded: ReplayFile, { divergence, difference, comparedEvents }: ReplayOutcome): string[] {
  const totals = `recorded ${recorded.events} events, hash ${recorded.hash}`;
  if (difference !== undefined) {
    const [headline, ...versions] = describeDifference(difference, ['recorded', 'replayed']);
    return [`  hash chain: DIFFERS from the recording: ${headline}`, ...versions.map((line) => `    ${line}`)];
  }
  if (divergence === undefined) return [`  hash chain: matches the recording${comparedEvents ? ', event for event' : ''} (${recorded.events} events, hash ${recorded.hash})`];
  const stretch = `within events ${divergence.from}-${divergence.to} (${totals})`;
  return comparedEvents
    ? [`  hash chain: DIFFERS from the recording ${stretch}, though every event is the same as recorded (the file's hash chain does not fit its events)`]
    : [`  hash chain: DIFFERS from the recording ${stretch}; give the recording's trace (--trace) to find the event`];
}

/** Whether to keep the trace's events in memory: only for protocol runs, to tell their story. */
function keepsEvents(recorded: { scenario: Record<string, unknown> }): boolean {
  return recorded.scenario['protocol'] !== undefined;
}
