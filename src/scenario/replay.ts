/**
 * Replay files: everything needed to run a recorded run again and to tell whether it came
 * out the same — the scenario (as data, module paths made absolute), the seed, the resolved
 * fault timeline, the invariant violation if there was one, the hash chain of the run's
 * trace, and for a short run its events. `msgsim replay` reruns it and compares the chains
 * and, where it has the recorded events, the events one by one.
 */
import type { RunRecord } from '../stats/record.js';
import { TraceComparison, type EventDifference } from '../trace/divergence.js';
import type { TraceEvent } from '../trace/events.js';
import { compareChains, type ChainDivergence } from '../trace/hash.js';
import { formatTraceLine, traceEventProblem } from '../trace/jsonl.js';
import { ScenarioError } from './errors.js';
import type { FaultSpec } from './faults.js';
import { scenarioFromData } from './load.js';
import type { Scenario } from './scenario.js';
import { runScenario, type RunScenarioOptions } from './simulation.js';
import { MSGSIM_VERSION } from './version.js';

/** The format tag of replay files. */
export const REPLAY_FORMAT = 'msgsim-replay/1';

/**
 * The most events a replay file holds: a run with more keeps only its hash chain, so the file
 * stays small (its trace, if one was written, can stand in for the events).
 */
export const REPLAY_TRACE_MAX = 2048;


/** What a replay file holds. */
export interface ReplayFile {
  readonly format: typeof REPLAY_FORMAT;
  /** Version of msgsim that recorded it. */
  readonly msgsim: string;
  /** The scenario, as a scenario file's data. */
  readonly scenario: Record<string, unknown>;
  /** Root seed of the run. */
  readonly seed: number;
  /** The faults as the run applied them, in base units (for reading; the scenario is what runs). */
  readonly faults: readonly FaultSpec[];
  /** Events in the trace, its final hash and the hash every 1,024 events. */
  readonly events: number;
  readonly hash: string;
  readonly checkpoints: readonly string[];
  /** The invariant violation that ended the run, if one did. */
  readonly violation?: { readonly invariant: string; readonly message: string; readonly t: number };
  /** The events, one a line as in trace.jsonl, for a run of at most {@link REPLAY_TRACE_MAX}. */
  readonly trace?: readonly TraceEvent[];
}

/** The replay file of a finished run whose trace was recorded. */
export function replayFileOf(data: Record<string, unknown>, scenario: Scenario, record: RunRecord): ReplayFile {
  const trace = record.trace;
  if (trace === undefined) throw new Error('a replay file needs a run with a recorded trace');
  return {
    format: REPLAY_FORMAT,
    msgsim: MSGSIM_VERSION,
    scenario: data,
    seed: record.seed,
    faults: scenario.faults,
    events: trace.count,
    hash: trace.hash,
    checkpoints: trace.checkpoints,
    ...(trace.violation === undefined ? {} : { violation: { invariant: trace.violation.invariant, message: trace.violation.message, t: trace.violation.t } }),
    ...(trace.count <= REPLAY_TRACE_MAX && trace.events.length === trace.count ? { trace: trace.events } : {}),
  };
}

/** A replay file as text (JSON, two-space indented, each event of `trace` on a line of its own, newline at the end). */
export function formatReplayFile(replay: ReplayFile): string {
  const { trace, ...rest } = replay;
  const text = JSON.stringify(rest, null, 2);
  if (trace === undefined) return `${text}\n`;
  const events = trace.map((event) => `    ${formatTraceLine(event)}`).join(',\n');
  return `${text.slice(0, -2)},\n  "trace": [${events === '' ? '' : `\n${events}\n  `}]\n}\n`;
}

/** Reads a replay file; throws {@link ScenarioError} naming the file when it is not one. */
export function parseReplayFile(text: string, file: string): ReplayFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(file, [], `not a replay file (invalid JSON: ${(error as Error).message})`);
  }
  const replay = data as Partial<ReplayFile> | null;
  if (typeof replay !== 'object' || replay === null || replay.format !== REPLAY_FORMAT) {
    throw new ScenarioError(file, ['format'], `not a replay file; expected format "${REPLAY_FORMAT}"`);
  }
  const fields: [keyof ReplayFile, (value: unknown) => boolean, string][] = [
    ['scenario', (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'the scenario (a mapping)'],
    ['seed', (v) => Number.isSafeInteger(v), 'a seed (a whole number)'],
    ['events', (v) => Number.isSafeInteger(v), 'an event count'],
    ['hash', (v) => typeof v === 'string', 'a hash (16 hex digits)'],
    ['checkpoints', (v) => Array.isArray(v) && v.every((c) => typeof c === 'string'), 'a list of hashes'],
  ];
  for (const [key, valid, what] of fields) {
    if (!valid(replay[key])) throw new ScenarioError(file, [key], `missing or invalid; expected ${what}`);
  }
  if (replay.trace !== undefined) {
    if (!Array.isArray(replay.trace)) throw new ScenarioError(file, ['trace'], 'expected a list of trace events');
    replay.trace.forEach((event: unknown, i) => {
      const problem = traceEventProblem(event);
      if (problem !== undefined) throw new ScenarioError(file, ['trace', i], problem);
    });
  }
  return replay as ReplayFile;
}

/** What replaying gave. */
export interface ReplayOutcome {
  readonly record: RunRecord;
  readonly scenario: Scenario;
  /** The stretch of events in which the hash chain first differs from the recorded one; undefined if identical. */
  readonly divergence: ChainDivergence | undefined;
  /**
   * The first event that differs from the recorded events, when there were recorded events to
   * compare with (the file's own, or a trace given); undefined if they are all the same.
   */
  readonly difference: EventDifference | undefined;
  /** Whether recorded events were compared one by one (else only the hash chains were). */
  readonly comparedEvents: boolean;
}

/**
 * Runs a replay file's scenario with its seed and compares the hash chains and, as the run
 * goes, its events with the recorded ones: `recorded` if given (e.g. the recording's
 * trace.jsonl), else the file's own.
 */
export async function replay(
  replayFile: ReplayFile,
  file: string,
  options: Pick<RunScenarioOptions, 'trace'> & { readonly recorded?: readonly TraceEvent[] } = {},
): Promise<ReplayOutcome> {
  const scenario = scenarioFromData(replayFile.scenario, file);
  const recorded = options.recorded ?? replayFile.trace;
  const comparison = recorded === undefined ? undefined : new TraceComparison(recorded);
  const listener = options.trace?.listener;
  const observe = comparison === undefined ? listener : (event: TraceEvent) => (comparison.observe(event), listener?.(event));
  const record = await runScenario(scenario, { seed: replayFile.seed, trace: { keep: false, ...options.trace, ...(observe === undefined ? {} : { listener: observe }) } });
  const trace = record.trace!;
  const divergence = compareChains(
    { count: replayFile.events, hash: replayFile.hash, checkpoints: replayFile.checkpoints },
    { count: trace.count, hash: trace.hash, checkpoints: trace.checkpoints },
  );
  return { record, scenario, divergence, difference: comparison?.finish(), comparedEvents: comparison !== undefined };
}
