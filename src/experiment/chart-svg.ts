/**
 * A laid-out line chart written as SVG: title, grid, axes with their ticks and labels, one
 * group per series (band, expected values, line, error bars, markers, bottom to top), the
 * legend and the note, with classes that tools and tests can find them by. Only markup is
 * decided here; every position comes from the layout.
 */
import { AXIS, baseline, BACKGROUND, element, escapeXml, INK, MUTED, n, NOTE, svgDocument, textContent, type Attributes } from '../trace/svg-text.js';
import { FONT_SIZE, TICK_LENGTH, type ChartLayout, type LegendRow, type PlotArea, type Point, type SeriesShape, type TextSpot } from './chart-layout.js';
import type { Tick } from './chart-scales.js';

const GRID = '#e4e4e4';
const MINOR_GRID = '#f2f2f2';
const MARKER_RADIUS = 3.5;
const CAP_HALF_WIDTH = 4;
const BAND_OPACITY = 0.18;
/** The line of a dense series, thinner than the 2 px of a marked one. */
const DENSE_STROKE = 1.25;
const FORMULA_DASH = '6 4';

/** The document of a laid-out chart. */
export function chartSvg(layout: ChartLayout): string {
  const { plot } = layout;
  const body = [
    ...(layout.heading === undefined ? [] : [spotText('title', layout.heading, FONT_SIZE.title, { 'font-weight': 'bold', 'text-anchor': 'middle', fill: INK })]),
    gridSvg(plot, layout.xTicks, layout.yTicks),
    axesSvg(layout),
    ...layout.series.map(seriesSvg),
    ...(layout.legend.length === 0 ? [] : [element('g', { class: 'legend' }, layout.legend.map(legendRowSvg).join(''))]),
    ...(layout.note === undefined ? [] : [spotText('note', layout.note, FONT_SIZE.note, { 'font-style': 'italic', fill: NOTE })]),
  ];
  return svgDocument(layout.width, layout.height, body, { title: layout.title });
}

/** A text at its spot (turned by `transform`, if given), its full text as a tooltip if it was cut. */
function spotText(className: string, spot: TextSpot, size: number, style: Attributes, transform?: string): string {
  return element('text', { class: className, x: spot.x, y: spot.y, transform, 'font-size': size, ...style }, textContent(spot.shown, spot.full));
}

/** The light grid at every tick (lighter still at a log axis' minor ones). */
function gridSvg(plot: PlotArea, xTicks: readonly Tick[], yTicks: readonly Tick[]): string {
  const stroke = (tick: Tick): string => (tick.label === '' ? MINOR_GRID : GRID);
  const lines = [
    ...xTicks.map((tick) => element('line', { x1: tick.at, y1: plot.top, x2: tick.at, y2: plot.bottom, stroke: stroke(tick) })),
    ...yTicks.map((tick) => element('line', { x1: plot.left, y1: tick.at, x2: plot.right, y2: tick.at, stroke: stroke(tick) })),
  ];
  return element('g', { class: 'grid' }, lines.join(''));
}

/** Both axes: their lines first (x, then y), ticks, tick labels and axis labels. */
function axesSvg(layout: ChartLayout): string {
  const { plot } = layout;
  const parts = [
    element('line', { x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: AXIS }),
    element('line', { x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: AXIS }),
  ];
  const length = (tick: Tick): number => (tick.label === '' ? TICK_LENGTH / 2 : TICK_LENGTH);
  for (const tick of layout.xTicks) {
    parts.push(element('line', { x1: tick.at, y1: plot.bottom, x2: tick.at, y2: plot.bottom + length(tick), stroke: AXIS }));
    if (tick.label !== '') parts.push(element('text', { class: 'tick x-tick', x: tick.at, y: layout.xTickY, 'font-size': FONT_SIZE.tick, 'text-anchor': 'middle', fill: MUTED }, escapeXml(tick.label)));
  }
  for (const tick of layout.yTicks) {
    parts.push(element('line', { x1: plot.left - length(tick), y1: tick.at, x2: plot.left, y2: tick.at, stroke: AXIS }));
    if (tick.label !== '') {
      const attributes = { class: 'tick y-tick', x: plot.left - TICK_LENGTH - 4, y: baseline(tick.at, FONT_SIZE.tick), 'font-size': FONT_SIZE.tick, 'text-anchor': 'end', fill: MUTED };
      parts.push(element('text', attributes, escapeXml(tick.label)));
    }
  }
  const { xLabel, yLabel } = layout;
  parts.push(spotText('axis-label x-label', xLabel, FONT_SIZE.label, { 'text-anchor': 'middle', fill: INK }));
  parts.push(spotText('axis-label y-label', yLabel, FONT_SIZE.label, { 'text-anchor': 'middle', fill: INK }, `rotate(-90 ${n(yLabel.x)} ${n(yLabel.y)})`));
  return element('g', { class: 'axes' }, parts.join(''));
}

