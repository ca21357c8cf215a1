/**
 * Growing a typed column: journals, the delivery ledger, timer tables and search heaps keep
 * their records in typed arrays that double when full.
 */

/** Any typed array used as a column. */
export type Column = Int32Array | Uint32Array | Float64Array | Uint8Array | Uint16Array;

/** A copy of `column` with room for `capacity` entries; new entries hold `fill`. */
export function resized<C extends Column>(column: C, capacity: number, fill = 0): C {
  const next = new (column.constructor as new (length: number) => C)(capacity);
  if (fill !== 0) next.fill(fill as never);
  next.set(column.subarray(0, Math.min(column.length, capacity)) as never);
  return next;
}
