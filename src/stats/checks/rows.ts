/**
 * A check row — one measured quantity against its formula — and the three ways rows decide
 * "ok": within a relative tolerance, an exact count, or the formula's value inside a
 * confidence interval around the measurement. Each metric has one unit, named here, so that
 * whoever writes a row for people writes its values and its interval alike.
 */
import type { Interval } from '../intervals.js';

/** Relative tolerance of deterministic checks. */
export const EXACT_RELATIVE_TOLERANCE = 1e-9;

/** What a metric's values are: seconds, bits per second, a share in [0, 1], or a plain number (a count, a mean count). */
export type MetricUnit = 'seconds' | 'bits_per_second' | 'ratio' | 'number';

const UNITS: Readonly<Record<string, MetricUnit>> = {
  delay_idle: 'seconds',
  delay_min: 'seconds',
  delay_mean: 'seconds',
  delay_max: 'seconds',
  wait_mean: 'seconds',
  jitter_mean: 'seconds',
  rtt_idle: 'seconds',
  rtt_mean: 'seconds',
  throughput: 'bits_per_second',
  reliability: 'ratio',
  corruption: 'ratio',
  loss_rate: 'ratio',
  duplicate_rate: 'ratio',
  delivered_ratio: 'ratio',
  coverage: 'ratio',
};

/** The unit of a metric's values (seconds for latencies; `number` for counts and every other metric not listed). */
export function unitOf(metric: string): MetricUnit {
  return UNITS[metric] ?? (metric.includes('latency') ? 'seconds' : 'number');
}

/** The confidence interval that decides a row, and how it was made. */
export interface IntervalTolerance {
  readonly low: number;
  readonly high: number;
  /** How the interval was made, e.g. "Wilson", "batch means (20)". */
  readonly method: string;
  /** What the text says after the interval, e.g. "misses model; informational". */
  readonly note?: string;
}

/** One measured quantity against its formula. */
export interface CheckRow {
  /** What is measured: a flow name, or `link:<link>:<from>><to>` for a link direction. */
  readonly flow: string;
  /** e.g. "delay_mean"; see docs/formulas.md for the list. */
  readonly metric: string;
  readonly measured: number;
  readonly expected: number;
  /** |measured − expected|. */
  readonly absError: number;
  /** |measured − expected| / |expected|; NaN when expected is 0 and measured is not. */
  readonly relError: number;
  /** The formula the expected value comes from. */
  readonly formula: string;
  /** What counts as a pass, e.g. "rel<=1e-9", as summary.csv writes it (see {@link toleranceText}). */
  readonly tolerance: string;
  /** For a row decided by a confidence interval: that interval. */
  readonly interval?: IntervalTolerance;
  /** The unit of `measured` and `expected` (and of the interval's bounds). */
  readonly unit: MetricUnit;
  readonly ok: boolean;
  /** What the verdict rests on, for people (e.g. the values a history checker found lost); '' for none. */
  readonly evidence?: string;
}

function errors(measured: number, expected: number): { absError: number; relError: number } {
  const absError = Math.abs(measured - expected);
  const relError = expected !== 0 ? absError / Math.abs(expected) : absError === 0 ? 0 : NaN;
  return { absError, relError };
}

/** Whether `measured` is within the relative tolerance (or `allowedAbs`, if larger) of `expected`. */
export function withinTolerance(measured: number, expected: number, allowedAbs = 0): boolean {
  return Math.abs(measured - expected) <= Math.max(EXACT_RELATIVE_TOLERANCE * Math.abs(expected), allowedAbs);
}

/** A row with its errors and unit filled in. */
function row(flow: string, metric: string, measured: number, expected: number, formula: string, tolerance: string, ok: boolean): CheckRow {
  return { flow, metric, measured, expected, ...errors(measured, expected), formula, tolerance, unit: unitOf(metric), ok };
}

/** A deterministic quantity: ok within relative 1e-9 (or `allowedAbs`, described in `tolerance`). */
export function exactRow(
  flow: string,
  metric: string,
  measured: number,
  expected: number,
  formula: string,
  allowance?: { abs: number; tolerance: string },
): CheckRow {
  const tolerance = allowance?.tolerance ?? `rel<=${EXACT_RELATIVE_TOLERANCE}`;
  return row(flow, metric, measured, expected, formula, tolerance, withinTolerance(measured, expected, allowance?.abs));
}

/** A count that must match exactly. */
export function countRow(flow: string, metric: string, measured: number, expected: number, formula: string): CheckRow {
  return row(flow, metric, measured, expected, formula, 'exact', measured === expected);
}

/** A row with evidence (nothing changes for empty evidence). */
export function withEvidence(checked: CheckRow, evidence: string): CheckRow {
  return evidence === '' ? checked : { ...checked, evidence };
}

/**
 * A measurement against a target it must not exceed (`at-most`) or must exceed
 * (`more-than`), such as a challenge's messages per operation: expected is the target.
 */
export function boundRow(flow: string, metric: string, measured: number, target: number, bound: 'at-most' | 'less-than' | 'at-least', formula: string): CheckRow {
  const ok = bound === 'at-most' ? measured <= target : bound === 'less-than' ? measured < target : measured >= target;
  const tolerance = bound === 'at-most' ? `<=${target}` : bound === 'less-than' ? `<${target}` : `>=${target}`;
  return row(flow, metric, measured, target, formula, tolerance, ok);
}

/** A measurement reported without a target: always ok, tolerance `informational`. */
export function infoRow(flow: string, metric: string, measured: number, formula: string): CheckRow {
  return row(flow, metric, measured, NaN, formula, 'informational', true);
}

/** A random quantity: ok when the formula's value lies inside the 99.9% interval around the measurement. */
export function intervalRow(
  flow: string,
  metric: string,
  measured: number,
  expected: number,
  interval: Interval,
  method: string,
  formula: string,
): CheckRow {
  const [low, high] = interval;
  return withInterval(row(flow, metric, measured, expected, formula, '', expected >= low && expected <= high), { low, high, method });
}

/** A row decided by `interval`, with its tolerance text to match. */
function withInterval(checked: CheckRow, interval: IntervalTolerance): CheckRow {
  const decided = { ...checked, interval };
  return { ...decided, tolerance: toleranceText(decided) };
}

/**
 * The tolerance of a row as text, with an interval's bounds written by `format`: summary.csv
 * writes them as plain numbers of six significant digits (the default), a table for people
 * in the unit it writes the row's values in.
 */
export function toleranceText(checked: CheckRow, format: (value: number) => string = round6): string {
  const interval = checked.interval;
  if (interval === undefined) return checked.tolerance;
  const note = interval.note === undefined ? '' : ` ${interval.note}`;
  return `99.9% ${interval.method} [${format(interval.low)}, ${format(interval.high)}]${note}`;
}

/** Six significant digits, for intervals in the tolerance column. */
function round6(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * A comparison whose interval gives no verdict — with an approximate model, or with too
 * little data for the interval to mean what it says (`reason`): the row reports whether the
 * model's value falls in the measurement's interval, but never fails.
 */
export function informational(checked: CheckRow, reason?: string): CheckRow {
  const verdict = `${checked.ok ? 'contains' : 'misses'} model; informational${reason === undefined ? '' : ` (${reason})`}`;
  if (checked.interval === undefined) return { ...checked, tolerance: `${checked.tolerance} ${verdict}`, ok: true };
  return { ...withInterval(checked, { ...checked.interval, note: verdict }), ok: true };
}
