/**
 * Charts from result tables: the series a CSV gives for a chosen x and y column (grouped,
 * filtered, with confidence intervals and the formula's value where the table has them), and
 * the default chart of every metric of a sweep. Cells with units ("1KB", "5ms", "10Mbps")
 * are read as numbers in base units; an axis is labelled in the unit of what it shows — the
 * metric's own unit for a metric's values — which is why the rows drawn must not mix metrics.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { lineChartSvg, type ChartSeries } from '../experiment/chart.js';
import { columnUnit, metricUnit, type Unit } from '../experiment/metric-units.js';
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
  /** Keep only rows whose column equals the value; several values for one column: any of them. */
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

/** The unit of a quantity of a kind written as scenario files write it ("5ms", "1KB", "10Mbps"). */
const QUANTITY_UNITS: Readonly<Record<QuantityKind, Unit>> = { duration: 'seconds', size: 'bytes', bandwidth: 'bits/s' };

/** Columns that say what a row measures: rows drawn as one series must agree on each. */
const IDENTITY_COLUMNS = ['metric', 'flow'] as const;

/** Columns that hold a metric's values, in the metric's unit (the rest: counts and ratios of them). */
const VALUE_COLUMNS: ReadonlySet<string> = new Set(['value', 'measured', 'expected', 'abs_error', 'mean', 'stddev', 'ci_low', 'ci_high', 'half_width', 'p50', 'p95', 'p99']);

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

/** What {@link chartSeries} gives: the series, and each axis' label and unit. */
export interface TableSeries {
  readonly series: ChartSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xUnit: Unit | undefined;
  readonly yUnit: Unit | undefined;
}

/** The rows `where` keeps (with their line in the file): for every column it names, the row has one of the values given. */
function selectedRows(table: Table, where: ChartSpec['where']): { row: readonly string[]; line: number }[] {
  const wanted = new Map<number, Set<string>>();
  for (const [column, value] of where ?? []) {
    const index = columnIndex(table, column);
    wanted.set(index, (wanted.get(index) ?? new Set()).add(value));
  }
  const kept = (row: readonly string[]): boolean => [...wanted].every(([index, values]) => values.has(row[index] ?? ''));
  return table.rows.flatMap((row, i) => (kept(row) ? [{ row, line: i + 2 }] : []));
}

/** Refuses rows that mix what they measure (two metrics, two flows) in a series. */
function requireOneIdentity(table: Table, rows: readonly (readonly string[])[], grouped: readonly string[]): void {
  for (const column of IDENTITY_COLUMNS) {
    const index = table.columns.indexOf(column);
    if (index < 0 || grouped.includes(column)) continue;
    const values = [...new Set(rows.map((row) => row[index] ?? ''))];
    if (values.length <= 1) continue;
    const shown = values.length > 3 ? `${values.slice(0, 3).join(', ')}, …` : values.join(', ');
    const remedy = column === 'metric' ? '' : `, or --group ${column}`;
    throw new ChartError(`column "${column}" has ${values.length} values in the selected rows (${shown}); add --where ${column}=<one of them>${remedy}`);
  }
}

/** A cell of the y column as a number (NaN for an empty cell: no value), with its quantity kind if it has a unit. */
function yValue(spec: ChartSpec, cell: string | undefined, line: number): { value: number; kind?: QuantityKind } {
  if (cell === undefined || cell === '') return { value: NaN };
  const parsed = cellValue(cell);
  if (parsed === undefined) throw new ChartError(`column "${spec.y}", line ${line}: "${cell}" is not a number or a quantity (e.g. 1KB, 5ms, 10Mbps); --y needs a column of numbers`);
  return parsed;
}

/**
 * The unit of a column's values: a quantity's, where the cells have units; the metric's, for
 * a column of a metric's values (mean, value, …); else the column's own, in a result file.
 */
function unitOf(table: Table, column: string, rows: readonly (readonly string[])[], kind: QuantityKind | undefined): Unit | undefined {
  if (kind !== undefined) return QUANTITY_UNITS[kind];
  const metric = table.columns.indexOf('metric');
  if (metric < 0 || !VALUE_COLUMNS.has(column)) return columnUnit(column);
  const units = new Set(rows.map((row) => metricUnit(row[metric] ?? '')));
  return units.size === 1 ? [...units][0] : undefined;
}

