/**
 * `workload.targets`: what a workload's run must meet (a challenge's targets), name → value,
 * made from the checkers' table of targets (stats/history/checkers/targets.ts) so that the
 * names a file may write are the names the checks know.
 */
import * as z from 'zod';
import { OPERATION_TARGETS, SET_TARGETS, type TargetSpec } from '../../stats/history/checkers/targets.js';
import { duration, expected } from './values.js';

const share = z
  .number({ error: expected('a share from 0 to 1') })
  .min(0, { error: expected('a share from 0 to 1') })
  .max(1, { error: expected('a share from 0 to 1') });
const count = z.number({ error: expected('a number > 0') }).positive({ error: expected('a number > 0') });

/** The value schema of one target: a duration for latencies, a share for availability, else a number. */
function valueOf(name: string, spec: TargetSpec) {
  const value = name.includes('latency') ? duration : name === 'availability' ? share : count;
  return value.optional().meta({ description: spec.description });
}

/** The `targets` of a workload kind; `set`: a set workload's (stable latencies too). */
export function targetsField(set: boolean) {
  const specs: Record<string, TargetSpec> = set ? { ...OPERATION_TARGETS, ...SET_TARGETS } : { ...OPERATION_TARGETS };
  return z
    .strictObject(Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, valueOf(name, spec)])))
    .optional()
    .meta({ description: 'Targets the run must meet, e.g. {msgs_per_op: 30, stable_latency_p50: 400ms}: each makes its rows verdicts.' });
}
