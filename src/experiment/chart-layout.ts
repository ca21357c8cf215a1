/**
 * The layout of a line chart: the plot area, both axes' ticks, every series' line, markers,
 * error bars and band, the legend, the title, the axis labels and the note, in plain pixels,
 * ready to be written out. The chart grows past the size asked for only where a long legend
 * or title needs the room; the plot narrows if the last x tick label would stick out.
 */
import { fit, textWidth } from '../trace/svg-text.js';
import type { ChartData, Drawn, DrawnSeries, LegendEntry } from './chart-data.js';
import { chooseTicks, extent, makeScale, TICK_SIZE, type AxisTicks, type Scale, type Tick } from './chart-scales.js';
import type { Unit } from './metric-units.js';

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

const DEFAULT_WIDTH = 720;
const DEFAULT_HEIGHT = 440;
/** Margin round the chart. */
export const PAD = 16;
/** Font sizes, in pixels. */
export const FONT_SIZE = { title: 15, label: 12, tick: TICK_SIZE, legend: 12, note: 10.5 } as const;
/** The length of a labelled tick (a log axis' minor ticks are half as long). */
export const TICK_LENGTH = 5;
const MIN_PLOT_WIDTH = 200;
const MIN_PLOT_HEIGHT = 120;
const LEGEND_GAP = 24;
const LEGEND_ROW = 20;
const LEGEND_SWATCH = 24;
/** Legend entries are cut to the width of this many characters. */
const MAX_LEGEND_CHARS = 40;

