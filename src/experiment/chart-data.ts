/**
 * What a line chart shows, before any layout: the series given, each with a colour of the
 * palette and its points sorted by x, less what cannot be drawn (values that are not finite,
 * and on a log axis values at or below zero, which a note then counts), and the legend's
 * entries. Pure data in the values' own units.
 */
import { MUTED } from '../trace/svg-text.js';

/** One point of a series: x, y, and optionally the ends of an error bar (e.g. a 95% CI). */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  /** The lower end of the error bar; absent or not finite for none. */
  readonly low?: number;
  /** The upper end of the error bar; absent or not finite for none. */
  readonly high?: number;
}

/**
 * A series: a labelled line with markers; `expected` (optional) is drawn as a dashed line of
 * the same colour (the formula's value).
 */
export interface ChartSeries {
  /** The series' name in the legend. */
  readonly name: string;
  /** The measured points, in any order (the line runs through them sorted by x). */
  readonly points: readonly ChartPoint[];
  /** What a formula predicts, drawn as a dashed line sorted by x. */
  readonly expected?: readonly { readonly x: number; readonly y: number }[];
}

/** Tableau 10, in series order. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
/** The colour of the formula's entry in the legend. */
const FORMULA_COLOR = MUTED;
/**
 * A series with more points than this is dense: its markers and error bars would bury the
 * line, so it is drawn as a thinner line alone, its error bars as a light band behind it.
 */
const MAX_MARKED_POINTS = 60;

/** A point that can be drawn. */
export interface Drawn {
  readonly x: number;
  readonly y: number;
  /** The error bar's ends, where the point has one (undefined: that end is the point). */
  readonly low?: number;
  readonly high?: number;
}

/** A series as it is drawn. */
export interface DrawnSeries {
  readonly name: string;
  readonly color: string;
  /** Sorted by x (stable: equal x keep their order). */
  readonly points: readonly Drawn[];
  readonly expected: readonly Drawn[];
  readonly hasExpected: boolean;
  /** Drawn without markers, its error bars as a band (more than MAX_MARKED_POINTS points). */
  readonly dense: boolean;
}

/** One entry of the legend: a series (with or without markers) or the formula's dashes. */
export interface LegendEntry {
  readonly name: string;
  readonly color: string;
  readonly kind: 'series' | 'dense' | 'formula';
}

/** Everything a chart shows. */
export interface ChartData {
  readonly series: readonly DrawnSeries[];
  /** Every x drawn, and every y (error bars' ends included): what the axes must cover. */
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** A series per entry, and one for the formula if any series has one; none for a lone series without. */
  readonly legend: readonly LegendEntry[];
  /** What log axes left out, if they did. */
  readonly note?: string;
}

/** How many measured points and expected values each log axis left out. */
interface LeftOut {
  readonly x: { points: number; expected: number };
  readonly y: { points: number; expected: number };
}

/**
 * What `series` show on axes linear or log.
 *
 * @throws RangeError if nothing can be drawn (no point, measured or expected, with a finite
 *   x and y that the axes can show).
 */
export function chartData(series: readonly ChartSeries[], logX: boolean, logY: boolean): ChartData {
  const leftOut: LeftOut = { x: { points: 0, expected: 0 }, y: { points: 0, expected: 0 } };
  const drawn = drawable(series, logX, logY, leftOut);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const one of drawn) {
    for (const point of [...one.points, ...one.expected]) {
      xs.push(point.x);
      ys.push(point.y);
      if (point.low !== undefined && usable(point.low, logY) !== undefined) ys.push(point.low);
      if (point.high !== undefined) ys.push(point.high);
    }
  }
  if (xs.length === 0) {
    const why = series.length === 0 ? 'no series given' : `none of the ${series.length} series has a point with finite x and y${logX || logY ? ' (positive on a log axis)' : ''}`;
    throw new RangeError(`lineChartSvg: nothing to draw: ${why}`);
  }
  const note = leftOutNote(leftOut);
  return { series: drawn, xs, ys, legend: legendEntries(drawn), ...(note === undefined ? {} : { note }) };
}

/** The finite `value` that a log axis can show, else undefined. */
function usable(value: number | undefined, log: boolean): number | undefined {
  return value !== undefined && Number.isFinite(value) && (!log || value > 0) ? value : undefined;
}

/** The series' drawable points, counting in `leftOut` those a log axis could not show. */
function drawable(series: readonly ChartSeries[], logX: boolean, logY: boolean, leftOut: LeftOut): DrawnSeries[] {
  const keeper =
    (kind: 'points' | 'expected') =>
    (point: { readonly x: number; readonly y: number }): boolean => {
      if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) return false;
      if (logX && point.x <= 0) {
        leftOut.x[kind]++;
        return false;
      }
      if (logY && point.y <= 0) {
        leftOut.y[kind]++;
        return false;
      }
      return true;
    };
  return series.map((one, i) => {
    const points = one.points.filter(keeper('points')).map((point): Drawn => {
      // On a log y axis an end at or below zero is off the chart: the bar runs to its bottom.
      const low = point.low !== undefined && Number.isFinite(point.low) ? (logY && point.low <= 0 ? 0 : point.low) : undefined;
      const high = usable(point.high, logY);
      return { x: point.x, y: point.y, ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
    });
    const expected = (one.expected ?? []).filter(keeper('expected')).map((point): Drawn => ({ x: point.x, y: point.y }));
    const byX = (a: Drawn, b: Drawn): number => a.x - b.x;
    return {
      name: one.name,
      color: PALETTE[i % PALETTE.length]!,
      points: points.sort(byX),
      expected: expected.sort(byX),
      hasExpected: one.expected !== undefined && one.expected.length > 0,
      dense: points.length > MAX_MARKED_POINTS,
    };
  });
}

/** The legend's entries: none for a lone series without expected values. */
function legendEntries(drawn: readonly DrawnSeries[]): LegendEntry[] {
  const anyExpected = drawn.some((one) => one.hasExpected);
  if (drawn.length === 1 && !anyExpected) return [];
  return [
    ...drawn.map((one): LegendEntry => ({ name: one.name, color: one.color, kind: one.dense ? 'dense' : 'series' })),
    ...(anyExpected ? [{ name: 'formula (dashed)', color: FORMULA_COLOR, kind: 'formula' as const }] : []),
  ];
}

/** The note under a chart whose log axes left points out, if any did. */
function leftOutNote(leftOut: LeftOut): string | undefined {
  const notes: string[] = [];
  for (const axis of ['x', 'y'] as const) {
    const { points, expected } = leftOut[axis];
    const counts = [
      ...(points > 0 ? [`${points} point${points === 1 ? '' : 's'}`] : []),
      ...(expected > 0 ? [`${expected} formula value${expected === 1 ? '' : 's'}`] : []),
    ];
    if (counts.length > 0) notes.push(`${counts.join(' and ')} with ${axis} ≤ 0 left out (log ${axis} axis)`);
  }
  return notes.length === 0 ? undefined : `${notes.join('; ')}.`;
}
