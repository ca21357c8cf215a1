/**
 * Charts from result tables: the series a CSV gives for a chosen x and y column (grouped,
 * filtered, with confidence intervals and the formula's value where the table has them), and
 * the default chart of every metric of a sweep. Cells with units ("1KB", "5ms", "10Mbps")
 * are read as numbers in base units, and the axis says which.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { lineChartSvg, type ChartSeries } from '../experiment/chart.js';
import { parseQuantity, type QuantityKind } from '../scenario/units.js';

/** A table: column names and rows of cells. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What to draw from a table. */
export interface ChartSpec {
  readonly x: string;
  readonly y: string;
  /** One series per distinct value of these columns (joined); one series if none. */
  readonly group?: readonly string[];
  /** Keep only rows whose column equals the value. */
  readonly where?: readonly (readonly [column: string, value: string])[];
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly title?: string;
  /** The y axis's label. @default the y column */
  readonly yLabel?: string;
}

/** A problem with what was asked of a table (an unknown column, nothing left to draw). */
export class ChartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartError';
  }
}

const UNIT_OF: Readonly<Record<QuantityKind, string>> = { size: 'bytes', duration: 's', bandwidth: 'bit/s' };

/** Parses CSV text (with a header row) into a table. */
export function parseTable(text: string): Table {
  const rows = parse(text) as string[][];
  if (rows.length === 0) throw new ChartError('the table is empty');
  return { columns: rows[0]!, rows: rows.slice(1) };
}

/** A cell as a number: plain, or a quantity with a unit (then its kind). */
export function cellValue(cell: string): { value: number; kind?: QuantityKind } | undefined {
  if (cell.trim() !== '' && Number.isFinite(Number(cell))) return { value: Number(cell) };
  for (const kind of ['size', 'duration', 'bandwidth'] as const) {
    const value = parseQuantity(cell, kind);
    if (value !== undefined) return { value, kind };
  }
  return undefined;
}

function columnIndex(table: Table, column: string): number {
  const index = table.columns.indexOf(column);
  if (index < 0) throw new ChartError(`no column "${column}" (columns: ${table.columns.join(', ')})`);
  return index;
}

/** The series `spec` asks for, and the axis labels. */
export function chartSeries(table: Table, spec: ChartSpec): { series: ChartSeries[]; xLabel: string; yLabel: string } {
  const x = columnIndex(table, spec.x);
  const y = columnIndex(table, spec.y);
  const groups = (spec.group ?? []).map((column) => columnIndex(table, column));
  const filters = (spec.where ?? []).map(([column, value]) => [columnIndex(table, column), value] as const);
  // A mean gets its interval as error bars; any y gets the formula's value if the table has it.
  const low = spec.y === 'mean' ? table.columns.indexOf('ci_low') : -1;
  const high = spec.y === 'mean' ? table.columns.indexOf('ci_high') : -1;
  const expected = table.columns.indexOf('expected');
  const number = (cell: string | undefined): number => (cell === undefined || cell === '' ? NaN : Number(cell));
  const bySeries = new Map<string, { points: ChartSeries['points'][number][]; expected: { x: number; y: number }[] }>();
  let xKind: QuantityKind | undefined;
  for (const row of table.rows) {
    if (!filters.every(([index, value]) => row[index] === value)) continue;
    const parsed = cellValue(row[x] ?? '');
    if (parsed === undefined) throw new ChartError(`column "${spec.x}": "${row[x]}" is not a number or a quantity (e.g. 1KB, 5ms, 10Mbps)`);
    xKind ??= parsed.kind;
    const name = groups.length === 0 ? spec.y : groups.map((index) => `${table.columns[index]}=${row[index]}`).join(', ');
    let entry = bySeries.get(name);
    if (entry === undefined) {
      entry = { points: [], expected: [] };
      bySeries.set(name, entry);
    }
    entry.points.push({
      x: parsed.value,
      y: number(row[y]),
      ...(low >= 0 && high >= 0 ? { low: number(row[low]), high: number(row[high]) } : {}),
    });
    if (expected >= 0 && expected !== y && Number.isFinite(number(row[expected]))) entry.expected.push({ x: parsed.value, y: number(row[expected]) });
  }
  if (bySeries.size === 0) {
    const where = (spec.where ?? []).map(([c, v]) => `${c}=${v}`).join(', ');
    throw new ChartError(`no rows to draw${where === '' ? '' : ` where ${where}`}`);
  }
  const series = [...bySeries].map(([name, { points, expected: formula }]): ChartSeries => ({
    name,
    points,
    ...(formula.length > 0 ? { expected: formula } : {}),
  }));
  return { series, xLabel: xKind === undefined ? spec.x : `${spec.x} (${UNIT_OF[xKind]})`, yLabel: spec.yLabel ?? spec.y };
}

/** The chart `spec` asks for, as an SVG document. */
export function tableChart(table: Table, spec: ChartSpec): string {
  const { series, xLabel, yLabel } = chartSeries(table, spec);
  return lineChartSvg(series, {
    xLabel,
    yLabel,
    ...(spec.title === undefined ? {} : { title: spec.title }),
    ...(spec.logX === true ? { logX: true } : {}),
    ...(spec.logY === true ? { logY: true } : {}),
  });
}

/** A metric's name with its unit, as an axis label. */
function metricLabel(metric: string): string {
  if (/^(delay|rtt|wait|jitter|settle)_/.test(metric) || metric === 'end_s') return `${metric} (s)`;
  if (metric === 'throughput') return `${metric} (bit/s)`;
  return metric;
}

/**
 * The default charts of a sweep's aggregate.csv: one per flow and metric, the mean (with its
 * 95% interval) against the first parameter, one series per value of the others, the formula
 * dashed. Returns [file name, SVG] pairs for `<dir>/charts/`; none when the first parameter's
 * values are not numbers or quantities, or a metric has no value to draw.
 */
export function sweepCharts(aggregate: Table, parameters: readonly string[], dir: string): [string, string][] {
  if (parameters.length === 0) return [];
  const [x, ...others] = parameters as [string, ...string[]];
  const xIndex = aggregate.columns.indexOf(x);
  if (aggregate.rows.some((row) => cellValue(row[xIndex] ?? '') === undefined)) return [];
  const flow = aggregate.columns.indexOf('flow');
  const metric = aggregate.columns.indexOf('metric');
  const mean = aggregate.columns.indexOf('mean');
  const charts: [string, string][] = [];
  const seen = new Set<string>();
  for (const row of aggregate.rows) {
    const key = `${row[flow]}\u0000${row[metric]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const where: [string, string][] = [
      ['flow', row[flow]!],
      ['metric', row[metric]!],
    ];
    const drawable = aggregate.rows.some((r) => r[flow] === row[flow] && r[metric] === row[metric] && Number.isFinite(Number(r[mean] === '' ? NaN : r[mean])));
    if (!drawable) continue;
    const svg = tableChart(aggregate, { x, y: 'mean', yLabel: metricLabel(row[metric]!), group: others, where, title: `${row[flow]}: ${row[metric]} (mean of the runs, 95% CI)` });
    charts.push([join(dir, 'charts', `${row[flow]}.${row[metric]}.svg`), svg]);
  }
  return charts;
}