/** The plot area's edges, in pixels. */
export interface PlotArea {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A point in pixels. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A text at its anchor, as shown and in full (for a tooltip if they differ). */
export interface TextSpot extends Point {
  readonly shown: string;
  readonly full: string;
}

/** An error bar from `bottom` to `top`, with a cap at either end that is the point's own. */
export interface ErrorBar {
  readonly x: number;
  readonly bottom: number;
  readonly top: number;
  readonly lowCap: boolean;
  readonly highCap: boolean;
}

/**
 * Points in pixels as two columns, the i-th point at (xs[i], ys[i]): a dense series has
 * thousands, and columns keep them as plain numbers without an object each.
 */
export interface PointColumns {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

/** A series in pixels; a dense one has a band and no bars or markers. */
export interface SeriesShape {
  readonly color: string;
  readonly dense: boolean;
  /** Round every error bar: along their tops, then back along their bottoms. */
  readonly band?: { readonly tops: PointColumns; readonly bottoms: PointColumns };
  readonly expected: PointColumns;
  readonly line: PointColumns;
  readonly bars: readonly ErrorBar[];
  /** A marker at every point of the line (none on a dense series). */
  readonly markers: PointColumns;
}

/** A legend entry: its swatch from `x1` to `x2` at height `y`, its text right of it. */
export interface LegendRow {
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly label: string;
  readonly full: string;
  readonly color: string;
  readonly kind: LegendEntry['kind'];
}

/** Everything on the chart, in pixels. */
export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  /** The document's title. */
  readonly title: string;
  /** The heading over the plot, if the chart has a title. */
  readonly heading?: TextSpot;
  readonly plot: PlotArea;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  /** The baseline of the x tick labels. */
  readonly xTickY: number;
  readonly xLabel: TextSpot;
  /** Rotated a quarter turn anticlockwise about its anchor. */
  readonly yLabel: TextSpot;
  readonly series: readonly SeriesShape[];
  readonly legend: readonly LegendRow[];
  readonly note?: TextSpot;
}

/**
 * The size asked for, defaults filled in.
 *
 * @throws RangeError if the width or height is not a positive number.
 */
export function chartSize(options: ChartOptions): { width: number; height: number } {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  if (!(Number.isFinite(width) && width > 0) || !(Number.isFinite(height) && height > 0)) {
    throw new RangeError(`lineChartSvg: width and height must be positive numbers, got ${width} x ${height}`);
  }
  return { width, height };
}

/** The layout of `data` drawn as `options` ask (see {@link chartSize} for what it throws). */
export function layoutChart(data: ChartData, options: ChartOptions): ChartLayout {
  const { width, height } = chartSize(options);
  const logY = options.logY === true;
  const labels = data.legend.map((entry) => fit(entry.name, textWidth('x', FONT_SIZE.legend) * MAX_LEGEND_CHARS, FONT_SIZE.legend));
  let legendText = 0;
  for (const label of labels) legendText = Math.max(legendText, textWidth(label, FONT_SIZE.legend));
  /** From the legend's left edge to the document's right edge. */
  const legendBody = labels.length === 0 ? 0 : LEGEND_SWATCH + 8 + legendText + PAD;

  // Vertical layout: title, plot, x tick labels, x label, note.
  const plotTop = options.title === undefined ? PAD + 6 : PAD + FONT_SIZE.title + 16;
  const below = TICK_LENGTH + 4 + TICK_SIZE + 12 + FONT_SIZE.label + (data.note === undefined ? 0 : 8 + FONT_SIZE.note) + PAD;
  const plotBottom = Math.max(plotTop + MIN_PLOT_HEIGHT, height - below);
  const svgHeight = Math.max(height, plotBottom + below, plotTop + labels.length * LEGEND_ROW + PAD);
  const yScale = makeScale(extent(data.ys, logY), logY, [plotBottom, plotTop]);
  const yAxis = chooseTicks(yScale, logY, false, options.yUnit);
  let yTickWidth = 0;
  for (const tick of yAxis.ticks) yTickWidth = Math.max(yTickWidth, textWidth(tick.label, TICK_SIZE));
  const plotLeft = PAD + FONT_SIZE.label + 10 + yTickWidth + 4 + TICK_LENGTH;
  const across = xAxisLayout(data.xs, options, width, plotLeft, legendBody);
  const plot: PlotArea = { left: plotLeft, right: across.plotRight, top: plotTop, bottom: plotBottom };
  const svgWidth = Math.max(width, plot.right + across.rightMargin);
  const legendX = plot.right + across.rightMargin - legendBody;
  return {
    width: svgWidth,
    height: svgHeight,
    title: options.title ?? `${options.yLabel} vs ${options.xLabel}`,
    ...(options.title === undefined ? {} : { heading: heading(options.title, plot, svgWidth) }),
    plot,
    xTicks: across.axis.ticks,
    yTicks: yAxis.ticks,
    ...axisLabels(plot, withUnit(options.xLabel, across.axis.suffix), withUnit(options.yLabel, yAxis.suffix)),
    series: data.series.map((one) => seriesShape(one, across.scale, yScale, logY ? plotBottom : undefined)),
    legend: data.legend.map(({ name, color, kind }, i): LegendRow => ({ x1: legendX, x2: legendX + LEGEND_SWATCH, y: plotTop + 4 + LEGEND_ROW * i + LEGEND_ROW / 2, label: labels[i]!, full: name, color, kind })),
    ...(data.note === undefined ? {} : { note: noteSpot(data.note, plot, svgWidth) }),
  };
}

/** An axis label with the unit its ticks are in, if they name one. */
function withUnit(label: string, suffix: string | undefined): string {
  return suffix === undefined ? label : `${label} (${suffix})`;
}

/**
 * The x axis across the room left of the legend: its scale, ticks, and the margin right of
 * the plot (the legend, or room for the last tick label). The last x tick label may stick out
 * right of the plot, so the plot narrows if the room there is too small for it.
 */
function xAxisLayout(xs: readonly number[], options: ChartOptions, width: number, plotLeft: number, legendBody: number): { plotRight: number; scale: Scale; axis: AxisTicks; rightMargin: number } {
  const logX = options.logX === true;
  const xDomain = extent(xs, logX);
  const rightOf = (ticks: readonly Tick[], plotRight: number): number => {
    const last = [...ticks].reverse().find((tick) => tick.label !== '');
    const overhang = last === undefined ? 0 : last.at + textWidth(last.label, TICK_SIZE) / 2 - plotRight;
    return legendBody === 0 ? Math.max(PAD, overhang + 6) : Math.max(LEGEND_GAP, overhang + 8) + legendBody;
  };
  let plotRight = Math.max(plotLeft + MIN_PLOT_WIDTH, width - (legendBody === 0 ? PAD : LEGEND_GAP + legendBody));
  let scale = makeScale(xDomain, logX, [plotLeft, plotRight]);
  let axis = chooseTicks(scale, logX, true, options.xUnit);
  for (let attempt = 0; attempt < 2; attempt++) {
    const room = width - rightOf(axis.ticks, plotRight);
    if (plotRight <= room || plotRight <= plotLeft + MIN_PLOT_WIDTH) break;
    plotRight = Math.max(plotLeft + MIN_PLOT_WIDTH, room);
    scale = makeScale(xDomain, logX, [plotLeft, plotRight]);
    axis = chooseTicks(scale, logX, true, options.xUnit);
  }
  return { plotRight, scale, axis, rightMargin: rightOf(axis.ticks, plotRight) };
}

/** The title centred over the plot, as far as the document's edges let it. */
function heading(title: string, plot: PlotArea, svgWidth: number): TextSpot {
  const shown = fit(title, svgWidth - 2 * PAD, FONT_SIZE.title, true);
  const half = textWidth(shown, FONT_SIZE.title, true) / 2;
  const x = Math.min(Math.max((plot.left + plot.right) / 2, PAD + half), svgWidth - PAD - half);
  return { shown, full: title, x, y: PAD + FONT_SIZE.title };
}

/** The x tick labels' baseline, and the axis labels, each cut to the length of its axis. */
function axisLabels(plot: PlotArea, xLabel: string, yLabel: string): Pick<ChartLayout, 'xTickY' | 'xLabel' | 'yLabel'> {
  const xTickY = plot.bottom + TICK_LENGTH + 4 + TICK_SIZE;
  return {
    xTickY,
    xLabel: { shown: fit(xLabel, plot.right - plot.left, FONT_SIZE.label), full: xLabel, x: (plot.left + plot.right) / 2, y: xTickY + 12 + FONT_SIZE.label },
    yLabel: { shown: fit(yLabel, plot.bottom - plot.top, FONT_SIZE.label), full: yLabel, x: PAD + FONT_SIZE.label * 0.8, y: (plot.top + plot.bottom) / 2 },
  };
}

/** The note under the x label, from the plot's left edge. */
function noteSpot(note: string, plot: PlotArea, svgWidth: number): TextSpot {
  const xLabelY = plot.bottom + TICK_LENGTH + 4 + TICK_SIZE + 12 + FONT_SIZE.label;
  return { shown: fit(note, svgWidth - plot.left - PAD, FONT_SIZE.note), full: note, x: plot.left, y: xLabelY + 8 + FONT_SIZE.note };
}

/**
 * One series in pixels: its expected values, line, error bars and markers; a dense series
 * gets its error bars as one band instead, and no markers. `logFloor`, on a log y axis, is
 * where a bar whose low end is at or below zero stops (without a cap there).
 */
function seriesShape(one: DrawnSeries, xScale: Scale, yScale: Scale, logFloor: number | undefined): SeriesShape {
  const columns = (points: readonly Drawn[], y: (p: Drawn) => number): PointColumns => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const p of points) {
      xs.push(xScale(p.x));
      ys.push(y(p));
    }
    return { xs, ys };
  };
  const centre = (p: Drawn): number => yScale(p.y);
  const bottomOf = (p: Drawn): number => (p.low === undefined ? yScale(p.y) : p.low <= 0 && logFloor !== undefined ? logFloor : yScale(p.low));
  const topOf = (p: Drawn): number => (p.high === undefined ? yScale(p.y) : yScale(p.high));
  const barred = one.points.filter((p) => p.low !== undefined || p.high !== undefined);
  const line = columns(one.points, centre);
  const shape = { color: one.color, dense: one.dense, expected: columns(one.expected, centre), line };
  if (one.dense) {
    const band = barred.length === 0 ? {} : { band: { tops: columns(barred, topOf), bottoms: columns(barred, bottomOf) } };
    return { ...shape, ...band, bars: [], markers: columns([], centre) };
  }
  const bars = barred.map((p): ErrorBar => ({ x: xScale(p.x), bottom: bottomOf(p), top: topOf(p), lowCap: p.low !== undefined && !(p.low <= 0 && logFloor !== undefined), highCap: p.high !== undefined }));
  return { ...shape, bars, markers: line };
}
