/**
 * One run of a sweep: a point's scenario with a replication's seed, reduced to its metrics.
 */
import type { Sweep } from '../scenario/sweep.js';
import { runScenario } from '../scenario/simulation.js';
import { runMetrics } from '../experiment/run-metrics.js';
import type { SweepRunResult } from '../experiment/sweep-results.js';
import { checkRun } from '../stats/checks/index.js';
import type { PlannedRun } from './plan.js';

/** Runs one planned run and returns its result. */
export async function executeRun(sweep: Sweep, run: PlannedRun): Promise<SweepRunResult> {
  const record = await runScenario(sweep.points[run.point]!.scenario, { seed: run.seed });
  const since = sweep.warmupSeconds;
  return { point: run.point, replication: run.replication, seed: run.seed, metrics: runMetrics(record, checkRun(record, { since }), since) };
}
