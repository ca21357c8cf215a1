/**
 * Replay files: everything needed to run a recorded run again and to tell whether it came
 * out the same — the scenario (as data, module paths made absolute), the seed, the resolved
 * fault timeline, the invariant violation if there was one, and the hash chain of the run's
 * trace. `msgsim replay` reruns it and compares the chains event for event.
 */
import type { RunRecord } from '../stats/record.js';
import { compareChains, type ChainDivergence } from '../trace/hash.js';
import { ScenarioError } from './errors.js';
import type { FaultSpec } from './faults.js';
import { scenarioFromData } from './load.js';
import type { Scenario } from './scenario.js';
import { runScenario, type RunScenarioOptions } from './simulation.js';
import { MSGSIM_VERSION } from './version.js';

/** The format tag of replay files. */
export const REPLAY_FORMAT = 'msgsim-replay/1';


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
  /** Events in the trace, its final hash and the hash every 1024 events. */
  readonly events: number;
  readonly hash: string;
  readonly checkpoints: readonly string[];
  /** The invariant violation that ended the run, if one did. */
  readonly violation?: { readonly invariant: string; readonly message: string; readonly t: number };
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
  };
}

/** A replay file as text (JSON, two-space indented, newline at the end). */
export function formatReplayFile(replay: ReplayFile): string {
  return `${JSON.stringify(replay, null, 2)}\n`;
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
  return replay as ReplayFile;
}

/** What replaying gave. */
export interface ReplayOutcome {
  readonly record: RunRecord;
  readonly scenario: Scenario;
  /** Where the event sequence first differs from the recorded one; undefined if identical. */
  readonly divergence: ChainDivergence | undefined;
}

/** Runs a replay file's scenario with its seed and compares the hash chains. */
export async function replay(replayFile: ReplayFile, file: string, options: Pick<RunScenarioOptions, 'trace'> = {}): Promise<ReplayOutcome> {
  const scenario = scenarioFromData(replayFile.scenario, file);
  const record = await runScenario(scenario, { seed: replayFile.seed, trace: { keep: false, ...options.trace } });
  const trace = record.trace!;
  const divergence = compareChains(
    { count: replayFile.events, hash: replayFile.hash, checkpoints: replayFile.checkpoints },
    { count: trace.count, hash: trace.hash, checkpoints: trace.checkpoints },
  );
  return { record, scenario, divergence };
}
