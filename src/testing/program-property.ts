/**
 * Property tests of Maelstrom-style programs: run a program over many generated cases
 * (networks, faults, workload options, clients and seeds) with fast-check, judge each run by
 * its workload checker's verdicts and the history invariants given, and when one fails, turn
 * the shrunk case into what a person can use — the fast-check seed and path, the case as a
 * scenario file (`program`, `workload`, `clients`, `faults`) that `msgsim run` replays to
 * the same verdict, a replay file that keeps the run's history for `msgsim replay` to
 * compare, and what the clients saw.
 */
import type fc from 'fast-check';
import type { NodeSetup } from '../messaging/maelstrom/node.js';
import { ScenarioError } from '../scenario/errors.js';
import { replayFileOf } from '../scenario/replay.js';
import type { CheckRow } from '../stats/checks/rows.js';
import type { FaultEvent } from '../trace/events.js';
import type { HistoryEntry } from '../workload/clients/history.js';
import { scenarioName } from './case.js';
import {
  counterexampleFiles,
  pathOf,
  relativeTo,
  reportedPath,
  writeCounterexampleFiles,
  type CounterexampleReplayFile,
  type FastCheckPath,
} from './counterexample-files.js';
import { programCaseSize, programScenarioData, type ProgramCase, type ProgramCaseSize } from './program-case-data.js';
import { programStory } from './program-story.js';
import { checkCases, heldOrThrow, type FailedRun, type RunSettings } from './run-cases.js';
import type { ModuleRef } from './simulate.js';
import { simulateProgram, type HistoryInvariant, type ProgramFailure, type ProgramRunResult } from './simulate-program.js';

/** What {@link checkProgram} tests. */
export interface ProgramPropertyOptions extends RunSettings {
  /** Name of the property; counterexample files are named after it. */
  readonly name: string;
  /** The program under test. */
  readonly program: NodeSetup;
  /** Where replays load the program from (its module and export). */
  readonly module?: ModuleRef;
  /** The cases to try: `programCase({ workload, … })`. */
  readonly cases: fc.Arbitrary<ProgramCase>;
  /** What must hold of every history besides the workload's verdicts. @default none */
  readonly invariants?: readonly HistoryInvariant[];
  /** Where to write counterexample files; undefined writes none. @default 'results/counterexamples' */
  readonly outDir?: string | undefined;
}

/** A failing case of a program, shrunk, with what it takes to look at it and replay it. */
export interface ProgramCounterexample {
  readonly case: ProgramCase;
  /** What does not hold: the verdicts, then the invariants; or the program's error, as check `error`. */
  readonly failures: readonly ProgramFailure[];
  readonly size: ProgramCaseSize;
  /** What the clients saw, and the workload's rows (empty if the program threw). */
  readonly history: readonly HistoryEntry[];
  readonly workload: readonly CheckRow[];
  /** The case as a scenario file (`msgsim run <file>` replays it), if written. */
  readonly scenarioFile?: string;
  /** The replay file (`msgsim replay <file>`), with the history, if written (not when the program threw). */
  readonly replayFile?: string;
  /** What the clients saw and the faults, in time order, as report lines. */
  readonly story: readonly string[];
}

/** The outcome of {@link checkProgram}. */
export interface ProgramCheckResult {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly numShrinks: number;
  /** The fast-check seed the run used, and the path of the failing case. */
  readonly seed: number;
  readonly path?: string;
  readonly counterexample?: ProgramCounterexample;
  /** A report for people: what failed, how to replay it, what the clients saw. */
  readonly report: string;
}

/** Runs the program on generated cases; resolves to what happened (never rejects on a failed verdict). */
export async function checkProgram(options: ProgramPropertyOptions): Promise<ProgramCheckResult> {
  const holds = async (c: ProgramCase): Promise<boolean> => {
    try {
      return (await simulateProgram({ program: options.program, case: c, invariants: options.invariants ?? [], name: options.name })).failures.length === 0;
    } catch {
      // The program threw: a failure too, which fast-check shrinks like any other.
      return false;
    }
  };
  return checkCases(options.name, options.cases, holds, options, {
    counterexample: (shrunk, found) => writeCounterexample(options, shrunk, found),
    report: (run, counterexample) => report(options.name, run, counterexample),
  });
}

/**
 * Like {@link checkProgram}, for test runners: rejects with the report when the property
 * fails, so the report is what the test prints.
 */
export async function assertProgram(options: ProgramPropertyOptions): Promise<ProgramCheckResult> {
  return heldOrThrow(await checkProgram(options));
}

