/**
 * The human-readable summary printed after each run: what ran, the outcome counts and
 * measurements per label on the wire and per flow's logical messages, and the formula checks.
 */
import { allRows, type CheckReport, type CheckRow } from '../stats/checks/index.js';
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
    humanMetric(row, row.measured),
    humanMetric(row, row.expected),
    Number.isNaN(row.relError) ? '-' : row.relError === 0 ? '0' : row.relError.toExponential(1),
    row.tolerance,
    row.ok ? 'ok' : 'FAIL',
    row.formula,
  ]);
  return formatTable([header, ...rows]);
}

/** Counts of passed and failed checks. */
export function checkCounts(report: CheckReport): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const row of allRows(report)) row.ok ? passed++ : failed++;
  return { passed, failed };
}

const DURATION_METRICS = new Set(['delay_idle', 'delay_min', 'delay_mean', 'delay_max', 'wait_mean', 'jitter_mean', 'rtt_idle', 'rtt_mean']);
const RATIO_METRICS = new Set(['reliability', 'corruption', 'loss_rate', 'duplicate_rate', 'delivered_ratio', 'coverage']);

function humanMetric(row: CheckRow, value: number): string {
  if (DURATION_METRICS.has(row.metric)) return human(value, 'duration', 10);
  if (row.metric === 'throughput') return human(value, 'bandwidth', 10);
  if (RATIO_METRICS.has(row.metric)) return value.toPrecision(6);
  return String(value);
}

function human(value: number, kind: QuantityKind, digits?: number): string {
  return Number.isNaN(value) ? '-' : formatQuantity(value, kind, digits);
}
