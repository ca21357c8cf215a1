/**
 * What one run of a sweep contributes: per flow, every formula check's measured and
 * expected value (delay, throughput, reliability, …, and for tracked flows the logical
 * messages' metrics), plus the delay percentiles of its delivered messages and, for flows
 * with logical messages, the mean and percentiles of their end-to-end delay (first send to
 * first hand-over to the application, retransmissions included); a workload's rows (its
 * checker's counts, msgs_per_op, latencies); and for the run as a whole, its events and end
 * time.
 */
import { Outcome } from '../net/outcome.js';
import type { CheckReport } from '../stats/checks/index.js';
import { endsAtReceiver, ledgerRowsByFlow } from '../stats/delivery-metrics.js';
import { idsOfFlow, messageIdsByFlow } from '../stats/flow-metrics.js';
import type { RunRecord } from '../stats/record.js';

/** One measurement of a run. `expected` is NaN where no formula gives one. */
export interface RunMetric {
  readonly flow: string;
  readonly metric: string;
  readonly value: number;
  readonly expected: number;
}

/** The flow name of the metrics about the run as a whole (no flow can be named so). */
export const RUN_SUBJECT = '(run)';

/** Percentiles of per-message delay reported per run. */
export const DELAY_PERCENTILES = [50, 95, 99] as const;

/** The p-th percentile (nearest rank) of sorted values; NaN if there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * The metrics of a finished run, flow by flow in scenario order; `checks` should have been
 * made with the same `since` (messages sent before it are not measured).
 */
export function runMetrics(record: RunRecord, checks: CheckReport, since = 0): RunMetric[] {
  const metrics: RunMetric[] = [];
  const journal = record.journal;
  const byFlow = messageIdsByFlow(journal);
  const rowsByFlow = ledgerRowsByFlow(record.ledger);
  for (const flow of record.flows) {
    for (const row of checks.flows.find((f) => f.metrics.flow === flow.name)?.rows ?? []) {
      metrics.push({ flow: flow.name, metric: row.metric, value: row.measured, expected: row.expected });
    }
    for (const row of checks.deliveries.find((f) => f.metrics.flow === flow.name)?.rows ?? []) {
      metrics.push({ flow: flow.name, metric: row.metric, value: row.measured, expected: row.expected });
    }
    const delays: number[] = [];
    for (const id of idsOfFlow(journal, byFlow, flow.name)) {
      if (journal.copyOf[id] === -1 && journal.outcome[id] === Outcome.Delivered && journal.sentAt[id]! >= since) {
        delays.push(journal.receivedAt[id]! - journal.sentAt[id]!);
      }
    }
    const sorted = Float64Array.from(delays).sort();
    for (const p of DELAY_PERCENTILES) metrics.push({ flow: flow.name, metric: `delay_p${p}`, value: percentile(sorted, p), expected: NaN });
    const rows = rowsByFlow.get(flow.name);
    if (rows !== undefined) metrics.push(...logicalDelayMetrics(record, flow.name, rows, since));
  }
  // A workload's rows (verdicts and measurements), under its subject.
  for (const row of checks.workload) metrics.push({ flow: row.flow, metric: row.metric, value: row.measured, expected: row.expected });
  // Every run has these, whatever its flows: what it cost, and where it ended.
  metrics.push({ flow: RUN_SUBJECT, metric: 'events', value: record.events, expected: NaN });
  metrics.push({ flow: RUN_SUBJECT, metric: 'end_s', value: record.endTime, expected: NaN });
  return metrics;
}

/**
 * logical_delay_mean and logical_delay_p50/p95/p99 of a flow's logical messages (ledger rows
 * that end at a receiver, opened from `since` on): the time from the first send to the first
 * hand-over to the receiving application, over those handed over; NaN when none was.
 */
function logicalDelayMetrics(record: RunRecord, flow: string, rows: readonly number[], since: number): RunMetric[] {
  const ledger = record.ledger;
  const delays: number[] = [];
  let sum = 0;
  for (const row of rows) {
    if (!endsAtReceiver(ledger, row) || ledger.copies[row]! === 0 || ledger.openedAt[row]! < since) continue;
    const delay = ledger.deliveredAt[row]! - ledger.openedAt[row]!;
    delays.push(delay);
    // In row order, as deliveries' delay_mean sums it, so the two agree to the bit.
    sum += delay;
  }
  const sorted = Float64Array.from(delays).sort();
  return [
    { flow, metric: 'logical_delay_mean', value: delays.length === 0 ? NaN : sum / delays.length, expected: NaN },
    ...DELAY_PERCENTILES.map((p) => ({ flow, metric: `logical_delay_p${p}`, value: percentile(sorted, p), expected: NaN })),
  ];
}
