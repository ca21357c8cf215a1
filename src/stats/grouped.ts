/**
 * Grouping items by a key into compressed rows (a counting sort): items of group g are
 * items[start[g] .. start[g+1]), in their original order. Paths (hops by message) and row
 * frames (messages by ledger row) are both built this way.
 */

/** Item indices grouped by key. */
export interface Grouped {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** Groups items 0..itemCount-1 by `keyOf(item)` in [0, groupCount); a key outside that range leaves the item out. */
export function groupByKey(groupCount: number, itemCount: number, keyOf: (item: number) => number): Grouped {
  const start = new Int32Array(groupCount + 1);
  for (let item = 0; item < itemCount; item++) {
    const key = keyOf(item);
    if (key >= 0 && key < groupCount) start[key + 1]!++;
  }
  for (let g = 0; g < groupCount; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groupCount);
  const items = new Int32Array(start[groupCount]!);
  for (let item = 0; item < itemCount; item++) {
    const key = keyOf(item);
    if (key >= 0 && key < groupCount) items[fill[key]!++] = item;
  }
  return { start, items };
}
