/**
 * Formula checks: each flow's measurements against the formulas, one row per metric.
 *
 * The first message that finds its link idle is compared with the formula itself,
 * size/bandwidth + delay, to a relative error of 1e-9 (or 2 ulp of the clock at its arrival,
 * the resolution of float64 time; see engine/time.ts). Every other deterministic quantity
 * (each delay, throughput, queue refusals) is compared with the reference schedule of
 * fifo-model.ts, to a relative error of 1e-9. Reliability is random: it passes when 1 − loss
 * lies inside the 99.9% Wilson score interval of delivered out of completed transmissions.
 */
import { ulp } from '../engine/time.js';
import { Outcome } from '../net/outcome.js';
import type { LinkConfig } from '../net/link.js';
import type { FlowSpec } from '../workload/flow.js';
import { predictSchedule, type SchedulePrediction } from './fifo-model.js';
import { idsOfFlow, measureFlow, messageIdsByFlow, type FlowMetrics } from './flow-metrics.js';
import { backToBackThroughput, idleLinkDelay, wilsonInterval, Z_999 } from './formulas.js';
import type { RunRecord } from './record.js';

/** Relative tolerance of deterministic checks. */
export const EXACT_RELATIVE_TOLERANCE = 1e-9;

/** One measured quantity against its formula. */
export interface CheckRow {
  readonly flow: string;
  /** e.g. "delay_mean"; see the README for the list. */
  readonly metric: string;
  readonly measured: number;
  readonly expected: number;
  /** |measured − expected|. */
  readonly absError: number;
  /** |measured − expected| / |expected|; NaN when expected is 0 and measured is not. */
  readonly relError: number;
  /** The formula the expected value comes from. */
  readonly formula: string;
  /** What counts as a pass, e.g. "rel<=1e-9". */
  readonly tolerance: string;
  readonly ok: boolean;
}

/** Checks of one flow, with the measurements they were computed from. */
export interface FlowCheck {
  readonly metrics: FlowMetrics;
  readonly rows: readonly CheckRow[];
}

const DELAY_FORMULA = 'wait + size/bandwidth + delay (FIFO)';
const EXACT = `rel<=${EXACT_RELATIVE_TOLERANCE}`;

/** Runs every formula check of a run, flow by flow in scenario order. */
export function checkRun(record: RunRecord): FlowCheck[] {
  const prediction = predictSchedule(record);
  const byFlow = messageIdsByFlow(record.journal);
  return record.flows.map((flow) => checkFlow(record, flow, idsOfFlow(record.journal, byFlow, flow.name), prediction));
}

function checkFlow(record: RunRecord, flow: FlowSpec, ids: readonly number[], prediction: SchedulePrediction): FlowCheck {
  const journal = record.journal;
  const metrics = measureFlow(journal, flow.name, ids);
  const link = linkOf(record, flow);
  const rows: CheckRow[] = [];
  const add = (metric: string, measured: number, expected: number, formula: string): void => {
    rows.push(exactRow(flow.name, metric, measured, expected, formula));
  };

  const delivered = ids.filter((id) => journal.outcome[id] === Outcome.Delivered);
  if (delivered.length > 0) {
    const measuredDelays = delivered.map((id) => journal.receivedAt[id]! - journal.sentAt[id]!);
    const expectedDelays = delivered.map((id) => prediction.arrival[id]! - journal.sentAt[id]!);
    rows.push(...idleDelayRows(record, flow, link, delivered, prediction));
    const expected = summarise(expectedDelays);
    add('delay_min', metrics.delayMin, expected.min, DELAY_FORMULA);
    add('delay_mean', metrics.delayMean, expected.mean, DELAY_FORMULA);
    add('delay_max', metrics.delayMax, expected.max, DELAY_FORMULA);
    const matched = measuredDelays.filter((d, i) => withinTolerance(d, expectedDelays[i]!)).length;
    rows.push(countRow(flow.name, 'delay_matched', matched, delivered.length, `each delay = ${DELAY_FORMULA}`));
    rows.push(throughputRow(record, flow, link, ids, delivered, metrics, prediction));
  }
  rows.push(reliabilityRow(flow.name, metrics, link.loss ?? 0));
  if (link.queue !== undefined) {
    const refused = ids.filter((id) => prediction.refused[id] === 1).length;
    rows.push(countRow(flow.name, 'dropped', metrics.dropped, refused, 'drop-tail queue (FIFO)'));
  }
  return { metrics, rows };
}

