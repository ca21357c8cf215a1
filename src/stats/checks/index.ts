/**
 * Formula checks: every flow's and link's measurements against the formulas, one row per
 * metric — per labelled stream of frames on the wire, per flow's logical messages (the
 * delivery ledger), and per link direction. A check is a function from its context to rows;
 * adding one is one module plus one entry in the list below, or, for a check of one
 * pattern's logical messages, in the `checks` of its definition (scenario/patterns/).
 * docs/formulas.md describes each row.
 */
import type { RunRecord } from '../record.js';
import type { DeliveryMetrics } from '../delivery-metrics.js';
import type { FlowMetrics } from '../flow-metrics.js';
import { bernoulliRows } from './bernoulli.js';
import { deliveryContexts, flowContexts, runContext, type FlowContext } from './context.js';
import { delayRows } from './delay.js';
import { linkRows } from './links.js';
import { patternOf } from './pattern.js';
import { droppedRows, waitRows } from './queueing.js';
import { routeRows } from './routes.js';
import type { CheckRow } from './rows.js';
import { throughputRows } from './throughput.js';
import { workloadRows } from '../history/checkers/index.js';

/** Checks of one flow, with the measurements they were computed from. */
export interface FlowCheck {
  readonly metrics: FlowMetrics;
  readonly rows: readonly CheckRow[];
}

/** Checks of one flow's logical messages, with the measurements they were computed from. */
export interface DeliveryCheck {
  readonly metrics: DeliveryMetrics;
  readonly rows: readonly CheckRow[];
}

/** Every check of a run. */
export interface CheckReport {
  /** Per label on the wire: each flow's own frames, then its other frames (replies, events, acks, …). */
  readonly flows: readonly FlowCheck[];
  /** Per flow, over its ledger rows (flows the ledger tracks: all but at-most-once point-to-point). */
  readonly deliveries: readonly DeliveryCheck[];
  /** Rows about link directions (subject `link:<link>:<from>><to>`). */
  readonly links: readonly CheckRow[];
  /** Rows about what a workload's clients observed (subject `workload:<kind>`). */
  readonly workload: readonly CheckRow[];
}

/** The checks run for every flow, in the order their rows appear. */
const FLOW_CHECKS: readonly ((flow: FlowContext) => CheckRow[])[] = [
  delayRows,
  throughputRows,
  routeRows,
  bernoulliRows,
  droppedRows,
  waitRows,
];

/**
 * Runs every formula check of a run: those of every labelled stream, each flow's pattern's
 * own checks of its logical messages, and the links'. With `since`, flows measure only the
 * messages sent (and logical messages opened) from then on: a warm-up left out.
 */
export function checkRun(record: RunRecord, options: { since?: number } = {}): CheckReport {
  const run = runContext(record, options.since ?? 0);
  const flows = flowContexts(run).map((flow) => ({ metrics: flow.metrics, rows: FLOW_CHECKS.flatMap((check) => check(flow)) }));
  const deliveries = deliveryContexts(run)
    .filter((flow) => flow.rows.length > 0)
    .map((flow) => ({ metrics: flow.metrics, rows: patternOf(record, flow.spec).checks.flatMap((check) => check(flow)) }));
  const report = { flows, deliveries, links: linkRows(run), workload: workloadRows(record) };
  return record.real === undefined ? report : informational(report, record.real.network);
}

/**
 * A real run's report: every row the scenario's links predict is kept for its measurement
 * but not judged (ok, tolerance "informational"), since the frames crossed another network;
 * the workload's rows, which judge what clients observed, stand.
 */
function informational(report: CheckReport, network: string): CheckReport {
  const evidence = `measured on a real network (${network}); the formula is the scenario's links'`;
  const mark = (row: CheckRow): CheckRow => {
    const { interval: _interval, ...rest } = row;
    return { ...rest, ok: true, tolerance: 'informational', evidence };
  };
  return {
    flows: report.flows.map((flow) => ({ metrics: flow.metrics, rows: flow.rows.map(mark) })),
    deliveries: report.deliveries.map((flow) => ({ metrics: flow.metrics, rows: flow.rows.map(mark) })),
    links: report.links.map(mark),
    workload: report.workload,
  };
}

/** All rows of a report: wire labels first (in scenario order), then logical messages, then links, then the workload's. */
export function allRows(report: CheckReport): CheckRow[] {
  return [...report.flows.flatMap((flow) => flow.rows), ...report.deliveries.flatMap((flow) => flow.rows), ...report.links, ...report.workload];
}

export { EXACT_RELATIVE_TOLERANCE, toleranceText, unitOf, type CheckRow, type IntervalTolerance, type MetricUnit } from './rows.js';
