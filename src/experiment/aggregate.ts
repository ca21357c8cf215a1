/**
 * Summaries across replications: for each point, flow and metric, the number of runs, the
 * mean, the sample standard deviation, a 95% confidence interval for the mean (Student t,
 * kept inside the values the metric can take),
 * and the median and upper percentiles of the runs' values. Pure arithmetic in a fixed order,
 * so the same runs always give the same bytes.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { percentile } from './run-metrics.js';

/** Confidence level of the intervals in aggregate.csv. */
export const SWEEP_CONFIDENCE = 0.95;

/** The summary of one metric's values over the replications of a point. */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN for one run. */
  readonly stddev: number;
  /** 95% Student t interval for the mean; NaN for one run. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Half the interval's width; NaN for one run. */
  readonly halfWidth: number;
  /** Nearest-rank percentiles of the runs' values. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/**
 * Summarises values (NaN ones, "no value", are left out). With `range` — the values a metric
 * can take, [0, 1] for a share — the interval is cut to it: the mean lies in it for sure, so
 * the cut interval covers the mean as often, and a share's interval never leaves [0, 1].
 * `halfWidth` stays the Student t half-width.
 */
export function summarise(values: readonly number[], range: readonly [number, number] = [-Infinity, Infinity]): Summary {
  const present = values.filter((v) => !Number.isNaN(v));
  const n = present.length;
  let sum = 0;
  for (const v of present) sum += v;
  // Runs that all measured (or expected) the same value have that mean, not it plus the sum's rounding.
  const mean = n === 0 ? NaN : present.every((v) => v === present[0]) ? present[0]! : sum / n;
  let squares = 0;
  for (const v of present) squares += (v - mean) * (v - mean);
  const stddev = n < 2 ? NaN : Math.sqrt(squares / (n - 1));
  const halfWidth = n < 2 ? NaN : tQuantile(1 - (1 - SWEEP_CONFIDENCE) / 2, n - 1) * (stddev / Math.sqrt(n));
  const sorted = Float64Array.from(present).sort();
  return {
    n,
    mean,
    stddev,
    ciLow: Math.max(range[0], mean - halfWidth),
    ciHigh: Math.min(range[1], mean + halfWidth),
    halfWidth,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}
