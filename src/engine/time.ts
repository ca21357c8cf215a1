/**
 * Virtual time: one representation for the whole simulator.
 *
 * Time is a float64 number of seconds since the start of the run. Transmission times
 * (size_bits / bandwidth) and their sums with propagation delays are computed in IEEE-754
 * double precision, each operation correctly rounded (relative error ≤ 2^-53 ≈ 1.1e-16).
 * What limits precision is the size of the clock itself: near time t, consecutive doubles
 * are ulp(t) = 2^(⌊log2 t⌋ − 52) apart (2.2e-16 s at t = 1 s, 1.1e-13 s at 1000 s, 1.2e-10 s
 * at 10^6 s). A delay d measured as arrival − send near time t is therefore off from
 * size/bandwidth + delay by at most about 2 ulp(t): a relative error ≤ 1e-9 whenever
 * t ≤ 2·10^6 · d (a 10 ms delay stays exact to 1e-9 for the first 5.5 hours, a 1 µs delay
 * for 2 s), and an absolute error below a picosecond for any run shorter than an hour.
 * Integer nanoseconds, by contrast, round every transmission time by up to 0.5 ns.
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

/** Distance from |x| to the next larger double: the resolution of the clock near time x. */
export function ulp(x: number): number {
  const magnitude = Math.abs(x);
  if (magnitude < 2 ** -1022) return 2 ** -1074;
  return 2 ** (Math.floor(Math.log2(magnitude)) - 52);
}
