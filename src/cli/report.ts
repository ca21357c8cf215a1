/**
 * The human-readable summary printed after each run: what ran, the outcome counts and
 * measurements per label on the wire and per flow's logical messages, and the formula checks.
 */
import { allRows, toleranceText, type CheckReport, type MetricUnit } from '../stats/checks/index.js';
import type { RunRecord } from '../stats/record.js';
import { formatQuantity, type QuantityKind } from '../scenario/units.js';
import { excerpt, formatEvents } from '../trace/explain.js';
import type { TraceOutcome } from '../trace/recorder.js';
import { formatTable } from './table.js';

/** One line saying what ran and how it stopped. */
export function runHeadline(record: RunRecord, outDir: string | undefined): string {
  const stop = record.stopReason === 'idle' ? 'no events left' : record.stopReason;
  const where = outDir === undefined ? '' : ` -> ${outDir}`;
  return `${record.name}: seed ${record.seed}, ${record.events} events, ended at t=${formatQuantity(record.endTime, 'duration')} (${stop})${where}`;
}

/** The per-label table of frames on the wire: outcome counts, delay, throughput. */
export function flowTable(report: CheckReport): string {
  const header = ['flow', 'sent', 'delivered', 'lost', 'dropped', 'fault', 'corrupted', 'in_flight', 'dup', 'delay_mean', 'throughput'];
  const rows = report.flows.map(({ metrics: m }) => [
    m.flow,
    String(m.sent),
    String(m.delivered),
    String(m.lost),
    String(m.dropped),
    String(m.droppedFault),
    String(m.corrupted),
    String(m.inFlight),
    String(m.duplicatesDelivered),
    human(m.delayMean, 'duration'),
    human(m.throughputBitsPerSecond, 'bandwidth'),
  ]);
  return formatTable([header, ...rows]);
}

/** The per-flow table of logical messages (flows the ledger tracks), or undefined if there are none. */
export function deliveryTable(report: CheckReport): string | undefined {
  if (report.deliveries.length === 0) return undefined;
  const header = ['flow', 'messages', 'delivered', 'dup', 'suppressed', 'retried', 'gave_up', 'unsubscribed', 'replied', 'timed_out', 'completed', 'delay_mean', 'settle_mean'];
  const rows = report.deliveries.map(({ metrics: m }) => [
    m.flow,
    String(m.messages),
    String(m.delivered),
    String(m.duplicates),
    String(m.suppressed),
    String(m.retried),
    String(m.gaveUp),
    String(m.notSubscribed),
    String(m.replied),
    String(m.timedOut),
    String(m.completed),
    human(m.delayMean, 'duration'),
    human(m.settleMean, 'duration'),
  ]);
  return formatTable([header, ...rows]);
}

/**
 * The workload's rows of a program run: its verdicts and the measurements Maelstrom users
 * look at first (per-function latency quantiles stay in summary.csv); undefined without a workload.
 */
export function workloadTable(report: CheckReport): string | undefined {
  const rows = report.workload.filter((row) => !row.metric.startsWith('latency_'));
  if (rows.length === 0) return undefined;
  const header = ['workload', 'metric', 'measured', 'target', 'ok', 'evidence'];
  const lines = rows.map((row) => [
    row.flow,
    row.metric,
    humanMetric(row.unit, row.measured, 6),
    row.tolerance === 'informational' ? '-' : row.tolerance === 'exact' ? humanMetric(row.unit, row.expected, 6) : row.tolerance,
    row.tolerance === 'informational' ? '' : row.ok ? 'ok' : 'FAIL',
    row.evidence === undefined ? '' : row.evidence.length > 60 ? `${row.evidence.slice(0, 59)}…` : row.evidence,
  ]);
  return formatTable([header, ...lines]);
}

/** What the invariants of a protocol run found: all held, or the violation and its story. */
export function violationReport(trace: TraceOutcome): string {
  const counts = `${trace.counts.app_send} messages sent, ${trace.counts.app_deliver} delivered, ${trace.counts.app_reply} replies`;
  const violation = trace.violation;
  if (violation === undefined) return `  invariants: all held (${counts})`;
  const story = trace.events.length === 0 ? [] : formatEvents(excerpt(trace.events, violation.messages)).split('\n');
  return [`  invariants: VIOLATED: ${violation.invariant}: ${violation.message} (${counts})`, ...story.map((line) => `    ${line}`)].join('\n');
}

/** The check table: every formula check with its verdict. */
export function checkTable(report: CheckReport): string {
  const header = ['flow', 'metric', 'measured', 'expected', 'rel_error', 'tolerance', 'ok', 'formula'];
  const rows = allRows(report).map((row) => [
    row.flow,
    row.metric,
    humanMetric(row.unit, row.measured, 10),
    humanMetric(row.unit, row.expected, 10),
    Number.isNaN(row.relError) ? '-' : row.relError === 0 ? '0' : row.relError.toExponential(1),
    // An interval's bounds in the unit of the values beside it.
    toleranceText(row, (bound) => humanMetric(row.unit, bound, 6)),
    row.ok ? 'ok' : 'FAIL',
    row.formula,
  ]);
  return formatTable([header, ...rows]);
}

/** Counts of passed and failed checks (a row reported for information is not a check). */
export function checkCounts(report: CheckReport): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const row of allRows(report)) if (row.tolerance !== 'informational') row.ok ? passed++ : failed++;
  return { passed, failed };
}

/** A check's value for people: durations and bandwidths with units (`digits` significant), shares to six digits. */
function humanMetric(unit: MetricUnit, value: number, digits: number): string {
  if (Number.isNaN(value)) return '-';
  switch (unit) {
    case 'seconds':
      return human(value, 'duration', digits);
    case 'bits_per_second':
      return human(value, 'bandwidth', digits);
    case 'ratio':
      return value.toPrecision(6);
    case 'number':
      return digits >= 10 ? String(value) : String(Number(value.toPrecision(digits)));
  }
}

function human(value: number, kind: QuantityKind, digits?: number): string {
  return Number.isNaN(value) ? '-' : formatQuantity(value, kind, digits);
}