/** delay_idle: the first delivered message that found the link idle, against the formula. */
function idleDelayRows(
  record: RunRecord,
  flow: FlowSpec,
  link: LinkConfig,
  delivered: readonly number[],
  prediction: SchedulePrediction,
): CheckRow[] {
  const journal = record.journal;
  const id = delivered.find((candidate) => prediction.start[candidate] === journal.sentAt[candidate]);
  if (id === undefined) return [];
  const measured = journal.receivedAt[id]! - journal.sentAt[id]!;
  const expected = idleLinkDelay(journal.bytes[id]!, link.bandwidthBitsPerSecond, link.delaySeconds);
  const allowed = Math.max(EXACT_RELATIVE_TOLERANCE * expected, 2 * ulp(journal.receivedAt[id]!));
  return [
    {
      flow: flow.name,
      metric: 'delay_idle',
      measured,
      expected,
      ...errors(measured, expected),
      formula: 'size/bandwidth + delay',
      tolerance: `rel<=${EXACT_RELATIVE_TOLERANCE} or 2ulp(t)`,
      ok: Math.abs(measured - expected) <= allowed,
    },
  ];
}

function throughputRow(
  record: RunRecord,
  flow: FlowSpec,
  link: LinkConfig,
  ids: readonly number[],
  delivered: readonly number[],
  metrics: FlowMetrics,
  prediction: SchedulePrediction,
): CheckRow {
  const journal = record.journal;
  const backToBack =
    flow.intervalSeconds === 0 &&
    metrics.dropped === 0 &&
    !record.flows.some((other) => other !== flow && other.from === flow.from && other.to === flow.to);
  if (backToBack) {
    const last = ids.indexOf(delivered[delivered.length - 1]!) + 1;
    const expected = backToBackThroughput(
      delivered.length,
      last,
      flow.sizeBytes,
      link.bandwidthBitsPerSecond,
      link.delaySeconds,
    );
    return exactRow(flow.name, 'throughput', metrics.throughputBitsPerSecond, expected, 'n*size/(n*size/bandwidth + delay)');
  }
  let bits = 0;
  let lastArrival = -Infinity;
  for (const id of delivered) {
    bits += journal.bytes[id]! * 8;
    lastArrival = Math.max(lastArrival, prediction.arrival[id]!);
  }
  const expected = bits / (lastArrival - journal.sentAt[ids[0]!]!);
  return exactRow(flow.name, 'throughput', metrics.throughputBitsPerSecond, expected, 'bits/(last_arrival - first_send) (FIFO)');
}

function reliabilityRow(flow: string, metrics: FlowMetrics, loss: number): CheckRow {
  const trials = metrics.delivered + metrics.lost;
  const expected = 1 - loss;
  const [low, high] = wilsonInterval(metrics.delivered, trials, Z_999);
  const measured = metrics.reliability;
  return {
    flow,
    metric: 'reliability',
    measured,
    expected,
    ...errors(measured, expected),
    formula: '1 - loss',
    tolerance: `99.9% Wilson [${round6(low)}, ${round6(high)}]`,
    ok: trials === 0 || (expected >= low && expected <= high),
  };
}

function exactRow(flow: string, metric: string, measured: number, expected: number, formula: string): CheckRow {
  return {
    flow,
    metric,
    measured,
    expected,
    ...errors(measured, expected),
    formula,
    tolerance: EXACT,
    ok: withinTolerance(measured, expected),
  };
}

function countRow(flow: string, metric: string, measured: number, expected: number, formula: string): CheckRow {
  return { flow, metric, measured, expected, ...errors(measured, expected), formula, tolerance: 'exact', ok: measured === expected };
}

function withinTolerance(measured: number, expected: number): boolean {
  return Math.abs(measured - expected) <= EXACT_RELATIVE_TOLERANCE * Math.abs(expected);
}

function errors(measured: number, expected: number): { absError: number; relError: number } {
  const absError = Math.abs(measured - expected);
  const relError = expected !== 0 ? absError / Math.abs(expected) : absError === 0 ? 0 : NaN;
  return { absError, relError };
}

function linkOf(record: RunRecord, flow: FlowSpec): LinkConfig {
  const link = record.links.find(
    (l) => (l.between[0] === flow.from && l.between[1] === flow.to) || (l.between[0] === flow.to && l.between[1] === flow.from),
  );
  if (link === undefined) throw new Error(`no link joins ${flow.from} and ${flow.to}`);
  return link;
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

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
