/**
 * Replay files: everything needed to run a recorded run again and to tell whether it came
 * out the same — the scenario (as data, module paths made absolute), the seed, the resolved
 * fault timeline, the invariant violation if there was one, the hash chain of the run's
 * trace, and for a short run its events; for a program driven by a workload, its clients'
 * history (history.jsonl's entries, or for a long one their digest). `msgsim replay` reruns
 * it and compares the chains and, where it has the recorded events, the events one by one,
 * and the histories entry by entry.
 */
import { historyDifference, historyDigest, type HistoryDifference, type HistoryDigest } from '../stats/history/digest.js';
import { formatHistoryLine, historyEntryProblem } from '../stats/history/jsonl.js';
import type { RunRecord } from '../stats/record.js';
import type { HistoryEntry } from '../workload/clients/history.js';
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

/** The most history entries a replay file holds: a longer history keeps only its digest. */
export const REPLAY_HISTORY_MAX = 4096;

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
  /**
   * A workload's history, for a program run: how many entries it has, the hash of its
   * history.jsonl text, and for at most {@link REPLAY_HISTORY_MAX} entries the entries, one a
   * line as in history.jsonl.
   */
  readonly history?: HistoryDigest & { readonly entries?: readonly HistoryEntry[] };
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
    ...(record.history === undefined
      ? {}
      : { history: { ...historyDigest(record.history), ...(record.history.length <= REPLAY_HISTORY_MAX ? { entries: record.history } : {}) } }),
    ...(trace.count <= REPLAY_TRACE_MAX && trace.events.length === trace.count ? { trace: trace.events } : {}),
  };
}

/** A line's stand-in in {@link formatReplayFile}, and the stand-in as JSON text writes it. */
const LINE_TOKEN = '\u0000line:';
const LINE_TOKEN_JSON = /"\\u0000line:(\d+)"/g;

/**
 * A replay file as text: JSON, two-space indented, each event of `trace` and each entry of
 * `history` on a line of its own (as in trace.jsonl and history.jsonl), newline at the end.
 */
export function formatReplayFile(replay: ReplayFile): string {
  const lines: string[] = [];
  // Each line stands in the document as a string token, replaced by the line itself below.
  const token = (line: string): string => `${LINE_TOKEN}${lines.push(line) - 1}`;
  const { history, trace } = replay;
  const data = {
    ...replay,
    ...(history?.entries === undefined ? {} : { history: { ...history, entries: history.entries.map((entry) => token(formatHistoryLine(entry))) } }),
    ...(trace === undefined ? {} : { trace: trace.map((event) => token(formatTraceLine(event))) }),
  };
  return `${JSON.stringify(data, null, 2).replace(LINE_TOKEN_JSON, (_, index: string) => lines[Number(index)]!)}\n`;
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
  if (replay.history !== undefined) checkHistory(replay.history, file);
  if (replay.trace !== undefined) {
    if (!Array.isArray(replay.trace)) throw new ScenarioError(file, ['trace'], 'expected a list of trace events');
    replay.trace.forEach((event: unknown, i) => {
      const problem = traceEventProblem(event);
      if (problem !== undefined) throw new ScenarioError(file, ['trace', i], problem);
    });
  }
  return replay as ReplayFile;
}

/** Checks the `history` of a replay file; throws {@link ScenarioError} naming the field. */
function checkHistory(history: unknown, file: string): void {
  if (typeof history !== 'object' || history === null || Array.isArray(history)) throw new ScenarioError(file, ['history'], 'expected a mapping: count, hash, entries');
  const { count, hash, entries } = history as Record<string, unknown>;
  if (!(Number.isSafeInteger(count) && (count as number) >= 0)) throw new ScenarioError(file, ['history', 'count'], 'missing or invalid; expected an entry count');
  if (typeof hash !== 'string') throw new ScenarioError(file, ['history', 'hash'], 'missing or invalid; expected a hash (16 hex digits)');
  if (entries === undefined) return;
  if (!Array.isArray(entries)) throw new ScenarioError(file, ['history', 'entries'], 'expected a list of history entries');
  entries.forEach((entry: unknown, i) => {
    const problem = historyEntryProblem(entry);
    if (problem !== undefined) throw new ScenarioError(file, ['history', 'entries', i], problem);
  });
}

/** How a replayed history compares with the recorded one. */
export interface HistoryComparison {
  /** Whether the replayed history has the recorded digest (and, where recorded, the same entries). */
  readonly same: boolean;
  readonly replayed: HistoryDigest;
  /** The first entry that differs, when the file holds the recorded entries and one does. */
  readonly difference?: HistoryDifference;
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
  /** The histories compared, when the file has a recorded one. */
  readonly history: HistoryComparison | undefined;
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
  return { record, scenario, divergence, difference: comparison?.finish(), comparedEvents: comparison !== undefined, history: compareHistory(replayFile.history, record.history) };
}

/** The replayed history against the recorded one (none when nothing was recorded). */
function compareHistory(recorded: ReplayFile['history'], history: readonly HistoryEntry[] | undefined): HistoryComparison | undefined {
  if (recorded === undefined) return undefined;
  const replayed = historyDigest(history ?? []);
  const difference = recorded.entries === undefined ? undefined : historyDifference(recorded.entries, history ?? []);
  const same = difference === undefined && replayed.count === recorded.count && replayed.hash === recorded.hash;
  return { same, replayed, ...(difference === undefined ? {} : { difference }) };
}
