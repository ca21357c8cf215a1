/**
 * Where a sweep keeps its finished runs: one small JSON file per run, named by the run's key
 * and written atomically, so an interrupted sweep keeps every run it finished (all of its
 * rows or none) and `--resume` picks up the rest. Run files are not flushed to the disk one
 * by one (that would cost more than many runs): after a power failure a run file may be
 * empty, and such a run counts as not finished.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomically } from '../experiment/atomic-files.js';
import type { SweepRunResult } from '../experiment/sweep-results.js';
import type { PlannedRun } from './plan.js';

/** The store of one sweep's runs, in `dir`. */
export class RunStore {
  constructor(readonly dir: string) {}

  private path(run: PlannedRun): string {
    return join(this.dir, `${run.key}.json`);
  }

  /** Whether the run's result is stored (a file left empty by a power failure is not). */
  has(run: PlannedRun): boolean {
    const path = this.path(run);
    return existsSync(path) && statSync(path).size > 0;
  }

  /** Stores a run's result (atomically). */
  put(run: PlannedRun, result: SweepRunResult): void {
    // NaN has no JSON form: "no value" is stored as null.
    const text = `${JSON.stringify(result, (_, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v))}\n`;
    writeFilesAtomically([[this.path(run), text]], { sync: false });
  }

  /** A stored result. */
  get(run: PlannedRun): SweepRunResult {
    const stored = JSON.parse(readFileSync(this.path(run), 'utf8')) as SweepRunResult;
    return { ...stored, metrics: stored.metrics.map((m) => ({ ...m, value: m.value ?? NaN, expected: m.expected ?? NaN })) };
  }

  /** Removes every stored result (a sweep started afresh). */
  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Removes stored results that belong to none of `runs` (a changed scenario's). */
  prune(runs: readonly PlannedRun[]): number {
    if (!existsSync(this.dir)) return 0;
    const keep = new Set(runs.map((run) => `${run.key}.json`));
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith('.json') && !keep.has(name)) {
        rmSync(join(this.dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }
}
