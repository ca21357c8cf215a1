/**
 * A laid-out line chart written as SVG: title, grid, axes with their ticks and labels, one
 * group per series (band, expected values, line, error bars, markers, bottom to top), the
 * legend and the note, with classes that tools and tests can find them by. Only markup is
 * decided here; every position comes from the layout. Elements are template strings: a
 * chart of thousands of points writes as many, and templates are the fast way to.
 */
import { AXIS, BACKGROUND, baseline, escapeXml, INK, MUTED, n, NOTE, svgDocument, textContent } from '../trace/svg-text.js';
import { FONT_SIZE, TICK_LENGTH, type ChartLayout, type LegendRow, type PlotArea, type PointColumns, type SeriesShape, type TextSpot } from './chart-layout.js';
import type { Tick } from './chart-scales.js';

const GRID = '#e4e4e4';
const MINOR_GRID = '#f2f2f2';
const MARKER_RADIUS = 3.5;
const CAP_HALF_WIDTH = 4;
const BAND_OPACITY = 0.18;
/** The line of a dense series, thinner than the 2 px of a marked one. */
const DENSE_STROKE = 1.25;
const FORMULA_DASH = 'stroke-dasharray="6 4"';

/** The document of a laid-out chart. */
export function chartSvg(layout: ChartLayout): string {
  const { plot, heading, note } = layout;
  const body: string[] = [];
  if (heading !== undefined) body.push(spotText('title', heading, FONT_SIZE.title, `font-weight="bold" text-anchor="middle" fill="${INK}"`));
  body.push(gridSvg(plot, layout.xTicks, layout.yTicks), axesSvg(layout), ...layout.series.map(seriesSvg));
  if (layout.legend.length > 0) body.push(`<g class="legend">${layout.legend.map(legendRowSvg).join('')}</g>`);
  if (note !== undefined) body.push(spotText('note', note, FONT_SIZE.note, `font-style="italic" fill="${NOTE}"`));
  return svgDocument(layout.width, layout.height, body, { title: layout.title });
}

/** A text at its spot (`before` the font size, `after` it), its full text as a tooltip if it was cut. */
function spotText(className: string, spot: TextSpot, size: number, after: string, before = ''): string {
  return `<text class="${className}" x="${n(spot.x)}" y="${n(spot.y)}"${before} font-size="${size}" ${after}>${textContent(spot.shown, spot.full)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}"/>`;
}

/** The light grid at every tick (lighter still at a log axis' minor ones). */
function gridSvg(plot: PlotArea, xTicks: readonly Tick[], yTicks: readonly Tick[]): string {
  const stroke = (tick: Tick): string => (tick.label === '' ? MINOR_GRID : GRID);
  const lines = [
    ...xTicks.map((tick) => line(tick.at, plot.top, tick.at, plot.bottom, stroke(tick))),
    ...yTicks.map((tick) => line(plot.left, tick.at, plot.right, tick.at, stroke(tick))),
  ];
  return `<g class="grid">${lines.join('')}</g>`;
}

/** Both axes: their lines first (x, then y), ticks, tick labels and axis labels. */
function axesSvg(layout: ChartLayout): string {
  const { plot, xLabel, yLabel } = layout;
  const parts = [line(plot.left, plot.bottom, plot.right, plot.bottom, AXIS), line(plot.left, plot.top, plot.left, plot.bottom, AXIS)];
  const length = (tick: Tick): number => (tick.label === '' ? TICK_LENGTH / 2 : TICK_LENGTH);
  const tickText = (axis: 'x' | 'y', x: number, y: number, anchor: string, label: string): string =>
    `<text class="tick ${axis}-tick" x="${n(x)}" y="${n(y)}" font-size="${FONT_SIZE.tick}" text-anchor="${anchor}" fill="${MUTED}">${escapeXml(label)}</text>`;
  for (const tick of layout.xTicks) {
    parts.push(line(tick.at, plot.bottom, tick.at, plot.bottom + length(tick), AXIS));
    if (tick.label !== '') parts.push(tickText('x', tick.at, layout.xTickY, 'middle', tick.label));
  }
  for (const tick of layout.yTicks) {
    parts.push(line(plot.left - length(tick), tick.at, plot.left, tick.at, AXIS));
    if (tick.label !== '') parts.push(tickText('y', plot.left - TICK_LENGTH - 4, baseline(tick.at, FONT_SIZE.tick), 'end', tick.label));
  }
  parts.push(spotText('axis-label x-label', xLabel, FONT_SIZE.label, `text-anchor="middle" fill="${INK}"`));
  parts.push(spotText('axis-label y-label', yLabel, FONT_SIZE.label, `text-anchor="middle" fill="${INK}"`, ` transform="rotate(-90 ${n(yLabel.x)} ${n(yLabel.y)})"`));
  return `<g class="axes">${parts.join('')}</g>`;
}

