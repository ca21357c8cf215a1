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
 * Delay of a message over an idle path, store and forward: each hop serialises the whole
 * message, so Σ (size / bandwidth_i + propagation_i).
 */
export function idlePathDelay(bytes: number, hops: readonly { bandwidthBitsPerSecond: number; delaySeconds: number }[]): number {
  let total = 0;
  for (const hop of hops) total += idleLinkDelay(bytes, hop.bandwidthBitsPerSecond, hop.delaySeconds);
  return total;
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

/**
 * Mean waiting time in the queue of an M/G/1 server (Pollaczek–Khinchine), in seconds, for
 * Poisson arrivals at rate λ and service times S:
 *
 *     W = λ E[S²] / (2 (1 − ρ)),   ρ = λ E[S]
 *
 * Constant service (M/D/1) gives ρ / (2μ(1 − ρ)); exponential service (M/M/1) gives
 * ρ / (μ − λ). Infinity when ρ ≥ 1.
 */
export function meanWaitMG1(arrivalRate: number, serviceMean: number, serviceSecondMoment: number): number {
  const rho = arrivalRate * serviceMean;
  return rho >= 1 ? Infinity : (arrivalRate * serviceSecondMoment) / (2 * (1 - rho));
}
