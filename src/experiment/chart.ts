/**
 * Line charts of experiment results, as standalone SVG: a line with markers per series, error
 * bars where a point has them, a formula's expected values as a dashed line of the series'
 * colour, linear or log axes with ticks and a light grid, and a legend right of the plot.
 * Pure and deterministic: same series and options, same bytes.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { unitTicks } from './axis-format.js';
import type { Unit } from './metric-units.js';

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

/** How to draw a line chart. */
export interface ChartOptions {
  /** A heading above the chart (and the document's title). */
  readonly title?: string;
  /** The x axis' label, below it. */
  readonly xLabel: string;
  /** The y axis' label, left of it (rotated). */
  readonly yLabel: string;
  /** A log scale on x; points with x <= 0 are left out, which a note under the chart says. */
  readonly logX?: boolean;
  /** A log scale on y; points with y <= 0 are left out, which a note under the chart says. */
  readonly logY?: boolean;
  /** What the x values measure: ticks are labelled in it (e.g. ms, Mbps) and the label names it. @default none, plain numbers */
  readonly xUnit?: Unit;
  /** What the y values measure (see {@link ChartOptions.xUnit}). @default none, plain numbers */
  readonly yUnit?: Unit;
  /** The width in pixels (the chart grows if a long legend needs the room). @default 720 */
  readonly width?: number;
  /** The height in pixels (the chart grows if a long legend needs the room). @default 440 */
  readonly height?: number;
}

// ---------------------------------------------------------------------------------------------
// Layout constants (pixels) and colours.

const DEFAULT_WIDTH = 720;
const DEFAULT_HEIGHT = 440;
const PAD = 16;
const TITLE_SIZE = 15;
const LABEL_SIZE = 12;
const TICK_SIZE = 11;
const LEGEND_SIZE = 12;
const NOTE_SIZE = 10.5;
const TICK_LENGTH = 5;
/** How many ticks an axis asks its scale for at most (fewer if their labels would overlap). */
const TICK_COUNT = 6;
/** The least horizontal gap between two x tick labels. */
const TICK_LABEL_GAP = 8;
/** Room added on each side of a linear domain, as a fraction of its span. */
const LINEAR_PADDING = 0.05;
const MIN_PLOT_WIDTH = 200;
const MIN_PLOT_HEIGHT = 120;
const LEGEND_GAP = 24;
const LEGEND_ROW = 20;
const LEGEND_SWATCH = 24;
const MAX_LEGEND_CHARS = 40;
const MARKER_RADIUS = 3.5;
const CAP_HALF_WIDTH = 4;
/**
 * A series with more points than this is dense: its markers and error bars would bury the
 * line, so it is drawn as a thinner line alone, its error bars as a light band behind it.
 */
const MAX_MARKED_POINTS = 60;
const BAND_OPACITY = 0.18;
const DENSE_STROKE = 1.25;

/** Whether a series is dense (see MAX_MARKED_POINTS). */
function isDense(one: DrawnSeries): boolean {
  return one.points.length > MAX_MARKED_POINTS;
}

const INK = '#222';
const MUTED = '#555';
const AXIS = '#888';
const GRID = '#e4e4e4';
const MINOR_GRID = '#f2f2f2';
/** Tableau 10, in series order. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

// ---------------------------------------------------------------------------------------------
// Text: escaping, shortening, measuring, numbers.

/** Text safe inside an XML element or a double- or single-quoted attribute. */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/**
 * An estimate of the width of `text` at `size` pixels: 0.6 em a character, 1 em for wide
 * (CJK and the like) ones; on the wide side for a sans-serif font, so what fits here fits.
 */
function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const char of text) em += char.codePointAt(0)! >= 0x2e80 ? 1 : 0.6;
  return em * size * (bold ? 1.1 : 1);
}

/** `text` cut to at most `max` pixels wide at `size`, with an ellipsis if cut. */
function fit(text: string, max: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= max) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size, bold) > max) chars.pop();
  return `${chars.join('')}…`;
}

