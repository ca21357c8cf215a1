/**
 * Delay checks of a flow. `delay_idle` compares the first message that found its whole
 * path idle with the formula itself, Σ (size/bandwidth + propagation) over its hops.
 * `delay_min/mean/max` and `delay_matched` compare every delivered message with the hop
 * schedule (hop-schedule.ts). Only messages whose every hop was predicted exactly (no
 * jitter, no fault yet) take part.
 */
import { ulp } from '../../engine/time.js';
import { idlePathDelay } from '../formulas.js';
import { hopsOf } from '../paths.js';
import type { FlowContext, RunContext } from './context.js';
import { countRow, EXACT_RELATIVE_TOLERANCE, exactRow, withinTolerance, type CheckRow } from './rows.js';

const FORMULA = 'Σ hops (wait + size/bandwidth + delay)';

/** Predicted delay of a delivered message, or NaN when some hop was not predicted exactly. */
export function predictedDelay(run: RunContext, id: number): number {
  return run.predictedDelays[id]!;
}

/** delay_idle, delay_min, delay_mean, delay_max and delay_matched. */
export function delayRows(flow: FlowContext): CheckRow[] {
  const journal = flow.run.record.journal;
  const measured: number[] = [];
  const expected: number[] = [];
  let idle: CheckRow | undefined;
  for (const id of flow.delivered) {
    const prediction = predictedDelay(flow.run, id);
    if (Number.isNaN(prediction)) continue;
    const delay = journal.receivedAt[id]! - journal.sentAt[id]!;
    measured.push(delay);
    expected.push(prediction);
    idle ??= idleRow(flow, id, delay);
  }
  if (measured.length === 0) return [];
  const m = summarise(measured);
  const e = summarise(expected);
  const matched = measured.filter((delay, i) => withinTolerance(delay, expected[i]!)).length;
  return [
    ...(idle === undefined ? [] : [idle]),
    exactRow(flow.name, 'delay_min', m.min, e.min, FORMULA),
    exactRow(flow.name, 'delay_mean', m.mean, e.mean, FORMULA),
    exactRow(flow.name, 'delay_max', m.max, e.max, FORMULA),
    countRow(flow.name, 'delay_matched', matched, measured.length, `each delay = ${FORMULA}`),
  ];
}

/**
 * The formula's delay for message `id` if it found its whole path idle (waited nowhere):
 * Σ (size/bandwidth + delay) over its hops; undefined otherwise.
 */
export function idleFormulaDelay(run: RunContext, id: number): number | undefined {
  const { record, schedule, paths } = run;
  const hops = hopsOf(paths, id);
  if (hops.length === 0) return undefined;
  for (const hop of hops) if (schedule.start[hop] !== record.hops.admittedAt[hop]) return undefined;
  const links = [...hops].map((hop) => record.transmitters[record.hops.transmitter[hop]!]!.link);
  return idlePathDelay(record.journal.bytes[id]!, links);
}

/** The delay_idle row for message `id` if it waited nowhere on its path. */
function idleRow(flow: FlowContext, id: number, delay: number): CheckRow | undefined {
  const { record, paths } = flow.run;
  const expected = idleFormulaDelay(flow.run, id);
  if (expected === undefined) return undefined;
  // arrival − send carries up to one rounding per addition at the clock's magnitude.
  const slack = (hopsOf(paths, id).length + 1) * ulp(record.journal.receivedAt[id]!);
  return exactRow(flow.name, 'delay_idle', delay, expected, 'Σ hops (size/bandwidth + delay)', {
    abs: slack,
    tolerance: `rel<=${EXACT_RELATIVE_TOLERANCE} or (hops+1)ulp(t)`,
  });
}

function summarise(values: readonly number[]): { min: number; mean: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, mean: sum / values.length, max };
}
