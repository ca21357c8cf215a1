/**
 * Figures of the benchmarks for people: the median of repeated runs, and a value in its unit
 * as the tables print it. Shared by `npm run bench` (main.ts) and `npm run bench:peers`
 * (peers.ts), so that both tables read alike.
 */

/** The median of `values` (the mean of the middle two when their number is even); NaN if there are none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `value` in `unit` as a table cell: bytes in MB, seconds in s or µs, ratios as ×, shares as %, rates in k and M. */
export function readable(value: number, unit: string): string {
  if (value === Infinity) return '-';
  if (unit === 'bytes') return `${(value / 1e6).toFixed(1)} MB`;
  // Latencies are microseconds: three decimals of a second would show them as 0.
  if (unit === 's') return value < 0.01 ? `${(value * 1e6).toFixed(0)} µs` : `${value.toFixed(3)} s`;
  if (unit === 'x') return `${value.toFixed(2)}×`;
  if (unit === 'share') return `${(value * 100).toFixed(1)}%`;
  // Small rates (cases/s) would round to a whole number; counts stay whole.
  if (value < 10 && !Number.isInteger(value)) return value.toFixed(2);
  if (value < 1e3) return value.toFixed(0);
  return value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : `${(value / 1e3).toFixed(1)} k`;
}
