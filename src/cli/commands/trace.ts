/**
 * `msgsim trace <file.jsonl>`: renders a trace written by `msgsim run --trace` as a message
 * sequence diagram, a standalone SVG file.
 */
import { basename, dirname, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { writeFilesAtomically } from '../../experiment/atomic-files.js';
import type { TraceEvent } from '../../trace/events.js';
import { parseTrace, TRACE_FILE_DESCRIPTION, TraceFileError } from '../../trace/jsonl.js';
import { DEFAULT_MAX_EVENTS, sequenceDiagramSvg } from '../../trace/sequence-diagram.js';
import { ExitCode, UserError } from '../errors.js';
import { readText } from '../files.js';

/** Options of trace. */
export interface TraceArgs {
  file: string;
  out: string | undefined;
  'max-events': number;
}

/** Declares the options of trace. */
export function traceOptions(yargs: Argv): Argv<TraceArgs> {
  return yargs
    .positional('file', { describe: 'A trace (JSON Lines) written by msgsim run --trace', type: 'string', demandOption: true })
    .option('out', { alias: 'o', describe: 'SVG file to write. Default: the trace file with .svg instead of .jsonl', type: 'string' })
    .option('max-events', {
      describe: 'Draw at most this many events (the first ones)',
      type: 'number',
      default: DEFAULT_MAX_EVENTS,
    }) as unknown as Argv<TraceArgs>;
}

/** Renders the trace; returns the exit code. */
export function traceCommand(args: TraceArgs): number {
  const maxEvents = args['max-events'];
  if (!(Number.isSafeInteger(maxEvents) && maxEvents >= 1)) throw new UserError(`--max-events: ${maxEvents} is not a count (a whole number >= 1)`);
  const events = readTraceFile(args.file);
  const out = args.out ?? args.file.replace(/\.jsonl$/, '') + '.svg';
  writeFilesAtomically([[out, sequenceDiagramSvg(events, { title: join(basename(dirname(resolve(args.file))), basename(args.file)), maxEvents })]]);
  console.log(`${args.file}: ${events.length} events -> ${out}${events.length > maxEvents ? ` (first ${maxEvents} drawn)` : ''}`);
  return ExitCode.Ok;
}

/** The events of a trace file; a file that is no trace, or has no events, is a user's mistake. */
export function readTraceFile(file: string): TraceEvent[] {
  let events: TraceEvent[];
  try {
    events = parseTrace(readText(file), file);
  } catch (error) {
    if (error instanceof TraceFileError) throw new UserError(error.message);
    throw error;
  }
  if (events.length === 0) throw new UserError(`${file}: the file has no events; expected a msgsim trace (${TRACE_FILE_DESCRIPTION})`);
  return events;
}
