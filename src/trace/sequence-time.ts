/**
 * Virtual time down a sequence diagram: a row for every distinct instant, gaps that grow
 * with their length between a least and a largest step (a shortened gap drawn as a break on
 * the axis), and a label for every row in one unit with just enough decimals to tell
 * neighbours apart. Pure: times in, pixels and strings out.
 */
import { scaleLinear } from 'd3-scale';
import { inPrefix, prefixFor, UNIT_PREFIXES } from './svg-text.js';

/** Vertical distance between consecutive distinct event times: at least, typical, at most. */
export const MIN_STEP = 16;
const TYPICAL_STEP = 30;
export const MAX_STEP = 96;
/** A gap that would want more than this many steps of MAX_STEP is drawn as a break. */
const BREAK_STEPS = 1.5;
/** Times closer than this, relative to their size, are one instant that rounding split. */
const SAME_INSTANT = 1e-12;
/** Decimals used for all time labels at most; a label needs more only to differ from a neighbour. */
const COMMON_DECIMALS = 4;
const MAX_DECIMALS = 9;

/** Where virtual time goes down the page. */
export interface TimeAxis {
  /** Virtual time to y. */
  readonly y: (t: number) => number;
  /** The y of each distinct instant, in order. */
  readonly rows: readonly number[];
  /** Indices i where the gap before time i was shortened (drawn as an axis break). */
  readonly breaks: readonly number[];
  /** The label of each row, in order. */
  readonly labels: readonly string[];
}

/**
 * The sorted distinct times with rounding noise merged: a time within SAME_INSTANT (relative)
 * of the one before shares its row (2 and 2.0000000000000013 are one instant).
 */
export function instants(times: readonly number[]): number[] {
  const merged: number[] = [];
  for (const t of times) {
    const last = merged[merged.length - 1];
    if (last === undefined || t - last > SAME_INSTANT * Math.max(1, Math.abs(t))) merged.push(t);
  }
  return merged;
}

/**
 * A piecewise-linear time scale through the sorted distinct event times, its first row at
 * `top`: consecutive times are at least MIN_STEP apart, gaps grow in proportion to their
 * length (the median gap getting TYPICAL_STEP) and are capped at MAX_STEP, so bursts stay
 * legible and idle stretches short. Rows are the distinct instants of {@link instants}.
 */
export function timeAxis(distinct: readonly number[], top: number): TimeAxis {
  const times = instants(distinct);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
  const sortedGaps = [...gaps].sort((a, b) => a - b);
  const median = sortedGaps.length === 0 ? 0 : sortedGaps[Math.floor(sortedGaps.length / 2)]!;
  const perSecond = median > 0 ? TYPICAL_STEP / median : 0;
  const rows: number[] = [];
  const breaks: number[] = [];
  let y = top;
  for (let i = 0; i < times.length; i++) {
    if (i > 0) {
      const wanted = gaps[i - 1]! * perSecond;
      if (wanted > MAX_STEP * BREAK_STEPS) breaks.push(i);
      y += Math.min(MAX_STEP, Math.max(MIN_STEP, wanted));
    }
    rows.push(y);
  }
  const domain = times.length >= 2 ? [...times] : times.length === 1 ? [times[0]!, times[0]! + 1] : [0, 1];
  const range = times.length >= 2 ? rows : [top, top + MIN_STEP];
  const scale = scaleLinear<number, number>().domain(domain).range(range).clamp(true);
  return { y: (t) => scale(t), rows, breaks, labels: timeLabels(times) };
}

/**
 * Labels for sorted distinct times, in one unit (ns, µs, ms or s, chosen by the largest as a
 * chart's axis would choose it) with the fewest decimals (up to COMMON_DECIMALS) that tell
 * all neighbours apart; a label that still equals a neighbour's gets more, up to MAX_DECIMALS.
 */
export function timeLabels(times: readonly number[]): string[] {
  let largest = 0;
  for (const t of times) largest = Math.max(largest, Math.abs(t));
  const unit = prefixFor(UNIT_PREFIXES.seconds, largest);
  const fixed = (t: number, decimals: number): string => {
    const text = inPrefix(t, unit).toFixed(decimals);
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  };
  // Neighbours that no number of decimals tells apart (0.1 + 0.2 and 0.3) are left alike.
  const separable = (i: number, j: number): boolean => j < 0 || j >= times.length || fixed(times[i]!, MAX_DECIMALS) !== fixed(times[j]!, MAX_DECIMALS);
  const differs = (i: number, j: number, decimals: number): boolean => !separable(i, j) || fixed(times[i]!, decimals) !== fixed(times[j]!, decimals);
  const apart = (i: number, decimals: number): boolean => differs(i, i - 1, decimals) && differs(i, i + 1, decimals);
  let common = 0;
  while (common < COMMON_DECIMALS && !times.every((_, i) => apart(i, common))) common++;
  return times.map((t, i) => {
    let decimals = common;
    while (decimals < MAX_DECIMALS && !apart(i, decimals)) decimals++;
    return `${fixed(t, decimals)} ${unit.symbol}`;
  });
}
