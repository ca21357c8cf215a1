/**
 * The part of a property run that does not depend on what is tested: fast-check runs a
 * check over generated cases with the caller's numRuns, seed and path (else its global
 * settings), and says whether it held or which case it shrank a failure to.
 */
import fc from 'fast-check';

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
export async function runCases<T>(name: string, cases: fc.Arbitrary<T>, holds: (c: T) => Promise<boolean>, settings: RunSettings): Promise<CasesOutcome<T>> {
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

/** The report of a property that held. */
export function heldReport(name: string, outcome: { numRuns: number; seed: number }): string {
  return `property "${name}" held in ${outcome.numRuns} cases (fast-check seed ${outcome.seed})`;
}
