/**
 * Summaries across replications: for each point, flow and metric, the number of runs, the
 * mean, the sample standard deviation, a 95% confidence interval for the mean (Student t),
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

/** Summarises values (NaN ones, "no value", are left out). */
export function summarise(values: readonly number[]): Summary {
  const present = values.filter((v) => !Number.isNaN(v));
  const n = present.length;
  let sum = 0;
  for (const v of present) sum += v;
  const mean = n === 0 ? NaN : sum / n;
  let squares = 0;
  for (const v of present) squares += (v - mean) * (v - mean);
  const stddev = n < 2 ? NaN : Math.sqrt(squares / (n - 1));
  const halfWidth = n < 2 ? NaN : tQuantile(1 - (1 - SWEEP_CONFIDENCE) / 2, n - 1) * (stddev / Math.sqrt(n));
  const sorted = Float64Array.from(present).sort();
  return {
    n,
    mean,
    stddev,
    ciLow: mean - halfWidth,
    ciHigh: mean + halfWidth,
    halfWidth,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}
