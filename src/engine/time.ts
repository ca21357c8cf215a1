/**
 * Virtual time: one representation for the whole simulator.
 *
 * Time is a float64 number of seconds since the start of the run. Every transmission time
 * size_bits / bandwidth and every sum with a propagation delay is then computed to IEEE-754
 * double precision: each operation has a relative error of at most 2^-53 (about 1.1e-16),
 * and the absolute resolution at time t is t * 2^-52 (0.22 ns at t = 10^6 s). A delay d
 * measured as arrival - send at time t is therefore exact to about 2 ulp(t) / d, far below the
 * 1e-9 relative tolerance the formula checks use, unless a run spans more than ~10^6 times
 * the delays it measures. Integer nanoseconds would round every transmission time instead.
 *
 * IEEE arithmetic in JavaScript is deterministic, so the same inputs give the same bits on
 * every machine.
 */

/** Seconds of virtual time. */
export type Seconds = number;

/** Throws a RangeError unless `value` is a finite number ≥ 0 (a programming error). */
export function assertTime(value: number, what: string): void {
  if (!(value >= 0) || value === Infinity) {
    throw new RangeError(`${what} must be a finite number of seconds >= 0, got ${value}`);
  }
}