/** The shrunk case run again, with its trace's hash chain; or the error the program threw. */
async function rerun(options: ProgramPropertyOptions, c: ProgramCase): Promise<ProgramRunResult | { readonly error: string }> {
  try {
    return await simulateProgram({ program: options.program, case: c, invariants: options.invariants ?? [], trace: true, name: options.name });
  } catch (error) {
    // A case the scenario schema refuses comes from the options given to programCase (a
    // target or workload option it does not take), not from the program.
    if (error instanceof ScenarioError) return { error: `the case is not a valid scenario (look at the options of programCase): ${error.message}` };
    return { error: `the program threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Runs the shrunk case again and writes its files. */
async function writeCounterexample(options: ProgramPropertyOptions, c: ProgramCase, fastCheck: FastCheckPath): Promise<ProgramCounterexample> {
  const run = await rerun(options, c);
  const clients = { concurrency: c.clients.concurrency, nodes: c.nodes.slice(0, c.nodes.length - c.services.length) };
  const base =
    'error' in run
      ? { case: c, failures: [{ check: 'error', message: run.error }], size: programCaseSize(c), history: [], workload: [], story: [] }
      : {
          case: c,
          failures: run.failures,
          size: programCaseSize(c),
          history: run.history,
          workload: run.workload,
          story: programStory(run.history, (run.record.trace?.events ?? []).filter((e): e is FaultEvent => e.type === 'fault'), clients),
        };
  if (base.failures.length === 0) throw new Error(`property "${options.name}": the shrunk case did not fail again; is the program deterministic?`);
  const outDir = 'outDir' in options ? options.outDir : 'results/counterexamples';
  if (outDir === undefined) return base;
  const files = counterexampleFiles(outDir, options.name);
  const programPath = options.module === undefined ? undefined : pathOf(options.module.module);
  const exported = options.module?.export ?? 'default';
  const stem = scenarioName(options.name);
  const absoluteData = programScenarioData(c, { name: stem, ...(programPath === undefined ? {} : { program: { module: programPath, export: exported } }) });
  const fileData = programPath === undefined ? absoluteData : { ...absoluteData, program: { module: relativeTo(outDir, programPath), export: exported } };
  const first = base.failures[0]!;
  const header = [
    `# Counterexample to "${options.name}": ${first.check}: ${first.message}`,
    `# Replay: msgsim run ${files.scenarioFile}  (msgsim check fails on the workload's verdicts)`,
    ...(programPath === undefined ? ['# (no program module was given, so program.module is a placeholder)'] : []),
    ...((options.invariants ?? []).length > 0 ? ['# (the history invariants of the property are not in the file: msgsim run checks only the workload)'] : []),
  ];
  const replay: CounterexampleReplayFile | undefined = 'error' in run ? undefined : { ...replayFileOf(absoluteData, run.scenario, run.record), fastCheck };
  writeCounterexampleFiles(files, header, fileData, replay);
  return { ...base, scenarioFile: files.scenarioFile, ...(replay === undefined ? {} : { replayFile: files.replayFile }) };
}

function report(name: string, result: FailedRun, c: ProgramCounterexample): string {
  const [first, ...others] = c.failures;
  const { nodes, clients, faults } = c.size;
  const operations = c.history.filter((entry) => entry.type === 'invoke').length;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const lines = [
    `property "${name}" failed: ${first!.check}: ${first!.message}`,
    ...others.map((failure) => `  and ${failure.check}: ${failure.message}`),
    `  fast-check: seed ${result.seed}, path ${reportedPath(result.path, c.replayFile)} (after ${result.numRuns} cases and ${result.numShrinks} shrinks)`,
    `  shrunk case: ${count(nodes, 'node')}, ${count(clients, 'client')}, ${count(operations, 'operation')} (rate ${c.case.clients.rate}/s for ${c.case.clients.duration}), ${count(faults, 'fault')}, seed ${c.case.seed}`,
  ];
  if (c.scenarioFile !== undefined) lines.push(`  scenario: ${c.scenarioFile}  (msgsim run ${c.scenarioFile})`);
  if (c.replayFile !== undefined) lines.push(`  replay:   ${c.replayFile}  (msgsim replay ${c.replayFile})`);
  if (c.story.length > 0) lines.push(`  what the clients saw (${c.history.length} history entries), and the faults:`, ...c.story.map((line) => `    ${line}`));
  return lines.join('\n');
}