/**
 * The series `spec` asks for, and the axis labels and units.
 *
 * @throws {ChartError} for an unknown column, an x or y cell that is not a number or a
 *   quantity, rows that mix metrics or flows outside a group, or no rows at all.
 */
export function chartSeries(table: Table, spec: ChartSpec): TableSeries {
  const x = columnIndex(table, spec.x);
  const y = columnIndex(table, spec.y);
  const groups = (spec.group ?? []).map((column) => columnIndex(table, column));
  const selected = selectedRows(table, spec.where);
  const rows = selected.map(({ row }) => row);
  if (rows.length === 0) {
    const where = (spec.where ?? []).map(([c, v]) => `${c}=${v}`).join(', ');
    throw new ChartError(`no rows to draw${where === '' ? '' : ` where ${where}`}`);
  }
  requireOneIdentity(table, rows, spec.group ?? []);
  // A mean gets its interval as error bars; any y gets the formula's value if the table has it.
  const low = spec.y === 'mean' ? table.columns.indexOf('ci_low') : -1;
  const high = spec.y === 'mean' ? table.columns.indexOf('ci_high') : -1;
  const expected = table.columns.indexOf('expected');
  const number = (cell: string | undefined): number => (cell === undefined || cell === '' ? NaN : Number(cell));
  const bySeries = new Map<string, { points: ChartSeries['points'][number][]; expected: { x: number; y: number }[] }>();
  let xKind: QuantityKind | undefined;
  let yKind: QuantityKind | undefined;
  for (const { row, line } of selected) {
    const parsed = cellValue(row[x] ?? '');
    if (parsed === undefined) throw new ChartError(`column "${spec.x}": "${row[x]}" is not a number or a quantity (e.g. 1KB, 5ms, 10Mbps)`);
    xKind ??= parsed.kind;
    const yCell = yValue(spec, row[y], line);
    yKind ??= yCell.kind;
    const name = groups.length === 0 ? spec.y : groups.map((index) => `${table.columns[index]}=${row[index]}`).join(', ');
    let entry = bySeries.get(name);
    if (entry === undefined) {
      entry = { points: [], expected: [] };
      bySeries.set(name, entry);
    }
    entry.points.push({
      x: parsed.value,
      y: yCell.value,
      ...(low >= 0 && high >= 0 ? { low: number(row[low]), high: number(row[high]) } : {}),
    });
    if (expected >= 0 && expected !== y && Number.isFinite(number(row[expected]))) entry.expected.push({ x: parsed.value, y: number(row[expected]) });
  }
  const series = [...bySeries].map(([name, { points, expected: formula }]): ChartSeries => ({
    name,
    points,
    ...(formula.length > 0 ? { expected: formula } : {}),
  }));
  return { series, xLabel: spec.x, yLabel: spec.yLabel ?? spec.y, xUnit: unitOf(table, spec.x, rows, xKind), yUnit: unitOf(table, spec.y, rows, yKind) };
}

/** The chart `spec` asks for, as an SVG document. */
export function tableChart(table: Table, spec: ChartSpec): string {
  const { series, xLabel, yLabel, xUnit, yUnit } = chartSeries(table, spec);
  return lineChartSvg(series, {
    xLabel,
    yLabel,
    ...(xUnit === undefined ? {} : { xUnit }),
    ...(yUnit === undefined ? {} : { yUnit }),
    ...(spec.title === undefined ? {} : { title: spec.title }),
    ...(spec.logX === true ? { logX: true } : {}),
    ...(spec.logY === true ? { logY: true } : {}),
  });
}

/**
 * The default charts of a sweep's aggregate.csv: one per flow and metric, the mean (with its
 * 95% interval) against the first parameter, one series per value of the others, the formula
 * dashed. Returns [file name, SVG] pairs for `<dir>/charts/` (`<flow>.<metric>.svg`, a colon
 * in the flow written as `-`); none when the first parameter's
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
    const svg = tableChart(aggregate, { x, y: 'mean', yLabel: row[metric]!, group: others, where, title: `${row[flow]}: ${row[metric]} (mean of the runs, 95% CI)` });
    // A subject such as workload:broadcast is written workload-broadcast: a colon is no part
    // of a portable file name.
    charts.push([join(dir, 'charts', `${row[flow]!.replaceAll(':', '-')}.${row[metric]}.svg`), svg]);
  }
  return charts;
}
