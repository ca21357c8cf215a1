/**
 * How numbers appear in result files: full precision in the shortest form that reads back
 * to the same double (JavaScript's own number-to-string), and an empty cell for "no value".
 */

/** A number as a CSV cell: shortest round-trip form; empty for NaN. */
export function numberCell(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}
