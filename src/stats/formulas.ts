/**
 * The textbook formulas msgsim checks itself against, as plain functions.
 *
 *     delay       = size / bandwidth + propagation_delay        (one idle link)
 *     throughput  = data_size / time
 *     reliability = successful_transmissions / total_transmissions
 *
 * Sizes are in bytes, bandwidths in bits per second, times in seconds.
 */

/** Time to serialise `bytes` at `bandwidthBitsPerSecond`, in seconds. */
export function transmissionSeconds(bytes: number, bandwidthBitsPerSecond: number): number {
  return (bytes * 8) / bandwidthBitsPerSecond;
}

/** Delay of a message sent onto an idle link: size / bandwidth + propagation. */
export function idleLinkDelay(bytes: number, bandwidthBitsPerSecond: number, delaySeconds: number): number {
  return transmissionSeconds(bytes, bandwidthBitsPerSecond) + delaySeconds;
}

/**
 * Throughput of messages sent back to back at time 0 onto an idle link, in bits per second,
 * when `delivered` of them arrive and the last to arrive is the `last`-th one sent:
 *
 *     T = delivered * s / (last * s / B + d)        (s = size in bits)
 *
 * With no loss (delivered = last = n) this is B / (1 + d B / (n s)), which approaches the
 * bandwidth B from below as n grows; the gap is d B / (n s + d B).
 */
export function backToBackThroughput(
  delivered: number,
  last: number,
  bytes: number,
  bandwidthBitsPerSecond: number,
  delaySeconds: number,
): number {
  const bits = bytes * 8;
  return (delivered * bits) / ((last * bits) / bandwidthBitsPerSecond + delaySeconds);
}

/** Two-sided standard normal quantile for the 99.9% level used by the reliability check. */
export const Z_999 = 3.2905267314919255;

/**
 * Wilson score interval for a binomial proportion: the set of success probabilities that a
 * two-sided score test at the level of `z` does not reject after `successes` in `trials`.
 * Returns [0, 1] when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number, z: number): [number, number] {
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At p = 0 or 1 the bound is exactly 0 or 1; computing it would round to 1 - 1e-16.
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === trials ? 1 : Math.min(1, centre + halfWidth);
  return [low, high];
}
