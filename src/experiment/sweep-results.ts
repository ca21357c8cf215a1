/**
 * The result files of a sweep, as CSV text: runs.csv (one row per run, flow and metric, the
 * swept parameters as columns) and aggregate.csv (one row per point, flow and metric, over
 * the replications). Rows come in point, replication and metric order whatever order the
 * runs finished in, so one machine, many workers or merged shards write the same bytes.
 */
import { stringify } from 'csv-stringify/sync';
import { unitOf } from '../stats/checks/index.js';
import { summarise } from './aggregate.js';
import { numberCell } from './format.js';
import type { RunMetric } from './run-metrics.js';

/** A finished run of a sweep. */
export interface SweepRunResult {
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  readonly metrics: readonly RunMetric[];
}

/** What the result files need to know about the sweep. */
export interface SweepLayout {
  /** Parameter paths, as columns. */
  readonly parameters: readonly string[];
  /** Each point's parameter values, in `parameters` order. */
  readonly points: readonly (readonly unknown[])[];
}

/** Columns of runs.csv after the parameter columns. */
export const RUN_COLUMNS = ['flow', 'metric', 'value', 'expected'] as const;
/** Columns of aggregate.csv after the parameter columns. */
export const AGGREGATE_COLUMNS = ['flow', 'metric', 'n', 'mean', 'stddev', 'ci_low', 'ci_high', 'half_width', 'p50', 'p95', 'p99', 'expected'] as const;

/** A parameter value as a cell: as written (a string, a number), else JSON. */
export function parameterCell(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** Runs in point and replication order. */
function ordered(runs: readonly SweepRunResult[]): SweepRunResult[] {
  return [...runs].sort((a, b) => a.point - b.point || a.replication - b.replication);
}

/** runs.csv. */
export function runsCsv(layout: SweepLayout, runs: readonly SweepRunResult[]): string {
  const rows: string[][] = [['point', 'replication', 'seed', ...layout.parameters, ...RUN_COLUMNS]];
  for (const run of ordered(runs)) {
    const parameters = layout.points[run.point]!.map(parameterCell);
    for (const m of run.metrics) {
      rows.push([String(run.point), String(run.replication), String(run.seed), ...parameters, m.flow, m.metric, numberCell(m.value), numberCell(m.expected)]);
    }
  }
  return stringify(rows);
}

/** aggregate.csv. */
export function aggregateCsv(layout: SweepLayout, runs: readonly SweepRunResult[]): string {
  const rows: string[][] = [['point', ...layout.parameters, ...AGGREGATE_COLUMNS]];
  const byPoint = new Map<number, SweepRunResult[]>();
  for (const run of ordered(runs)) {
    const list = byPoint.get(run.point) ?? [];
    list.push(run);
    byPoint.set(run.point, list);
  }
  for (const [point, list] of byPoint) {
    const series = new Map<string, { flow: string; metric: string; values: number[]; expected: number[] }>();
    for (const run of list) {
      for (const m of run.metrics) {
        const key = `${m.flow}\u0000${m.metric}`;
        let entry = series.get(key);
        if (entry === undefined) {
          entry = { flow: m.flow, metric: m.metric, values: [], expected: [] };
          series.set(key, entry);
        }
        entry.values.push(m.value);
        entry.expected.push(m.expected);
      }
    }
    const parameters = layout.points[point]!.map(parameterCell);
    for (const { flow, metric, values, expected } of series.values()) {
      const s = summarise(values, unitOf(metric) === 'ratio' ? [0, 1] : undefined);
      const e = summarise(expected);
      rows.push([
        String(point),
        ...parameters,
        flow,
        metric,
        String(s.n),
        ...[s.mean, s.stddev, s.ciLow, s.ciHigh, s.halfWidth, s.p50, s.p95, s.p99, e.mean].map(numberCell),
      ]);
    }
  }
  return stringify(rows);
}
