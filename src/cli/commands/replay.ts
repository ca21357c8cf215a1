/**
 * `msgsim replay <replay.json>`: runs a recorded run again (its scenario, seed and faults)
 * and says whether the event sequence is the same, hash for hash, and whether a recorded
 * invariant violation happens again.
 */
import type { Argv } from 'yargs';
import { parseReplayFile, replay } from '../../scenario/replay.js';
import { ExitCode } from '../errors.js';
import { readText } from '../files.js';
import { violationReport } from '../report.js';

/** Options of replay. */
export interface ReplayArgs {
  file: string;
}

/** Declares the options of replay. */
export function replayOptions(yargs: Argv): Argv<ReplayArgs> {
  return yargs.positional('file', {
    describe: 'A replay file (replay.json) written by msgsim check, run --replay or a property test',
    type: 'string',
    demandOption: true,
  }) as unknown as Argv<ReplayArgs>;
}

/** Replays the file; exit code 0 when the run matches the recording, 1 when it does not. */
export async function replayCommand(args: ReplayArgs): Promise<number> {
  const recorded = parseReplayFile(readText(args.file), args.file);
  const { record, scenario, divergence } = await replay(recorded, args.file, { trace: { keep: keepsEvents(recorded) } });
  const trace = record.trace!;
  console.log(`${scenario.name}: replayed with seed ${record.seed}: ${trace.count} events, hash ${trace.hash}`);
  if (divergence === undefined) {
    console.log(`  hash chain: matches the recording (${recorded.events} events, hash ${recorded.hash})`);
  } else {
    console.log(
      `  hash chain: DIFFERS from the recording within events ${divergence.from}-${divergence.to} (recorded ${recorded.events} events, hash ${recorded.hash})`,
    );
  }
  const again = trace.violation;
  const before = recorded.violation;
  if (before !== undefined) {
    const same = again !== undefined && again.invariant === before.invariant && again.message === before.message;
    console.log(`  violation: ${same ? 'reproduced' : 'NOT reproduced'}: ${before.invariant}: ${before.message}`);
  }
  if (scenario.protocol !== undefined) console.log(violationReport(trace));
  const reproduced = before === undefined ? again === undefined : again?.invariant === before.invariant && again.message === before.message;
  return divergence === undefined && reproduced ? ExitCode.Ok : ExitCode.CheckFailed;
}

/** Whether to keep the trace's events in memory: only for protocol runs, to tell their story. */
function keepsEvents(recorded: { scenario: Record<string, unknown> }): boolean {
  return recorded.scenario['protocol'] !== undefined;
}