/** A legend entry: a swatch as the series is drawn (or the formula's dashes), then its name. */
function legendRowSvg(row: LegendRow): string {
  const line = (attributes: Attributes): string => element('line', { x1: row.x1, y1: row.y, x2: row.x2, y2: row.y, stroke: row.color, ...attributes });
  const marker = element('circle', { cx: (row.x1 + row.x2) / 2, cy: row.y, r: MARKER_RADIUS, fill: row.color, stroke: BACKGROUND, 'stroke-width': 1 });
  const swatch =
    row.kind === 'series' ? line({ 'stroke-width': 2 }) + marker : row.kind === 'dense' ? line({ 'stroke-width': DENSE_STROKE }) : line({ 'stroke-width': 1.5, 'stroke-dasharray': FORMULA_DASH });
  const label = element('text', { x: row.x2 + 8, y: baseline(row.y, FONT_SIZE.legend), 'font-size': FONT_SIZE.legend, fill: INK }, textContent(row.label, row.full));
  return element('g', { class: 'legend-entry' }, swatch + label);
}

/** Points as a polyline's `points`. */
function polyline(points: readonly Point[]): string {
  return points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ');
}

/** One series: its band under everything, its expected values dashed, its line, error bars and markers. */
function seriesSvg(one: SeriesShape): string {
  const body: string[] = [];
  if (one.band !== undefined) {
    const d = `M${one.band.map((p) => `${n(p.x)} ${n(p.y)}`).join(' L')} Z`;
    body.push(element('path', { class: 'error-band', d, fill: one.color, 'fill-opacity': BAND_OPACITY, stroke: 'none' }));
  }
  if (one.expected.length > 0) {
    body.push(element('polyline', { class: 'expected', points: polyline(one.expected), fill: 'none', stroke: one.color, 'stroke-width': 1.5, 'stroke-dasharray': FORMULA_DASH }));
  }
  if (one.line.length > 0) {
    body.push(element('polyline', { class: 'series-line', points: polyline(one.line), fill: 'none', stroke: one.color, 'stroke-width': one.dense ? DENSE_STROKE : 2, 'stroke-linejoin': 'round' }));
  }
  for (const bar of one.bars) {
    let d = `M${n(bar.x)} ${n(bar.bottom)} L${n(bar.x)} ${n(bar.top)}`;
    if (bar.lowCap) d += ` M${n(bar.x - CAP_HALF_WIDTH)} ${n(bar.bottom)} L${n(bar.x + CAP_HALF_WIDTH)} ${n(bar.bottom)}`;
    if (bar.highCap) d += ` M${n(bar.x - CAP_HALF_WIDTH)} ${n(bar.top)} L${n(bar.x + CAP_HALF_WIDTH)} ${n(bar.top)}`;
    body.push(element('path', { class: 'error-bar', d, fill: 'none', stroke: one.color, 'stroke-width': 1.2 }));
  }
  for (const marker of one.markers) {
    body.push(element('circle', { class: 'marker', cx: marker.x, cy: marker.y, r: MARKER_RADIUS, fill: one.color, stroke: BACKGROUND, 'stroke-width': 1 }));
  }
  return element('g', { class: 'series' }, body.join(''));
}