/** A legend entry: a swatch as the series is drawn (or the formula's dashes), then its name. */
function legendRowSvg(row: LegendRow): string {
  const swatch = (stroke: string): string => `<line x1="${n(row.x1)}" y1="${n(row.y)}" x2="${n(row.x2)}" y2="${n(row.y)}" stroke="${row.color}" ${stroke}/>`;
  const marker = `<circle cx="${n((row.x1 + row.x2) / 2)}" cy="${n(row.y)}" r="${MARKER_RADIUS}" fill="${row.color}" stroke="${BACKGROUND}" stroke-width="1"/>`;
  const shown =
    row.kind === 'series' ? swatch('stroke-width="2"') + marker : row.kind === 'dense' ? swatch(`stroke-width="${DENSE_STROKE}"`) : swatch(`stroke-width="1.5" ${FORMULA_DASH}`);
  const label = `<text x="${n(row.x2 + 8)}" y="${n(baseline(row.y, FONT_SIZE.legend))}" font-size="${FONT_SIZE.legend}" fill="${INK}">${textContent(row.label, row.full)}</text>`;
  return `<g class="legend-entry">${shown}${label}</g>`;
}

/** The i-th point of `columns` as "x,y" (a polyline's points) or "x y" (a path's). */
function pair(columns: PointColumns, i: number, separator: string): string {
  return `${n(columns.xs[i]!)}${separator}${n(columns.ys[i]!)}`;
}

/** Points as a polyline's `points`. */
function polyline(columns: PointColumns): string {
  const pairs: string[] = [];
  for (let i = 0; i < columns.xs.length; i++) pairs.push(pair(columns, i, ','));
  return pairs.join(' ');
}

/** The outline of a band: along the tops, back along the bottoms, closed. */
function bandPath({ tops, bottoms }: NonNullable<SeriesShape['band']>): string {
  const corners: string[] = [];
  for (let i = 0; i < tops.xs.length; i++) corners.push(pair(tops, i, ' '));
  for (let i = bottoms.xs.length - 1; i >= 0; i--) corners.push(pair(bottoms, i, ' '));
  return `M${corners.join(' L')} Z`;
}

/** One series: its band under everything, its expected values dashed, its line, error bars and markers. */
function seriesSvg(one: SeriesShape): string {
  const { color } = one;
  const body: string[] = [];
  if (one.band !== undefined) body.push(`<path class="error-band" d="${bandPath(one.band)}" fill="${color}" fill-opacity="${BAND_OPACITY}" stroke="none"/>`);
  if (one.expected.xs.length > 0) body.push(`<polyline class="expected" points="${polyline(one.expected)}" fill="none" stroke="${color}" stroke-width="1.5" ${FORMULA_DASH}/>`);
  if (one.line.xs.length > 0) {
    body.push(`<polyline class="series-line" points="${polyline(one.line)}" fill="none" stroke="${color}" stroke-width="${one.dense ? DENSE_STROKE : 2}" stroke-linejoin="round"/>`);
  }
  for (const bar of one.bars) {
    let d = `M${n(bar.x)} ${n(bar.bottom)} L${n(bar.x)} ${n(bar.top)}`;
    if (bar.lowCap) d += ` M${n(bar.x - CAP_HALF_WIDTH)} ${n(bar.bottom)} L${n(bar.x + CAP_HALF_WIDTH)} ${n(bar.bottom)}`;
    if (bar.highCap) d += ` M${n(bar.x - CAP_HALF_WIDTH)} ${n(bar.top)} L${n(bar.x + CAP_HALF_WIDTH)} ${n(bar.top)}`;
    body.push(`<path class="error-bar" d="${d}" fill="none" stroke="${color}" stroke-width="1.2"/>`);
  }
  const { xs, ys } = one.markers;
  for (let i = 0; i < xs.length; i++) body.push(`<circle class="marker" cx="${n(xs[i]!)}" cy="${n(ys[i]!)}" r="${MARKER_RADIUS}" fill="${color}" stroke="${BACKGROUND}" stroke-width="1"/>`);
  return `<g class="series">${body.join('')}</g>`;
}
