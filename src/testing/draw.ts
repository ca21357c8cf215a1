/**
 * Building blocks of the arbitraries: durations in steps, probabilities in percent, and
 * arrays that shrink by losing any item. Each one can also shrink a value without the
 * context fast-check keeps for values it generated (every map has its inverse), because
 * case-shrink.ts hands fast-check values it made itself (a timeline moved earlier, a
 * part removed), and those must go on shrinking like any other.
 */
import fc from 'fast-check';

/** Durations step by {@link STEP_MICROS}: coarse enough to shrink in few steps, fine enough to matter. */
export const STEP_MICROS = 100;

/** A whole number, as an unmapper receives it (anything else cannot come from the arbitrary). */
function wholeNumber(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`not a number: ${String(value)}`);
  return value;
}

/** A duration in [min, max] microseconds, in steps of {@link STEP_MICROS}, shrinking to `min`. */
export function microsBetween(min: number, max: number): fc.Arbitrary<number> {
  const low = Math.ceil(min / STEP_MICROS);
  const steps = fc.integer({ min: low, max: Math.max(low, Math.floor(max / STEP_MICROS)) });
  return steps.map(
    (n) => n * STEP_MICROS,
    (value) => Math.round(wholeNumber(value) / STEP_MICROS),
  );
}

/** The shortest duration {@link microsBetween} gives for `min`. */
export function lowestMicros(min: number): number {
  return Math.ceil(min / STEP_MICROS) * STEP_MICROS;
}

/** A probability in steps of 1/100 from 0 to `max`, shrinking to 0. */
export function probability(max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: Math.round(max * 100) }).map(
    (percent) => percent / 100,
    (value) => Math.round(wholeNumber(value) * 100),
  );
}

/**
 * Arrays of `min` to `max` items that shrink by losing any item, down to `min`. fast-check's
 * own array shrinker reaches the minimum length only by dropping leading items (an array one
 * item longer than its minimum never loses its last item), so this draws down to `min - 1`
 * items and completes a short draw with `filler`, the simplest item.
 */
export function arrayOf<T>(item: fc.Arbitrary<T>, min: number, max: number, filler: T): fc.Arbitrary<T[]> {
  if (min === 0 || min === max) return fc.array(item, { minLength: min, maxLength: max });
  return fc.array(item, { minLength: min - 1, maxLength: max }).map(
    (items) => (items.length < min ? [...items, filler] : items),
    (value) => {
      if (!Array.isArray(value)) throw new TypeError('not an array');
      return value as T[];
    },
  );
}
