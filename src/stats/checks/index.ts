/**
 * Formula checks: every flow's and link's measurements against the formulas, one row per
 * metric. A check is a function from its context to rows; adding one is one module plus one
 * entry in the lists below. docs/formulas.md describes each row.
 */
import type { RunRecord } from '../record.js';
import type { FlowMetrics } from '../flow-metrics.js';
import { bernoulliRows } from './bernoulli.js';
import { flowContexts, runContext, type FlowContext } from './context.js';
import { delayRows } from './delay.js';
import { linkRows } from './links.js';
import { droppedRows, waitRows } from './queueing.js';
import { routeRows } from './routes.js';
import type { CheckRow } from './rows.js';
import { throughputRows } from './throughput.js';

/** Checks of one flow, with the measurements they were computed from. */
export interface FlowCheck {
  readonly metrics: FlowMetrics;
  readonly rows: readonly CheckRow[];
}

/** Every check of a run. */
export interface CheckReport {
  readonly flows: readonly FlowCheck[];
  /** Rows about link directions (subject `link:<link>:<from>><to>`). */
  readonly links: readonly CheckRow[];
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

/** Runs every formula check of a run. */
export function checkRun(record: RunRecord): CheckReport {
  const run = runContext(record);
  const flows = flowContexts(run).map((flow) => ({ metrics: flow.metrics, rows: FLOW_CHECKS.flatMap((check) => check(flow)) }));
  return { flows, links: linkRows(run) };
}

/** All rows of a report: flows first (in scenario order), then links. */
export function allRows(report: CheckReport): CheckRow[] {
  return [...report.flows.flatMap((flow) => flow.rows), ...report.links];
}

export { EXACT_RELATIVE_TOLERANCE, type CheckRow } from './rows.js';
