/**
 * A chart's axes as numbers: the domain its values need (padded on a linear axis), a nice d3
 * scale onto the pixels it has, and as many ticks as leave room for their labels, labelled in
 * the unit of what the axis shows.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { textWidth } from '../trace/svg-text.js';
import { unitTicks } from './axis-format.js';
import type { Unit } from './metric-units.js';

/** The font size of tick labels. */
export const TICK_SIZE = 11;
/** How many ticks an axis asks its scale for at most (fewer if their labels would overlap). */
const TICK_COUNT = 6;
/** The least horizontal gap between two x tick labels. */
const TICK_LABEL_GAP = 8;
/** Room added on each side of a linear domain, as a fraction of its span. */
const LINEAR_PADDING = 0.05;

/** What the chart needs of a d3 linear or log scale. */
export interface Scale {
  (value: number): number;
  domain(): number[];
  ticks(count: number): number[];
  tickFormat(count: number, specifier?: string): (value: number) => string;
}

/** A tick of an axis. */
export interface Tick {
  readonly value: number;
  /** Pixel position along the axis. */
  readonly at: number;
  /** Empty for a log scale's minor ticks. */
  readonly label: string;
}

/** An axis' ticks, and what its label adds for the unit the ticks are in (e.g. "ms"). */
export interface AxisTicks {
  readonly ticks: readonly Tick[];
  readonly suffix: string | undefined;
}

/**
 * The domain covering `values`: their extent, padded by LINEAR_PADDING on a linear scale (not
 * across zero if the values are all on one side of it), widened if they are all equal.
 */
export function extent(values: readonly number[], log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const value of values) {
    lo = Math.min(lo, value);
    hi = Math.max(hi, value);
  }
  if (log) return hi - lo <= hi * 1e-9 ? [lo / 2, hi * 2] : [lo, hi];
  const span = hi - lo;
  if (span <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-9) {
    const half = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - half, hi + half];
  }
  const paddedLo = lo - span * LINEAR_PADDING;
  const paddedHi = hi + span * LINEAR_PADDING;
  return [lo >= 0 && paddedLo < 0 ? 0 : paddedLo, hi <= 0 && paddedHi > 0 ? 0 : paddedHi];
}

/** A nice d3 scale from `domain` onto `range`. */
export function makeScale(domain: [number, number], log: boolean, range: [number, number]): Scale {
  return log ? scaleLog().domain(domain).range(range).nice() : scaleLinear().domain(domain).range(range).nice();
}

/**
 * The d3-format specifier of a log axis' labels: plain decimals with thousands separators
 * (d3's default SI prefixes would make 5 ms "5m"), exponents for very large or small values.
 */
function logSpecifier(scale: Scale): string {
  const [a, b] = scale.domain() as [number, number];
  return Math.min(a, b) < 1e-4 || Math.max(a, b) >= 1e7 ? 'e' : ',r';
}

/** The ticks of `scale` asking for `count`, labelled in `unit` (else with the scale's own format). */
function ticksOf(scale: Scale, log: boolean, count: number, unit: Unit | undefined): AxisTicks {
  const format = log ? scale.tickFormat(count, logSpecifier(scale)) : scale.tickFormat(count);
  const values = scale.ticks(count);
  const { labels, suffix } = unitTicks(unit, values, values.map(format), log);
  return { ticks: values.map((value, i) => ({ value, at: scale(value), label: labels[i]! })), suffix };
}

/** Whether the labelled ticks leave room for their labels (horizontally, or stacked). */
export function labelsFit(ticks: readonly Tick[], horizontal: boolean): boolean {
  const labelled = ticks.filter((tick) => tick.label !== '');
  for (let i = 1; i < labelled.length; i++) {
    const a = labelled[i - 1]!;
    const b = labelled[i]!;
    const room = horizontal ? (textWidth(a.label, TICK_SIZE) + textWidth(b.label, TICK_SIZE)) / 2 + TICK_LABEL_GAP : TICK_SIZE * 1.5;
    if (Math.abs(b.at - a.at) < room) return false;
  }
  return true;
}

/** The most ticks, up to TICK_COUNT, whose labels do not overlap (at least 2 asked for). */
export function chooseTicks(scale: Scale, log: boolean, horizontal: boolean, unit: Unit | undefined): AxisTicks {
  for (let count = TICK_COUNT; ; count--) {
    const ticks = ticksOf(scale, log, count, unit);
    if (count <= 2 || labelsFit(ticks.ticks, horizontal)) return ticks;
  }
}
