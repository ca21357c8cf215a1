/**
 * Line charts of experiment results, as standalone SVG: a line with markers per series, error
 * bars where a point has them, a formula's expected values as a dashed line of the series'
 * colour, linear or log axes with ticks and a light grid, and a legend right of the plot.
 * Drawn in three steps, each a module of its own: what the series show (`chart-data.ts`),
 * the layout in pixels (`chart-layout.ts`, with the axes' scales and ticks in
 * `chart-scales.ts`) and the SVG written from it (`chart-svg.ts`). Pure and deterministic:
 * same series and options, same bytes.
 */
import { chartData, type ChartSeries } from './chart-data.js';
import { chartSize, layoutChart, type ChartOptions } from './chart-layout.js';
import { chartSvg } from './chart-svg.js';

export type { ChartPoint, ChartSeries } from './chart-data.js';
export type { ChartOptions } from './chart-layout.js';

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
  chartSize(options);
  return chartSvg(layoutChart(chartData(series, options.logX === true, options.logY === true), options));
}