/** `text` as an SVG text's content, with the full text as a tooltip if it was shortened. */
function textContent(shown: string, full: string): string {
  return shown === full ? escapeXml(shown) : `<title>${escapeXml(full)}</title>${escapeXml(shown)}`;
}

/** A coordinate with at most two decimals, for deterministic and compact output. */
function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// ---------------------------------------------------------------------------------------------
// What can be drawn.

interface Drawn {
  readonly x: number;
  readonly y: number;
  /** The error bar's ends, where the point has one (undefined: that end is the point). */
  readonly low?: number;
  readonly high?: number;
}

interface DrawnSeries {
  readonly name: string;
  readonly color: string;
  /** Sorted by x (stable: equal x keep their order). */
  readonly points: readonly Drawn[];
  readonly expected: readonly Drawn[];
  readonly hasExpected: boolean;
}

/** How many measured points and expected values each log axis left out. */
interface LeftOut {
  readonly x: { points: number; expected: number };
  readonly y: { points: number; expected: number };
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
    return { name: one.name, color: PALETTE[i % PALETTE.length]!, points: points.sort(byX), expected: expected.sort(byX), hasExpected: one.expected !== undefined && one.expected.length > 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Scales and ticks.

/** What the chart needs of a d3 linear or log scale. */
interface Scale {
  (value: number): number;
  domain(): number[];
  ticks(count: number): number[];
  tickFormat(count: number, specifier?: string): (value: number) => string;
}

interface Tick {
  readonly value: number;
  /** Pixel position along the axis. */
  readonly at: number;
  /** Empty for a log scale's minor ticks. */
  readonly label: string;
}

/**
 * The domain covering `values`: their extent, padded by LINEAR_PADDING on a linear scale (not
 * across zero if the values are all on one side of it), widened if they are all equal.
 */
function extent(values: readonly number[], log: boolean): [number, number] {
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
function makeScale(domain: [number, number], log: boolean, range: [number, number]): Scale {
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

/** An axis' ticks, and what its label adds for the unit the ticks are in (e.g. "ms"). */
interface AxisTicks {
  readonly ticks: readonly Tick[];
  readonly suffix: string | undefined;
}

/** The ticks of `scale` asking for `count`, labelled in `unit` (else with the scale's own format). */
function ticksOf(scale: Scale, log: boolean, count: number, unit: Unit | undefined): AxisTicks {
  const format = log ? scale.tickFormat(count, logSpecifier(scale)) : scale.tickFormat(count);
  const values = scale.ticks(count);
  const { labels, suffix } = unitTicks(unit, values, values.map(format), log);
  return { ticks: values.map((value, i) => ({ value, at: scale(value), label: labels[i]! })), suffix };
}

/** Whether the labelled ticks leave room for their labels (horizontally, or stacked). */
function labelsFit(ticks: readonly Tick[], horizontal: boolean): boolean {
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
function chooseTicks(scale: Scale, log: boolean, horizontal: boolean, unit: Unit | undefined): AxisTicks {
  for (let count = TICK_COUNT; ; count--) {
    const ticks = ticksOf(scale, log, count, unit);
    if (count <= 2 || labelsFit(ticks.ticks, horizontal)) return ticks;
  }
}

/** An axis label with the unit its ticks are in, if they name one. */
function withUnit(label: string, suffix: string | undefined): string {
  return suffix === undefined ? label : `${label} (${suffix})`;
}

// ---------------------------------------------------------------------------------------------
// The chart.

/** The plot area's edges, in pixels. */
interface PlotArea {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
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

/** The light grid at every tick (lighter still at a log axis' minor ones). */
function gridSvg(plot: PlotArea, xTicks: readonly Tick[], yTicks: readonly Tick[]): string {
  const grid: string[] = [];
  for (const tick of xTicks) {
    grid.push(`<line x1="${n(tick.at)}" y1="${n(plot.top)}" x2="${n(tick.at)}" y2="${n(plot.bottom)}" stroke="${tick.label === '' ? MINOR_GRID : GRID}"/>`);
  }
  for (const tick of yTicks) {
    grid.push(`<line x1="${n(plot.left)}" y1="${n(tick.at)}" x2="${n(plot.right)}" y2="${n(tick.at)}" stroke="${tick.label === '' ? MINOR_GRID : GRID}"/>`);
  }
  return `<g class="grid">${grid.join('')}</g>`;
}

/** Both axes: their lines first (x, then y), ticks, tick labels and axis labels. */
function axesSvg(plot: PlotArea, xTicks: readonly Tick[], yTicks: readonly Tick[], xLabel: string, yLabel: string): string {
  const axis: string[] = [];
  axis.push(`<line x1="${n(plot.left)}" y1="${n(plot.bottom)}" x2="${n(plot.right)}" y2="${n(plot.bottom)}" stroke="${AXIS}"/>`);
  axis.push(`<line x1="${n(plot.left)}" y1="${n(plot.top)}" x2="${n(plot.left)}" y2="${n(plot.bottom)}" stroke="${AXIS}"/>`);
  const xLabelY = plot.bottom + TICK_LENGTH + 4 + TICK_SIZE;
  for (const tick of xTicks) {
    const length = tick.label === '' ? TICK_LENGTH / 2 : TICK_LENGTH;
    axis.push(`<line x1="${n(tick.at)}" y1="${n(plot.bottom)}" x2="${n(tick.at)}" y2="${n(plot.bottom + length)}" stroke="${AXIS}"/>`);
    if (tick.label !== '') axis.push(`<text class="tick x-tick" x="${n(tick.at)}" y="${n(xLabelY)}" font-size="${TICK_SIZE}" text-anchor="middle" fill="${MUTED}">${escapeXml(tick.label)}</text>`);
  }
  for (const tick of yTicks) {
    const length = tick.label === '' ? TICK_LENGTH / 2 : TICK_LENGTH;
    axis.push(`<line x1="${n(plot.left - length)}" y1="${n(tick.at)}" x2="${n(plot.left)}" y2="${n(tick.at)}" stroke="${AXIS}"/>`);
    if (tick.label !== '') {
      axis.push(`<text class="tick y-tick" x="${n(plot.left - TICK_LENGTH - 4)}" y="${n(tick.at + TICK_SIZE * 0.35)}" font-size="${TICK_SIZE}" text-anchor="end" fill="${MUTED}">${escapeXml(tick.label)}</text>`);
    }
  }
  const xAxisLabel = fit(xLabel, plot.right - plot.left, LABEL_SIZE);
  const xAxisLabelY = xLabelY + 12 + LABEL_SIZE;
  axis.push(`<text class="axis-label x-label" x="${n((plot.left + plot.right) / 2)}" y="${n(xAxisLabelY)}" font-size="${LABEL_SIZE}" text-anchor="middle" fill="${INK}">${textContent(xAxisLabel, xLabel)}</text>`);
  const yAxisLabel = fit(yLabel, plot.bottom - plot.top, LABEL_SIZE);
  const yLabelX = PAD + LABEL_SIZE * 0.8;
  const yLabelY = (plot.top + plot.bottom) / 2;
  axis.push(
    `<text class="axis-label y-label" x="${n(yLabelX)}" y="${n(yLabelY)}" transform="rotate(-90 ${n(yLabelX)} ${n(yLabelY)})" font-size="${LABEL_SIZE}" text-anchor="middle" fill="${INK}">${textContent(yAxisLabel, yLabel)}</text>`,
  );
  return `<g class="axes">${axis.join('')}</g>`;
}

/** One entry of the legend: a series (with or without markers) or the formula's dashes. */
interface LegendEntry {
  readonly label: string;
  readonly full: string;
  readonly color: string;
  readonly kind: 'series' | 'dense' | 'formula';
}

/** The legend, one row an entry from the plot's top, its swatches starting at `x`. */
function legendSvg(entries: readonly LegendEntry[], x: number, top: number): string {
  const rows = entries.map((entry, i) => {
    const cy = top + 4 + LEGEND_ROW * i + LEGEND_ROW / 2;
    const x2 = x + LEGEND_SWATCH;
    const line = (attributes: string): string => `<line x1="${n(x)}" y1="${n(cy)}" x2="${n(x2)}" y2="${n(cy)}" stroke="${entry.color}" ${attributes}/>`;
    const marker = `<circle cx="${n((x + x2) / 2)}" cy="${n(cy)}" r="${MARKER_RADIUS}" fill="${entry.color}" stroke="#fff" stroke-width="1"/>`;
    const swatch =
      entry.kind === 'series' ? line('stroke-width="2"') + marker : entry.kind === 'dense' ? line(`stroke-width="${DENSE_STROKE}"`) : line('stroke-width="1.5" stroke-dasharray="6 4"');
    return `<g class="legend-entry">${swatch}<text x="${n(x2 + 8)}" y="${n(cy + LEGEND_SIZE * 0.35)}" font-size="${LEGEND_SIZE}" fill="${INK}">${textContent(entry.label, entry.full)}</text></g>`;
  });
  return `<g class="legend">${rows.join('')}</g>`;
}

/**
 * One series as an SVG group: its expected values dashed, then its line, its error bars and
 * its markers; a dense series (more than MAX_MARKED_POINTS points) gets a thinner line, no
 * markers, and its error bars as one light band drawn under everything else.
 * `logFloor`, on a log y axis, is where a bar whose low end is at or below zero stops.
 */
function seriesSvg(one: DrawnSeries, xScale: Scale, yScale: Scale, logFloor: number | undefined): string {
  const point = (p: Drawn): string => `${n(xScale(p.x))},${n(yScale(p.y))}`;
  const dense = isDense(one);
  const bottomOf = (p: Drawn): number => (p.low === undefined ? yScale(p.y) : p.low <= 0 && logFloor !== undefined ? logFloor : yScale(p.low));
  const topOf = (p: Drawn): number => (p.high === undefined ? yScale(p.y) : yScale(p.high));
  const barred = one.points.filter((p) => p.low !== undefined || p.high !== undefined);
  const body: string[] = [];
  if (dense && barred.length > 0) {
    // Along the tops, then back along the bottoms: one outline round every bar.
    const tops = barred.map((p) => `${n(xScale(p.x))} ${n(topOf(p))}`);
    const bottoms = barred.map((p) => `${n(xScale(p.x))} ${n(bottomOf(p))}`).reverse();
    body.push(`<path class="error-band" d="M${[...tops, ...bottoms].join(' L')} Z" fill="${one.color}" fill-opacity="${BAND_OPACITY}" stroke="none"/>`);
  }
  if (one.expected.length > 0) {
    body.push(`<polyline class="expected" points="${one.expected.map(point).join(' ')}" fill="none" stroke="${one.color}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  }
  if (one.points.length > 0) {
    body.push(`<polyline class="series-line" points="${one.points.map(point).join(' ')}" fill="none" stroke="${one.color}" stroke-width="${dense ? DENSE_STROKE : 2}" stroke-linejoin="round"/>`);
  }
  if (!dense) {
    for (const p of barred) {
      const px = xScale(p.x);
      const bottom = bottomOf(p);
      const top = topOf(p);
      let d = `M${n(px)} ${n(bottom)} L${n(px)} ${n(top)}`;
      if (p.low !== undefined && !(p.low <= 0 && logFloor !== undefined)) d += ` M${n(px - CAP_HALF_WIDTH)} ${n(bottom)} L${n(px + CAP_HALF_WIDTH)} ${n(bottom)}`;
      if (p.high !== undefined) d += ` M${n(px - CAP_HALF_WIDTH)} ${n(top)} L${n(px + CAP_HALF_WIDTH)} ${n(top)}`;
      body.push(`<path class="error-bar" d="${d}" fill="none" stroke="${one.color}" stroke-width="1.2"/>`);
    }
    for (const p of one.points) {
      body.push(`<circle class="marker" cx="${n(xScale(p.x))}" cy="${n(yScale(p.y))}" r="${MARKER_RADIUS}" fill="${one.color}" stroke="#fff" stroke-width="1"/>`);
    }
  }
  return `<g class="series">${body.join('')}</g>`;
}

/**
 * A line chart of `series` as a standalone SVG 1.1 document: axes with ticks, tick labels and
 * a light grid, the axis labels and title, one line with circle markers per series (through its
 * points sorted by x) in a fixed palette, vertical error bars with caps where points have
 * `low`/`high`, each series' `expected` values as a dashed line of its colour, and a legend
 * right of the plot (one entry per series, and "formula (dashed)" when any series has expected
 * values; left out for a lone series without them). Values that are not finite are skipped: a
 * point without a finite x and y is not drawn, a non-finite `low`/`high` draws no bar end.
 * Same input, same bytes.
 *
 * @throws RangeError if nothing can be drawn (no series has a point, measured or expected,
 *   with a finite x and y that its axes can show), or the width or height is not positive.
 */
export function lineChartSvg(series: readonly ChartSeries[], options: ChartOptions): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  if (!(Number.isFinite(width) && width > 0) || !(Number.isFinite(height) && height > 0)) {
    throw new RangeError(`lineChartSvg: width and height must be positive numbers, got ${width} x ${height}`);
  }
  const logX = options.logX === true;
  const logY = options.logY === true;
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

  const anyExpected = drawn.some((one) => one.hasExpected);
  const legendEntries: LegendEntry[] =
    drawn.length === 1 && !anyExpected
      ? []
      : [
          ...drawn.map((one) => ({ label: fit(one.name, textWidth('x', LEGEND_SIZE) * MAX_LEGEND_CHARS, LEGEND_SIZE), full: one.name, color: one.color, kind: isDense(one) ? ('dense' as const) : ('series' as const) })),
          ...(anyExpected ? [{ label: 'formula (dashed)', full: 'formula (dashed)', color: MUTED, kind: 'formula' as const }] : []),
        ];
  let legendText = 0;
  for (const entry of legendEntries) legendText = Math.max(legendText, textWidth(entry.label, LEGEND_SIZE));
  /** From the legend's left edge to the document's right edge. */
  const legendBody = legendEntries.length === 0 ? 0 : LEGEND_SWATCH + 8 + legendText + PAD;

  // Vertical layout: title, plot, x tick labels, x label, note.
  const plotTop = options.title === undefined ? PAD + 6 : PAD + TITLE_SIZE + 16;
  const below = TICK_LENGTH + 4 + TICK_SIZE + 12 + LABEL_SIZE + (note === undefined ? 0 : 8 + NOTE_SIZE) + PAD;
  const plotBottom = Math.max(plotTop + MIN_PLOT_HEIGHT, height - below);
  const legendHeight = legendEntries.length * LEGEND_ROW;
  const svgHeight = Math.max(height, plotBottom + below, plotTop + legendHeight + PAD);

  const yScale = makeScale(extent(ys, logY), logY, [plotBottom, plotTop]);
  const yAxis = chooseTicks(yScale, logY, false, options.yUnit);
  const yTicks = yAxis.ticks;
  let yTickWidth = 0;
  for (const tick of yTicks) yTickWidth = Math.max(yTickWidth, textWidth(tick.label, TICK_SIZE));

  // Horizontal layout: y label, y tick labels, plot, legend. The last x tick label may stick
  // out right of the plot, so the plot narrows if the room there is too small for it.
  const plotLeft = PAD + LABEL_SIZE + 10 + yTickWidth + 4 + TICK_LENGTH;
  const xDomain = extent(xs, logX);
  const rightOf = (ticks: readonly Tick[], plotRight: number): number => {
    const last = [...ticks].reverse().find((tick) => tick.label !== '');
    const overhang = last === undefined ? 0 : last.at + textWidth(last.label, TICK_SIZE) / 2 - plotRight;
    return legendBody === 0 ? Math.max(PAD, overhang + 6) : Math.max(LEGEND_GAP, overhang + 8) + legendBody;
  };
  let plotRight = Math.max(plotLeft + MIN_PLOT_WIDTH, width - (legendBody === 0 ? PAD : LEGEND_GAP + legendBody));
  let xScale = makeScale(xDomain, logX, [plotLeft, plotRight]);
  let xAxis = chooseTicks(xScale, logX, true, options.xUnit);
  for (let attempt = 0; attempt < 2; attempt++) {
    const room = width - rightOf(xAxis.ticks, plotRight);
    if (plotRight <= room || plotRight <= plotLeft + MIN_PLOT_WIDTH) break;
    plotRight = Math.max(plotLeft + MIN_PLOT_WIDTH, room);
    xScale = makeScale(xDomain, logX, [plotLeft, plotRight]);
    xAxis = chooseTicks(xScale, logX, true, options.xUnit);
  }
  const xTicks = xAxis.ticks;
  const rightMargin = rightOf(xTicks, plotRight);
  const svgWidth = Math.max(width, plotRight + rightMargin);
  const legendX = plotRight + rightMargin - legendBody;

  const parts: string[] = [];
  const documentTitle = options.title ?? `${options.yLabel} vs ${options.xLabel}`;
  parts.push('<?xml version="1.0" encoding="UTF-8"?>');
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(svgWidth)}" height="${n(svgHeight)}" viewBox="0 0 ${n(svgWidth)} ${n(svgHeight)}" font-family="sans-serif">`);
  parts.push(`<title>${escapeXml(documentTitle)}</title>`);
  parts.push(`<rect class="background" x="0" y="0" width="${n(svgWidth)}" height="${n(svgHeight)}" fill="#fff"/>`);
  if (options.title !== undefined) {
    const shown = fit(options.title, svgWidth - 2 * PAD, TITLE_SIZE, true);
    const half = textWidth(shown, TITLE_SIZE, true) / 2;
    const cx = Math.min(Math.max((plotLeft + plotRight) / 2, PAD + half), svgWidth - PAD - half);
    parts.push(`<text class="title" x="${n(cx)}" y="${n(PAD + TITLE_SIZE)}" font-size="${TITLE_SIZE}" font-weight="bold" text-anchor="middle" fill="${INK}">${textContent(shown, options.title)}</text>`);
  }

  // Grid, then axes with their ticks and labels.
  const plot: PlotArea = { left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom };
  const xLabel = withUnit(options.xLabel, xAxis.suffix);
  const yLabel = withUnit(options.yLabel, yAxis.suffix);
  parts.push(gridSvg(plot, xTicks, yTicks), axesSvg(plot, xTicks, yTicks, xLabel, yLabel));
  const xAxisLabelY = plotBottom + TICK_LENGTH + 4 + TICK_SIZE + 12 + LABEL_SIZE;

  // The series: expected (under), line, error bars, markers.
  for (const one of drawn) parts.push(seriesSvg(one, xScale, yScale, logY ? plotBottom : undefined));

  // The legend, right of the plot.
  if (legendEntries.length > 0) parts.push(legendSvg(legendEntries, legendX, plotTop));

  if (note !== undefined) {
    parts.push(`<text class="note" x="${n(plotLeft)}" y="${n(xAxisLabelY + 8 + NOTE_SIZE)}" font-size="${NOTE_SIZE}" font-style="italic" fill="#666">${textContent(fit(note, svgWidth - plotLeft - PAD, NOTE_SIZE), note)}</text>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
