/**
 * Property tests of protocols: run a protocol over many generated cases with fast-check,
 * and when an invariant fails, turn the shrunk case into something a person can use — the
 * fast-check seed and path, the case as a scenario file that `msgsim run` replays, a replay
 * file that `msgsim replay` checks event for event, and a short trace of the messages
 * involved.
 */
import type fc from 'fast-check';
import { replayFileOf } from '../scenario/replay.js';
import type { TraceEvent } from '../trace/events.js';
import { excerpt, formatEvents } from '../trace/explain.js';
import type { Invariant } from '../trace/invariants.js';
import type { FoundViolation } from '../trace/recorder.js';
import type { Protocol } from '../workload/protocol.js';
import { protocolCase } from './protocol-case.js';
import { caseSize, scenarioName, type ProtocolCase } from './case.js';
import {
  counterexampleFiles,
  pathOf,
  relativeTo,
  reportedPath,
  writeCounterexampleFiles,
  type CounterexampleReplayFile,
  type FastCheckPath,
} from './counterexample-files.js';
import { checkCases, heldOrThrow, type FailedRun, type RunSettings } from './run-cases.js';
import { caseScenarioData, invariantNames, simulate, type ModuleRef } from './simulate.js';

/** What {@link checkProtocol} tests. */
export interface ProtocolPropertyOptions extends RunSettings {
  /** Name of the property; counterexample files are named after it. */
  readonly name: string;
  readonly protocol: Protocol;
  /** Where replays load the protocol from (its module and export). */
  readonly module?: ModuleRef;
  /** What must hold in every case. */
  readonly invariants: readonly Invariant[];
  /** Modules of your own invariants, by invariant name, so replays check them too. */
  readonly invariantModules?: Readonly<Record<string, ModuleRef>>;
  /** The cases to try. @default protocolCase() */
  readonly cases?: fc.Arbitrary<ProtocolCase>;
  /** Where to write counterexample files; undefined writes none. @default 'results/counterexamples' */
  readonly outDir?: string | undefined;
}

/** A failing case, shrunk, with what it takes to look at it and replay it. */
export interface Counterexample {
  readonly case: ProtocolCase;
  readonly violation: FoundViolation;
  readonly size: ReturnType<typeof caseSize>;
  /** The case as a scenario file (`msgsim run <file>` replays it), if written. */
  readonly scenarioFile?: string;
  /** The replay file (`msgsim replay <file>`), if written. */
  readonly replayFile?: string;
  /** The events that tell the story (see trace/explain.ts). */
  readonly story: readonly TraceEvent[];
  /** The whole trace of the shrunk case. */
  readonly trace: readonly TraceEvent[];
}

/** The outcome of {@link checkProtocol}. */
export interface ProtocolCheckResult {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly numShrinks: number;
  /** The fast-check seed the run used, and the path of the failing case. */
  readonly seed: number;
  readonly path?: string;
  readonly counterexample?: Counterexample;
  /** A report for people: what failed, how to replay it, the short trace. */
  readonly report: string;
}

/** Runs the protocol on generated cases; resolves to what happened (never rejects on a violation). */
export async function checkProtocol(options: ProtocolPropertyOptions): Promise<ProtocolCheckResult> {
  const holds = async (c: ProtocolCase): Promise<boolean> =>
    (await simulate({ protocol: options.protocol, case: c, invariants: options.invariants, keepTrace: false, name: options.name })).violation === undefined;
  return checkCases(options.name, options.cases ?? protocolCase(), holds, options, {
    counterexample: (shrunk, found) => writeCounterexample(options, shrunk, found),
    report: (run, counterexample) => report(options.name, run, counterexample),
  });
}

/**
 * Like {@link checkProtocol}, for test runners: rejects with the report when the property
 * fails, so the report is what the test prints.
 */
export async function assertProtocol(options: ProtocolPropertyOptions): Promise<ProtocolCheckResult> {
  return heldOrThrow(await checkProtocol(options));
}

/** Runs the shrunk case again with its whole trace and writes its files. */
async function writeCounterexample(options: ProtocolPropertyOptions, c: ProtocolCase, fastCheck: FastCheckPath): Promise<Counterexample> {
  let full;
  try {
    full = await simulate({ protocol: options.protocol, case: c, invariants: options.invariants, name: options.name });
  } catch (error) {
    const where = `fast-check seed ${fastCheck.seed}, path "${fastCheck.path}"`;
    throw new Error(`property "${options.name}": the protocol threw (${where}): ${String(error)}`, { cause: error });
  }
  const violation = full.violation;
  if (violation === undefined) throw new Error(`property "${options.name}": the shrunk case did not fail again; is the protocol deterministic?`);
  const base = { case: c, violation, size: caseSize(c), story: excerpt(full.trace, violation.messages), trace: full.trace };
  const outDir = 'outDir' in options ? options.outDir : 'results/counterexamples';
  if (outDir === undefined) return base;
  const stem = scenarioName(options.name);
  const { scenarioFile, replayFile } = counterexampleFiles(outDir, options.name);
  const { builtin, custom } = invariantNames(options.invariants);
  const modules = custom.flatMap((inv) => {
    const ref = options.invariantModules?.[inv.name];
    return ref === undefined ? [] : [{ module: pathOf(ref.module), export: ref.export ?? 'default' }];
  });
  const protocolPath = options.module === undefined ? undefined : pathOf(options.module.module);
  const absoluteData = caseScenarioData(c, {
    name: stem,
    ...(protocolPath === undefined ? {} : { protocol: { module: protocolPath, export: options.module?.export ?? 'default' } }),
    invariants: [...builtin, ...modules],
  });
  const fileData = {
    ...absoluteData,
    ...(protocolPath === undefined ? {} : { protocol: { module: relativeTo(outDir, protocolPath), export: options.module?.export ?? 'default' } }),
    invariants: [...builtin, ...modules.map((ref) => ({ module: relativeTo(outDir, ref.module), export: ref.export }))],
  };
  const header = [
    `# Counterexample to "${options.name}": ${violation.invariant}: ${violation.message}`,
    `# Replay: msgsim run ${scenarioFile}`,
    ...(protocolPath === undefined ? ['# (no protocol module was given, so protocol.module is a placeholder)'] : []),
    ...(custom.length > modules.length ? ['# (invariants without a module are not listed, so a replay does not check them)'] : []),
  ];
  const replay: CounterexampleReplayFile = { ...replayFileOf(absoluteData, full.scenario, full.record), fastCheck };
  writeCounterexampleFiles({ scenarioFile, replayFile }, header, fileData, replay);
  return { ...base, scenarioFile, replayFile };
}

function report(name: string, result: FailedRun, c: Counterexample): string {
  const size = c.size;
  const path = reportedPath(result.path, c.replayFile);
  const lines = [
    `property "${name}" failed: ${c.violation.invariant}: ${c.violation.message}`,
    `  fast-check: seed ${result.seed}, path ${path} (after ${result.numRuns} cases and ${result.numShrinks} shrinks)`,
    `  shrunk case: ${size.nodes} nodes, ${size.links} links, ${size.messages} messages, ${size.faults} faults, seed ${c.case.seed}`,
  ];
  if (c.scenarioFile !== undefined) lines.push(`  scenario: ${c.scenarioFile}  (msgsim run ${c.scenarioFile})`);
  if (c.replayFile !== undefined) lines.push(`  replay:   ${c.replayFile}  (msgsim replay ${c.replayFile})`);
  lines.push('  what happened:', ...formatEvents(c.story).split('\n').map((line) => `    ${line}`));
  return lines.join('\n');
}
