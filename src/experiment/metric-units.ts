/**
 * The unit of every metric msgsim measures (the `metric` column of summary.csv, runs.csv and
 * aggregate.csv), in one table, so that charts label and format an axis by what the metric
 * is, not by what its name looks like: `delay_matched` counts messages, `delay_mean` is in
 * seconds. A new metric gets its row here; the tests fail on a metric that has none. The
 * columns of the per-run result files (messages.csv, links.csv, …) have a table of their own.
 */

/**
 * What a value measures: a duration (seconds), a bit rate (bits per second), a size (bytes),
 * a number of things, or a ratio (a fraction, usually of 1).
 */
export type Unit = 'seconds' | 'bits/s' | 'bytes' | 'count' | 'ratio';

/** Each metric's unit. */
const METRIC_UNITS: Readonly<Record<string, Unit>> = {
  // Delays and times.
  delay_idle: 'seconds',
  delay_min: 'seconds',
  delay_mean: 'seconds',
  delay_max: 'seconds',
  delay_p50: 'seconds',
  delay_p95: 'seconds',
  delay_p99: 'seconds',
  logical_delay_mean: 'seconds',
  logical_delay_p50: 'seconds',
  logical_delay_p95: 'seconds',
  logical_delay_p99: 'seconds',
  rtt_idle: 'seconds',
  rtt_mean: 'seconds',
  wait_mean: 'seconds',
  jitter_mean: 'seconds',
  end_s: 'seconds',
  // Rates.
  throughput: 'bits/s',
  // Fractions.
  reliability: 'ratio',
  corruption: 'ratio',
  delivered_ratio: 'ratio',
  coverage: 'ratio',
  loss_rate: 'ratio',
  duplicate_rate: 'ratio',
  // Numbers of messages, hops, frames or events (and a mean number of transmissions).
  delay_matched: 'count',
  rtt_matched: 'count',
  path_shortest: 'count',
  timeout_exact: 'count',
  dropped: 'count',
  duplicates: 'count',
  reordered: 'count',
  deliveries: 'count',
  broadcast_messages: 'count',
  subscriptions: 'count',
  not_subscribed: 'count',
  attempts_mean: 'count',
  events: 'count',
  // A workload's rows (stats/history/checkers/): shares, then counts; latencies below.
  availability: 'ratio',
  total_availability: 'ratio',
  operations: 'count',
  msgs_per_op: 'count',
  frames_sent: 'count',
  wrong_echoes: 'count',
  distinct_ids: 'count',
  duplicated_ids: 'count',
  attempted: 'count',
  acknowledged: 'count',
  stable: 'count',
  stable_exact: 'count',
  never_read: 'count',
  unexpected: 'count',
  lost: 'count',
  incomplete_final_reads: 'count',
  final_reads: 'count',
  wrong_final_reads: 'count',
  acknowledged_sum: 'count',
  possible_sum_max: 'count',
  keys: 'count',
  nonlinearizable_keys: 'count',
  undecided_keys: 'count',
  acknowledged_sends: 'count',
  polled_messages: 'count',
  inconsistent_offsets: 'count',
  lost_writes: 'count',
  unseen: 'count',
  nonmonotonic_sends: 'count',
  nonmonotonic_polls: 'count',
  internal_nonmonotonic_polls: 'count',
  poll_skips: 'count',
  internal_poll_skips: 'count',
  committed_offset_regressions: 'count',
};

/**
 * A workload's latency rows, named after their function and quantile
 * (`latency_<f>_<q>`, `stable_latency_read_<q>`, `stable_latency_exact_<q>`): seconds.
 */
const LATENCY_METRIC = /^(stable_)?latency_[a-z_]+_(p[0-9]+|max)$/;

/** The unit of each column of the result files that holds a quantity (see the README's Results). */
const COLUMN_UNITS: Readonly<Record<string, Unit>> = {
  bytes: 'bytes',
  sent_s: 'seconds',
  received_s: 'seconds',
  delivered_s: 'seconds',
  delay_s: 'seconds',
  settled_s: 'seconds',
  last_delivery_s: 'seconds',
  hops: 'count',
  messages: 'count',
  utilisation: 'ratio',
  mean_queue: 'count',
  max_queue: 'count',
  dropped_queue: 'count',
  dropped_fault: 'count',
  lost: 'count',
  corrupted: 'count',
  duplicated: 'count',
  attempts: 'count',
  copies: 'count',
  suppressed: 'count',
  receivers: 'count',
  reached: 'count',
  coverage: 'ratio',
  n: 'count',
  rel_error: 'ratio',
};

/** Every metric with a unit, in the table's order. */
export const METRICS_WITH_UNITS: readonly string[] = Object.keys(METRIC_UNITS);

/** A metric's unit; undefined for a name msgsim does not measure. */
export function metricUnit(metric: string): Unit | undefined {
  if (Object.hasOwn(METRIC_UNITS, metric)) return METRIC_UNITS[metric];
  return LATENCY_METRIC.test(metric) ? 'seconds' : undefined;
}

/** The unit of a column of a result file (e.g. `delay_s` of messages.csv); undefined for the others. */
export function columnUnit(column: string): Unit | undefined {
  return Object.hasOwn(COLUMN_UNITS, column) ? COLUMN_UNITS[column] : undefined;
}
