/**
 * Confidence intervals: how the checks of random quantities decide what "close enough"
 * means. Every interval here is two-sided at the level the checks use, 99.9%.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Confidence level of every interval the checks use. */
export const CONFIDENCE = 0.999;

/** Two-sided standard normal quantile for {@link CONFIDENCE}: about 3.2905. */
export const Z_999 = normalQuantile(1 - (1 - CONFIDENCE) / 2, 0, 1);

/** A closed interval. */
export type Interval = readonly [low: number, high: number];

/**
 * Wilson score interval for a binomial proportion: the set of success probabilities that a
 * two-sided score test at the level of `z` does not reject after `successes` in `trials`.
 * Returns [0, 1] when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_999): Interval {
  return wilsonScoreInterval(trials === 0 ? 0 : successes / trials, trials, z);
}

/**
 * Wilson score interval for a proportion `share` observed over `trials` trials, which may be
 * an effective number (trials divided by a design effect, for correlated trials): the set of
 * p with |share − p| ≤ z·sqrt(p(1 − p)/trials). Always inside [0, 1]; [0, 1] without trials.
 */
export function wilsonScoreInterval(share: number, trials: number, z: number = Z_999): Interval {
  if (!(trials > 0)) return [0, 1];
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (share + z2 / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((share * (1 - share)) / trials + z2 / (4 * trials * trials));
  // At a share of 0 or 1 the bound is exactly 0 or 1; computing it would round to 1 - 1e-16.
  const low = share <= 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = share >= 1 ? 1 : Math.min(1, centre + halfWidth);
  return [low, high];
}

/**
 * Wilson interval for a share measured over correlated trials: `trials` trials whose share
 * has variance `variance`/`trials` (per trial, correlation included) count as
 * trials·q(1 − q)/variance independent ones at the reference share q (Kish's effective
 * sample size: trials over the design effect). With no spread to compare (q ∈ {0, 1}) the
 * trials count as they are.
 */
export function effectiveWilsonInterval(share: number, trials: number, variance: number, reference: number, z: number = Z_999): Interval {
  const binomial = reference * (1 - reference);
  const effective = binomial > 0 && variance > 0 ? (trials * binomial) / variance : trials;
  return wilsonScoreInterval(share, effective, z);
}

/**
 * Interval for a mean from `n` observations with the given asymptotic variance (per
 * observation, correlation included): mean ± z·sqrt(variance / n).
 */
export function normalInterval(mean: number, variance: number, n: number, z: number = Z_999): Interval {
  const halfWidth = z * Math.sqrt(variance / n);
  return [mean - halfWidth, mean + halfWidth];
}

/** Result of the method of batch means. */
export interface BatchMeans {
  readonly mean: number;
  readonly interval: Interval;
  readonly batches: number;
  /** Observations dropped at the start as warm-up. */
  readonly warmup: number;
  /** Observations in each batch: the batches cover values[warmup .. warmup + batches·batchSize). */
  readonly batchSize: number;
}

/**
 * The method of batch means for the mean of a correlated series (such as successive waits
 * in a queue): drop the first `warmupFraction` of the series, cut the rest into `batches`
 * equal batches, and treat the batch means as independent; the interval is Student t with
 * batches − 1 degrees of freedom. Undefined when there are fewer than 2 observations a batch.
 */
export function batchMeans(
  values: ArrayLike<number>,
  options: { batches?: number; warmupFraction?: number } = {},
): BatchMeans | undefined {
  const batches = options.batches ?? 20;
  const warmup = Math.floor(values.length * (options.warmupFraction ?? 0.1));
  const size = Math.floor((values.length - warmup) / batches);
  if (size < 2) return undefined;
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = warmup + b * size; i < warmup + (b + 1) * size; i++) sum += values[i]!;
    means.push(sum / size);
  }
  const mean = means.reduce((a, b) => a + b, 0) / batches;
  const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / (batches - 1);
  const halfWidth = tQuantile(1 - (1 - CONFIDENCE) / 2, batches - 1) * Math.sqrt(variance / batches);
  return { mean, interval: [mean - halfWidth, mean + halfWidth], batches, warmup, batchSize: size };
}
