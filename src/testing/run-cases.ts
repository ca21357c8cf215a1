/**
 * The part of a property run that does not depend on what is tested: fast-check runs a
 * check over generated cases with the caller's numRuns, seed and path (else its global
 * settings), and says whether it held or which case it shrank a failure to; the runner's own
 * parts turn that case into a counterexample and a report.
 */
import fc from 'fast-check';
import type { FastCheckPath } from './counterexample-files.js';

/** The fast-check settings a property run takes from its options. */
export interface RunSettings {
  /** Cases to try. @default 100 */
  readonly numRuns?: number;
  /** fast-check seed (and path, to replay one case); default: fast-check's global settings. */
  readonly seed?: number;
  readonly path?: string;
}

/** How a property run went: held, or failed with the shrunk case. */
export type CasesOutcome<T> =
  | { readonly failed: false; readonly numRuns: number; readonly seed: number }
  | { readonly failed: true; readonly numRuns: number; readonly numShrinks: number; readonly seed: number; readonly path: string; readonly shrunk: T };

/** Runs `holds` on cases of `cases` until one fails (fast-check shrinks it) or all pass. */
async function runCases<T>(name: string, cases: fc.Arbitrary<T>, holds: (c: T) => Promise<boolean>, settings: RunSettings): Promise<CasesOutcome<T>> {
  const details = await fc.check(fc.asyncProperty(cases, holds), {
    ...(settings.numRuns === undefined ? {} : { numRuns: settings.numRuns }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(settings.path === undefined ? {} : { path: settings.path }),
  });
  if (!details.failed) return { failed: false, numRuns: details.numRuns, seed: details.seed };
  if (details.counterexample === null) throw new Error(`property "${name}" failed without a counterexample`, { cause: details.errorInstance });
  const [shrunk] = details.counterexample;
  return { failed: true, numRuns: details.numRuns, numShrinks: details.numShrinks, seed: details.seed, path: details.counterexamplePath ?? '', shrunk };
}

/** A failed run's counts and where fast-check found the shrunk case. */
export interface FailedRun extends FastCheckPath {
  readonly numRuns: number;
  readonly numShrinks: number;
}

/** What a property runner returns (see checkProtocol and checkProgram). */
export interface PropertyOutcome<C> {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly numShrinks: number;
  readonly seed: number;
  readonly path?: string;
  readonly counterexample?: C;
  readonly report: string;
}

/**
 * Runs `holds` on cases of `cases`; when one fails, makes the counterexample of the shrunk
 * case and the report of it, with the runner's own `explain`.
 */
export async function checkCases<T, C>(
  name: string,
  cases: fc.Arbitrary<T>,
  holds: (c: T) => Promise<boolean>,
  settings: RunSettings,
  explain: { counterexample(shrunk: T, found: FastCheckPath): Promise<C>; report(run: FailedRun, counterexample: C): string },
): Promise<PropertyOutcome<C>> {
  const outcome = await runCases(name, cases, holds, settings);
  if (!outcome.failed) {
    return { failed: false, numRuns: outcome.numRuns, numShrinks: 0, seed: outcome.seed, report: `property "${name}" held in ${outcome.numRuns} cases (fast-check seed ${outcome.seed})` };
  }
  const { shrunk, ...run } = outcome;
  const counterexample = await explain.counterexample(shrunk, { seed: run.seed, path: run.path });
  return { ...run, counterexample, report: explain.report(run, counterexample) };
}

/** The result of a property run, or a rejection with its report when it failed: what the assert runners give test runners. */
export function heldOrThrow<R extends { readonly failed: boolean; readonly report: string }>(result: R): R {
  if (result.failed) throw new Error(result.report);
  return result;
}
