/**
 * The human-readable summary printed after each run: what ran, the per-flow outcome counts
 * and measurements, and the formula checks.
 */
import type { CheckRow, FlowCheck } from '../stats/checks.js';
import type { RunRecord } from '../stats/record.js';
import { formatQuantity, type QuantityKind } from '../scenario/units.js';
import { formatTable } from './table.js';

/** One line saying what ran and how it stopped. */
export function runHeadline(record: RunRecord, outDir: string | undefined): string {
  const stop = record.stopReason === 'idle' ? 'no events left' : record.stopReason;
  const where = outDir === undefined ? '' : ` -> ${outDir}`;
  return `${record.name}: seed ${record.seed}, ${record.events} events, ended at t=${formatQuantity(record.endTime, 'duration')} (${stop})${where}`;
}

/** The per-flow table: outcome counts, delay, throughput, reliability. */
export function flowTable(checks: readonly FlowCheck[]): string {
  const header = ['flow', 'sent', 'delivered', 'lost', 'dropped', 'in_flight', 'delay_mean', 'throughput', 'reliability'];
  const rows = checks.map(({ metrics: m }) => [
    m.flow,
    String(m.sent),
    String(m.delivered),
    String(m.lost),
    String(m.dropped),
    String(m.inFlight),
    human(m.delayMean, 'duration'),
    human(m.throughputBitsPerSecond, 'bandwidth'),
    Number.isNaN(m.reliability) ? '-' : m.reliability.toPrecision(6),
  ]);
  return formatTable([header, ...rows]);
}

/** The check table: every formula check with its verdict. */
export function checkTable(checks: readonly FlowCheck[]): string {
  const header = ['flow', 'metric', 'measured', 'expected', 'rel_error', 'tolerance', 'ok', 'formula'];
  const rows = checks.flatMap((check) =>
    check.rows.map((row) => [
      row.flow,
      row.metric,
      humanMetric(row, row.measured),
      humanMetric(row, row.expected),
      Number.isNaN(row.relError) ? '-' : row.relError === 0 ? '0' : row.relError.toExponential(1),
      row.tolerance,
      row.ok ? 'ok' : 'FAIL',
      row.formula,
    ]),
  );
  return formatTable([header, ...rows]);
}

/** Counts of passed and failed checks. */
export function checkCounts(checks: readonly FlowCheck[]): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const check of checks) for (const row of check.rows) row.ok ? passed++ : failed++;
  return { passed, failed };
}

function humanMetric(row: CheckRow, value: number): string {
  if (row.metric.startsWith('delay_') && row.metric !== 'delay_matched') return human(value, 'duration', 10);
  if (row.metric === 'throughput') return human(value, 'bandwidth', 10);
  if (row.metric === 'reliability') return value.toPrecision(6);
  return String(value);
}

function human(value: number, kind: QuantityKind, digits?: number): string {
  return Number.isNaN(value) ? '-' : formatQuantity(value, kind, digits);
}
